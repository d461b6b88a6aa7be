import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMPTY_TALLY } from './flags.ts';
import { computeIndicators, INDICATORS, wilsonInterval } from './indicators.ts';
import { INDICATOR_IDS, type ScreeningTally } from './types.ts';

describe('Wilson score interval', () => {
  // Reference values: Newcombe RG. Two-sided confidence intervals for the single proportion: comparison of seven
  // methods. Stat Med 1998;17:857–872, Table I, method 3 (score, no continuity correction), and the same numbers
  // from R 4.x: prop.test(x, n, correct = FALSE)$conf.int (printed to 10 places on this machine).
  it.each([
    [81, 263, 0.2552885199, 0.366209577], // Newcombe: 0.2553, 0.3662
    [15, 148, 0.0623863995, 0.1604872417], // Newcombe: 0.0624, 0.1605
    [0, 20, 0, 0.1611251581], // Newcombe: 0, 0.1611
    [1, 29, 0.0061132143, 0.1717552188], // Newcombe: 0.0061, 0.1718
    [3, 1000, 0.0010207839, 0.0087830141],
    [7, 12, 0.3195113125, 0.8067396863],
  ])('%i/%i → [%f, %f]', (x, n, lower, upper) => {
    const ci = wilsonInterval(x, n)!;
    expect(ci.lower).toBeCloseTo(lower, 9);
    expect(ci.upper).toBeCloseTo(upper, 9);
  });

  it('follows the formula worked by hand for 5/10', () => {
    // p = 0.5, z² = 3.8414588; centre = (0.5 + 3.8414588/20) / (1 + 3.8414588/10) = 0.5;
    // half = 1.959964 / 1.38414588 × √(0.025 + 3.8414588/400) = 1.4160 × 0.18596 = 0.26332 → [0.23659, 0.76341].
    const ci = wilsonInterval(5, 10)!;
    expect(ci.lower).toBeCloseTo(0.236593, 5);
    expect(ci.upper).toBeCloseTo(0.763407, 5);
  });

  it('is null for an empty denominator and stays within [0, 1] at the edges', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    const all = wilsonInterval(20, 20)!;
    expect(all.upper).toBe(1);
    expect(all.lower).toBeCloseTo(1 - 0.1611251581, 9);
  });
});

describe('Wilson score interval, properties', () => {
  it('contains the estimate, stays in [0, 1], mirrors x ↔ n − x and narrows as n grows', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, share) => {
        const x = Math.round(share * n);
        const ci = wilsonInterval(x, n)!;
        const p = x / n;
        expect(ci.lower).toBeGreaterThanOrEqual(0);
        expect(ci.upper).toBeLessThanOrEqual(1);
        expect(ci.lower).toBeLessThanOrEqual(p + 1e-12);
        expect(ci.upper).toBeGreaterThanOrEqual(p - 1e-12);
        const mirror = wilsonInterval(n - x, n)!;
        expect(ci.lower).toBeCloseTo(1 - mirror.upper, 10);
        const bigger = wilsonInterval(4 * x, 4 * n)!;
        expect(bigger.upper - bigger.lower).toBeLessThan(ci.upper - ci.lower + 1e-12);
      }),
      { numRuns: 500 },
    );
  });
});

describe('screening indicators', () => {
  it('defines every indicator once, in the contract order, with zh and en labels for numerator and denominator', () => {
    expect(INDICATORS.map((i) => i.id)).toEqual([...INDICATOR_IDS]);
    for (const i of INDICATORS) {
      for (const text of [i.label, i.numerator.label, i.denominator.label, i.unit]) {
        expect(text.zh.length).toBeGreaterThan(0);
        expect(text.en.length).toBeGreaterThan(0);
      }
      expect(Object.keys(EMPTY_TALLY)).toContain(i.numerator.field);
      expect(Object.keys(EMPTY_TALLY)).toContain(i.denominator.field);
    }
  });

  const tally: ScreeningTally = {
    invited: 2000,
    participated: 1300,
    questionnaireDone: 1250,
    highRisk: 400,
    highRiskClinicallyScreened: 220,
    screened: 220,
    positive: 30,
    followUpDone: 24,
    followUpOverdue: 4,
    cancer: 5,
    precancer: 9,
    early: 3,
    daysPositiveToDiagnosisSum: 480,
    daysPositiveToDiagnosisCount: 20,
  };

  it('computes each value from its numerator and denominator (hand-computed)', () => {
    const byId = Object.fromEntries(computeIndicators(tally).map((v) => [v.id, v]));
    expect(byId.participation_rate).toMatchObject({ numerator: 1300, denominator: 2000 });
    expect(byId.participation_rate!.value).toBeCloseTo(65, 10);
    expect(byId.high_risk_rate!.value).toBeCloseTo(32, 10); // 400 / 1250
    expect(byId.clinical_compliance!.value).toBeCloseTo(55, 10); // 220 / 400
    expect(byId.positivity_rate!.value).toBeCloseTo(13.636363636, 8); // 30 / 220
    expect(byId.detection_rate!.value).toBeCloseTo(22.727272727, 8); // 5 / 220 × 1000
    expect(byId.early_diagnosis_rate!.value).toBeCloseTo(60, 10); // 3 / 5
    expect(byId.follow_up_completion!.value).toBeCloseTo(80, 10); // 24 / 30
    expect(byId.days_positive_to_diagnosis).toEqual({
      id: 'days_positive_to_diagnosis',
      numerator: 480,
      denominator: 20,
      value: 24,
      lower: null,
      upper: null,
    });
  });

  it('scales the Wilson interval like the value', () => {
    const byId = Object.fromEntries(computeIndicators(tally).map((v) => [v.id, v]));
    const det = wilsonInterval(5, 220)!;
    expect(byId.detection_rate!.lower).toBeCloseTo(det.lower * 1000, 10);
    expect(byId.detection_rate!.upper).toBeCloseTo(det.upper * 1000, 10);
    // R: prop.test(3, 5, correct = FALSE)$conf.int → 0.2307242813 0.8823792258
    expect(byId.early_diagnosis_rate!.lower).toBeCloseTo(23.07242813, 6);
    expect(byId.early_diagnosis_rate!.upper).toBeCloseTo(88.23792258, 6);
    for (const v of computeIndicators(tally)) {
      if (v.lower === null || v.upper === null || v.value === null) continue;
      expect(v.lower).toBeLessThanOrEqual(v.value);
      expect(v.upper).toBeGreaterThanOrEqual(v.value);
    }
  });

  it('gives null values for empty denominators', () => {
    for (const v of computeIndicators(EMPTY_TALLY))
      expect(v).toMatchObject({ value: null, lower: null, upper: null, numerator: 0, denominator: 0 });
  });
});
