import { DAYS_PER_YEAR, type LifeTable } from './life-table.ts';

/**
 * A life table turned into daily hazards the way relsurv::transrate builds a survival::ratetable:
 * hazard = −ln(1 − qx) / 365.241 per day; age cut points k · 365.241 days; calendar-year cut points
 * on 1 January of each year, counted in days since 1960-01-01 (the `date` package's origin, which
 * survival::ratetableDate also uses for the Date of diagnosis). Beyond the edges of the table the
 * first or last row is used (pystep2's `edge = 1`).
 */
export interface RateTable {
  readonly kind: 'rate-table';
  readonly label: string;
  readonly ageCuts: Float64Array;
  readonly yearCuts: Float64Array;
  /** hazard per day, index (sex − 1) · years · ages + year · ages + age. */
  readonly hazard: Float64Array;
  /** exp(−hazard): one day's expected survival, cached because most fine steps are exactly one day. */
  readonly dayFactor: Float64Array;
}

/** Days from 1960-01-01 (survival's ratetable origin) to 1970-01-01 (epoch days). */
export const RATETABLE_ORIGIN_OFFSET = 3653;

export function epochDayOfYearStart(year: number): number {
  return Date.UTC(year, 0, 1) / 86_400_000;
}

export function toRateTable(table: LifeTable): RateTable {
  const ageCuts = Float64Array.from({ length: table.ages }, (_, k) => (table.firstAge + k) * DAYS_PER_YEAR);
  const yearCuts = Float64Array.from({ length: table.years }, (_, k) => epochDayOfYearStart(table.firstYear + k) + RATETABLE_ORIGIN_OFFSET);
  const cells = table.ages * table.years;
  const hazard = new Float64Array(2 * cells);
  for (let s = 0; s < 2; s++) {
    const qx = table.qx[s] as Float64Array;
    // −log(px)/365.241 with px = 1 − qx, the exact expression transrate evaluates.
    for (let c = 0; c < cells; c++) hazard[s * cells + c] = -Math.log(1 - (qx[c] as number)) / DAYS_PER_YEAR;
  }
  const dayFactor = hazard.map((h) => Math.exp(-1 * h));
  return { kind: 'rate-table', label: table.label, ageCuts, yearCuts, hazard, dayFactor };
}

/**
 * Index of the cell holding `value`: the last cut ≤ value, or 0 below the first cut (pystep2).
 * `from` lets a caller that only moves forward in time resume the search where it stopped.
 */
export function rateTableCellIndex(cuts: Float64Array, value: number, from = 0): number {
  let j = from;
  while (j + 1 < cuts.length && value >= (cuts[j + 1] as number)) j++;
  return j;
}

/** Expected survival of one person over `days` from diagnosis (relsurv's expected curve, 1-day steps). */
export function expectedSurvival(rates: RateTable, sex: 1 | 2, ageDays: number, diagnosisDay1960: number, days: number): number {
  const cells = rates.ageCuts.length * rates.yearCuts.length;
  let s = 1;
  let t = 0;
  while (t < days) {
    const step = Math.min(1, days - t);
    const a = rateTableCellIndex(rates.ageCuts, ageDays + t);
    const y = rateTableCellIndex(rates.yearCuts, diagnosisDay1960 + t);
    s *= Math.exp(-step * (rates.hazard[(sex - 1) * cells + y * rates.ageCuts.length + a] as number));
    t += step;
  }
  return s;
}
