import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import type { ConfType } from './survival-data.ts';

export interface SurvivalInterval {
  readonly lower: number | null;
  readonly upper: number | null;
}

/**
 * Pointwise interval for a survival estimate p whose cumulative hazard has standard error `se`
 * (survival:::survfit_confint with logse = TRUE; relsurv::rs.surv builds the same three forms):
 * plain p ± z·se·p, log exp(log p ± z·se), log-log exp(−exp(log(−log p) ± z·se / log p)).
 * survfit clips plain and log limits to [0, 1] (`clipToUnit`); relsurv leaves them as they are.
 * Where a form is undefined (log of 0; log-log at 0 or 1) the limits are null, as R's NA.
 */
export function survivalConfidenceInterval(p: number, se: number, type: ConfType, level = 0.95, clipToUnit = true): SurvivalInterval {
  const z = normalQuantile(1 - (1 - level) / 2, 0, 1);
  const finite = (x: number): number | null => (Number.isFinite(x) ? x : Number.isNaN(x) ? null : x);
  switch (type) {
    case 'plain': {
      const half = se * p * z;
      return clipToUnit ? { lower: finite(Math.max(p - half, 0)), upper: finite(Math.min(p + half, 1)) } : { lower: finite(p - half), upper: finite(p + half) };
    }
    case 'log': {
      if (p === 0 && clipToUnit) return { lower: null, upper: null };
      const half = z * se;
      const upper = Math.exp(Math.log(p) + half);
      return { lower: finite(Math.exp(Math.log(p) - half)), upper: finite(clipToUnit ? Math.min(upper, 1) : upper) };
    }
    case 'log-log': {
      if (clipToUnit && (p === 0 || p === 1)) return { lower: null, upper: null };
      const half = (z * se) / Math.log(p);
      return { lower: finite(Math.exp(-Math.exp(Math.log(-Math.log(p)) - half))), upper: finite(Math.exp(-Math.exp(Math.log(-Math.log(p)) + half))) };
    }
  }
}
