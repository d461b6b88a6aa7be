import { ageGroupIndex, groupCount, type AgeScheme } from '../standards/age-groups.ts';

/**
 * Counts individual cases into strata × age groups in one pass over columnar input (typed arrays, so five million
 * cases need no objects). Row s of the result holds the groups of stratum s, then one slot for unknown age
 * (an age that is NaN or negative).
 */
export function tallyCases(strata: ArrayLike<number>, ageYears: ArrayLike<number>, strataCount: number, scheme: AgeScheme): Float64Array {
  const groups = groupCount(scheme);
  const width = groups + 1;
  const out = new Float64Array(strataCount * width);
  const n = strata.length;
  if (ageYears.length !== n) throw new RangeError('strata and ages differ in length');
  for (let i = 0; i < n; i += 1) {
    const age = ageYears[i]!;
    const slot = age >= 0 ? ageGroupIndex(age, scheme) : groups;
    out[strata[i]! * width + slot]! += 1;
  }
  return out;
}
