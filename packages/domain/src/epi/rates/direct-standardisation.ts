import { gammaQuantile } from './gamma-quantile.ts';

export type AsrInterval = 'fay-feuer' | 'tiwari';

export interface DirectStandardised {
  /** Σ cases / Σ person-years, per person-year. */
  readonly crude: number;
  /** Directly standardised rate Σ wᵢ·casesᵢ/pyᵢ with wᵢ = standardᵢ / Σ standard, per person-year. */
  readonly asr: number;
  /** Σ wᵢ²·casesᵢ/pyᵢ² (Poisson variance of the ASR). */
  readonly variance: number;
  readonly lower: number;
  readonly upper: number;
}

/**
 * Direct age standardisation with a gamma interval, written to give exactly what R's
 * epitools::ageadjust.direct(count, pop, stdpop = standard) gives.
 *
 * - 'fay-feuer': Fay & Feuer (1997), Stat Med 16:791. Lower limit G⁻¹(α/2; y²/v, v/y); upper limit
 *   G⁻¹(1 − α/2; (y + wₘ)²/(v + wₘ²), (v + wₘ²)/(y + wₘ)) with wₘ = maxᵢ wᵢ/pyᵢ (the SEER default).
 * - 'tiwari': Tiwari, Clegg & Zou (2006), Stat Methods Med Res 15:547. The upper limit adds the mean of wᵢ/pyᵢ to y
 *   and the mean of (wᵢ/pyᵢ)² to v instead of the maximum (asht::wspoissonTest wmtype = "tcz").
 *
 * Where epitools returns NaN we return numbers: with no cases the lower limit is 0 (y = 0 makes R's shape 0/0),
 * and an age group with neither cases nor person-years adds nothing (R would give 0/0 = NaN for its rate).
 * Cases in an age group with no person-years have no rate at all: that is an error the caller reports.
 */
export function directStandardise(
  cases: ArrayLike<number>,
  personYears: ArrayLike<number>,
  standard: ArrayLike<number>,
  interval: AsrInterval = 'fay-feuer',
  confLevel = 0.95,
): DirectStandardised {
  const n = standard.length;
  if (cases.length !== n || personYears.length !== n) throw new RangeError(`cases, person-years and standard need the same number of age groups (${cases.length}, ${personYears.length}, ${n})`);
  let standardTotal = 0;
  for (let i = 0; i < n; i += 1) standardTotal += standard[i]!;
  let caseTotal = 0;
  let pyTotal = 0;
  let asr = 0;
  let variance = 0;
  let wMax = 0;
  let wSum = 0;
  let w2Sum = 0;
  let groups = 0;
  for (let i = 0; i < n; i += 1) {
    const c = cases[i]!;
    const py = personYears[i]!;
    caseTotal += c;
    pyTotal += py;
    if (py <= 0) {
      if (c > 0) throw new RangeError(`age group ${i + 1} has ${c} cases but no person-years`);
      continue;
    }
    const w = standard[i]! / standardTotal;
    const rate = c / py;
    asr += w * rate;
    variance += w * w * (c / (py * py));
    const wi = w / py;
    if (wi > wMax) wMax = wi;
    wSum += wi;
    w2Sum += wi * wi;
    groups += 1;
  }
  const alpha = 1 - confLevel;
  const lower = asr > 0 ? gammaQuantile(alpha / 2, (asr * asr) / variance, variance / asr) : 0;
  const [yStar, vStar] = interval === 'fay-feuer' ? [asr + wMax, variance + wMax * wMax] : [asr + wSum / groups, variance + w2Sum / groups];
  const upper = groups === 0 ? Number.NaN : gammaQuantile(1 - alpha / 2, (yStar * yStar) / vStar, vStar / yStar);
  return { crude: caseTotal / pyTotal, asr, variance, lower, upper };
}
