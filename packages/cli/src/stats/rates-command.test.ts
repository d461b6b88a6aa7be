import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { directStandardise } from '@onconet/domain/epi/rates/direct-standardisation';
import { SEGI_1960 } from '@onconet/domain/epi/standards/standard-populations';
import { runMain } from '../../test/run-main.ts';

const dir = mkdtempSync(join(tmpdir(), 'onconet-stats-rates-'));
const file = (name: string, content: string): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const GROUPS = ['0-4', '5-9', '10-14', '15-19', '20-24', '25-29', '30-34', '35-39', '40-44', '45-49', '50-54', '55-59', '60-64', '65-69', '70-74', '75-79', '80-84', '85+'];

const run = runMain;

type Doc = { standard: string; strata: Array<Record<string, number | string>> };

// Aggregated cases of two sites and two sexes; population by sex.
const pyOf = (sex: number, i: number) => 10_000 + 1_000 * i + 100 * sex;
const casesOf = (site: string, sex: number, i: number) => (site === 'C16' ? i * sex : (i % 3) + sex);
const aggregatedCases = ['site,sex,age_group,cases', ...['C16', 'C34'].flatMap((site) => [1, 2].flatMap((sex) => GROUPS.map((g, i) => `${site},${sex},${g},${casesOf(site, sex, i)}`)))].join('\n');
const population = ['sex,age_group,py', ...[1, 2].flatMap((sex) => GROUPS.map((g, i) => `${sex},${g},${pyOf(sex, i)}`))].join('\n');

