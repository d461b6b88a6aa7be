import { DAYS_PER_YEAR } from '../life-table/life-table.ts';
import { survivalConfidenceInterval } from './confidence.ts';
import type { ConfType, SurvivalCurve } from './survival-data.ts';

export interface SurvivalAtTime {
  readonly years: number;
  readonly n_risk: number;
  readonly survival: number | null;
  /** Standard error of the survival estimate (Greenwood for KM): survfit's std.err × S(t), as summary.survfit prints. */
  readonly se: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
}

/** Index of the last curve time ≤ t, or −1 (binary search; curve times are increasing). */
export function curveStepIndex(time: Float64Array, t: number): number {
  let lo = 0;
  let hi = time.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((time[mid] as number) <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * The curve read at `years` (× 365.241 days) the way summary.survfit(fit, times) reads it: the value
 * at the last distinct time ≤ t. Before the first time S = 1 with se 0. Past the last follow-up
 * time R drops the row (extend = FALSE); we keep it with n_risk 0 and no estimate, because
 * survival beyond the longest follow-up is not known.
 * `nRiskAt` gives the number at risk at exactly t (entry < t ≤ exit), which summary.survfit reports.
 */
export function survivalAt(curve: SurvivalCurve, years: readonly number[], confType: ConfType, nRiskAt: (t: number) => number, level = 0.95): SurvivalAtTime[] {
  const last = curve.time.length === 0 ? -Infinity : (curve.time[curve.time.length - 1] as number);
  return years.map((y) => {
    const t = y * DAYS_PER_YEAR;
    if (t > last) return { years: y, n_risk: 0, survival: null, se: null, lower: null, upper: null };
    const i = curveStepIndex(curve.time, t);
    const s = i < 0 ? 1 : (curve.surv[i] as number);
    const logSe = i < 0 ? 0 : (curve.stdErr[i] as number);
    const { lower, upper } = survivalConfidenceInterval(s, logSe, confType, level, curve.clipToUnit);
    const se = logSe * s;
    return { years: y, n_risk: nRiskAt(t), survival: s, se: Number.isFinite(se) ? se : null, lower, upper };
  });
}

/**
 * Median survival as survfit prints it (survival:::survmean's `minmin`): the first time the curve is
 * at or below 0.5; if it sits exactly at 0.5 (within √ε) the midpoint between that time and the
 * time it next drops. Null when the curve never reaches 0.5.
 */
export function medianTime(time: Float64Array, surv: Float64Array): number | null {
  const tolerance = Math.sqrt(Number.EPSILON);
  const n = time.length;
  let first = -1;
  for (let i = 0; i < n; i++) {
    if ((surv[i] as number) < 0.5 + tolerance) {
      first = i;
      break;
    }
  }
  if (first < 0) return null;
  const y1 = surv[first] as number;
  if (Math.abs(y1 - 0.5) < tolerance) {
    for (let i = first + 1; i < n; i++) if ((surv[i] as number) < y1) return ((time[first] as number) + (time[i] as number)) / 2;
  }
  return time[first] as number;
}

export function medianYears(curve: SurvivalCurve): number | null {
  const m = medianTime(curve.time, curve.surv);
  return m === null ? null : m / DAYS_PER_YEAR;
}

/**
 * Number at risk at time t read off a Kaplan–Meier or relative-survival curve without delayed entry:
 * the risk set of the first curve time ≥ t (nobody leaves between curve times), 0 past the last.
 */
export function riskSetFromCurve(curve: SurvivalCurve): (t: number) => number {
  return (t) => {
    const i = curveStepIndex(curve.time, t);
    const at = i >= 0 && curve.time[i] === t ? i : i + 1;
    return at < curve.time.length ? (curve.nRisk[at] as number) : 0;
  };
}

/** Number at risk at time t: entry < t ≤ exit. */
export function riskSetCounter(exit: Float64Array, entry?: Float64Array): (t: number) => number {
  const exits = Float64Array.from(exit).sort();
  const entries = entry === undefined ? undefined : Float64Array.from(entry).sort();
  return (t) => {
    const before = lowerBound(exits, t); // exit < t
    const entered = entries === undefined ? exits.length : lowerBound(entries, t);
    return entered - before;
  };
}

function lowerBound(sorted: Float64Array, t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
