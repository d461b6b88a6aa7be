/**
 * Data-quality indicators of a population-based cancer registry (Bray & Parkin 2009, "Evaluation of data quality
 * in the cancer registry", Eur J Cancer 45:747–764; IARC SP 95; NCCR criteria): MV%, DCO%, clinical-only %,
 * unknown-basis %, primary site unknown (C80) %, M/I ratio, unspecified morphology (8000/8001) %, unknown age %,
 * timeliness. Built as a tally that sums (so it can be computed per group and merged, or in SQL with the same
 * definitions) and a function turning a tally into percentages.
 */
import type { BasisCode } from '../codes/basis.ts';
import { basisOf } from '../codes/basis.ts';
import { daysBetween, type IsoDate } from '../common/dates.ts';

export interface QualityTally {
  readonly cases: number;
  readonly microscopic: number;
  readonly dco: number;
  /** Basis 1–4: clinical, clinical investigation, exploratory surgery, tumour markers (not microscopic, not DCO). */
  readonly clinical: number;
  readonly unknownBasis: number;
  readonly primaryUnknown: number;
  readonly unspecifiedMorphology: number;
  readonly unknownAge: number;
  /** Sum and count of (report date − incidence date) in days, and the count reported within the timeliness target. */
  readonly delayDays: number;
  readonly delayCount: number;
  readonly onTime: number;
}

export const EMPTY_TALLY: QualityTally = {
  cases: 0, microscopic: 0, dco: 0, clinical: 0, unknownBasis: 0, primaryUnknown: 0, unspecifiedMorphology: 0, unknownAge: 0,
  delayDays: 0, delayCount: 0, onTime: 0,
};

export interface QualityCase {
  readonly basis: BasisCode | null;
  /** ICD-O-3 topography (`C80.9`) or ICD-10 (`C80`); either marks an unknown primary site. */
  readonly topography: string | null;
  readonly morphology: string | null;
  readonly age: number | null;
  readonly incidenceDate: IsoDate | null;
  readonly reportDate?: IsoDate | null;
}

/** Timeliness target: NCCR asks for cases to be reported within one year (365 days) of incidence. */
export const DEFAULT_TIMELINESS_DAYS = 365;

export function tally(t: QualityTally, c: QualityCase, timelinessDays = DEFAULT_TIMELINESS_DAYS): QualityTally {
  const cls = c.basis === null ? 'unknown' : basisOf(c.basis).class;
  const delay = c.incidenceDate && c.reportDate ? daysBetween(c.incidenceDate, c.reportDate) : null;
  return {
    cases: t.cases + 1,
    microscopic: t.microscopic + (cls === 'microscopic' ? 1 : 0),
    dco: t.dco + (cls === 'dco' ? 1 : 0),
    clinical: t.clinical + (cls === 'clinical' || cls === 'nonMicroscopic' ? 1 : 0),
    unknownBasis: t.unknownBasis + (cls === 'unknown' ? 1 : 0),
    primaryUnknown: t.primaryUnknown + (c.topography !== null && c.topography.startsWith('C80') ? 1 : 0),
    unspecifiedMorphology: t.unspecifiedMorphology + (c.morphology === '8000' || c.morphology === '8001' ? 1 : 0),
    unknownAge: t.unknownAge + (c.age === null ? 1 : 0),
    delayDays: t.delayDays + (delay ?? 0),
    delayCount: t.delayCount + (delay === null ? 0 : 1),
    onTime: t.onTime + (delay !== null && delay <= timelinessDays ? 1 : 0),
  };
}

export function mergeTallies(a: QualityTally, b: QualityTally): QualityTally {
  const out: Record<string, number> = {};
  for (const key of Object.keys(EMPTY_TALLY) as (keyof QualityTally)[]) out[key] = a[key] + b[key];
  return out as unknown as QualityTally;
}

export interface QualityIndicators {
  readonly cases: number;
  readonly deaths: number;
  readonly mvPercent: number | null;
  readonly dcoPercent: number | null;
  readonly clinicalOnlyPercent: number | null;
  readonly unknownBasisPercent: number | null;
  readonly primaryUnknownPercent: number | null;
  /** Mortality-to-incidence ratio: deaths from the cancer ÷ new cases, same population and period. */
  readonly miRatio: number | null;
  readonly unspecifiedMorphologyPercent: number | null;
  readonly unknownAgePercent: number | null;
  readonly meanDelayDays: number | null;
  readonly onTimePercent: number | null;
}

const pct = (n: number, d: number): number | null => (d === 0 ? null : (100 * n) / d);

export function qualityIndicators(t: QualityTally, deaths: number): QualityIndicators {
  return {
    cases: t.cases,
    deaths,
    mvPercent: pct(t.microscopic, t.cases),
    dcoPercent: pct(t.dco, t.cases),
    clinicalOnlyPercent: pct(t.clinical, t.cases),
    unknownBasisPercent: pct(t.unknownBasis, t.cases),
    primaryUnknownPercent: pct(t.primaryUnknown, t.cases),
    miRatio: t.cases === 0 ? null : deaths / t.cases,
    unspecifiedMorphologyPercent: pct(t.unspecifiedMorphology, t.cases),
    unknownAgePercent: pct(t.unknownAge, t.cases),
    meanDelayDays: t.delayCount === 0 ? null : t.delayDays / t.delayCount,
    onTimePercent: pct(t.onTime, t.delayCount),
  };
}

/**
 * National reference values drawn beside ours: China, all sites, 2017 data, from the National Central Cancer
 * Registry (NCCR) annual report — MV 67.77%, DCO 1.53%, M/I 0.59.
 */
export const CHINA_2017_REFERENCE = { year: 2017, mvPercent: 67.77, dcoPercent: 1.53, miRatio: 0.59 } as const;
