import { AGE_GROUPS, groupWidth, type AgeScheme } from '../standards/age-groups.ts';
import { directStandardise, type AsrInterval, type DirectStandardised } from './direct-standardisation.ts';

/**
 * Cumulative rate 0–74 (Day, in CI5 vol. III, 1976; IARC Sci Publ 95 §11): the sum over the age groups inside
 * 0–74 of the age-specific rate times the group's width in years, in percent.
 */
export function cumulativeRate0to74(cases: ArrayLike<number>, personYears: ArrayLike<number>, scheme: AgeScheme): number {
  let sum = 0;
  AGE_GROUPS[scheme].forEach((group, i) => {
    if (group.upper === null || group.upper > 74) return;
    const py = personYears[i]!;
    if (py > 0) sum += (cases[i]! / py) * groupWidth(group);
  });
  return 100 * sum;
}

/** Cumulative risk 0–74 in percent: 100·(1 − e^(−cumulative rate/100)) (the chance of the disease by age 75 without competing causes). */
export function cumulativeRisk(cumulativeRatePercent: number): number {
  return 100 * -Math.expm1(-cumulativeRatePercent / 100);
}

/** Indices of the age groups 35–39 … 60–64 in a scheme. */
export function truncatedIndices(scheme: AgeScheme, fromAge = 35, toAge = 64): number[] {
  const out: number[] = [];
  AGE_GROUPS[scheme].forEach((g, i) => {
    if (g.lower >= fromAge && g.upper !== null && g.upper <= toAge) out.push(i);
  });
  return out;
}

/**
 * Truncated age-standardised rate 35–64 (IARC Sci Publ 95): the direct standardisation restricted to the six
 * groups 35–39 … 60–64, with the standard's weights for those groups re-normalised to sum to one.
 */
export function truncatedRate(
  cases: ArrayLike<number>,
  personYears: ArrayLike<number>,
  weights: ArrayLike<number>,
  scheme: AgeScheme,
  interval: AsrInterval = 'fay-feuer',
): DirectStandardised {
  const idx = truncatedIndices(scheme);
  const pick = (v: ArrayLike<number>) => idx.map((i) => v[i]!);
  return directStandardise(pick(cases), pick(personYears), pick(weights), interval);
}
