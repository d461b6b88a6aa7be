import { DAYS_PER_YEAR } from '../life-table/life-table.ts';
import type { FollowUp, SurvivalCurve } from './survival-data.ts';

/**
 * Actuarial (life-table) estimate of Cutler & Ederer (1958) on intervals of `widthYears` years
 * (a, b]: those censored in an interval are at risk for half of it, n' = n − w/2, q = d/n',
 * S(b) = Π (1 − q); Greenwood's variance of the cumulative hazard Σ d / (n' (n' − d)).
 * Intervals are closed on the right so that, without censoring, S(b) equals the empirical and the
 * Kaplan–Meier survival at b.
 */
export function actuarialSurvival(data: FollowUp, widthYears = 1): SurvivalCurve {
  if (data.entry !== undefined) throw new Error('the actuarial method does not take delayed entry; use km, ederer2 or pohar-perme for period analysis');
  const width = widthYears * DAYS_PER_YEAR;
  let maxTime = 0;
  for (const t of data.time) maxTime = Math.max(maxTime, t);
  const intervals = Math.max(1, Math.ceil(maxTime / width));
  const deaths = new Float64Array(intervals);
  const censored = new Float64Array(intervals);
  for (let i = 0; i < data.time.length; i++) {
    const t = data.time[i] as number;
    const k = Math.min(intervals - 1, Math.max(0, Math.ceil(t / width) - 1));
    if (data.status[i] === 1) deaths[k] = (deaths[k] as number) + 1;
    else censored[k] = (censored[k] as number) + 1;
  }
  const time = new Float64Array(intervals);
  const nRisk = new Float64Array(intervals);
  const nEvent = new Float64Array(intervals);
  const surv = new Float64Array(intervals);
  const stdErr = new Float64Array(intervals);
  let entering = data.time.length;
  let s = 1;
  let varhaz = 0;
  for (let k = 0; k < intervals; k++) {
    const d = deaths[k] as number;
    const effective = entering - (censored[k] as number) / 2;
    if (effective > 0 && d > 0) {
      s *= 1 - d / effective;
      varhaz += d / (effective * (effective - d));
    }
    time[k] = (k + 1) * width;
    nRisk[k] = effective;
    nEvent[k] = d;
    surv[k] = s;
    stdErr[k] = Math.sqrt(varhaz);
    entering -= d + (censored[k] as number);
  }
  return { kind: 'survival-curve', method: 'actuarial', time, nRisk, nEvent, surv, stdErr, clipToUnit: true };
}
