import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runMain } from '../../test/run-main.ts';

const FIXTURES = fileURLToPath(new URL('../../../domain/test/fixtures/epi-survival/', import.meta.url));
const LIFE_TABLE = join(FIXTURES, 'china-model-life-table.csv');
const dir = mkdtempSync(join(tmpdir(), 'onconet-survival-'));
const file = (name: string, content: string): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

const run = runMain;

interface Doc {
  method: string;
  strata: Array<Record<string, unknown> & { times: Array<Record<string, number | null>>; median_years: number | null }>;
}

const reference = readFileSync(join(FIXTURES, 'reference.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
const ref = (dataset: string, method: string, confType: string, years: number) => {
  const r = reference.find((x) => x[0] === dataset && x[1] === method && x[2] === confType && Number(x[3]) === years);
  if (!r) throw new Error(`no reference row for ${dataset} ${method} ${confType} ${years}`);
  return { n_risk: Number(r[4]), survival: Number(r[5]), se: Number(r[6]), lower: Number(r[7]), upper: Number(r[8]), median: Number(r[9]) };
};

describe('onconet stats survival', () => {
  it('prints the JSON contract, Kaplan–Meier equal to survival::survfit', async () => {
    const { code, out } = await run(['stats', 'survival', '--input', join(FIXTURES, 'cohort-lung.csv'), '--times', '0.5,1,2', '--conf-type', 'log-log', '--format', 'json']);
    expect(code).toBe(0);
    const doc = JSON.parse(out) as Doc;
    expect(doc.method).toBe('km');
    const stratum = doc.strata[0]!;
    expect(Object.keys(stratum.times[0]!)).toEqual(['years', 'n_risk', 'survival', 'se', 'lower', 'upper']);
    for (const point of stratum.times) {
      const r = ref('lung', 'km', 'log-log', point.years as number);
      expect(point.n_risk).toBe(r.n_risk);
      for (const key of ['survival', 'se', 'lower', 'upper'] as const) expect(Math.abs((point[key] as number) - r[key])).toBeLessThan(1e-12);
    }
    expect(Math.abs((stratum.median_years as number) * 365.241 - ref('lung', 'km', 'log-log', 1).median)).toBeLessThan(1e-9);
  });
  it('gives Pohar Perme by sex with a life-table CSV, equal to relsurv::rs.surv', async () => {
    const { code, out } = await run(['stats', 'survival', '--input', join(FIXTURES, 'cohort-synthetic.csv'), '--times', '1,3,5', '--method', 'pohar-perme', '--life-table', LIFE_TABLE, '--by', 'sex', '--format', 'json']);
    expect(code).toBe(0);
    const doc = JSON.parse(out) as Doc;
    expect(doc.strata.map((s) => s.sex)).toEqual(['1', '2']);
    for (const stratum of doc.strata) {
      for (const point of stratum.times) {
        const r = ref(`synthetic-sex-${String(stratum.sex)}`, 'pohar-perme', 'log', point.years as number);
        for (const key of ['survival', 'se', 'lower', 'upper'] as const) expect(Math.abs((point[key] as number) - r[key])).toBeLessThan(1e-4);
      }
    }
  });
  it('prints a table by default and uses the model life table, saying so, when none is given', async () => {
    const { code, out, err } = await run(['stats', 'survival', '--input', join(FIXTURES, 'cohort-colon.csv'), '--times', '1,5', '--method', 'ederer2']);
    expect(code).toBe(0);
    expect(out).toMatch(/years\s+n_risk\s+survival\s+se\s+lower\s+upper\s+median_years/);
    expect(err).toContain('model life table');
  });
  it('runs period analysis, ICSS standardisation and the actuarial method from the command line', async () => {
    const input = join(FIXTURES, 'cohort-synthetic.csv');
    const period = JSON.parse((await run(['stats', 'survival', '--input', input, '--times', '1,5', '--period', '2015-2019', '--format', 'json'])).out) as Doc & { period: unknown };
    expect(period.period).toEqual({ first_year: 2015, last_year: 2019 });
    const r = ref('synthetic-period-2015-2019', 'km', 'log', 5);
    expect(Math.abs((period.strata[0]!.times[1]!.survival as number) - r.survival)).toBeLessThan(1e-12);
    const standardised = JSON.parse((await run(['stats', 'survival', '--input', input, '--times', '5', '--method', 'pohar-perme', '--life-table', LIFE_TABLE, '--standardise', 'icss1', '--format', 'json'])).out) as Doc;
    expect(Math.abs((standardised.strata[0]!.times[0]!.survival as number) - ref('synthetic-icss1', 'pohar-perme', 'log', 5).survival)).toBeLessThan(1e-9);
    const actuarial = await run(['stats', 'survival', '--input', input, '--times', '1,2', '--method', 'actuarial', '--format', 'json']);
    expect(actuarial.code).toBe(0);
    expect((JSON.parse(actuarial.out) as Doc).method).toBe('actuarial');
    expect((await run(['stats', 'survival', '--input', input, '--times', '1', '--method', 'actuarial', '--period', '2015-2019'])).code).toBe(2);
  });
  it('derives age_group (ICSS groups) and year (of diagnosis) for --by when the file has no such columns', async () => {
    const input = file('derive.csv', 'time,status,age,sex,diagnosis_date\n100,1,30,1,2015-03-01\n200,0,80,2,2016-05-01\n300,1,81,1,2016-07-01\n');
    const doc = JSON.parse((await run(['stats', 'survival', '--input', input, '--times', '0.5', '--by', 'age_group,year', '--format', 'json'])).out) as Doc;
    expect(doc.strata.map((s) => `${String(s.age_group)} ${String(s.year)} ${String(s.n)}`)).toEqual(['15-44 2015 1', '75+ 2016 2']);
    const noAge = file('no-age.csv', 'time,status\n100,1\n');
    const { code, err } = await run(['stats', 'survival', '--input', noAge, '--times', '1', '--by', 'age_group']);
    expect(code).toBe(2);
    expect(err).toContain('column age_group');
  });
  it.each([
    ['status', 'time,status,age,sex,diagnosis_date\n10,1,60,1,2015-01-01\n20,2,60,1,2015-01-01\n', 'row 2, column status'],
    ['time', 'time,status,age,sex,diagnosis_date\n-1,1,60,1,2015-01-01\n', 'row 1, column time'],
    ['age', 'time,status,age,sex,diagnosis_date\n10,1,sixty,1,2015-01-01\n', 'row 1, column age'],
    ['sex', 'time,status,age,sex,diagnosis_date\n10,1,60,1,2015-01-01\n10,1,60,X,2015-01-01\n', 'row 2, column sex'],
    ['diagnosis_date', 'time,status,age,sex,diagnosis_date\n10,1,60,1,2015-02-30\n', 'row 1, column diagnosis_date'],
    ['a missing column', 'time,status,age,sex\n10,1,60,1\n', 'column diagnosis_date'],
  ])('exits 2 naming the file, row and column for a bad %s', async (_what, content, where) => {
    const path = file(`bad-${_what.replace(/\s/g, '-')}.csv`, content);
    const { code, err } = await run(['stats', 'survival', '--input', path, '--times', '1', '--method', 'pohar-perme', '--life-table', LIFE_TABLE]);
    expect(code).toBe(2);
    expect(err).toContain(path);
    expect(err).toContain(where);
  });
  it('exits 2 on a bad life table, naming its row and column', async () => {
    const table = file('life.csv', 'sex,age,year,qx\n1,0,2015,0.01\n1,1,2015,1.5\n');
    const input = file('ok.csv', 'time,status,age,sex,diagnosis_date\n10,1,60,1,2015-01-01\n');
    const { code, err } = await run(['stats', 'survival', '--input', input, '--times', '1', '--method', 'ederer2', '--life-table', table]);
    expect(code).toBe(2);
    expect(err).toContain(`${table}, row 2, column qx`);
  });
  it('exits 2 on bad flags', async () => {
    const input = file('ok2.csv', 'time,status\n10,1\n');
    expect((await run(['stats', 'survival', '--input', input, '--times', '1', '--method', 'cox'])).code).toBe(2);
    expect((await run(['stats', 'survival', '--input', input, '--times', 'one'])).code).toBe(2);
    expect((await run(['stats', 'survival', '--input', input, '--times', '1', '--conf-type', 'logit'])).code).toBe(2);
  });
});
