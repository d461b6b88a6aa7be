import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHINA_MODEL_AGES, chinaModelLifeTable, chinaModelRows, lifeExpectancy } from './china-model.ts';
import { buildLifeTable, DAYS_PER_YEAR, type LifeTableRow } from './life-table.ts';
import { expectedSurvival, RATETABLE_ORIGIN_OFFSET, rateTableCellIndex, toRateTable } from './rate-table.ts';

const rows = (qx: (sex: 1 | 2, age: number, year: number) => number): LifeTableRow[] =>
  [1, 2].flatMap((sex) => [0, 1, 2].flatMap((age) => [2000, 2001].map((year) => ({ sex: sex as 1 | 2, age, year, qx: qx(sex as 1 | 2, age, year) }))));

describe('life table', () => {
  it('names the row and field of a bad value, a duplicate or a missing cell', () => {
    const bad = rows(() => 0.01);
    const withBadQx = buildLifeTable(bad.map((r, i) => (i === 3 ? { ...r, qx: 1.2 } : r)));
    expect(withBadQx.ok ? null : withBadQx.error).toMatchObject({ field: 'qx', index: 3 });
    const duplicate = buildLifeTable([...bad, bad[0] as LifeTableRow]);
    expect(duplicate.ok ? null : duplicate.error).toMatchObject({ code: 'life-table.duplicate', index: bad.length });
    const missing = buildLifeTable(bad.slice(1));
    expect(missing.ok ? null : missing.error.code).toBe('life-table.incomplete');
  });
  it('turns qx into relsurv::transrate daily hazards −ln(1 − qx)/365.241 with its age and year cut points', () => {
    const built = buildLifeTable(rows((sex, age, year) => 0.001 * sex + 0.01 * age + 0.0001 * (year - 2000)));
    if (!built.ok) throw new Error(built.error.message);
    const rates = toRateTable(built.value);
    expect(Array.from(rates.ageCuts)).toEqual([0, 365.241, 730.482]);
    expect(rates.yearCuts[0]).toBe(14610); // 2000-01-01 is day 14610 from 1960-01-01
    // sex 2, year 2001, age 1
    expect(rates.hazard[1 * 6 + 1 * 3 + 1]).toBe(-Math.log(1 - (0.002 + 0.01 + 0.0001)) / DAYS_PER_YEAR);
    expect(rateTableCellIndex(rates.ageCuts, -5)).toBe(0);
    expect(rateTableCellIndex(rates.ageCuts, 365.241)).toBe(1);
    expect(rateTableCellIndex(rates.ageCuts, 1e6)).toBe(2);
  });
  it('gives a year of expected survival of 1 − qx when age and year stay in one cell', () => {
    const built = buildLifeTable(rows(() => 0.02));
    if (!built.ok) throw new Error(built.error.message);
    const day = Date.UTC(2000, 0, 1) / 86_400_000 + RATETABLE_ORIGIN_OFFSET;
    expect(expectedSurvival(toRateTable(built.value), 1, 0, day, DAYS_PER_YEAR)).toBeCloseTo(0.98, 12);
  });
});

describe('China model life table (demo)', () => {
  const table = chinaModelLifeTable();
  it('has plausible Chinese levels: e0 about 72–75 (men) and 77–81 (women) around 2010–2020, women above men', () => {
    for (const year of [2010, 2015, 2020]) {
      const men = lifeExpectancy(table, 1, year);
      const women = lifeExpectancy(table, 2, year);
      expect(men).toBeGreaterThan(72);
      expect(men).toBeLessThan(76);
      expect(women).toBeGreaterThan(77);
      expect(women).toBeLessThan(81);
      expect(women - men).toBeGreaterThan(3);
    }
  });
  it('improves with calendar year and rises with age after childhood', () => {
    for (const sex of [1, 2] as const) {
      expect(lifeExpectancy(table, sex, 2030)).toBeGreaterThan(lifeExpectancy(table, sex, 2000));
      const qx = table.qx[sex - 1] as Float64Array;
      const y = 2015 - table.firstYear;
      for (let age = 15; age < CHINA_MODEL_AGES.last; age++) expect(qx[y * table.ages + age + 1]).toBeGreaterThan(qx[y * table.ages + age] as number);
    }
  });
  it('is the table checked in as the CSV the R reference script reads', () => {
    const csv = readFileSync(new URL('../../../test/fixtures/epi-survival/china-model-life-table.csv', import.meta.url), 'utf8');
    expect(csv).toBe(`${['sex,age,year,qx', ...chinaModelRows().map((r) => `${r.sex},${r.age},${r.year},${r.qx}`)].join('\n')}\n`);
  });
});
