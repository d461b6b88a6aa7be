import { fail, ok, type Result } from '../../common/field-error.ts';
import type { RateTable } from '../life-table/rate-table.ts';
import { actuarialSurvival } from './actuarial.ts';
import { medianYears, riskSetCounter, riskSetFromCurve, survivalAt, type SurvivalAtTime } from './curve-summary.ts';
import { kaplanMeier } from './kaplan-meier.ts';
import { periodFollowUp, type PeriodWindow } from './period.ts';
import { relativeSurvival } from './relative-survival.ts';
import { ICSS_WEIGHTS, icssAgeGroupOfDays, standardiseSurvival, type IcssStandard } from './standardise.ts';
import { subsetCovariates, subsetFollowUp, type ConfType, type FollowUp, type PopulationCovariates, type SurvivalCurve, type SurvivalMethod } from './survival-data.ts';

export interface SurvivalCohort {
  readonly followUp: FollowUp;
  /** Needed for ederer2 and pohar-perme, for age standardisation and for period analysis. */
  readonly covariates?: PopulationCovariates;
}

export interface SurvivalOptions {
  readonly method: SurvivalMethod;
  readonly timesYears: readonly number[];
  readonly confType: ConfType;
  readonly level?: number;
  readonly rates?: RateTable;
  readonly period?: PeriodWindow;
  readonly standard?: IcssStandard;
}

export interface SurvivalEstimate {
  readonly n: number;
  readonly times: SurvivalAtTime[];
  /** Median of the (unstandardised) curve in years; null when it never reaches 0.5 or when standardised. */
  readonly median_years: number | null;
  /** The whole curve (unstandardised only), for plotting. */
  readonly curve: SurvivalCurve | null;
}

/** One cohort's survival by the chosen method, optionally period-based and/or ICSS age-standardised. */
export function estimateSurvival(cohort: SurvivalCohort, options: SurvivalOptions): Result<SurvivalEstimate> {
  const relative = options.method === 'ederer2' || options.method === 'pohar-perme';
  if (relative && options.rates === undefined) return fail('life-table', 'survival.life-table-required', `the ${options.method} method needs a general-population life table`);
  if ((relative || options.standard !== undefined) && cohort.covariates === undefined) return fail('age', 'survival.covariates-required', 'age, sex and diagnosis_date are needed for relative/net survival and age standardisation');
  if (options.period !== undefined && cohort.covariates === undefined) return fail('diagnosis_date', 'survival.covariates-required', 'period analysis needs diagnosis_date');
  if (options.period !== undefined && options.method === 'actuarial') return fail('method', 'survival.period-actuarial', 'period analysis is done with km, ederer2 or pohar-perme, not the actuarial method');

  if (options.standard === undefined) return ok(single(cohort, options));
  const covariates = cohort.covariates as PopulationCovariates;
  const groups: number[][] = [[], [], [], [], []];
  for (let i = 0; i < cohort.followUp.time.length; i++) {
    const g = icssAgeGroupOfDays(covariates.ageDays[i] as number);
    if (g >= 0) groups[g]?.push(i);
  }
  const empty = groups.findIndex((g) => g.length === 0);
  const estimates = groups.map((index) => single({ followUp: subsetFollowUp(cohort.followUp, index), covariates: subsetCovariates(covariates, index) }, options));
  const times = standardiseSurvival(estimates.map((e) => e.times), ICSS_WEIGHTS[options.standard], options.confType, !relative, options.level);
  return ok({ n: estimates.reduce((sum, e) => sum + e.n, 0), times: empty >= 0 ? times.map((t) => ({ ...t, survival: null, se: null, lower: null, upper: null })) : times, median_years: null, curve: null });
}

function single(cohort: SurvivalCohort, options: SurvivalOptions): SurvivalEstimate {
  let followUp = cohort.followUp;
  let covariates = cohort.covariates;
  if (options.period !== undefined && covariates !== undefined) {
    const period = periodFollowUp(followUp, covariates.diagnosisDay, options.period);
    followUp = period.followUp;
    covariates = subsetCovariates(covariates, period.kept);
  }
  if ((options.method === 'ederer2' || options.method === 'pohar-perme') && covariates !== undefined) {
    // relsurv keeps only follow-up longer than zero (rformulate: `keep <- Y > start`).
    const keep: number[] = [];
    for (let i = 0; i < followUp.time.length; i++) if ((followUp.time[i] as number) > (followUp.entry?.[i] ?? 0)) keep.push(i);
    if (keep.length < followUp.time.length) {
      followUp = subsetFollowUp(followUp, keep);
      covariates = subsetCovariates(covariates, keep);
    }
  }
  const n = followUp.time.length;
  if (n === 0) return { n, times: options.timesYears.map((years) => ({ years, n_risk: 0, survival: null, se: null, lower: null, upper: null })), median_years: null, curve: null };
  let curve: SurvivalCurve;
  switch (options.method) {
    case 'km':
      curve = kaplanMeier(followUp);
      break;
    case 'actuarial':
      curve = actuarialSurvival(followUp);
      break;
    case 'ederer2':
    case 'pohar-perme':
      curve = relativeSurvival(followUp, covariates as PopulationCovariates, options.rates as RateTable, options.method);
      break;
  }
  // The curve carries the risk set except under delayed entry or the actuarial method's effective n.
  const nRiskAt = followUp.entry === undefined && curve.method !== 'actuarial' ? riskSetFromCurve(curve) : riskSetCounter(followUp.time, followUp.entry);
  const times = survivalAt(curve, options.timesYears, options.confType, nRiskAt, options.level);
  return { n, times, median_years: medianYears(curve), curve };
}
