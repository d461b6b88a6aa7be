#!/usr/bin/env node
// `npm run bench [-- name ...]`: runs bench/<name>.bench.ts one after another (each writes bench/results/<name>.json).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('../bench/', import.meta.url));
// The foundation's person search comes first (issue order); the rest alphabetically.
const all = readdirSync(dir).filter((f) => f.endsWith('.bench.ts')).sort((a, b) => (a.startsWith('person-search') ? -1 : b.startsWith('person-search') ? 1 : a.localeCompare(b)));
const wanted = process.argv.slice(2);
const selected = wanted.length > 0 ? all.filter((f) => wanted.some((w) => f.startsWith(w))) : all;
let failed = 0;
for (const file of selected) {
  process.stdout.write(`\n=== ${file}\n`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', dir + file], { stdio: 'inherit' });
  if (run.status !== 0) failed += 1;
}
process.exit(failed > 0 ? 1 : 0);
