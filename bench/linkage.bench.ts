/**
 * Linkage benchmark (issue 3): `onconet link dedupe` on 1,000,000 synthetic Chinese person records with
 * about 10% further records of the same persons (homophones, traditional and pinyin-only names, ID typos,
 * transpositions and 15-digit numbers, day–month swaps, moves, missing phones), run as a child process
 * with two worker threads. Targets: ≤ 60 s wall time, ≤ 4 GiB peak memory (peak RSS of the process, its
 * worker threads included, from /usr/bin/time -v), precision and recall ≥ 0.98. Baselines in the same run:
 * a plain csv-parse read of the same file, and the exact join on the resident ID (what a registry without
 * probabilistic linkage does), so the figures can be quoted as ratios.
 */
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse';
import { clusterPairs, pairwiseMetrics, type PairwiseMetrics } from '@onconet/domain/linkage/evaluate/pairwise-metrics';
import { normaliseResidentId } from '@onconet/domain/linkage/normalise/resident-id';
import { CHINESE_LINK_FIELDS, generateChineseDuplicates, LINKAGE_CSV_COLUMNS, linkageCsvCells } from '@onconet/domain/synthetic/chinese-duplicates';
import { timed, writeResults } from './support.ts';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 1_000_000);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);
const SEED = 2026;
const BIN = fileURLToPath(new URL('../bin/onconet.mjs', import.meta.url));

const quote = (v: string): string => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

