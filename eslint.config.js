import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// The domain layer is pure (DESIGN.md): no Node built-ins, no database, HTTP or UI module.
const impureModules = [
  'node:*', 'fs', 'path', 'crypto', 'os', 'child_process', 'worker_threads',
  'pg', 'pg-*', '@electric-sql/*', 'kysely', 'fastify', '@fastify/*', 'react', 'react-*', 'antd',
  '@onconet/storage', '@onconet/services', '@onconet/server', '@onconet/web', '@onconet/cli',
];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', 'bench/results/**', 'screenshots/**', 'bin/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.browser },
      parserOptions: { projectService: { allowDefaultProject: ['*.js', '*.mjs'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
    },
  },
  {
    files: ['packages/domain/src/**/*.ts'],
    ignores: ['packages/domain/src/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: impureModules.map((group) => ({ group: [group], message: 'domain is pure: I/O belongs to storage, services or interfaces' })) }] },
  },
  {
    files: ['packages/storage/src/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['@onconet/services', '@onconet/server', '@onconet/web', '@onconet/cli'] }] },
  },
  {
    files: ['packages/services/src/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['@onconet/server', '@onconet/web', '@onconet/cli'] }] },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
