import tQuantile from '@stdlib/stats-base-dists-t-quantile';

export interface Eapc {
  /** Estimated annual percentage change, 100·(e^b − 1). */
  readonly eapc: number;
  readonly lower: number;
  readonly upper: number;
  /** Slope b of ln(ASR) on year and its standard error. */
  readonly slope: number;
  readonly se: number;
}

/**
 * EAPC from the least-squares line ln(ASRₜ) = a + b·t (Esteve, Benhamou & Raymond, IARC Sci Publ 128, 1994; the
 * SEER and NCCR convention), interval 100·(e^(b ± t₀.₉₇₅,ₙ₋₂·se(b)) − 1). Needs at least three years with ASR > 0.
 */
export function eapc(points: ReadonlyArray<{ readonly year: number; readonly asr: number }>, confLevel = 0.95): Eapc {
  if (points.length < 3) throw new RangeError('EAPC needs at least three years');
  for (const p of points) if (!(p.asr > 0)) throw new RangeError(`EAPC needs ASR > 0 every year; ${p.year} has ${p.asr}`);
  const n = points.length;
  const meanX = points.reduce((s, p) => s + p.year, 0) / n;
  const meanY = points.reduce((s, p) => s + Math.log(p.asr), 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (const p of points) {
    sxx += (p.year - meanX) ** 2;
    sxy += (p.year - meanX) * (Math.log(p.asr) - meanY);
  }
  if (sxx === 0) throw new RangeError('EAPC needs at least two different years');
  const slope = sxy / sxx;
  let rss = 0;
  for (const p of points) rss += (Math.log(p.asr) - meanY - slope * (p.year - meanX)) ** 2;
  const se = Math.sqrt(rss / (n - 2) / sxx);
  const t = tQuantile(1 - (1 - confLevel) / 2, n - 2);
  const pct = (b: number) => 100 * Math.expm1(b);
  return { eapc: pct(slope), lower: pct(slope - t * se), upper: pct(slope + t * se), slope, se };
}
