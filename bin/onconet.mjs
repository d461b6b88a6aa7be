#!/usr/bin/env node
// The `onconet` command: registers tsx so the TypeScript sources run without a build step.
import './heap-policy.mjs';
import { register } from 'tsx/esm/api';
register();
const { main } = await import('../packages/cli/src/main.ts');
process.exitCode = await main(process.argv.slice(2));
