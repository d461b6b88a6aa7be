import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';

export interface RateRatio {
  readonly ratio: number;
  readonly lower: number;
  readonly upper: number;
}

/**
 * Standardised rate ratio of two ASRs (same standard) with a log-normal interval: exp(ln SRR ± z·√(v₁/y₁² + v₂/y₂²)),
 * the delta-method variance of ln y (Rothman, Greenland & Lash, Modern Epidemiology 3rd ed., ch. 15). Unlike the
 * test-based limits of Boyle & Parkin (IARC Sci Publ 95), it is defined when the two rates are equal.
 */
export function rateRatio(
  a: { readonly asr: number; readonly variance: number },
  b: { readonly asr: number; readonly variance: number },
  confLevel = 0.95,
): RateRatio {
  const ratio = a.asr / b.asr;
  if (!(a.asr > 0 && b.asr > 0)) return { ratio, lower: Number.NaN, upper: Number.NaN };
  const z = normalQuantile(1 - (1 - confLevel) / 2, 0, 1);
  const se = Math.sqrt(a.variance / (a.asr * a.asr) + b.variance / (b.asr * b.asr));
  return { ratio, lower: ratio * Math.exp(-z * se), upper: ratio * Math.exp(z * se) };
}