async function makeFile(path: string): Promise<string[]> {
  const out = createWriteStream(path);
  const truth: string[] = [];
  out.write(`${LINKAGE_CSV_COLUMNS.join(',')}\n`);
  let chunk = '';
  for (const record of generateChineseDuplicates({ seed: SEED, records: RECORDS })) {
    truth.push(record.personKey);
    chunk += `${linkageCsvCells(record).map(quote).join(',')}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  return truth;
}

async function plainParse(path: string): Promise<number> {
  let n = 0;
  const parser = createReadStream(path).pipe(parse({ columns: true, skip_empty_lines: true, trim: true }));
  for await (const _ of parser as AsyncIterable<unknown>) n += 1;
  return n;
}

/** The exact-ID join: streamed read, IDs normalised (15 → 18 digits), records sharing one linked. */
async function exactIdJoin(path: string): Promise<{ left: Int32Array; right: Int32Array }> {
  const byId = new Map<string, number[]>();
  let row = 0;
  const parser = createReadStream(path).pipe(parse({ columns: true, skip_empty_lines: true, trim: true }));
  for await (const record of parser as AsyncIterable<Record<string, string>>) {
    const id = normaliseResidentId(record.id_no ?? '').id;
    if (id !== '') byId.set(id, [...(byId.get(id) ?? []), row]);
    row += 1;
  }
  const left: number[] = [];
  const right: number[] = [];
  for (const rows of byId.values()) for (let a = 0; a < rows.length; a++) {
    for (let b = a + 1; b < rows.length; b++) {
      left.push(rows[a]!);
      right.push(rows[b]!);
    }
  }
  return { left: Int32Array.from(left), right: Int32Array.from(right) };
}

interface Run {
  readonly ms: number;
  readonly peakRssKiB: number;
  /** User + system CPU seconds of the process, all threads (the machine may be shared: see loadAverage). */
  readonly cpuSeconds: number;
  readonly summary: Record<string, unknown>;
}

function runCli(args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn('/usr/bin/time', ['-v', process.execPath, BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - start;
      if (code !== 0) return reject(new Error(`onconet link dedupe exited ${code}: ${err.slice(-2000)}`));
      const peak = /Maximum resident set size \(kbytes\): (\d+)/.exec(err);
      const seconds = (label: string): number => Number(new RegExp(`${label} time \\(seconds\\): ([\\d.]+)`).exec(err)?.[1] ?? NaN);
      resolve({ ms, peakRssKiB: Number(peak?.[1] ?? NaN), cpuSeconds: seconds('User') + seconds('System'), summary: JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown> });
    });
  });
}

/** Reads pairs.csv / clusters.csv back into record indices (record ids are R + 8-digit emission order). */
function indexOf(id: string): number {
  return Number(id.slice(1)) - 1;
}

function readPairs(path: string): { left: Int32Array; right: Int32Array } {
  const lines = readFileSync(path, 'utf8').split('\n').slice(1).filter(Boolean);
  const left = new Int32Array(lines.length);
  const right = new Int32Array(lines.length);
  lines.forEach((line, p) => {
    const [l, r] = line.split(',');
    left[p] = indexOf(l ?? '');
    right[p] = indexOf(r ?? '');
  });
  return { left, right };
}

function readClusters(path: string, n: number): Int32Array {
  const cluster = new Int32Array(n);
  for (const line of readFileSync(path, 'utf8').split('\n').slice(1)) {
    if (!line) continue;
    const [id, c] = line.split(',');
    cluster[indexOf(id ?? '')] = indexOf(c ?? '');
  }
  return cluster;
}

const round = (x: number, digits = 4): number => Number(x.toFixed(digits));
const figures = (m: PairwiseMetrics) => ({ truePairs: m.truePairs, predictedPairs: m.predictedPairs, truePositives: m.truePositives, precision: round(m.precision), recall: round(m.recall), f1: round(m.f1) });

const dir = mkdtempSync(join(tmpdir(), 'onconet-bench-linkage-'));
try {
  const input = join(dir, 'people.csv');
  const config = join(dir, 'link.json');
  writeFileSync(config, JSON.stringify({ fields: CHINESE_LINK_FIELDS }));
  const made = await timed(() => makeFile(input));
  const truth = made.value;
  process.stderr.write(`generated ${RECORDS} records in ${Math.round(made.ms)} ms\n`);
  await plainParse(input); // warm the page cache and the JIT so the baseline is not penalised
  const baseline = await timed(() => plainParse(input));
  const join15 = await timed(() => exactIdJoin(input));
  const loadBefore = loadavg()[0] ?? 0;
  const run = await runCli([
    'link', 'dedupe', '--input', input, '--id', 'record_id', '--config', config, '--out', join(dir, 'pairs.csv'), '--clusters', join(dir, 'clusters.csv'),
    '--workers', String(WORKERS), '--truth', 'person_id', '--format', 'json',
  ]);
  const pairs = readPairs(join(dir, 'pairs.csv'));
  const clusters = clusterPairs(readClusters(join(dir, 'clusters.csv'), truth.length));
  const s = run.summary;
  writeResults('linkage', {
    records: RECORDS,
    duplicateRecords: truth.length - new Set(truth).size,
    workers: WORKERS,
    generateMs: Math.round(made.ms),
    dedupe: {
      wallSeconds: round(run.ms / 1000, 2),
      peakRssMiB: Math.round(run.peakRssKiB / 1024),
      cpuSeconds: round(run.cpuSeconds, 2),
      // Other processes share the machine; the 1-minute load average before and after the run says how much.
      loadAverage: { before: round(loadBefore, 2), after: round(loadavg()[0] ?? 0, 2), cores: availableParallelism() },
      phases: s.phases,
      phaseCpu: s.phaseCpu,
      comparedPairs: s.candidatePairs,
      totalPairs: s.totalPairs,
      reductionRatio: s.reductionRatio,
      pairsCompleteness: s.pairsCompleteness,
      rules: s.rules,
      lambda: s.lambda,
    },
    quality: { pairs: figures(pairwiseMetrics(truth, pairs.left, pairs.right)), clusters: figures(pairwiseMetrics(truth, clusters.left, clusters.right)) },
    baselines: {
      csvParse: { ms: Math.round(baseline.ms), records: baseline.value },
      exactIdJoin: { ms: Math.round(join15.ms), ...figures(pairwiseMetrics(truth, join15.value.left, join15.value.right)) },
    },
    ratio: { dedupeOverCsvParse: round(run.ms / baseline.ms, 2), dedupeOverExactIdJoin: round(run.ms / join15.ms, 2) },
    targets: { wallSeconds: 60, peakRssMiB: 4096, precision: 0.98, recall: 0.98 },
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
