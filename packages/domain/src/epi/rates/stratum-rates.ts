import { AGE_GROUPS, collapseTo18, type AgeScheme } from '../standards/age-groups.ts';
import { weightsFor, type StandardPopulation } from '../standards/standard-populations.ts';
import { cumulativeRate0to74, cumulativeRisk, truncatedRate } from './cumulative.ts';
import { directStandardise, type AsrInterval } from './direct-standardisation.ts';
import { spreadUnknownAge, type UnknownAgeHandling } from './unknown-age.ts';

export interface RateOptions {
  readonly standard: StandardPopulation;
  readonly interval: AsrInterval;
  readonly unknownAge: UnknownAgeHandling;
  readonly confLevel?: number;
}

/** Counts of one stratum (one site × sex × year, say) in one age scheme. */
export interface StratumCounts {
  readonly scheme: AgeScheme;
  /** Cases by age group. */
  readonly cases: ArrayLike<number>;
  readonly unknownAge: number;
  /** Person-years by age group. */
  readonly personYears: ArrayLike<number>;
}

/** Everything an incidence table shows for a stratum; rates per 100,000 person-years, cumulative figures in percent. */
export interface StratumRates {
  readonly cases: number;
  readonly cases_unknown_age: number;
  readonly py: number;
  readonly crude_rate: number;
  readonly asr: number;
  readonly asr_lower: number;
  readonly asr_upper: number;
  /** Variance of the ASR per 100,000 squared, for rate ratios. */
  readonly asr_variance: number;
  readonly cum_rate_0_74: number;
  readonly cum_risk_0_74: number;
  readonly truncated_asr_35_64: number;
  readonly age_groups: readonly string[];
  readonly age_specific_rates: readonly number[];
}

const PER = 100_000;

/**
 * Rates of one stratum. When the standard cannot be had in the data's scheme (an 18-group standard such as WHO 2000
 * against 19-group data) the data are collapsed to 18 groups first, so the standard is never split by guesswork.
 */
export function stratumRates(counts: StratumCounts, options: RateOptions): StratumRates {
  let scheme = counts.scheme;
  let cases: Float64Array = Float64Array.from(counts.cases);
  let py: Float64Array = Float64Array.from(counts.personYears);
  let weights = weightsFor(options.standard, scheme);
  if (weights === null) {
    scheme = 'five-year-18';
    cases = collapseTo18(cases);
    py = collapseTo18(py);
    weights = weightsFor(options.standard, scheme)!;
  }
  // Unknown ages that cannot be spread (no case of known age) stay out of the ASR, as with 'apart'.
  if (options.unknownAge === 'spread') cases = spreadUnknownAge(cases, counts.unknownAge).cases;
  const direct = directStandardise(cases, py, weights, options.interval, options.confLevel);
  const truncated = truncatedRate(cases, py, weights, scheme, options.interval);
  const cumRate = cumulativeRate0to74(cases, py, scheme);
  let totalPy = 0;
  for (const v of py) totalPy += v;
  // The total counts the cases as given: the spread shares are fractions whose float sum can miss an integer by an ulp.
  let totalCases = counts.unknownAge;
  for (let i = 0; i < counts.cases.length; i += 1) totalCases += counts.cases[i]!;
  return {
    cases: totalCases,
    cases_unknown_age: counts.unknownAge,
    py: totalPy,
    crude_rate: totalPy > 0 ? (PER * totalCases) / totalPy : Number.NaN,
    asr: PER * direct.asr,
    asr_lower: PER * direct.lower,
    asr_upper: PER * direct.upper,
    asr_variance: PER * PER * direct.variance,
    cum_rate_0_74: cumRate,
    cum_risk_0_74: cumulativeRisk(cumRate),
    truncated_asr_35_64: PER * truncated.asr,
    age_groups: AGE_GROUPS[scheme].map((g) => g.label),
    age_specific_rates: Array.from(cases, (c, i) => (py[i]! > 0 ? (PER * c) / py[i]! : c > 0 ? Number.NaN : 0)),
  };
}
