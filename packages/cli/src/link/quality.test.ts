import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseLinkConfig } from '@onconet/domain/linkage/config/link-config';
import { clusterPairs, pairwiseMetrics } from '@onconet/domain/linkage/evaluate/pairwise-metrics';
import { describe, expect, it } from 'vitest';
import { runBatch } from './batch.ts';

/**
 * Quality floors on the public benchmarks in ../shared/data/linkage, run through the CLI's batch engine
 * (worker threads included). Training is unsupervised; the truth labels are read only to score the result.
 */
const DATA = '/work/shared/data/linkage/';

function config(fields: Record<string, string>) {
  const parsed = parseLinkConfig({ fields });
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
}

function labels(file: string, column: string, map: (v: string) => string = (v) => v): Map<string, string> {
  const [head, ...lines] = readFileSync(DATA + file, 'utf8').trim().split('\n');
  const names = (head ?? '').split(',').map((h) => h.trim());
  const idIndex = 0;
  const truthIndex = names.indexOf(column);
  return new Map(lines.map((line) => {
    const cells = line.split(',').map((c) => c.trim());
    return [cells[idIndex] ?? '', map(cells[truthIndex] ?? '')];
  }));
}

const febrl = config({
  given_name: 'given_name',
  surname: 'surname',
  street_number: 'identifier',
  address_1: 'text',
  address_2: 'text',
  suburb: 'text',
  postcode: 'postcode',
  state: 'text',
  date_of_birth: 'birth_date',
  soc_sec_id: 'identifier',
});
const febrlEntity = (id: string): string => id.split('-')[1] ?? id;

/** RLdata has no id column: a copy with a row id is written to a temporary file. */
function withRowIds(file: string): string {
  const [head, ...lines] = readFileSync(DATA + file, 'utf8').trim().split('\n');
  const out = join(tmpdir(), `onconet-${process.pid}-${file}`);
  writeFileSync(out, [`row_id,${head}`, ...lines.map((l, i) => `${i + 1},${l}`)].join('\n'));
  return out;
}

describe('linkage quality on public benchmarks (unsupervised)', () => {
  it('FEBRL 4 two-file linkage: F1 ≥ 0.99 (exact soc_sec_id join: 0.954)', async () => {
    const result = await runBatch({ files: [DATA + 'dataset4a.csv', DATA + 'dataset4b.csv'], idColumn: 'rec_id', config: febrl, workers: 2 });
    const truth = result.ids.map(febrlEntity);
    const m = pairwiseMetrics(truth, result.pairs.left, result.pairs.right, result.dataset.leftSize);
    expect(m.f1).toBeGreaterThanOrEqual(0.99);
    expect(m.precision).toBeGreaterThanOrEqual(0.99);
  }, 180_000);

  it('FEBRL 3 dedupe: pairwise F1 ≥ 0.97 for the pairs and for the clusters (Splink reported: 0.965)', async () => {
    const result = await runBatch({ files: [DATA + 'dataset3.csv'], idColumn: 'rec_id', config: febrl, clusters: true, workers: 2 });
    const truth = result.ids.map(febrlEntity);
    expect(pairwiseMetrics(truth, result.pairs.left, result.pairs.right).f1).toBeGreaterThanOrEqual(0.97);
    const fromClusters = clusterPairs(result.cluster ?? new Int32Array());
    expect(pairwiseMetrics(truth, fromClusters.left, fromClusters.right).f1).toBeGreaterThanOrEqual(0.97);
  }, 180_000);

  it('RLdata10000 dedupe: pairwise F1 ≥ 0.90 at the default link threshold', async () => {
    const file = withRowIds('RLdata10000.csv');
    const cfg = config({ fname_c1: 'given_name', lname_c1: 'surname', by: 'identifier', bm: 'identifier', bd: 'identifier' });
    const result = await runBatch({ files: [file], idColumn: 'row_id', config: cfg, workers: 2 });
    const truthById = new Map(readFileSync(file, 'utf8').trim().split('\n').slice(1).map((l) => [l.split(',')[0] ?? '', l.split(',').at(-1) ?? '']));
    const m = pairwiseMetrics(result.ids.map((id) => truthById.get(id) ?? id), result.pairs.left, result.pairs.right);
    expect(m.f1).toBeGreaterThanOrEqual(0.9);
    expect(m.precision).toBeGreaterThanOrEqual(0.98);
  }, 180_000);

  it('fake_1000 (Splink demo data) dedupe: clusters reach pairwise F1 ≥ 0.85', async () => {
    const cfg = config({ first_name: 'given_name', surname: 'surname', dob: 'birth_date', city: 'text', email: 'text' });
    const result = await runBatch({ files: [DATA + 'fake_1000.csv'], idColumn: 'unique_id', config: cfg, clusters: true, workers: 2 });
    const truthById = labels('fake_1000.csv', 'cluster');
    const truth = result.ids.map((id) => truthById.get(id) ?? id);
    const fromClusters = clusterPairs(result.cluster ?? new Int32Array());
    const m = pairwiseMetrics(truth, fromClusters.left, fromClusters.right);
    expect(m.f1).toBeGreaterThanOrEqual(0.85);
    expect(m.precision).toBeGreaterThanOrEqual(0.98);
  }, 180_000);
});
