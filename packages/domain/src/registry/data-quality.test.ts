import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHINA_2017_REFERENCE, EMPTY_TALLY, mergeTallies, qualityIndicators, tally, type QualityCase } from './data-quality.ts';
import type { BasisCode } from '../codes/basis.ts';

const c = (basis: BasisCode | null, extra: Partial<QualityCase> = {}): QualityCase => ({ basis, topography: 'C16.9', morphology: '8140', age: 60, incidenceDate: '2020-01-01', reportDate: '2020-03-01', ...extra });

describe('data-quality indicators', () => {
  it('computes MV%, DCO%, clinical-only, unknown basis, C80, unspecified morphology, unknown age, M/I and timeliness', () => {
    const cases = [c(7), c(7), c(5), c(0), c(1), c(2), c(9, { topography: 'C80.9', morphology: '8000', age: null, reportDate: '2021-06-01' }), c(6)];
    const t = cases.reduce((acc, x) => tally(acc, x), EMPTY_TALLY);
    const q = qualityIndicators(t, 4);
    expect(q.mvPercent).toBe(50);
    expect(q.dcoPercent).toBe(12.5);
    expect(q.clinicalOnlyPercent).toBe(25);
    expect(q.unknownBasisPercent).toBe(12.5);
    expect(q.primaryUnknownPercent).toBe(12.5);
    expect(q.unspecifiedMorphologyPercent).toBe(12.5);
    expect(q.unknownAgePercent).toBe(12.5);
    expect(q.miRatio).toBe(0.5);
    expect(q.onTimePercent).toBe(87.5);
    expect(q.meanDelayDays).toBeCloseTo((60 * 7 + 517) / 8, 6);
  });
  it('returns null rather than dividing by zero', () => {
    expect(qualityIndicators(EMPTY_TALLY, 3).mvPercent).toBeNull();
  });
  it('basis classes add up to 100% and tallies merge like one tally (property)', () => {
    const arb = fc.array(fc.record({ basis: fc.option(fc.integer({ min: 0, max: 9 }) as fc.Arbitrary<BasisCode>), age: fc.option(fc.integer({ min: 0, max: 100 })) }), { minLength: 1, maxLength: 50 });
    fc.assert(
      fc.property(arb, arb, (a, b) => {
        const ta = a.reduce((acc, x) => tally(acc, c(x.basis, { age: x.age })), EMPTY_TALLY);
        const tb = b.reduce((acc, x) => tally(acc, c(x.basis, { age: x.age })), EMPTY_TALLY);
        const all = [...a, ...b].reduce((acc, x) => tally(acc, c(x.basis, { age: x.age })), EMPTY_TALLY);
        const q = qualityIndicators(all, 0);
        const sum = (q.mvPercent ?? 0) + (q.dcoPercent ?? 0) + (q.clinicalOnlyPercent ?? 0) + (q.unknownBasisPercent ?? 0);
        return Math.abs(sum - 100) < 1e-9 && JSON.stringify(mergeTallies(ta, tb)) === JSON.stringify(all);
      }),
    );
  });
  it('carries the China 2017 reference values', () => {
    expect(CHINA_2017_REFERENCE).toMatchObject({ mvPercent: 67.77, dcoPercent: 1.53, miRatio: 0.59 });
  });
});
