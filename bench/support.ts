import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Every benchmark writes one JSON document with its figures, the machine and the time of the run. */
export function writeResults(name: string, figures: Record<string, unknown>): void {
  const dir = fileURLToPath(new URL('./results/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const document = { benchmark: name, ranAt: new Date().toISOString(), node: process.version, cpus: (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? null, ...figures };
  writeFileSync(`${dir}${name}.json`, `${JSON.stringify(document, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
}

export async function timed<T>(fn: () => Promise<T> | T): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - start };
}
