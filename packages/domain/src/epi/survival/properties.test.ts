import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildLifeTable, DAYS_PER_YEAR, type LifeTableRow } from '../life-table/life-table.ts';
import { RATETABLE_ORIGIN_OFFSET, toRateTable } from '../life-table/rate-table.ts';
import { actuarialSurvival } from './actuarial.ts';
import { medianTime, riskSetCounter, riskSetFromCurve, survivalAt } from './curve-summary.ts';
import { estimateSurvival } from './estimate.ts';
import { kaplanMeier, tallyByTime } from './kaplan-meier.ts';
import { relativeSurvival } from './relative-survival.ts';
import { CONF_TYPES, type FollowUp, type PopulationCovariates } from './survival-data.ts';

const times = fc.array(fc.integer({ min: 1, max: 4000 }), { minLength: 1, maxLength: 120 });
const cohort = fc.array(fc.record({ time: fc.integer({ min: 1, max: 4000 }), status: fc.integer({ min: 0, max: 1 }) }), { minLength: 1, maxLength: 120 });
const toFollowUp = (rows: { time: number; status: number }[]): FollowUp => ({ time: Float64Array.from(rows, (r) => r.time), status: Uint8Array.from(rows, (r) => r.status) });

describe('Kaplan–Meier properties', () => {
  it('without censoring is the empirical survival: the share still alive after t', () => {
    fc.assert(
      fc.property(times, fc.integer({ min: 0, max: 4500 }), (ts, t) => {
        const curve = kaplanMeier({ time: Float64Array.from(ts), status: new Uint8Array(ts.length).fill(1) });
        const [point] = survivalAt(curve, [t / DAYS_PER_YEAR], 'log', riskSetCounter(curve.time));
        const empirical = ts.filter((x) => x > t).length / ts.length;
        if (t / DAYS_PER_YEAR * DAYS_PER_YEAR > Math.max(...ts)) expect(point?.survival).toBeNull();
        else expect(point?.survival).toBeCloseTo(empirical, 12);
      }),
    );
  });
  it('is non-increasing and every interval contains its estimate, for each interval form', () => {
    fc.assert(
      fc.property(cohort, fc.constantFrom(...CONF_TYPES), (rows, confType) => {
        const curve = kaplanMeier(toFollowUp(rows));
        for (let i = 1; i < curve.surv.length; i++) expect(curve.surv[i]).toBeLessThanOrEqual(curve.surv[i - 1] as number);
        const years = Array.from(curve.time, (t) => t / DAYS_PER_YEAR);
        for (const p of survivalAt(curve, years, confType, riskSetCounter(curve.time))) {
          if (p.survival === null) continue;
          if (p.lower !== null) expect(p.lower).toBeLessThanOrEqual(p.survival + 1e-12);
          if (p.upper !== null) expect(p.upper).toBeGreaterThanOrEqual(p.survival - 1e-12);
        }
      }),
    );
  });
  it('the number at risk at t counts those followed at least to t', () => {
    fc.assert(
      fc.property(cohort, fc.integer({ min: 0, max: 4000 }), (rows, t) => {
        expect(riskSetCounter(Float64Array.from(rows, (r) => r.time))(t)).toBe(rows.filter((r) => r.time >= t).length);
      }),
    );
  });
});

describe('tallies and risk sets', () => {
  it('count by whole day exactly as the sorting path does for fractional times', () => {
    fc.assert(
      fc.property(cohort, (rows) => {
        const data = toFollowUp(rows);
        const byDay = tallyByTime(data.time, data.status);
        const sorted = tallyByTime(data.time.map((t) => t + 0.5), data.status);
        expect(Array.from(sorted.times)).toEqual(Array.from(byDay.times, (t) => t + 0.5));
        expect(Array.from(sorted.exits)).toEqual(Array.from(byDay.exits));
        expect(Array.from(sorted.deaths)).toEqual(Array.from(byDay.deaths));
      }),
    );
  });
  it('read the number at risk off the curve as counting the follow-up does', () => {
    fc.assert(
      fc.property(cohort, fc.integer({ min: 0, max: 4200 }), (rows, t) => {
        const data = toFollowUp(rows);
        expect(riskSetFromCurve(kaplanMeier(data))(t)).toBe(riskSetCounter(data.time)(t));
      }),
    );
  });
});

describe('median survival (survfit rule)', () => {
  it('is the first time S ≤ 0.5, or the midpoint when S sits exactly at 0.5', () => {
    const even = kaplanMeier({ time: Float64Array.from([1, 2, 3, 4]), status: Uint8Array.from([1, 1, 1, 1]) });
    expect(medianTime(even.time, even.surv)).toBe(2.5);
    const odd = kaplanMeier({ time: Float64Array.from([1, 2, 3]), status: Uint8Array.from([1, 1, 1]) });
    expect(medianTime(odd.time, odd.surv)).toBe(2);
    const never = kaplanMeier({ time: Float64Array.from([1, 2, 3]), status: Uint8Array.from([1, 0, 0]) });
    expect(medianTime(never.time, never.surv)).toBeNull();
  });
});

