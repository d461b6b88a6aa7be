import { daysBetween, toEpochDay, type IsoDate } from '../../common/dates.ts';
import { DAYS_PER_YEAR } from '../life-table/life-table.ts';
import type { RateTable } from '../life-table/rate-table.ts';
import { survivalConfidenceInterval } from '../survival/confidence.ts';
import type { SurvivalAtTime } from '../survival/curve-summary.ts';
import { estimateSurvival } from '../survival/estimate.ts';
import type { SurvivalCurve } from '../survival/survival-data.ts';
import { groupSite } from '../site-groups/site-grouping.ts';
import type { SiteGroupScheme } from '../site-groups/site-group.ts';

/**
 * Population-based survival of registered tumours, the way registries compute it from passive follow-up:
 * a patient is followed from the incidence date to the date of death, or is censored alive at the closing
 * date (deaths reach the registry through linkage with death records). Death-certificate-only cases and
 * cases with no follow-up time are left out, as CONCORD and SEER do.
 */

export interface SurvivalCase {
  readonly icd10: string;
  readonly sex: 1 | 2;
  readonly age: number | null;
  readonly incidenceDate: IsoDate;
  readonly deathDate: IsoDate | null;
  /** IARC basis of diagnosis; 0 = death certificate only. */
  readonly basis: number;
}

export type SurvivalGrouping = 'none' | 'sex';
export type ReportSurvivalMethod = 'km' | 'pohar-perme';

export interface SurvivalReportOptions {
  readonly scheme: SiteGroupScheme;
  /** A site group id of the scheme ('lung', 'C16', …) or 'all'. */
  readonly site: string;
  readonly closingDate: IsoDate;
  readonly method: ReportSurvivalMethod;
  readonly groupBy: SurvivalGrouping;
  /** General-population rates; required for Pohar-Perme. */
  readonly rates?: RateTable;
  /** Strata with fewer patients are not shown (aggregate-only readers); null shows every stratum. */
  readonly minimumPatients: number | null;
}

export interface CurvePoint {
  readonly years: number;
  readonly survival: number;
  readonly lower: number | null;
  readonly upper: number | null;
}

export interface SurvivalStratum {
  readonly key: 'all' | 'male' | 'female';
  readonly n: number;
  readonly deaths: number;
  /** True when the stratum is too small to show to this reader; then nothing else is given. */
  readonly suppressed: boolean;
  readonly times: readonly SurvivalAtTime[];
  readonly medianYears: number | null;
  readonly curve: readonly CurvePoint[];
}

export interface SurvivalReport {
  readonly method: ReportSurvivalMethod;
  readonly excluded: { readonly dco: number; readonly zeroTime: number; readonly unknownAge: number };
  readonly strata: readonly SurvivalStratum[];
}

const TIMES = [1, 3, 5];
/** At most this many points per curve: enough for a smooth chart, few enough for any browser. */
const CURVE_POINTS = 400;

function curvePoints(curve: SurvivalCurve): CurvePoint[] {
  const step = Math.max(1, Math.ceil(curve.time.length / CURVE_POINTS));
  const points: CurvePoint[] = [{ years: 0, survival: 1, lower: 1, upper: 1 }];
  for (let i = 0; i < curve.time.length; i += step) {
    const j = Math.min(curve.time.length - 1, i + step - 1);
    const ci = survivalConfidenceInterval(curve.surv[j]!, curve.stdErr[j]!, 'log', 0.95, curve.clipToUnit);
    points.push({ years: curve.time[j]! / DAYS_PER_YEAR, survival: curve.surv[j]!, lower: ci.lower, upper: ci.upper });
  }
  return points;
}

function inSite(scheme: SiteGroupScheme, site: string, icd10: string): boolean {
  const grouping = groupSite(scheme, icd10);
  if (grouping.kind !== 'grouped') return false;
  return site === 'all' ? grouping.totals.some((t) => t.id === 'all' || t.id === '62') : grouping.group.id === site;
}

export function survivalReport(cases: readonly SurvivalCase[], options: SurvivalReportOptions): SurvivalReport {
  const excluded = { dco: 0, zeroTime: 0, unknownAge: 0 };
  const kept: Array<SurvivalCase & { days: number; died: boolean }> = [];
  for (const c of cases) {
    if (!inSite(options.scheme, options.site, c.icd10)) continue;
    if (c.basis === 0) {
      excluded.dco += 1;
      continue;
    }
    if (options.method === 'pohar-perme' && c.age === null) {
      excluded.unknownAge += 1;
      continue;
    }
    const died = c.deathDate !== null && c.deathDate <= options.closingDate;
    const days = daysBetween(c.incidenceDate, died ? c.deathDate : options.closingDate);
    if (days <= 0) {
      excluded.zeroTime += 1;
      continue;
    }
    kept.push({ ...c, days, died });
  }
  const groups: Array<{ key: SurvivalStratum['key']; members: typeof kept }> =
    options.groupBy === 'sex'
      ? [
          { key: 'male', members: kept.filter((c) => c.sex === 1) },
          { key: 'female', members: kept.filter((c) => c.sex === 2) },
        ]
      : [{ key: 'all', members: kept }];
  const strata = groups.map(({ key, members }): SurvivalStratum => {
    const deaths = members.filter((m) => m.died).length;
    if (options.minimumPatients !== null && members.length < options.minimumPatients) return { key, n: members.length, deaths: 0, suppressed: true, times: [], medianYears: null, curve: [] };
    const followUp = { time: Float64Array.from(members, (m) => m.days), status: Uint8Array.from(members, (m) => (m.died ? 1 : 0)) };
    const covariates = {
      ageDays: Float64Array.from(members, (m) => (m.age ?? 0) * DAYS_PER_YEAR),
      sex: Uint8Array.from(members, (m) => m.sex),
      // survival::ratetableDate counts days from 1960-01-01.
      diagnosisDay: Float64Array.from(members, (m) => toEpochDay(m.incidenceDate) - toEpochDay('1960-01-01')),
    };
    const result = estimateSurvival({ followUp, covariates }, { method: options.method, timesYears: TIMES, confType: 'log', rates: options.rates });
    if (!result.ok) throw new RangeError(result.error.message);
    const estimate = result.value;
    return { key, n: members.length, deaths, suppressed: false, times: estimate.times, medianYears: estimate.median_years, curve: estimate.curve ? curvePoints(estimate.curve) : [] };
  });
  return { method: options.method, excluded, strata };
}
