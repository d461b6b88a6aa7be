import { DAYS_PER_YEAR } from '../life-table/life-table.ts';
import { survivalConfidenceInterval } from './confidence.ts';
import type { SurvivalAtTime } from './curve-summary.ts';
import type { ConfType } from './survival-data.ts';

/**
 * International Cancer Survival Standard weights (Corazziari, Quinn & Capocaccia 2004, Eur J Cancer
 * 40:2307–2316), used by CONCORD and EUROCARE, for ages 15–44, 45–54, 55–64, 65–74 and 75+:
 * ICSS 1 for cancers whose incidence rises with age, 2 for broadly constant incidence by age
 * (e.g. melanoma, cervix), 3 for cancers of young adults (e.g. testis, Hodgkin lymphoma).
 */
export type IcssStandard = 'icss1' | 'icss2' | 'icss3';
export const ICSS_STANDARDS: readonly IcssStandard[] = ['icss1', 'icss2', 'icss3'];
export const ICSS_AGE_GROUPS = ['15-44', '45-54', '55-64', '65-74', '75+'] as const;
export const ICSS_WEIGHTS: Record<IcssStandard, readonly number[]> = {
  icss1: [0.07, 0.12, 0.23, 0.29, 0.29],
  icss2: [0.28, 0.17, 0.21, 0.2, 0.14],
  icss3: [0.6, 0.1, 0.1, 0.1, 0.1],
};

/** ICSS age group (0–4) of an age at diagnosis in years; −1 below 15, which the standard leaves out. */
export function icssAgeGroup(ageYears: number): number {
  if (ageYears < 15) return -1;
  if (ageYears < 45) return 0;
  if (ageYears < 55) return 1;
  if (ageYears < 65) return 2;
  if (ageYears < 75) return 3;
  return 4;
}

export function icssAgeGroupOfDays(ageDays: number): number {
  return icssAgeGroup(ageDays / DAYS_PER_YEAR);
}

/**
 * Direct standardisation of survival at each time: S = Σ w_k S_k, var = Σ w_k² var_k (age groups
 * independent). The interval is built from the standard error of S on the chosen scale, with
 * se(log S) = se(S)/S. A time at which any age group has no estimate has no standardised estimate.
 */
export function standardiseSurvival(byGroup: readonly (readonly SurvivalAtTime[])[], weights: readonly number[], confType: ConfType, clipToUnit: boolean, level = 0.95): SurvivalAtTime[] {
  const first = byGroup[0] ?? [];
  return first.map((point, t) => {
    let s = 0;
    let variance = 0;
    let nRisk = 0;
    let missing = false;
    byGroup.forEach((group, k) => {
      const g = group[t];
      const w = weights[k] as number;
      nRisk += g?.n_risk ?? 0;
      if (g?.survival == null || g.se == null) missing = true;
      else {
        s += w * g.survival;
        variance += w * w * g.se * g.se;
      }
    });
    if (missing) return { years: point.years, n_risk: nRisk, survival: null, se: null, lower: null, upper: null };
    const se = Math.sqrt(variance);
    const { lower, upper } = survivalConfidenceInterval(s, s > 0 ? se / s : 0, confType, level, clipToUnit);
    return { years: point.years, n_risk: nRisk, survival: s, se, lower, upper };
  });
}
