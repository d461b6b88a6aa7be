import type { FollowUp, SurvivalCurve } from './survival-data.ts';

/**
 * Kaplan–Meier product-limit estimate with Greenwood's variance, as survival::survfit computes it:
 * at each distinct time t (deaths and censorings), S(t) = Π (1 − d/n) and the variance of the
 * cumulative hazard Σ d / (n (n − d)). With delayed entry (period analysis) the risk set at t is
 * { entry < t ≤ time }, as survfit does for Surv(entry, time, status).
 */
export function kaplanMeier(data: FollowUp): SurvivalCurve {
  const n = data.time.length;
  const { times: time, exits, deaths } = tallyByTime(data.time, data.status);
  const distinct = time.length;
  const entries = data.entry === undefined ? undefined : Float64Array.from(data.entry).sort();
  const nRisk = new Float64Array(distinct);
  const nEvent = new Float64Array(distinct);
  const surv = new Float64Array(distinct);
  const stdErr = new Float64Array(distinct);

  let s = 1;
  let varhaz = 0;
  let exited = 0; // patients with time < t
  let e = 0; // entries < t
  for (let k = 0; k < distinct; k++) {
    const t = time[k] as number;
    const events = deaths[k] as number;
    let atRisk = n - exited;
    if (entries !== undefined) {
      while (e < n && (entries[e] as number) < t) e++;
      atRisk = e - exited;
    }
    if (events > 0) {
      s *= (atRisk - events) / atRisk;
      varhaz += events / (atRisk * (atRisk - events));
    }
    nRisk[k] = atRisk;
    nEvent[k] = events;
    surv[k] = s;
    stdErr[k] = Math.sqrt(varhaz);
    exited += exits[k] as number;
  }
  return { kind: 'survival-curve', method: 'km', time, nRisk, nEvent, surv, stdErr, clipToUnit: true };
}

/** Largest whole-day follow-up for which counting by day beats sorting (the arrays stay a few MB). */
const MAX_COUNTING_DAYS = 1 << 20;

/**
 * Distinct times in increasing order with how many leave (die or are censored) and die at each.
 * Registry follow-up is whole days, so the usual path counts by day in O(n + days) instead of sorting
 * a million numbers; fractional or huge times fall back to a sort.
 */
export function tallyByTime(time: Float64Array, status: Uint8Array): { times: Float64Array; exits: Float64Array; deaths: Float64Array } {
  const n = time.length;
  let max = 0;
  let whole = true;
  for (let i = 0; i < n; i++) {
    const t = time[i] as number;
    if (!(t >= 0 && Number.isInteger(t))) {
      whole = false;
      break;
    }
    if (t > max) max = t;
  }
  if (whole && max < MAX_COUNTING_DAYS) {
    const exitsByDay = new Int32Array(max + 1);
    const deathsByDay = new Int32Array(max + 1);
    for (let i = 0; i < n; i++) {
      const t = time[i] as number;
      exitsByDay[t] = (exitsByDay[t] as number) + 1;
      deathsByDay[t] = (deathsByDay[t] as number) + (status[i] as number);
    }
    let distinct = 0;
    for (let d = 0; d <= max; d++) if (exitsByDay[d] !== 0) distinct++;
    const times = new Float64Array(distinct);
    const exits = new Float64Array(distinct);
    const deaths = new Float64Array(distinct);
    for (let d = 0, k = 0; d <= max; d++) {
      if (exitsByDay[d] === 0) continue;
      times[k] = d;
      exits[k] = exitsByDay[d] as number;
      deaths[k] = deathsByDay[d] as number;
      k++;
    }
    return { times, exits, deaths };
  }
  const sorted = Float64Array.from(time).sort();
  let deathCount = 0;
  for (let i = 0; i < n; i++) deathCount += status[i] as number;
  const deathTimes = new Float64Array(deathCount);
  for (let i = 0, k = 0; i < n; i++) if (status[i] === 1) deathTimes[k++] = time[i] as number;
  deathTimes.sort();
  let distinct = 0;
  for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct++;
  const times = new Float64Array(distinct);
  const exits = new Float64Array(distinct);
  const deaths = new Float64Array(distinct);
  for (let i = 0, k = 0, d = 0; i < n; k++) {
    const t = sorted[i] as number;
    let j = i;
    while (j < n && sorted[j] === t) j++;
    let died = 0;
    while (d < deathCount && deathTimes[d] === t) {
      died++;
      d++;
    }
    times[k] = t;
    exits[k] = j - i;
    deaths[k] = died;
    i = j;
  }
  return { times, exits, deaths };
}
