import type { RateTable } from '../life-table/rate-table.ts';
import type { PopulationCovariates, RelativeMethod } from './survival-data.ts';

/** What one crude interval contributes, in relsurv's names. */
export interface IntervalSums {
  /** number at risk (yi) and deaths (dni) at the end of the interval */
  yi: number;
  dni: number;
  /** Σ 1/S_p over those at risk (yisi), Σ dN/S_p (dnisi), Σ dN/S_p² (dnisisq) */
  yisi: number;
  dnisi: number;
  dnisisq: number;
  /** Σ Y λ dt (yidli), and the trapezium integral of Σ Yλ/S_p ÷ Σ Y/S_p (yidlisiw) */
  hazard: number;
  fint: number;
}

/** Accumulates rs.surv's survival and standard error from interval sums (type "kaplan-meier"). */
export class RelativeCurveBuilder {
  private s = 1;
  private variance = 0;
  readonly nRisk: Float64Array;
  readonly nEvent: Float64Array;
  readonly surv: Float64Array;
  readonly stdErr: Float64Array;
  constructor(
    ntime: number,
    private readonly method: RelativeMethod,
  ) {
    this.nRisk = new Float64Array(ntime);
    this.nEvent = new Float64Array(ntime);
    this.surv = new Float64Array(ntime);
    this.stdErr = new Float64Array(ntime);
  }

  add(j: number, x: IntervalSums): void {
    let dLambda: number;
    if (this.method === 'ederer2') {
      dLambda = x.yi > 0 ? x.dni / x.yi - x.hazard / x.yi : 0;
      if (x.yi > 0) this.variance += x.dni / (x.yi * x.yi);
    } else {
      dLambda = x.yisi > 0 ? x.dnisi / x.yisi - x.fint : 0;
      if (x.yisi > 0) this.variance += x.dnisisq / (x.yisi * x.yisi);
    }
    this.s *= 1 - dLambda;
    this.nRisk[j] = x.yi;
    this.nEvent[j] = x.dni;
    this.surv[j] = this.s;
    this.stdErr[j] = Math.sqrt(this.variance);
  }
}

/**
 * The same computation as relativeSurvival's per-person loop (relsurv's netfastpinter2), but with the
 * sums over people taken per rate-table cell: everyone in a cell has the same λ, so the cell's
 * Σ 1/S_p is multiplied by the same daily factor e^λ and a fine step costs one update per occupied
 * cell instead of one per person. People move between cells at birthdays and new years (kept in
 * day buckets) and leave at their exit time; a person's own 1/S_p is recovered when needed as
 * (1/S_p at the last move) · e^(λ · days since). Results equal the per-person loop to rounding.
 * No delayed entry here; period analysis uses the per-person loop.
 */
