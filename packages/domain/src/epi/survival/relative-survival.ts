import type { RateTable } from '../life-table/rate-table.ts';
import type { FollowUp, PopulationCovariates, SurvivalCurve } from './survival-data.ts';

export type RelativeMethod = 'ederer2' | 'pohar-perme';

/**
 * Relative survival (Ederer II; Ederer & Heise 1959) and net survival (Pohar Perme, Stare &
 * Estève 2012, Biometrics 68:113–120), computed exactly as relsurv::rs.surv does (relsurv 2.2-9,
 * C routine netfastpinter2 with the default precision of 1 day):
 *
 * - The crude grid is the distinct follow-up times. Each crude interval is cut into fine steps of
 *   one day (the last one shorter). In a fine step each person at risk at the end of the crude
 *   interval has the population hazard λ of the rate-table cell their attained age and calendar date
 *   fall in at the step's start, and their expected survival S_p is multiplied by exp(−step·λ).
 * - Ederer II: dΛ = d/Y − Σ Y_i λ_i dt / Y, var = Σ d / Y².
 * - Pohar Perme: dΛ = Σ dN_i/S_pi ÷ Σ Y_i/S_pi − ∫ (Σ Y_i λ_i/S_pi ÷ Σ Y_i/S_pi), with the integral by the
 *   trapezium over each fine step using S_p at both ends, the sums running over the steps so far in
 *   the crude interval (relsurv's `yidlisiw`); var = Σ (Σ dN_i/S_pi²) / (Σ Y_i/S_pi)².
 * - S(t) = Π (1 − dΛ) (type "kaplan-meier").
 *
 * Delayed entry (period analysis) follows the same routine's `ys` argument: S_p runs from diagnosis
 * for everyone, but a person contributes to the sums only in crude intervals after entry; entry
 * times are added to the crude grid so the risk set is constant within each interval.
 */
export function relativeSurvival(data: FollowUp, covariates: PopulationCovariates, rates: RateTable, method: RelativeMethod, precisionDays = 1): SurvivalCurve {
  const n = data.time.length;
  const grid = crudeGrid(data);
  const ntime = grid.length;

  // People in decreasing order of exit time: those at risk at the end of crude interval j are a prefix.
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (data.time[b] as number) - (data.time[a] as number));
  const y = new Float64Array(n);
  const status = new Uint8Array(n);
  const entry = new Float64Array(n);
  const age = new Float64Array(n);
  const year = new Float64Array(n);
  const base = new Int32Array(n);
  const ageIdx = new Int32Array(n);
  const yearIdx = new Int32Array(n);
  const si = new Float64Array(n).fill(1);
  const nAges = rates.ageCuts.length;
  const cells = nAges * rates.yearCuts.length;
  for (let k = 0; k < n; k++) {
    const i = order[k] as number;
    y[k] = data.time[i] as number;
    status[k] = data.status[i] as number;
    entry[k] = data.entry === undefined ? 0 : (data.entry[i] as number);
    age[k] = covariates.ageDays[i] as number;
    year[k] = covariates.diagnosisDay[i] as number;
    base[k] = ((covariates.sex[i] as number) - 1) * cells;
  }

  const { hazard: table, dayFactor, ageCuts, yearCuts } = rates;
  const lastAge = ageCuts.length - 1;
  const lastYear = yearCuts.length - 1;
  const nRisk = new Float64Array(ntime);
  const nEvent = new Float64Array(ntime);
  const surv = new Float64Array(ntime);
  const stdErr = new Float64Array(ntime);

  let atRisk = n; // prefix length: y >= grid[j]
  let time = 0;
  let s = 1;
  let variance = 0;
  for (let j = 0; j < ntime; j++) {
    const tj = grid[j] as number;
    while (atRisk > 0 && (y[atRisk - 1] as number) < tj) atRisk--;
    const thiscell = tj - time;
    let ftime = 0;
    let fyisi = 0;
    let fyidlisi = 0;
    let fyisi2 = 0;
    let fyidlisi2 = 0;
    let hazard = 0;
    let fint = 0;
    while (ftime < thiscell) {
      const timestart = time + ftime;
      let step = precisionDays;
      if (thiscell - ftime < step) step = thiscell - ftime;
      const wholeDay = step === 1;
      for (let k = 0; k < atRisk; k++) {
        // Attained age and date only move forward, so the cell indices resume where they stopped (pystep2).
        const a = (age[k] as number) + timestart;
        let ai = ageIdx[k] as number;
        while (ai < lastAge && a >= (ageCuts[ai + 1] as number)) ai++;
        ageIdx[k] = ai;
        const d = (year[k] as number) + timestart;
        let yi = yearIdx[k] as number;
        while (yi < lastYear && d >= (yearCuts[yi + 1] as number)) yi++;
        yearIdx[k] = yi;
        const cell = (base[k] as number) + yi * nAges + ai;
        const lambda = table[cell] as number;
        const e = wholeDay ? (dayFactor[cell] as number) : Math.exp(-step * lambda);
        const sBefore = si[k] as number;
        const sAfter = sBefore * e;
        if ((entry[k] as number) < tj) {
          fyidlisi += lambda / sBefore;
          fyidlisi2 += lambda / sAfter;
          fyisi += 1 / sBefore;
          fyisi2 += 1 / sAfter;
          hazard += step * lambda;
        }
        si[k] = sAfter;
      }
      if (fyisi > 0) fint += (fyidlisi / fyisi / 2 + fyidlisi2 / fyisi2 / 2) * step;
      ftime += step;
    }

    // Sums at the end of the crude interval over those at risk, and the deaths at tj (the tail of the prefix).
    let yi = 0;
    let yisi = 0;
    let dni = 0;
    let dnisi = 0;
    let dnisisq = 0;
    for (let k = 0; k < atRisk; k++) {
      if ((entry[k] as number) < tj) {
        yi += 1;
        yisi += 1 / (si[k] as number);
      }
    }
    for (let k = atRisk - 1; k >= 0 && y[k] === tj; k--) {
      if (status[k] === 1 && (entry[k] as number) < tj) {
        const sk = si[k] as number;
        dni += 1;
        dnisi += 1 / sk;
        dnisisq += 1 / (sk * sk);
      }
    }
    let dLambda: number;
    if (method === 'ederer2') {
      dLambda = yi > 0 ? dni / yi - hazard / yi : 0;
      if (yi > 0) variance += dni / (yi * yi);
    } else {
      dLambda = yisi > 0 ? dnisi / yisi - fint : 0;
      if (yisi > 0) variance += dnisisq / (yisi * yisi);
    }
    s *= 1 - dLambda;
    nRisk[j] = yi;
    nEvent[j] = dni;
    surv[j] = s;
    stdErr[j] = Math.sqrt(variance);
    time += thiscell;
  }
  return { kind: 'survival-curve', method, time: grid, nRisk, nEvent, surv, stdErr, clipToUnit: false };
}

/** Distinct exit times, plus distinct positive entry times under delayed entry. */
function crudeGrid(data: FollowUp): Float64Array {
  const all = data.entry === undefined ? Float64Array.from(data.time) : Float64Array.from([...data.time, ...Array.from(data.entry).filter((e) => e > 0)]);
  all.sort();
  let k = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) all[k++] = all[i] as number;
  return all.slice(0, k);
}
