import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseLinkConfig } from '@onconet/domain/linkage/config/link-config';
import { clusterPairs, pairsCompleteness, pairwiseMetrics } from '@onconet/domain/linkage/evaluate/pairwise-metrics';
import { CHINESE_LINK_FIELDS, generateChineseDuplicates, LINKAGE_CSV_COLUMNS, linkageCsvCells } from '@onconet/domain/synthetic/chinese-duplicates';
import { describe, expect, it } from 'vitest';
import { runBatch } from './batch.ts';

/**
 * The Chinese quality target of issue 3 on the project's own synthetic benchmark: 20,000 records, about
 * a tenth of them further records of a person (homophones, traditional and pinyin-only names, ID typos,
 * transpositions and 15-digit numbers, day–month swaps, moves, missing phones). The run is the one
 * `onconet link dedupe` makes with link.json naming the fields only: default blocking, default
 * thresholds, trained without labels. The truth (person_id) is in the file but not in link.json; it is
 * read from the generator only to score.
 */
describe('Chinese synthetic duplicates (unsupervised, defaults)', () => {
  it('reaches precision ≥ 0.98 and recall ≥ 0.98 on 20,000 records, for the pairs and for the clusters', async () => {
    const records = [...generateChineseDuplicates({ seed: 20_000, records: 20_000 })];
    const file = join(tmpdir(), `onconet-chinese-${process.pid}.csv`);
    const quote = (v: string): string => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
    writeFileSync(file, [LINKAGE_CSV_COLUMNS.join(','), ...records.map((r) => linkageCsvCells(r).map(quote).join(','))].join('\n'));
    const config = parseLinkConfig({ fields: CHINESE_LINK_FIELDS });
    if (!config.ok) throw new Error(config.error.message);
    const result = await runBatch({ files: [file], idColumn: 'record_id', config: config.value, clusters: true, workers: 2 });
    const byId = new Map(records.map((r) => [r.recordId, r.personKey]));
    const truth = result.ids.map((id) => byId.get(id) ?? id);
    expect(truth.length).toBe(20_000);
    expect(pairsCompleteness(truth, result.groups)).toBeGreaterThanOrEqual(0.99);
    const pairs = pairwiseMetrics(truth, result.pairs.left, result.pairs.right);
    expect(pairs.truePairs).toBeGreaterThan(2000);
    expect(pairs.precision).toBeGreaterThanOrEqual(0.98);
    expect(pairs.recall).toBeGreaterThanOrEqual(0.98);
    const fromClusters = clusterPairs(result.cluster ?? new Int32Array());
    const clusters = pairwiseMetrics(truth, fromClusters.left, fromClusters.right);
    expect(clusters.precision).toBeGreaterThanOrEqual(0.98);
    expect(clusters.recall).toBeGreaterThanOrEqual(0.98);
    expect(result.stats.reductionRatio).toBeGreaterThan(0.99);
  }, 120_000);
});