describe('actuarial (life-table) method', () => {
  it('without censoring equals the empirical survival at each interval end', () => {
    fc.assert(
      fc.property(times, (ts) => {
        const curve = actuarialSurvival({ time: Float64Array.from(ts), status: new Uint8Array(ts.length).fill(1) });
        curve.time.forEach((end, k) => expect(curve.surv[k]).toBeCloseTo(ts.filter((x) => x > end).length / ts.length, 12));
      }),
    );
  });
  it('is non-increasing and its intervals contain it', () => {
    fc.assert(
      fc.property(cohort, fc.constantFrom(...CONF_TYPES), (rows, confType) => {
        const curve = actuarialSurvival(toFollowUp(rows));
        for (let i = 1; i < curve.surv.length; i++) expect(curve.surv[i]).toBeLessThanOrEqual(curve.surv[i - 1] as number);
        for (const p of survivalAt(curve, Array.from(curve.time, (t) => t / DAYS_PER_YEAR), confType, riskSetCounter(Float64Array.from(rows, (r) => r.time)))) {
          if (p.survival !== null && p.lower !== null) expect(p.lower).toBeLessThanOrEqual(p.survival + 1e-12);
          if (p.survival !== null && p.upper !== null) expect(p.upper).toBeGreaterThanOrEqual(p.survival - 1e-12);
        }
      }),
    );
  });
  it('counts the censored as at risk for half the interval (Cutler–Ederer)', () => {
    // 10 patients: year 1 — 2 deaths, 2 censored; year 2 — 1 death, 5 censored.
    const time = [100, 200, 150, 300, 400, 500, 500, 600, 600, 700];
    const status = [1, 1, 0, 0, 1, 0, 0, 0, 0, 0];
    const curve = actuarialSurvival({ time: Float64Array.from(time), status: Uint8Array.from(status) });
    const s1 = 1 - 2 / 9;
    const s2 = s1 * (1 - 1 / 3.5);
    expect(curve.surv[0]).toBeCloseTo(s1, 14);
    expect(curve.surv[1]).toBeCloseTo(s2, 14);
    expect(curve.stdErr[1]).toBeCloseTo(Math.sqrt(2 / (9 * 7) + 1 / (3.5 * 2.5)), 14);
  });
});

function flatTable(qx: number): ReturnType<typeof toRateTable> {
  const rows: LifeTableRow[] = [];
  for (const sex of [1, 2] as const) for (let age = 0; age <= 100; age++) for (let year = 2000; year <= 2030; year++) rows.push({ sex, age, year, qx });
  const built = buildLifeTable(rows);
  if (!built.ok) throw new Error(built.error.message);
  return toRateTable(built.value);
}

const covariatesFor = (n: number, ageYears: number): PopulationCovariates => ({
  ageDays: new Float64Array(n).fill(ageYears * DAYS_PER_YEAR),
  sex: new Uint8Array(n).fill(1),
  diagnosisDay: new Float64Array(n).fill(Date.UTC(2010, 0, 1) / 86_400_000 + RATETABLE_ORIGIN_OFFSET),
});

describe('relative and net survival', () => {
  it('equal Kaplan–Meier when the general population does not die', () => {
    const zero = flatTable(0);
    fc.assert(
      fc.property(cohort, (rows) => {
        const data = toFollowUp(rows);
        const km = kaplanMeier(data);
        for (const method of ['ederer2', 'pohar-perme'] as const) {
          const rel = relativeSurvival(data, covariatesFor(rows.length, 60), zero, method);
          rel.surv.forEach((s, k) => expect(s).toBeCloseTo(km.surv[k] as number, 12));
        }
      }),
      { numRuns: 40 },
    );
  });
  it('summed per rate-table cell equal the per-person loop of relsurv (used under delayed entry)', () => {
    const built = buildLifeTable([1, 2].flatMap((sex) => Array.from({ length: 101 }, (_, age) => Array.from({ length: 31 }, (_, y) => ({ sex: sex as 1 | 2, age, year: 2000 + y, qx: Math.min(0.9, 0.0005 * Math.exp(0.08 * age) * (sex === 1 ? 1 : 0.6) * (1 - 0.01 * y)) }))).flat()));
    if (!built.ok) throw new Error(built.error.message);
    const rates = toRateTable(built.value);
    fc.assert(
      fc.property(
        fc.array(fc.record({ time: fc.integer({ min: 1, max: 3000 }), status: fc.integer({ min: 0, max: 1 }), age: fc.double({ min: 20, max: 95, noNaN: true }), sex: fc.constantFrom(1, 2), dx: fc.integer({ min: 0, max: 4000 }) }), { minLength: 1, maxLength: 60 }),
        fc.constantFrom('ederer2' as const, 'pohar-perme' as const),
        (rows, method) => {
          const data = toFollowUp(rows);
          const covariates: PopulationCovariates = { ageDays: Float64Array.from(rows, (r) => r.age * DAYS_PER_YEAR), sex: Uint8Array.from(rows, (r) => r.sex), diagnosisDay: Float64Array.from(rows, (r) => 17532 + r.dx) };
          const byCell = relativeSurvival(data, covariates, rates, method);
          const perPerson = relativeSurvival({ ...data, entry: new Float64Array(rows.length) }, covariates, rates, method);
          byCell.surv.forEach((s, k) => expect(Math.abs(s - (perPerson.surv[k] as number))).toBeLessThan(1e-9));
          byCell.stdErr.forEach((s, k) => expect(Math.abs(s - (perPerson.stdErr[k] as number))).toBeLessThan(1e-9));
        },
      ),
      { numRuns: 30 },
    );
  });
  it('are higher than observed survival when the population does die', () => {
    const rates = flatTable(0.05);
    const data = toFollowUp(Array.from({ length: 50 }, (_, i) => ({ time: 30 * (i + 1), status: i % 3 === 0 ? 0 : 1 })));
    const km = kaplanMeier(data);
    const pp = relativeSurvival(data, covariatesFor(50, 70), rates, 'pohar-perme');
    const last = km.surv.length - 2;
    expect(pp.surv[last]).toBeGreaterThan(km.surv[last] as number);
  });
});

