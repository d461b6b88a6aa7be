// The platform's V8 heap policy: set by the `onconet` command (CLI and server) before anything else, and by the
// benchmarks that measure what the command does.
//
// After each full collection V8 lets the old generation grow to up to four times what survived it when memory is
// plentiful (on a 24 GiB machine it is). A province-year's import keeps about 170 MiB live and allocates fast, so
// the heap grew to 550 MiB of mostly garbage and the process's resident memory to about 1 GiB. Letting it grow to
// twice the live heap, the same import peaks near 640 MiB at the same speed; growing by half, near 575 MiB, but
// the extra collections cost 5-8 s of CPU (bench/registry-import.bench.ts, runs alternated in the same minutes:
// default 847 MiB / 49.9 s, 100 % 628-642 MiB / 49.8-51.6 s, 50 % 575-578 MiB / 51.7-57.4 s).
import v8 from 'node:v8';

export const HEAP_GROWING_PERCENT = 100;
v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
