import type { FollowUp, SurvivalCurve } from './survival-data.ts';

/**
 * Kaplan–Meier product-limit estimate with Greenwood's variance, as survival::survfit computes it:
 * at each distinct time t (deaths and censorings), S(t) = Π (1 − d/n) and the variance of the
 * cumulative hazard Σ d / (n (n − d)). With delayed entry (period analysis) the risk set at t is
 * { entry < t ≤ time }, as survfit does for Surv(entry, time, status).
 */
export function kaplanMeier(data: FollowUp): SurvivalCurve {
  const n = data.time.length;
  const sortedTimes = Float64Array.from(data.time).sort();
  let deaths = 0;
  for (let i = 0; i < n; i++) deaths += data.status[i] as number;
  const deathTimes = new Float64Array(deaths);
  for (let i = 0, k = 0; i < n; i++) if (data.status[i] === 1) deathTimes[k++] = data.time[i] as number;
  deathTimes.sort();
  const entries = data.entry === undefined ? undefined : Float64Array.from(data.entry).sort();

  // Distinct times; survfit keeps censoring times too (they carry n.risk for summary()).
  let distinct = 0;
  for (let i = 0; i < n; i++) if (i === 0 || sortedTimes[i] !== sortedTimes[i - 1]) distinct++;
  const time = new Float64Array(distinct);
  const nRisk = new Float64Array(distinct);
  const nEvent = new Float64Array(distinct);
  const surv = new Float64Array(distinct);
  const stdErr = new Float64Array(distinct);

  let s = 1;
  let varhaz = 0;
  let exited = 0; // patients with time < t
  let d = 0; // pointer into deathTimes
  let e = 0; // pointer into entries: count with entry < t
  let k = 0;
  for (let i = 0; i < n; ) {
    const t = sortedTimes[i] as number;
    let j = i;
    while (j < n && sortedTimes[j] === t) j++;
    let events = 0;
    while (d < deaths && deathTimes[d] === t) {
      events++;
      d++;
    }
    let atRisk = n - exited;
    if (entries !== undefined) {
      while (e < n && (entries[e] as number) < t) e++;
      atRisk = e - exited;
    }
    if (events > 0) {
      s *= (atRisk - events) / atRisk;
      varhaz += events / (atRisk * (atRisk - events));
    }
    time[k] = t;
    nRisk[k] = atRisk;
    nEvent[k] = events;
    surv[k] = s;
    stdErr[k] = Math.sqrt(varhaz);
    k++;
    exited += j - i;
    i = j;
  }
  return { kind: 'survival-curve', method: 'km', time, nRisk, nEvent, surv, stdErr, clipToUnit: true };
}