describe('onconet stats rates', () => {
  it('prints the JSON contract, with ASR and Fay–Feuer limits from the domain engine', async () => {
    const { code, out, err } = await run(['stats', 'rates', '--cases', file('agg.csv', aggregatedCases), '--population', file('pop.csv', population), '--standard', 'segi1960', '--by', 'site,sex', '--format', 'json']);
    expect(err).toBe('');
    expect(code).toBe(0);
    const doc = JSON.parse(out) as Doc;
    expect(doc.standard).toBe('segi1960');
    expect(doc.strata.map((s) => `${s.site}/${s.sex}`)).toEqual(['C16/1', 'C16/2', 'C34/1', 'C34/2']);
    const s = doc.strata[1]!;
    for (const key of ['cases', 'py', 'crude_rate', 'asr', 'asr_lower', 'asr_upper', 'cum_risk_0_74', 'truncated_asr_35_64']) expect(typeof s[key]).toBe('number');
    const c = GROUPS.map((_, i) => casesOf('C16', 2, i));
    const p = GROUPS.map((_, i) => pyOf(2, i));
    const expected = directStandardise(c, p, SEGI_1960.weights);
    expect(s.cases).toBe(c.reduce((a, b) => a + b, 0));
    expect(s.asr).toBeCloseTo(expected.asr * 1e5, 10);
    expect(s.asr_lower).toBeCloseTo(expected.lower * 1e5, 10);
    expect(s.asr_upper).toBeCloseTo(expected.upper * 1e5, 10);
  });

  it('reads one row per case with exact ages, sums the population over sex when --by omits it, and prints a table', async () => {
    const lines = ['sex,age,site'];
    for (let i = 0; i < 30; i += 1) lines.push(`${i % 2 === 0 ? 'M' : '女'},${(i * 3.1).toFixed(1)},C16`);
    lines.push('1,,C16');
    const pop19 = ['sex,age_group,population', ...[1, 2].flatMap((sex) => ['0', '1-4', ...GROUPS.slice(1)].map((g) => `${sex},${g},5000`))].join('\n');
    const json = await run(['stats', 'rates', '--cases', file('ind.csv', lines.join('\n')), '--population', file('pop19.csv', pop19), '--standard', 'china2000', '--format', 'json']);
    expect(json.code).toBe(0);
    const doc = JSON.parse(json.out) as Doc & { age_groups: string[] };
    expect(doc.age_groups).toHaveLength(19);
    expect(doc.strata).toHaveLength(1);
    expect(doc.strata[0]).toMatchObject({ cases: 31, py: 190_000, cases_unknown_age: 1 });
    expect(doc.strata[0]!.crude_rate).toBeCloseTo((31 / 190_000) * 1e5, 10);
    const table = await run(['stats', 'rates', '--cases', file('ind.csv', lines.join('\n')), '--population', file('pop19.csv', pop19), '--standard', 'who2000', '--by', 'sex', '--ci', 'tiwari']);
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/asr\s+95% CI/);
    expect(table.out).toContain('WHO world standard');
  });

  it('on the real CI5-XII Chongqing rows, end to end, equals epitools::ageadjust.direct to 1e-9 (three standards)', async () => {
    const root = new URL('../../../../', import.meta.url);
    const ci5 = readFileSync(fileURLToPath(new URL('../shared/data/ci5/ci5-xii-chongqing.csv', root)), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    const cases = file('cq-cases.csv', ['registry,site,sex,age_group,cases', ...ci5.map(([reg, site, sex, group, n]) => `${reg},${site},${sex},${group},${n}`)].join('\n'));
    // CI5 repeats the person-years on every site's rows; the "all sites" rows (62) give them once.
    const pop = file('cq-pop.csv', ['registry,sex,age_group,py', ...ci5.filter((r) => r[1] === '62' && r[3] !== 'unknown').map(([reg, , sex, group, , py]) => `${reg},${sex},${group},${py}`)].join('\n'));
    const reference = readFileSync(fileURLToPath(new URL('packages/domain/test/fixtures/epi-rates/ci5-asr-reference.csv', root)), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    let compared = 0;
    for (const standard of ['segi1960', 'who2000', 'china2000']) {
      const { code, out } = await run(['stats', 'rates', '--cases', cases, '--population', pop, '--standard', standard, '--by', 'registry,site,sex', '--format', 'json']);
      expect(code).toBe(0);
      const strata = new Map((JSON.parse(out) as Doc).strata.map((s) => [`${s.registry},${s.site},${s.sex}`, s]));
      for (const [reg, site, sex, std, n, , asr, lci, uci] of reference) {
        if (std !== standard || !['415617299', '415622199', '415626899'].includes(reg!)) continue;
        const s = strata.get(`${reg},${site},${sex}`)!;
        expect(s.cases).toBe(Number(n));
        const rel = (a: number | string | undefined, b: string) => Math.abs(Number(a) - Number(b) * 1e5) / (Number(b) * 1e5);
        expect(rel(s.asr, asr!) < 1e-9 || Number(asr) === 0).toBe(true);
        expect(lci === 'NA' ? s.asr_lower === 0 : rel(s.asr_lower, lci!) < 1e-9).toBe(true);
        expect(rel(s.asr_upper, uci!)).toBeLessThan(1e-9);
        compared += 1;
      }
    }
    expect(compared).toBe(3 * 63 * 2 * 3);
  });

  it('groups ICD-10 codes into NCCR report sites with totals rows, leaving in-situ cases out', async () => {
    const cases = file('icd.csv', ['sex,age,site', '1,63,C18.7', '1,70,C20', '2,55,C50.9', '2,45,D05.1', '1,80,C44.3', '2,72,C71.9', '1,50,D33.2'].join('\n'));
    const { code, out } = await run(['stats', 'rates', '--cases', cases, '--population', file('pop.csv', population), '--standard', 'china2000', '--by', 'site', '--site-groups', 'nccr', '--format', 'json']);
    expect(code).toBe(0);
    const doc = JSON.parse(out) as Doc & { excluded_cases: number };
    expect(doc.excluded_cases).toBe(1);
    expect(doc.strata.map((s) => `${s.site}:${s.cases}`)).toEqual(['colorectum:2', 'breast:1', 'brain:2', 'other:1', 'all:6', 'all-but-c44:5']);
    expect(doc.strata.find((s) => s.site === 'brain')).toMatchObject({ site_name_zh: '脑、神经系统', site_icd10: 'C70-C72,D32-D33,D42-D43', proportion: (100 * 2) / 6 });
    expect(doc.strata.find((s) => s.site === 'all')).toMatchObject({ proportion: 100 });
    const bad = await run(['stats', 'rates', '--cases', file('icd-bad.csv', 'sex,age,site\n1,63,C18.7\n1,40,stomach\n'), '--population', file('pop.csv', population), '--standard', 'china2000', '--by', 'site', '--site-groups', 'ci5']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('icd-bad.csv, row 2, column site');
  });

  it('takes a user standard from CSV', async () => {
    const std = file('std.csv', ['age_group,weight', ...GROUPS.map((g, i) => `${g},${SEGI_1960.weights[i]}`)].join('\n'));
    const a = await run(['stats', 'rates', '--cases', file('agg.csv', aggregatedCases), '--population', file('pop.csv', population), '--standard', std, '--by', 'site,sex', '--format', 'json']);
    const b = await run(['stats', 'rates', '--cases', file('agg.csv', aggregatedCases), '--population', file('pop.csv', population), '--standard', 'segi1960', '--by', 'site,sex', '--format', 'json']);
    expect(a.code).toBe(0);
    expect((JSON.parse(a.out) as Doc).strata.map((s) => s.asr)).toEqual((JSON.parse(b.out) as Doc).strata.map((s) => s.asr));
  });

  it.each([
    ['a bad age', 'sex,age\n1,40\n2,abc\n', 'cases.csv, row 2, column age'],
    ['a bad sex', 'sex,age\n1,40\nX,50\n', 'cases.csv, row 2, column sex'],
    ['a bad age group', 'sex,age_group,cases\n1,40-44,3\n1,41-45,2\n', 'cases.csv, row 2, column age_group'],
    ['a negative count', 'sex,age_group,cases\n1,40-44,-3\n', 'cases.csv, row 1, column cases'],
    ['a missing --by column', 'sex,age\n1,40\n', 'cases.csv, row 0, column site'],
  ])('exits 2 naming file, row and column for %s', async (_what, content, message) => {
    const by = message.endsWith('site') ? ['--by', 'site'] : ['--by', 'sex'];
    const { code, err } = await run(['stats', 'rates', '--cases', file('cases.csv', content), '--population', file('pop.csv', population), '--standard', 'segi1960', ...by]);
    expect(code).toBe(2);
    expect(err).toContain(message);
  });

  it('exits 2 on a bad population value, an unmatched stratum, a bad standard file and a bad --ci', async () => {
    const cases = file('c.csv', 'sex,age,year\n1,40,2015\n');
    const badPy = await run(['stats', 'rates', '--cases', cases, '--population', file('p1.csv', 'sex,age_group,py\n1,40-44,many\n'), '--standard', 'segi1960', '--by', 'sex']);
    expect(badPy.code).toBe(2);
    expect(badPy.err).toContain('p1.csv, row 1, column py');
    const unmatched = await run(['stats', 'rates', '--cases', cases, '--population', file('p2.csv', 'sex,year,age_group,py\n1,2016,40-44,100\n'), '--standard', 'segi1960', '--by', 'sex,year']);
    expect(unmatched.code).toBe(2);
    expect(unmatched.err).toContain('c.csv, row 1, column sex,year');
    const std = await run(['stats', 'rates', '--cases', cases, '--population', file('pop.csv', population), '--standard', file('s.csv', 'age_group,weight\n0-4,1\n5-9,x\n')]);
    expect(std.code).toBe(2);
    expect(std.err).toContain('s.csv, row 2, column weight');
    const ci = await run(['stats', 'rates', '--cases', cases, '--population', file('pop.csv', population), '--standard', 'segi1960', '--ci', 'wald']);
    expect(ci.code).toBe(2);
    const noPy = await run(['stats', 'rates', '--cases', cases, '--population', file('p3.csv', 'sex,age_group,py\n1,40-44,0\n'), '--standard', 'segi1960', '--by', 'sex']);
    expect(noPy.code).toBe(2);
    expect(noPy.err).toContain('c.csv, row 1, column age_group');
  });
});
