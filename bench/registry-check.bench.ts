/**
 * Registry checks benchmark: `onconet registry check`'s engine (streamed CSV read + every IARC check, ICD-10
 * conversion and the multiple-primary decisions per person) over 200,000 synthetic tumour rows. The baseline
 * is a plain streamed csv-parse of the same file in the same run, so the ratio shows what the checks cost
 * over just reading the rows.
 */
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse';
import { readCsv } from '../packages/cli/src/io/csv.ts';
import { checkRows, REQUIRED_COLUMNS } from '../packages/cli/src/registry/check-file.ts';
import { timed, writeResults } from './support.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 200_000);
const SEED = 4;

/** mulberry32: a small seeded generator so every run checks the same file. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SITES: ReadonlyArray<readonly [string, string, number]> = [
  ['C34.1', '8140', 0.18], ['C34.9', '8070', 0.08], ['C16.9', '8140', 0.1], ['C22.0', '8170', 0.1], ['C18.7', '8140', 0.07], ['C20.9', '8140', 0.06],
  ['C15.5', '8070', 0.06], ['C50.4', '8500', 0.07], ['C53.9', '8070', 0.03], ['C73.9', '8260', 0.05], ['C61.9', '8140', 0.03], ['C42.1', '9861', 0.02],
  ['C77.2', '9680', 0.02], ['C80.9', '8000', 0.03], ['C99.9', '8140', 0.01], ['C16.9', '8888', 0.01], ['C71.9', '9440', 0.08],
];

function makeFile(path: string): void {
  const r = rng(SEED);
  const lines = ['id,person_id,sex,birth_date,incidence_date,topography,morphology,behaviour,grade,basis,death_date'];
  const pick = () => {
    let x = r();
    for (const s of SITES) if ((x -= s[2]) <= 0) return s;
    return SITES[0]!;
  };
  for (let i = 0; i < ROWS; i += 1) {
    const [site, morph] = pick();
    const sex = site.startsWith('C53') ? 2 : site.startsWith('C61') ? 1 : r() < 0.55 ? 1 : 2;
    const by = 1925 + Math.floor(r() * 70);
    const iy = 2015 + Math.floor(r() * 8);
    const date = (y: number) => `${y}-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;
    const person = r() < 0.08 ? `P${Math.floor(i / 2)}` : `P${i}`;
    const basis = r() < 0.68 ? 7 : r() < 0.5 ? 2 : r() < 0.5 ? 0 : 1;
    const death = r() < 0.3 ? date(iy + 1) : '';
    lines.push(`T${i},${person},${sex},${date(by)},${date(iy)},${site},${morph},3,${1 + Math.floor(r() * 4)},${basis},${death}`);
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}

async function plainParse(path: string): Promise<number> {
  let n = 0;
  const parser = createReadStream(path).pipe(parse({ columns: true, skip_empty_lines: true, trim: true }));
  for await (const _ of parser as AsyncIterable<unknown>) n += 1;
  return n;
}

const dir = mkdtempSync(join(tmpdir(), 'onconet-bench-registry-'));
try {
  const file = join(dir, 'tumours.csv');
  const made = await timed(() => makeFile(file));
  // Warm-up on the same file so both measurements run on JIT-compiled code.
  await plainParse(file);
  const baseline = await timed(() => plainParse(file));
  const checked = await timed(() => checkRows(file, readCsv(file, REQUIRED_COLUMNS), '2024-06-30'));
  const s = checked.value.summary;
  writeResults('registry-check', {
    rows: ROWS,
    generateMs: Math.round(made.ms),
    baseline: { name: 'csv-parse of the same file', ms: Math.round(baseline.ms), rowsPerSecond: Math.round((baseline.value / baseline.ms) * 1000) },
    checks: { ms: Math.round(checked.ms), rowsPerSecond: Math.round((s.records / checked.ms) * 1000), errors: s.errors, warnings: s.warnings, duplicates: s.duplicates },
    ratio: { checksOverParse: Number((checked.ms / baseline.ms).toFixed(2)) },
    rssMiB: Math.round(process.memoryUsage().rss / 1048576),
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
