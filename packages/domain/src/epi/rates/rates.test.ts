import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AGE_GROUPS, ageGroupIndex, collapseTo18, groupCount, indexIn, parseAgeGroup, type AgeScheme } from '../standards/age-groups.ts';
import { BUILT_IN_STANDARDS, CHINA_2000, SEGI_1960, standardFromRows, WHO_2000 } from '../standards/standard-populations.ts';
import { cumulativeRisk } from './cumulative.ts';
import { directStandardise } from './direct-standardisation.ts';
import { eapc } from './eapc.ts';
import { gammaQuantile, incompleteGamma } from './gamma-quantile.ts';
import { mortalityIncidenceRatio, proportionPercent } from './proportions.ts';
import { rateRatio } from './rate-ratio.ts';
import { stratumRates } from './stratum-rates.ts';
import { tallyCases } from './tally.ts';
import { spreadUnknownAge } from './unknown-age.ts';

const standards = [SEGI_1960, WHO_2000, CHINA_2000];
const schemes: AgeScheme[] = ['five-year-18', 'china-19'];
const relClose = (a: number, b: number, tol = 1e-12) => Math.abs(a - b) <= tol * Math.max(Math.abs(a), Math.abs(b));

/** A stratum: person-years 1..10⁷ per group, cases 0..500. */
const stratum = (n: number) =>
  fc.tuple(fc.array(fc.integer({ min: 0, max: 500 }), { minLength: n, maxLength: n }), fc.array(fc.integer({ min: 1, max: 10_000_000 }), { minLength: n, maxLength: n }));

describe('age groups', () => {
  it('every label of both schemes parses back to its own index, and ages land in the group holding them', () => {
    for (const scheme of schemes) {
      AGE_GROUPS[scheme].forEach((g, i) => {
        const parsed = parseAgeGroup(g.label);
        expect(parsed?.kind).toBe('group');
        if (parsed?.kind === 'group') expect(indexIn(parsed, scheme)).toBe(i);
        expect(ageGroupIndex(g.lower, scheme)).toBe(i);
        expect(ageGroupIndex((g.upper ?? 110) + 0.99, scheme)).toBe(i);
      });
    }
    expect(parseAgeGroup('00-04')).toEqual({ kind: 'group', scheme: 'five-year-18', index: 0 });
    expect(parseAgeGroup('≥85')).toEqual({ kind: 'group', scheme: 'both', index: 17 });
    expect(parseAgeGroup('不详')).toEqual({ kind: 'unknown' });
    expect(parseAgeGroup('3-7')).toBeNull();
    expect(parseAgeGroup('0-4') && indexIn(parseAgeGroup('0-4') as never, 'china-19')).toBeNull();
  });
  it('collapsing 19 groups to 18 keeps the total', () => {
    fc.assert(fc.property(fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 19, maxLength: 19 }), (v) => {
      const sum = (a: ArrayLike<number>) => Array.from(a).reduce((s, x) => s + x, 0);
      expect(relClose(sum(collapseTo18(v)), sum(v), 1e-12) || sum(v) === 0).toBe(true);
    }));
  });
});

describe('gamma quantile', () => {
  // Below shape 0.1 the lower quantiles fall into subnormal numbers; ASR intervals never get there.
  it('inverts the incomplete gamma function over shapes from 0.1 to 10⁶', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.001, max: 0.999, noNaN: true }), fc.double({ min: -1, max: 6, noNaN: true }), (p, logShape) => {
        const a = 10 ** logShape;
        const x = gammaQuantile(p, a, 1);
        const { lower, upper } = incompleteGamma(a, x);
        expect(Math.abs((p <= 0.5 ? lower : upper) - (p <= 0.5 ? p : 1 - p)) / Math.min(p, 1 - p)).toBeLessThan(1e-9);
      }),
    );
  });
  it('matches closed forms: shape 1 is the exponential', () => {
    for (const p of [0.025, 0.5, 0.975]) expect(relClose(gammaQuantile(p, 1, 3), -3 * Math.log1p(-p), 1e-13)).toBe(true);
    expect(gammaQuantile(0.5, 0, 1)).toBe(0);
    expect(gammaQuantile(0.5, Number.NaN, 1)).toBeNaN();
  });
});

