/** Share of a site's cases in all cases, percent (the "构成比" column of NCCR's annual-report tables). */
export function proportionPercent(cases: number, allCases: number): number {
  return allCases > 0 ? (100 * cases) / allCases : Number.NaN;
}

/**
 * Mortality-to-incidence ratio (IARC Sci Publ 169, data-quality indicator M/I): deaths over new cases of the same
 * site, sex and period. NaN without cases; a ratio above 1 is a warning sign of under-registration, not an error.
 */
export function mortalityIncidenceRatio(deaths: number, cases: number): number {
  return cases > 0 ? deaths / cases : Number.NaN;
}
