import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stratumRates } from '../rates/stratum-rates.ts';
import { CHINA_2000 } from '../standards/standard-populations.ts';
import { incidenceReport, type CaseTally, type PopulationCell } from './incidence-report.ts';

const AGES = 19;
const population = (years: number[], perCell = 10_000): PopulationCell[] =>
  years.flatMap((year) => [1, 2].flatMap((sex) => Array.from({ length: AGES }, (_, ageGroup) => ({ year, sex: sex as 1 | 2, ageGroup, population: perCell }))));

/** Representative ages of China's 19 groups: 0, 1–4 → 2, then 5–9 → 7, … 85+ → 87. */
const ageOf = (group: number) => (group === 0 ? 0 : group === 1 ? 2 : (group - 1) * 5 + 2);

describe('incidence report (NCCR table)', () => {
  const cases: CaseTally[] = [
    { year: 2018, icd10: 'C34.1', sex: 1, age: 67, count: 40 },
    { year: 2018, icd10: 'C34.9', sex: 2, age: 71, count: 18 },
    { year: 2019, icd10: 'C16.0', sex: 1, age: 58, count: 25 },
    { year: 2019, icd10: 'C50.4', sex: 2, age: 49, count: 30 },
    { year: 2019, icd10: 'C22.0', sex: 1, age: null, count: 4 },
    { year: 2020, icd10: 'C44.3', sex: 2, age: 80, count: 3 },
    { year: 2020, icd10: 'D05.1', sex: 2, age: 50, count: 7 },
  ];
  const pop = population([2018, 2019, 2020]);

  it('counts reportable cases once per site and in the totals, and leaves in situ tumours out', () => {
    const report = incidenceReport(cases, pop, { scheme: 'nccr', suppressBelow: null });
    const all = report.rows.find((r) => r.site.id === 'all')!;
    expect(all.cells.both.cases).toBe(40 + 18 + 25 + 30 + 4 + 3);
    expect(all.cells.male.cases).toBe(40 + 25 + 4);
    expect(report.excludedCases).toBe(7);
    const lung = report.rows.find((r) => r.site.icd10.startsWith('C33'))!;
    expect(lung.cells.both.cases).toBe(58);
    const proportions = report.rows.filter((r) => !r.total).map((r) => r.cells.both.proportion!);
    expect(proportions.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 9);
  });

  it('gives the same ASR and interval as the rates engine on the same counts', () => {
    const report = incidenceReport(cases, pop, { scheme: 'nccr', suppressBelow: null });
    const all = report.rows.find((r) => r.site.id === 'all')!;
    const male = new Float64Array(AGES);
    for (const c of cases) if (c.sex === 1 && c.age !== null && !c.icd10.startsWith('D')) male[c.age < 1 ? 0 : c.age < 5 ? 1 : Math.min(18, Math.floor(c.age / 5) + 1)]! += c.count;
    const expected = stratumRates({ scheme: 'china-19', cases: male, unknownAge: 4, personYears: new Float64Array(AGES).fill(30_000) }, { standard: CHINA_2000, interval: 'fay-feuer', unknownAge: 'spread' });
    expect(all.cells.male.asrChina).toBeCloseTo(expected.asr, 9);
    expect(all.cells.male.asrChinaLower).toBeCloseTo(expected.asr_lower, 9);
    expect(all.cells.male.asrChinaUpper).toBeCloseTo(expected.asr_upper, 9);
    expect(report.personYears.male).toBe(3 * AGES * 10_000);
  });

  it('property: a flat age-specific rate standardises to itself under both standards', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), (perAge) => {
        const flat: CaseTally[] = Array.from({ length: AGES }, (_, g) => ({ year: 2020, icd10: 'C16.9', sex: 1 as const, age: ageOf(g), count: perAge }));
        const report = incidenceReport(flat, population([2020]), { scheme: 'icd10', suppressBelow: null });
        const cell = report.rows.find((r) => r.site.id === 'C16')!.cells.male;
        expect(cell.asrChina!).toBeCloseTo(cell.crudeRate!, 9);
        expect(cell.asrWorld!).toBeCloseTo(cell.crudeRate!, 9);
        expect(cell.asrChinaLower!).toBeLessThanOrEqual(cell.asrChina!);
        expect(cell.asrChinaUpper!).toBeGreaterThanOrEqual(cell.asrChina!);
      }),
      { numRuns: 25 },
    );
  });

  it('suppresses small site cells with complements, so no hidden count follows from the published margins', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('C16.9', 'C18.2', 'C22.0', 'C34.1', 'C50.9', 'C61.9', 'C73.9'), fc.constantFrom<1 | 2>(1, 2), fc.integer({ min: 1, max: 30 })), { minLength: 1, maxLength: 14 }), (draws) => {
        const tallies = draws.map(([icd10, sex, count]) => ({ year: 2020, icd10, sex, age: 60, count }));
        const report = incidenceReport(tallies, population([2020]), { scheme: 'icd10', suppressBelow: 10 });
        const sites = report.rows.filter((r) => !r.total);
        for (const row of sites) {
          for (const sex of ['male', 'female'] as const) {
            const cell = row.cells[sex];
            if (cell.cases !== null) expect(cell.cases === 0 || cell.cases >= 10).toBe(true);
          }
          // A published row total with exactly one hidden cell in it would give that cell back.
          const hidden = [row.cells.male, row.cells.female].filter((c) => c.cases === null).length;
          if (row.cells.both.cases !== null) expect(hidden).not.toBe(1);
        }
        for (const sex of ['male', 'female'] as const) {
          const hidden = sites.filter((r) => r.cells[sex].cases === null).length;
          const margin = report.rows.find((r) => r.site.id === 'all')!.cells[sex];
          if (margin.cases !== null) expect(hidden).not.toBe(1);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('hides small age cells of a published row together with complements', () => {
    const tallies: CaseTally[] = [
      { year: 2020, icd10: 'C34.1', sex: 1, age: 62, count: 30 },
      { year: 2020, icd10: 'C34.1', sex: 1, age: 72, count: 25 },
      { year: 2020, icd10: 'C34.1', sex: 1, age: 42, count: 2 },
    ];
    const report = incidenceReport(tallies, population([2020]), { scheme: 'icd10', suppressBelow: 10 });
    const row = report.rows.find((r) => r.site.id === 'C34')!.cells.male;
    expect(row.cases).toBe(57);
    expect(row.ageSpecific[9]).toBeNull(); // 40–44: 2 cases
    expect(row.ageSpecific.filter((v) => v === null).length).toBeGreaterThanOrEqual(2);
    expect(row.ageSpecific.filter((v) => v !== null && v > 0).length).toBeGreaterThanOrEqual(1);
  });

  it('fits the EAPC on the yearly China-standardised rates', () => {
    const rising: CaseTally[] = [2016, 2017, 2018, 2019, 2020].map((year, i) => ({ year, icd10: 'C34.1', sex: 1 as const, age: 65, count: Math.round(100 * 1.05 ** i) }));
    const report = incidenceReport(rising, population([2016, 2017, 2018, 2019, 2020]), { scheme: 'nccr', suppressBelow: null });
    expect(report.trend.map((t) => t.cases)).toEqual([100, 105, 110, 116, 122]);
    expect(report.eapc!.eapc).toBeGreaterThan(4);
    expect(report.eapc!.eapc).toBeLessThan(6);
  });
});
