// The validation worker's entry: a worker thread does not inherit the main thread's TypeScript loader, so it
// registers tsx (as bin/onconet.mjs does) before loading the worker's sources.
import { register } from 'tsx/esm/api';

register();
await import('./validation-worker.ts');