describe('direct standardisation (properties)', () => {
  it('a flat age-specific rate standardises to itself under every standard and scheme', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-7, max: 1e-2, noNaN: true }), fc.array(fc.integer({ min: 1000, max: 5_000_000 }), { minLength: 19, maxLength: 19 }), (rate, pys) => {
        for (const scheme of schemes) {
          const py = pys.slice(0, groupCount(scheme));
          for (const standard of standards) {
            const r = stratumRates({ scheme, cases: py.map((p) => p * rate), personYears: py, unknownAge: 0 }, { standard, interval: 'fay-feuer', unknownAge: 'spread' });
            expect(relClose(r.asr, rate * 1e5, 1e-12)).toBe(true);
            expect(relClose(r.crude_rate, rate * 1e5, 1e-12)).toBe(true);
            expect(relClose(r.truncated_asr_35_64, rate * 1e5, 1e-12)).toBe(true);
          }
        }
      }),
    );
  });
  it('intervals contain their estimate for both methods, and Tiwari never widens the upper limit', () => {
    fc.assert(
      fc.property(stratum(18), fc.constantFrom(...standards), ([cases, py], standard) => {
        const ff = stratumRates({ scheme: 'five-year-18', cases, personYears: py, unknownAge: 0 }, { standard, interval: 'fay-feuer', unknownAge: 'spread' });
        const tw = stratumRates({ scheme: 'five-year-18', cases, personYears: py, unknownAge: 0 }, { standard, interval: 'tiwari', unknownAge: 'spread' });
        for (const r of [ff, tw]) {
          expect(r.asr_lower).toBeLessThanOrEqual(r.asr);
          expect(r.asr_upper).toBeGreaterThan(r.asr);
          expect(r.asr_lower).toBeGreaterThanOrEqual(0);
        }
        expect(tw.asr_lower).toBe(ff.asr_lower);
        expect(tw.asr_upper).toBeLessThanOrEqual(ff.asr_upper * (1 + 1e-12));
        expect(ff.cum_risk_0_74).toBeLessThanOrEqual(ff.cum_rate_0_74 + 1e-12);
      }),
    );
  });
  it('Segi in NCCR 19-group form equals the 18-group form when 0 and 1–4 share a rate', () => {
    fc.assert(
      fc.property(stratum(19), ([cases, py]) => {
        py[1] = py[0]! * 4;
        cases[1] = cases[0]! * 4;
        const r19 = stratumRates({ scheme: 'china-19', cases, personYears: py, unknownAge: 0 }, { standard: SEGI_1960, interval: 'fay-feuer', unknownAge: 'spread' });
        const r18 = stratumRates({ scheme: 'five-year-18', cases: collapseTo18(cases), personYears: collapseTo18(py), unknownAge: 0 }, { standard: SEGI_1960, interval: 'fay-feuer', unknownAge: 'spread' });
        expect(relClose(r19.asr, r18.asr, 1e-12) || r18.asr === 0).toBe(true);
        expect(r19.age_groups).toHaveLength(19);
      }),
    );
  });
  it('WHO 2000 against 19-group data collapses the data to 18 groups', () => {
    const py = Array.from({ length: 19 }, (_, i) => 1000 * (i + 1));
    const cases = Array.from({ length: 19 }, (_, i) => i);
    const r = stratumRates({ scheme: 'china-19', cases, personYears: py, unknownAge: 0 }, { standard: WHO_2000, interval: 'fay-feuer', unknownAge: 'spread' });
    expect(r.age_groups[0]).toBe('0-4');
    expect(r.asr).toBeCloseTo(1e5 * directStandardise(collapseTo18(cases), collapseTo18(py), WHO_2000.weights).asr, 9);
  });
  it('spreading unknown ages keeps the total and scales every age group alike; "apart" keeps them out of the ASR', () => {
    fc.assert(
      fc.property(stratum(18), fc.integer({ min: 0, max: 200 }), ([cases, py], unknown) => {
        const known = cases.reduce((s, c) => s + c, 0);
        const spread = spreadUnknownAge(cases, unknown);
        const total = Array.from(spread.cases).reduce((s, c) => s + c, 0) + spread.unallocated;
        expect(relClose(total, known + unknown, 1e-12) || total === 0).toBe(true);
        const base = { scheme: 'five-year-18' as const, cases, personYears: py, unknownAge: unknown };
        const a = stratumRates(base, { standard: SEGI_1960, interval: 'fay-feuer', unknownAge: 'spread' });
        const b = stratumRates(base, { standard: SEGI_1960, interval: 'fay-feuer', unknownAge: 'apart' });
        expect(a.cases).toBe(b.cases);
        if (known > 0) expect(relClose(a.asr, (b.asr * (known + unknown)) / known, 1e-12)).toBe(true);
      }),
    );
  });
  it('cumulative risk follows 100·(1 − e^(−cumrate/100)) and a worked example', () => {
    // 18 groups, rate 1/1000 in every group: cumulative rate 0–74 = 15 groups × 5 years × 0.001 × 100 = 7.5 %.
    const py = new Array<number>(18).fill(100_000);
    const r = stratumRates({ scheme: 'five-year-18', cases: py.map(() => 100), personYears: py, unknownAge: 0 }, { standard: SEGI_1960, interval: 'fay-feuer', unknownAge: 'spread' });
    expect(r.cum_rate_0_74).toBeCloseTo(7.5, 12);
    expect(r.cum_risk_0_74).toBeCloseTo(100 * (1 - Math.exp(-0.075)), 12);
    expect(cumulativeRisk(0)).toBe(0);
  });
  it('refuses cases without person-years, and a standard of the wrong length', () => {
    expect(() => directStandardise([1, 0], [0, 10], [1, 1])).toThrow(/no person-years/);
    expect(() => directStandardise([1, 0], [10, 10], [1, 1, 1])).toThrow(RangeError);
  });
});

