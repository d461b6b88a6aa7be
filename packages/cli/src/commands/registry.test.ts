import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMain } from '../../test/run-main.ts';

const dir = mkdtempSync(join(tmpdir(), 'onconet-registry-check-'));
const file = (name: string, content: string | Buffer): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const HEADER = 'id,person_id,sex,birth_date,incidence_date,topography,morphology,behaviour,grade,basis,death_date';

const run = runMain;

describe('onconet registry check', () => {
  it('prints one JSON document with per-record results, multiple-primary decisions and a summary', async () => {
    const path = file('tumours.csv', [
      HEADER,
      'T1,P1,1,1950-03-01,2020-05-10,C169,8140,3,2,7,',
      'T2,P1,1,1950-03-01,2022-01-10,C16.2,8140,3,9,7,',
      'T3,P1,1,1950-03-01,2022-01-10,C34.1,8070,3,9,7,',
      'T4,P2,1,1970-01-01,2021-03-02,C53.9,8070,3,2,7,',
      'T5,P3,2,1980-01-01,2030-03-02,C99.9,8140,3,2,7,',
    ].join('\n'));
    const { code, out } = await run(['registry', 'check', path, '--format', 'json', '--today', '2024-06-30']);
    expect(code).toBe(0);
    const doc = JSON.parse(out) as { records: Array<{ id: string; results: Array<{ rule: string; severity: string; message: string }>; multiple_primary: { duplicate_of: string | null } }>; summary: Record<string, unknown> };
    const byId = new Map(doc.records.map((r) => [r.id, r]));
    expect(byId.get('T1')?.results).toEqual([]);
    expect(byId.get('T2')?.multiple_primary.duplicate_of).toBe('T1');
    expect(byId.get('T3')?.multiple_primary.duplicate_of).toBeNull();
    expect(byId.get('T4')?.results.map((r) => `${r.rule}:${r.severity}`)).toEqual(['sex.site:error']);
    expect(byId.get('T5')?.results.map((r) => r.rule).sort()).toEqual(['code.topography', 'dates.future']);
    expect(doc.summary).toMatchObject({ records: 5, errors: 3, duplicates: 1, records_with_errors: 2 });
  });
  it('accepts an age column instead of the birth date and prints a human table', async () => {
    const path = file('age.csv', 'id,sex,age,incidence_date,topography,morphology,behaviour,grade,basis\nA1,2,8,2020-01-01,C53.9,8070,3,9,7\n');
    const { code, out } = await run(['registry', 'check', path, '--today', '2024-06-30', '--lang', 'zh']);
    expect(code).toBe(0);
    expect(out).toContain('age.site');
    expect(out).toContain('1条记录');
  });
  it('exits 2 naming the file and column when a required column is missing', async () => {
    const path = file('missing.csv', 'id,sex,birth_date,incidence_date,topography,morphology,behaviour,grade\nT1,1,1950-01-01,2020-01-01,C16.9,8140,3,2\n');
    const { code, err } = await run(['registry', 'check', path]);
    expect(code).toBe(2);
    expect(err).toContain('missing.csv');
    expect(err).toContain('column basis');
  });
  it('exits 2 when neither birth_date nor age is there, on a GBK file and on a malformed CSV', async () => {
    const noAge = file('noage.csv', 'id,sex,incidence_date,topography,morphology,behaviour,grade,basis\nT1,1,2020-01-01,C16.9,8140,3,2,7\n');
    expect((await run(['registry', 'check', noAge])).err).toContain('birth_date');
    const gbk = file('gbk.csv', Buffer.concat([Buffer.from(`${HEADER}\nT1,P1,`), Buffer.from([0xc4, 0xd0]), Buffer.from(',1950-01-01,2020-01-01,C16.9,8140,3,2,7,\n')]));
    const g = await run(['registry', 'check', gbk]);
    expect(g.code).toBe(2);
    expect(g.err).toContain('GBK');
    const broken = file('broken.csv', `${HEADER}\nT1,P1,1,"1950-01-01,2020-01-01,C16.9,8140,3,2,7,\n`);
    const b = await run(['registry', 'check', broken]);
    expect(b.code).toBe(2);
    expect(b.err).toContain('broken.csv');
  });
  it('exits 2 on a duplicated id, naming the row', async () => {
    const path = file('dup.csv', `${HEADER}\nT1,P1,1,1950-01-01,2020-01-01,C16.9,8140,3,2,7,\nT1,P1,1,1950-01-01,2020-01-01,C16.9,8140,3,2,7,\n`);
    const { code, err } = await run(['registry', 'check', path]);
    expect(code).toBe(2);
    expect(err).toContain('row 2');
  });
});
