import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromEpochDay, toEpochDay } from '../../common/dates.ts';
import { chinaModelLifeTable } from '../life-table/china-model.ts';
import { toRateTable } from '../life-table/rate-table.ts';
import { survivalReport, type SurvivalCase } from './survival-report.ts';

const day = (date: string, plus: number) => fromEpochDay(toEpochDay(date) + plus);
const base = { scheme: 'nccr' as const, site: 'lung', closingDate: '2024-12-31', method: 'km' as const, groupBy: 'none' as const, minimumPatients: null };
const lung = (deathAfterDays: number | null, extra: Partial<SurvivalCase> = {}): SurvivalCase => ({ icd10: 'C34', sex: 1, age: 65, incidenceDate: '2018-03-01', deathDate: deathAfterDays === null ? null : day('2018-03-01', deathAfterDays), basis: 7, ...extra });

describe('survival report (registry follow-up)', () => {
  it('property: with every death observed, survival at a year is the share still alive', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 2000 }), { minLength: 1, maxLength: 60 }), (deathDays) => {
        const report = survivalReport(deathDays.map((d) => lung(d)), base);
        const [stratum] = report.strata;
        const oneYear = stratum!.times.find((t) => t.years === 1)!;
        const alive = deathDays.filter((d) => d > 365.241).length / deathDays.length;
        if (oneYear.survival !== null) expect(oneYear.survival).toBeCloseTo(alive, 12);
        expect(stratum!.deaths).toBe(deathDays.length);
      }),
      { numRuns: 50 },
    );
  });

  it('censors the living at the closing date and ignores deaths after it', () => {
    const report = survivalReport([lung(100), lung(null), lung(5000)], { ...base, closingDate: '2020-03-01' });
    expect(report.strata[0]!.deaths).toBe(1);
    expect(report.strata[0]!.times[0]!.survival).toBeCloseTo(2 / 3, 12);
  });

  it('leaves out death-certificate-only and zero-time cases, other sites, and says how many', () => {
    const report = survivalReport([lung(100), lung(200, { basis: 0 }), lung(0), lung(300, { icd10: 'C16' })], base);
    expect(report.strata[0]!.n).toBe(1);
    expect(report.excluded).toEqual({ dco: 1, zeroTime: 1, unknownAge: 0 });
  });

  it('splits by sex and hides strata too small for the reader', () => {
    const cases = [...Array.from({ length: 12 }, (_, i) => lung(100 + i * 90)), ...Array.from({ length: 4 }, (_, i) => lung(200 + i, { sex: 2 }))];
    const report = survivalReport(cases, { ...base, groupBy: 'sex', minimumPatients: 10 });
    expect(report.strata.map((s) => [s.key, s.suppressed])).toEqual([
      ['male', false],
      ['female', true],
    ]);
    expect(report.strata[1]!.curve).toEqual([]);
    expect(report.strata[0]!.curve[0]).toEqual({ years: 0, survival: 1, lower: 1, upper: 1 });
  });

  it('gives net survival by Pohar-Perme with a life table, and asks for one without', () => {
    const cases = Array.from({ length: 40 }, (_, i) => lung(i % 3 === 0 ? null : 150 + i * 40, { age: 50 + (i % 30) }));
    expect(() => survivalReport(cases, { ...base, method: 'pohar-perme' })).toThrow(/life table/);
    const rates = toRateTable(chinaModelLifeTable());
    const net = survivalReport(cases, { ...base, method: 'pohar-perme', rates }).strata[0]!.times[0]!;
    const observed = survivalReport(cases, base).strata[0]!.times[0]!;
    // Net survival removes deaths expected in the general population, so it is not below the observed.
    expect(net.survival!).toBeGreaterThanOrEqual(observed.survival!);
    expect(net.lower!).toBeLessThanOrEqual(net.survival!);
  });
});
