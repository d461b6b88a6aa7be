/**
 * Follow-up of a cohort in columnar form, so a million patients fit in a few typed arrays.
 * Times are days from diagnosis; `entry` (days) is a delayed entry used by period analysis
 * (Brenner & Gefeller 1996): a patient is at risk at time t when entry < t ≤ time.
 */
export interface FollowUp {
  readonly time: Float64Array;
  /** 1 died, 0 censored. */
  readonly status: Uint8Array;
  readonly entry?: Float64Array;
}

/** What relative and net survival need besides follow-up: the person's cell in the rate table at diagnosis. */
export interface PopulationCovariates {
  /** Age at diagnosis in days (years × 365.241, as relsurv's rmap `age = age * 365.241`). */
  readonly ageDays: Float64Array;
  readonly sex: Uint8Array;
  /** Date of diagnosis in days since 1960-01-01 (survival::ratetableDate). */
  readonly diagnosisDay: Float64Array;
}

export type SurvivalMethod = 'km' | 'actuarial' | 'ederer2' | 'pohar-perme';
export type RelativeMethod = Extract<SurvivalMethod, 'ederer2' | 'pohar-perme'>;
export const SURVIVAL_METHODS: readonly SurvivalMethod[] = ['km', 'actuarial', 'ederer2', 'pohar-perme'];

export type ConfType = 'log' | 'log-log' | 'plain';
export const CONF_TYPES: readonly ConfType[] = ['log', 'log-log', 'plain'];

/**
 * A step function of survival at the distinct follow-up times, with the standard error of the
 * cumulative hazard (survfit's `std.err`, the scale on which the log interval is built).
 */
export interface SurvivalCurve {
  readonly kind: 'survival-curve';
  readonly method: SurvivalMethod;
  readonly time: Float64Array;
  readonly nRisk: Float64Array;
  readonly nEvent: Float64Array;
  readonly surv: Float64Array;
  readonly stdErr: Float64Array;
  /**
   * Observed survival is a probability and survfit clips its interval to [0, 1]; relative and net
   * survival can exceed 1 and relsurv::rs.surv leaves the interval unclipped.
   */
  readonly clipToUnit: boolean;
}

export function subsetFollowUp(data: FollowUp, index: ArrayLike<number>): FollowUp {
  const n = index.length;
  const time = new Float64Array(n);
  const status = new Uint8Array(n);
  const entry = data.entry === undefined ? undefined : new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const i = index[k] as number;
    time[k] = data.time[i] as number;
    status[k] = data.status[i] as number;
    if (entry !== undefined) entry[k] = (data.entry as Float64Array)[i] as number;
  }
  return entry === undefined ? { time, status } : { time, status, entry };
}

export function subsetCovariates(data: PopulationCovariates, index: ArrayLike<number>): PopulationCovariates {
  const n = index.length;
  const ageDays = new Float64Array(n);
  const sex = new Uint8Array(n);
  const diagnosisDay = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const i = index[k] as number;
    ageDays[k] = data.ageDays[i] as number;
    sex[k] = data.sex[i] as number;
    diagnosisDay[k] = data.diagnosisDay[i] as number;
  }
  return { ageDays, sex, diagnosisDay };
}
