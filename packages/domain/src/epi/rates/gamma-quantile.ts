import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';

/**
 * Gamma quantiles accurate to a few ulps, so the Fay–Feuer limits equal R's qgamma (epitools::ageadjust.direct)
 * to 1e-9 relative. @stdlib's gammaincinv is off by ~1e-4 for shapes in the thousands — an all-sites ASR has
 * shape ≈ number of cases — so we solve P(a, x) = p by safeguarded Newton–Halley on our own incomplete gamma.
 */

const LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** Stirling's error term lgamma(a) − [(a − ½)ln a − a + ½ln 2π] for a ≥ 10 (Loader 2000), to ~1e-17. */
function stirlerrLarge(a: number): number {
  const a2 = 1 / (a * a);
  return (1 / 12 - a2 * (1 / 360 - a2 * (1 / 1260 - a2 * (1 / 1680 - a2 * (1 / 1188 - (a2 * 691) / 360360))))) / a;
}

/** ln Γ(a) for a > 0: the Stirling series above 10, shifted down by the recurrence Γ(a) = Γ(a + n) / (a ⋯ (a + n − 1)). */
export function lnGamma(a: number): number {
  let shift = 0;
  let z = a;
  let product = 1;
  while (z < 10) {
    product *= z;
    z += 1;
    shift += 1;
  }
  const large = (z - 0.5) * Math.log(z) - z + LN_SQRT_2PI + stirlerrLarge(z);
  return shift === 0 ? large : large - Math.log(product);
}

/**
 * ln(x^a e^−x / Γ(a)). For large a the naive form loses digits to cancellation between a·ln x and ln Γ(a); the
 * rearrangement a(ln r − r + 1) + ½ln a − ½ln 2π − stirlerr(a), r = x/a, keeps them (the idea of Loader's bd0).
 */
function logKernel(a: number, x: number): number {
  if (a < 10) return a * Math.log(x) - x - lnGamma(a);
  const d = (x - a) / a;
  return a * (Math.log1p(d) - d) + 0.5 * Math.log(a) - LN_SQRT_2PI - stirlerrLarge(a);
}

/** Regularised incomplete gamma, both tails: lower P(a, x) and upper Q(a, x) = 1 − P (series / Lentz continued fraction). */
export function incompleteGamma(a: number, x: number): { lower: number; upper: number } {
  if (x <= 0) return { lower: 0, upper: 1 };
  if (!Number.isFinite(x)) return { lower: 1, upper: 0 };
  const kernel = Math.exp(logKernel(a, x));
  if (x < a + 1) {
    // P = x^a e^−x / Γ(a + 1) · Σ x^n / ((a + 1) ⋯ (a + n)); all terms positive, so no cancellation.
    let term = 1;
    let sum = 1;
    for (let n = 1; n < 1_000_000; n += 1) {
      term *= x / (a + n);
      sum += term;
      if (term < sum * 1e-17) break;
    }
    const lower = (kernel / a) * sum;
    return { lower, upper: 1 - lower };
  }
  // Q = x^a e^−x / Γ(a) · 1/(x + 1 − a − 1·(1 − a)/(x + 3 − a − …)), modified Lentz.
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1_000_000; i += 1) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  const upper = kernel * h;
  return { lower: 1 - upper, upper };
}

/** Quantile of the gamma distribution with the given shape and scale (R's qgamma(p, shape, scale = scale)). */
export function gammaQuantile(p: number, shape: number, scale: number): number {
  if (Number.isNaN(p) || Number.isNaN(shape) || Number.isNaN(scale) || p < 0 || p > 1 || shape < 0 || scale < 0) return Number.NaN;
  if (p === 0 || shape === 0) return 0;
  if (p === 1) return Number.POSITIVE_INFINITY;
  return scale * standardGammaQuantile(p, shape);
}

function standardGammaQuantile(p: number, a: number): number {
  // Solve in the smaller tail, where the tail probability has full relative precision.
  const useLower = p <= 0.5;
  const target = useLower ? p : 1 - p;
  // Start: Wilson–Hilferty for moderate shapes, the small-x series P ≈ x^a / Γ(a + 1) for small ones.
  const z = normalQuantile(p, 0, 1);
  let x = a * (1 - 1 / (9 * a) + z / (3 * Math.sqrt(a))) ** 3;
  if (!(x > 0) || a < 1) x = Math.exp((Math.log(p) + lnGamma(a + 1)) / a);
  if (!(x > 0) || !Number.isFinite(x)) x = a;
  let lo = 0;
  let hi = Number.POSITIVE_INFINITY;
  for (let iteration = 0; iteration < 200; iteration += 1) {
    const tails = incompleteGamma(a, x);
    // f(x) increases with x in both forms: P(x) − p, or (1 − p) − Q(x).
    const f = useLower ? tails.lower - target : target - tails.upper;
    // The tail is known to a few ulps; once f is down at that level no step can do better.
    if (Math.abs(f) <= 4e-16 * target) return x;
    if (f > 0) hi = x;
    else lo = x;
    const density = Math.exp(logKernel(a, x)) / x;
    const newton = f / density;
    // Halley's correction with f''/f' = (a − 1)/x − 1 for the gamma density.
    const halley = newton / (1 - 0.5 * newton * ((a - 1) / x - 1));
    const step = Number.isFinite(halley) ? halley : newton;
    if (Math.abs(step) <= 4e-16 * x) return x - step;
    let next = x - step;
    // Outside the bracket the local model is wrong (far from the root): bisect instead, geometrically.
    if (!(next > lo && next < hi)) next = Number.isFinite(hi) ? (lo > 0 ? lo * Math.sqrt(hi / lo) : hi / 2) : x * 2;
    x = next;
  }
  return x;
}