describe('period analysis', () => {
  it('with a window covering all follow-up equals the cohort estimate', () => {
    const data = toFollowUp(Array.from({ length: 80 }, (_, i) => ({ time: 20 + 37 * i, status: i % 4 === 0 ? 0 : 1 })));
    const covariates = covariatesFor(80, 65);
    const rates = flatTable(0.02);
    for (const method of ['km', 'pohar-perme', 'ederer2'] as const) {
      const cohortEstimate = estimateSurvival({ followUp: data, covariates }, { method, timesYears: [1, 3, 5], confType: 'log', rates });
      const periodEstimate = estimateSurvival({ followUp: data, covariates }, { method, timesYears: [1, 3, 5], confType: 'log', rates, period: { firstYear: 2010, lastYear: 2030 } });
      if (!cohortEstimate.ok || !periodEstimate.ok) throw new Error('estimate failed');
      periodEstimate.value.times.forEach((p, i) => expect(p.survival).toBeCloseTo(cohortEstimate.value.times[i]?.survival as number, 12));
    }
  });
  it('drops the follow-up lived before the window', () => {
    // Diagnosed 2010-01-01; window 2012–2013 sees only those alive on 2012-01-01, from their third year.
    const data = toFollowUp([{ time: 100, status: 1 }, { time: 900, status: 1 }, { time: 1000, status: 0 }, { time: 1200, status: 1 }]);
    const result = estimateSurvival({ followUp: data, covariates: covariatesFor(4, 50) }, { method: 'km', timesYears: [3], confType: 'log', period: { firstYear: 2012, lastYear: 2013 } });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.n).toBe(3);
    expect(result.value.times[0]?.survival).toBeCloseTo(1 - 1 / 3, 12);
  });
});

describe('ICSS age standardisation', () => {
  it('of identical age groups is the common estimate', () => {
    const base = Array.from({ length: 30 }, (_, i) => ({ time: 40 * (i + 1), status: i % 5 === 0 ? 0 : 1 }));
    const rows = [20, 50, 60, 70, 80].flatMap(() => base);
    const ages = [20, 50, 60, 70, 80].flatMap((a) => base.map(() => a));
    const covariates: PopulationCovariates = { ...covariatesFor(rows.length, 0), ageDays: Float64Array.from(ages, (a) => a * DAYS_PER_YEAR) };
    const one = estimateSurvival({ followUp: toFollowUp(base) }, { method: 'km', timesYears: [1, 2], confType: 'log' });
    const std = estimateSurvival({ followUp: toFollowUp(rows), covariates }, { method: 'km', timesYears: [1, 2], confType: 'log', standard: 'icss1' });
    if (!one.ok || !std.ok) throw new Error('estimate failed');
    std.value.times.forEach((p, i) => {
      expect(p.survival).toBeCloseTo(one.value.times[i]?.survival as number, 12);
      // Σ w² < 1: five independent groups give a smaller standard error than one.
      expect(p.se as number).toBeLessThan(one.value.times[i]?.se as number);
    });
  });
  it('has no estimate when an age group is empty', () => {
    const rows = Array.from({ length: 10 }, (_, i) => ({ time: 100 * (i + 1), status: 1 }));
    const result = estimateSurvival({ followUp: toFollowUp(rows), covariates: covariatesFor(10, 60) }, { method: 'km', timesYears: [1], confType: 'log', standard: 'icss2' });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.times[0]?.survival).toBeNull();
  });
  it('needs a life table for relative survival', () => {
    const result = estimateSurvival({ followUp: toFollowUp([{ time: 5, status: 1 }]), covariates: covariatesFor(1, 60) }, { method: 'pohar-perme', timesYears: [1], confType: 'log' });
    expect(result.ok ? null : result.error.field).toBe('life-table');
  });
});
