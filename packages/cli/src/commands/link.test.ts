import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pairwiseMetrics } from '@onconet/domain/linkage/evaluate/pairwise-metrics';
import { CHINESE_LINK_FIELDS, generateChineseDuplicates, LINKAGE_CSV_COLUMNS, linkageCsvCells } from '@onconet/domain/synthetic/chinese-duplicates';
import { describe, expect, it } from 'vitest';
import { runMain } from '../../test/run-main.ts';

const dir = mkdtempSync(join(tmpdir(), 'onconet-link-cli-'));
const file = (name: string, content: string): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const config = file('link.json', JSON.stringify({ fields: CHINESE_LINK_FIELDS }));
const HEADER = LINKAGE_CSV_COLUMNS.join(',');
const ROW = (id: string) => `${id},P1,王丽,2,1980-03-07,500101198003071026,13800138000,500101001,重庆市万州区人民路1号`;

const run = runMain;
const dedupe = (input: string, cfg = config, extra: string[] = []) => run(['link', 'dedupe', '--input', input, '--id', 'record_id', '--config', cfg, '--out', join(dir, 'pairs.csv'), '--workers', '2', ...extra]);

describe('onconet link dedupe', () => {
  it('finds the duplicates of a Chinese file and writes pairs, clusters and a JSON summary', async () => {
    const records = [...generateChineseDuplicates({ seed: 11, records: 3000 })];
    const input = file('people.csv', [HEADER, ...records.map((r) => linkageCsvCells(r).join(','))].join('\n'));
    const clusters = join(dir, 'clusters.csv');
    const { code, out, err } = await dedupe(input, config, ['--clusters', clusters, '--format', 'json', '--truth', 'person_id']);
    expect(err).toBe('');
    expect(code).toBe(0);
    const summary = JSON.parse(out) as { records: number; candidatePairs: number; reductionRatio: number; pairsCompleteness: number; pairQuality: { precision: number; recall: number } };
    expect(summary.records).toBe(3000);
    expect(summary.reductionRatio).toBeGreaterThan(0.9);
    expect(summary.pairsCompleteness).toBeGreaterThan(0.98);
    // Score the written files independently of the summary.
    const [head, ...lines] = readFileSync(join(dir, 'pairs.csv'), 'utf8').trim().split('\n');
    expect(head).toBe('id_l,id_r,match_probability,match_weight');
    const index = new Map(records.map((r, i) => [r.recordId, i]));
    const cells = lines.map((l) => l.split(','));
    for (const c of cells) expect(Number(c[2])).toBeGreaterThanOrEqual(0.9);
    const m = pairwiseMetrics(records.map((r) => r.personKey), cells.map((c) => index.get(c[0] ?? '') ?? -1), cells.map((c) => index.get(c[1] ?? '') ?? -1));
    expect(m.precision).toBeGreaterThan(0.97);
    expect(m.recall).toBeGreaterThan(0.97);
    expect(summary.pairQuality.precision).toBeCloseTo(m.precision, 3);
    const clusterLines = readFileSync(clusters, 'utf8').trim().split('\n');
    expect(clusterLines[0]).toBe('id,cluster_id');
    expect(new Set(clusterLines.slice(1).map((l) => l.split(',')[0])).size).toBe(3000);
  }, 60_000);

  it('exits 2 naming the file and column when the id column is missing', async () => {
    const input = file('noid.csv', `name,sex\n王丽,2\n`);
    const { code, err } = await dedupe(input);
    expect(code).toBe(2);
    expect(err).toContain('noid.csv');
    expect(err).toContain('row 0');
    expect(err).toContain('column record_id');
  });

  it('exits 2 naming link.json and the field for a bad field type, bad JSON or an unknown blocking column', async () => {
    const input = file('ok.csv', `${HEADER}\n${ROW('R1')}\n${ROW('R2')}\n`);
    const badType = file('bad-type.json', JSON.stringify({ fields: { ...CHINESE_LINK_FIELDS, name: 'fullname' } }));
    const t = await dedupe(input, badType);
    expect(t.code).toBe(2);
    expect(t.err).toContain('bad-type.json');
    expect(t.err).toContain('fields.name');
    const notJson = file('not-json.json', '{"fields": {');
    const j = await dedupe(input, notJson);
    expect(j.code).toBe(2);
    expect(j.err).toContain('not-json.json');
    expect(j.err).toContain('not valid JSON');
    const badRule = file('bad-rule.json', JSON.stringify({ fields: CHINESE_LINK_FIELDS, blocking: [['name'], ['dob']] }));
    const b = await dedupe(input, badRule);
    expect(b.code).toBe(2);
    expect(b.err).toContain('blocking[1]');
    const missingColumn = file('missing-col.json', JSON.stringify({ fields: { ...CHINESE_LINK_FIELDS, email: 'text' } }));
    const c = await dedupe(input, missingColumn);
    expect(c.code).toBe(2);
    expect(c.err).toContain('ok.csv');
    expect(c.err).toContain('column email');
  });

  it('exits 2 naming the row for an empty id, a repeated id, a short row and a broken quote', async () => {
    const empty = await dedupe(file('empty.csv', `${HEADER}\n${ROW('R1')}\n${ROW('R2')}\n${ROW('')}\n`));
    expect(empty.code).toBe(2);
    expect(empty.err).toMatch(/empty\.csv, row 3, column record_id: the record id is empty/);
    const twice = await dedupe(file('twice.csv', `${HEADER}\n${ROW('R1')}\n${ROW('R2')}\n${ROW('R1')}\n`));
    expect(twice.err).toMatch(/twice\.csv, row 3, column record_id: the record id "R1" occurs twice/);
    const short = await dedupe(file('short.csv', `${HEADER}\n${ROW('R1')}\nR2,P2,李明\n`));
    expect(short.code).toBe(2);
    expect(short.err).toMatch(/short\.csv, row 2: malformed CSV/);
    const quote = await dedupe(file('quote.csv', `${HEADER}\n${ROW('R1')}\n${ROW('R2').replace('王丽', '"王丽')}\n`));
    expect(quote.code).toBe(2);
    expect(quote.err).toMatch(/quote\.csv, row 2: malformed CSV/);
  });

  it('counts rows across the chunks the workers parse (a repeated id deep in a large file)', async () => {
    const rows = Array.from({ length: 60_000 }, (_, i) => ROW(`R${i + 1}`));
    rows[54_320] = ROW('R17');
    const { code, err } = await dedupe(file('large.csv', `${HEADER}\n${rows.join('\n')}\n`));
    expect(code).toBe(2);
    expect(err).toContain('large.csv, row 54321, column record_id');
  }, 30_000);

  it('exits 2 for a file that is not UTF-8, has no data rows, or a bad --threshold', async () => {
    const gbk = join(dir, 'gbk.csv');
    writeFileSync(gbk, Buffer.concat([Buffer.from(`${HEADER}\nR1,P1,`), Buffer.from([0xcd, 0xf5]), Buffer.from(',2,1980-03-07,,,,\n')]));
    const g = await dedupe(gbk);
    expect(g.code).toBe(2);
    expect(g.err).toContain('UTF-8');
    const headerOnly = await dedupe(file('header.csv', `${HEADER}\n`));
    expect(headerOnly.code).toBe(2);
    expect(headerOnly.err).toContain('no data rows');
    const threshold = await dedupe(file('one.csv', `${HEADER}\n${ROW('R1')}\n`), config, ['--threshold', '1.5']);
    expect(threshold.code).toBe(2);
    expect(threshold.err).toContain('--threshold');
  });
});
