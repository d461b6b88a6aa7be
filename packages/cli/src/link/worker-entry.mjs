// Worker threads do not inherit the tsx loader that bin/onconet.mjs registers, so each worker
// registers it before importing the TypeScript worker module.
import { register } from 'tsx/esm/api';

register();
await import('./link-worker.ts');