describe('rate ratio, EAPC, proportions', () => {
  it('a rate compared with itself has ratio 1 inside its interval', () => {
    fc.assert(fc.property(stratum(18), ([cases, py]) => {
      const d = directStandardise(cases, py, SEGI_1960.weights);
      fc.pre(d.asr > 0);
      const r = rateRatio(d, d);
      expect(r.ratio).toBe(1);
      expect(r.lower).toBeLessThan(1);
      expect(r.upper).toBeGreaterThan(1);
      expect(relClose(r.lower * r.upper, 1, 1e-12)).toBe(true);
    }));
  });
  it('EAPC equals R lm(log(asr) ~ year) with confint()', () => {
    const file = fileURLToPath(new URL('../../../test/fixtures/epi-rates/eapc-reference.csv', import.meta.url));
    const [, ...lines] = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      const [, e, lo, hi, years, asrs] = line.split(',');
      const ys = years!.split(';').map(Number);
      const as = asrs!.split(';').map(Number);
      const r = eapc(ys.map((year, i) => ({ year, asr: as[i]! })));
      expect(relClose(r.eapc, Number(e), 1e-9)).toBe(true);
      expect(relClose(r.lower, Number(lo), 1e-9)).toBe(true);
      expect(relClose(r.upper, Number(hi), 1e-9)).toBe(true);
    }
  });
  it('EAPC of an exact exponential trend is exact with a zero-width interval', () => {
    const r = eapc([2010, 2011, 2012, 2013].map((year) => ({ year, asr: 10 * 1.03 ** (year - 2010) })));
    expect(r.eapc).toBeCloseTo(3, 10);
    expect(r.upper - r.lower).toBeLessThan(1e-9);
    expect(() => eapc([{ year: 1, asr: 1 }, { year: 2, asr: 0 }, { year: 3, asr: 1 }])).toThrow(/ASR > 0/);
  });
  it('proportion and M/I ratio', () => {
    expect(proportionPercent(25, 200)).toBe(12.5);
    expect(proportionPercent(1, 0)).toBeNaN();
    expect(mortalityIncidenceRatio(80, 100)).toBe(0.8);
  });
});

describe('tally and user standards', () => {
  it('tallies ages into strata and keeps unknown ages in the last slot', () => {
    const t = tallyCases([0, 0, 1, 1], [0.5, 3, 90, Number.NaN], 2, 'china-19');
    expect(t[0]).toBe(1);
    expect(t[1]).toBe(1);
    expect(t[20 + 18]).toBe(1);
    expect(t[20 + 19]).toBe(1);
  });
  it('reads a user standard and reports the offending row', () => {
    const rows = AGE_GROUPS['five-year-18'].map((g, i) => ({ ageGroup: g.label, weight: String(SEGI_1960.weights[i]), row: i + 1 }));
    const good = standardFromRows(rows);
    expect(good.ok && good.value.weights).toEqual(SEGI_1960.weights);
    const bad = standardFromRows([...rows.slice(0, 3), { ageGroup: '15-19', weight: 'x', row: 4 }]);
    expect(!bad.ok && bad.error.field).toBe('row 4: weight');
    const missing = standardFromRows(rows.slice(1));
    expect(!missing.ok && missing.error.code).toBe('standard.missing');
    expect(Object.keys(BUILT_IN_STANDARDS)).toEqual(['segi1960', 'who2000', 'china2000']);
  });
});
