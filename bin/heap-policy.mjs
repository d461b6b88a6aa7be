// The platform's V8 heap policy: set by the `onconet` command (CLI and server) before anything else, and by the
// benchmarks that measure what the command does.
//
// After each full collection V8 lets the old generation grow to up to four times what survived it when memory is
// plentiful (on a 24 GiB machine it is). A province-year's import keeps about 170 MiB live and allocates fast, so
// the heap grew to 550 MiB of mostly garbage and the process's resident memory to about 1 GiB. Growing by half the
// live heap instead, the same import stays under 600 MiB at the same speed (bench/registry-import.bench.ts, runs
// side by side: 565 and 577 MiB against 993 MiB; 51.8 s against 53.6 s).
import v8 from 'node:v8';

export const HEAP_GROWING_PERCENT = 50;
v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