export function relativeSurvivalByCell(time: Float64Array, status: Uint8Array, covariates: PopulationCovariates, rates: RateTable, method: RelativeMethod, grid: Float64Array, precisionDays: number): RelativeCurveBuilder {
  const n = time.length;
  const { hazard: table, dayFactor, ageCuts, yearCuts } = rates;
  const nAges = ageCuts.length;
  const lastAge = nAges - 1;
  const lastYear = yearCuts.length - 1;
  const cellsPerSex = nAges * yearCuts.length;
  const cellCount = 2 * cellsPerSex;

  // People in decreasing order of exit time: those at risk at grid[j] are a prefix.
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => (time[b] as number) - (time[a] as number));
  const rank = new Int32Array(n);
  order.forEach((person, k) => (rank[person] = k));

  const ageIdx = new Int32Array(n);
  const yearIdx = new Int32Array(n);
  const cellOf = new Int32Array(n);
  const anchorInv = new Float64Array(n).fill(1);
  const anchorTime = new Float64Array(n);

  const count = new Float64Array(cellCount);
  const sumInv = new Float64Array(cellCount);
  const invDay = dayFactor.map((f) => 1 / f);
  const active = new Int32Array(cellCount);
  const activePos = new Int32Array(cellCount).fill(-1);
  let activeCount = 0;
  const enter = (c: number, w: number): void => {
    if (activePos[c] === -1) {
      activePos[c] = activeCount;
      active[activeCount++] = c;
    }
    count[c] = (count[c] as number) + 1;
    sumInv[c] = (sumInv[c] as number) + w;
  };
  const leave = (c: number, w: number): void => {
    count[c] = (count[c] as number) - 1;
    sumInv[c] = (sumInv[c] as number) - w;
    if (count[c] === 0) {
      sumInv[c] = 0; // no cancellation residue in an empty cell
      const at = activePos[c] as number;
      const moved = active[--activeCount] as number;
      active[at] = moved;
      activePos[moved] = at;
      activePos[c] = -1;
    }
  };
  const invNow = (i: number, t: number): number => {
    const dt = t - (anchorTime[i] as number);
    return dt === 0 ? (anchorInv[i] as number) : (anchorInv[i] as number) * Math.exp((table[cellOf[i] as number] as number) * dt);
  };
  // People wait in day buckets (a linked list per day of follow-up) for their next birthday or new year.
  const lastDay = Math.ceil(grid.length > 0 ? (grid[grid.length - 1] as number) : 0) + 1;
  const bucketHead = new Int32Array(lastDay + 1).fill(-1);
  const bucketNext = new Int32Array(n);
  const wakeAt = new Float64Array(n);
  const schedule = (i: number, at: number): void => {
    if (!(at <= lastDay)) return; // after everyone's follow-up: never needed
    const b = Math.max(0, Math.floor(at));
    wakeAt[i] = at;
    bucketNext[i] = bucketHead[b] as number;
    bucketHead[b] = i;
  };
  const ageDays = covariates.ageDays;
  const diagnosisDay = covariates.diagnosisDay;
  /** pystep2's cell at `t` days after diagnosis, and when the cell may next change (a little early). */
  const place = (i: number, t: number): boolean => {
    const a0 = ageDays[i] as number;
    const d0 = diagnosisDay[i] as number;
    let ai = ageIdx[i] as number;
    while (ai < lastAge && a0 + t >= (ageCuts[ai + 1] as number)) ai++;
    let yi = yearIdx[i] as number;
    while (yi < lastYear && d0 + t >= (yearCuts[yi + 1] as number)) yi++;
    const moved = ai !== ageIdx[i] || yi !== yearIdx[i];
    ageIdx[i] = ai;
    yearIdx[i] = yi;
    cellOf[i] = ((covariates.sex[i] as number) - 1) * cellsPerSex + yi * nAges + ai;
    const ageChange = ai < lastAge ? (ageCuts[ai + 1] as number) - a0 : Infinity;
    const yearChange = yi < lastYear ? (yearCuts[yi + 1] as number) - d0 : Infinity;
    const nextChange = Math.min(ageChange, yearChange) - 1e-6;
    schedule(i, Math.max(nextChange, t + 1e-9));
    return moved;
  };
  for (let i = 0; i < n; i++) {
    place(i, 0);
    enter(cellOf[i] as number, 1);
  }

  const curve = new RelativeCurveBuilder(grid.length, method);
  let atRisk = n;
  let now = 0;
  let bucket = 0;
  for (let j = 0; j < grid.length; j++) {
    const tj = grid[j] as number;
    while (atRisk > 0 && (time[order[atRisk - 1] as number] as number) < tj) {
      const i = order[--atRisk] as number;
      leave(cellOf[i] as number, invNow(i, now));
    }
    const thiscell = tj - now;
    let ftime = 0;
    let fyisi = 0;
    let fyidlisi = 0;
    let fyisi2 = 0;
    let fyidlisi2 = 0;
    let hazard = 0;
    let fint = 0;
    while (ftime < thiscell) {
      const timestart = now + ftime;
      let step = precisionDays;
      if (thiscell - ftime < step) step = thiscell - ftime;
      // Birthdays and new years that fall at or before this step's start move people to their new cell.
      const today = Math.floor(timestart);
      for (; bucket <= today; bucket++) {
        let i = bucketHead[bucket] as number;
        bucketHead[bucket] = -1;
        while (i !== -1) {
          const following = bucketNext[i] as number;
          if ((wakeAt[i] as number) > timestart) schedule(i, wakeAt[i] as number); // later today
          else if ((rank[i] as number) < atRisk) {
            const w = invNow(i, timestart);
            const from = cellOf[i] as number;
            if (place(i, timestart)) {
              leave(from, w);
              enter(cellOf[i] as number, w);
              anchorInv[i] = w;
              anchorTime[i] = timestart;
            }
          }
          i = following;
        }
      }
      bucket = today; // today's bucket may still hold people due later today
      const wholeDay = step === 1;
      let stepHazard = 0;
      for (let a = 0; a < activeCount; a++) {
        const c = active[a] as number;
        const lambda = table[c] as number;
        const before = sumInv[c] as number;
        const after = wholeDay ? before * (invDay[c] as number) : before / Math.exp(-step * lambda);
        fyidlisi += lambda * before;
        fyidlisi2 += lambda * after;
        fyisi += before;
        fyisi2 += after;
        stepHazard += lambda * (count[c] as number);
        sumInv[c] = after;
      }
      hazard += step * stepHazard;
      if (fyisi > 0) fint += (fyidlisi / fyisi / 2 + fyidlisi2 / fyisi2 / 2) * step;
      ftime += step;
    }
    now += thiscell;
    let yisi = 0;
    for (let a = 0; a < activeCount; a++) yisi += sumInv[active[a] as number] as number;
    let dni = 0;
    let dnisi = 0;
    let dnisisq = 0;
    for (let k = atRisk - 1; k >= 0; k--) {
      const i = order[k] as number;
      if (time[i] !== tj) break;
      if (status[i] !== 1) continue;
      const w = invNow(i, now);
      dni += 1;
      dnisi += w;
      dnisisq += w * w;
    }
    curve.add(j, { yi: atRisk, dni, yisi, dnisi, dnisisq, hazard, fint });
  }
  return curve;
}
