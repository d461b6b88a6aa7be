import { fail, ok, type Result } from '../../common/field-error.ts';
import { collapseTo18, groupCount, indexIn, parseAgeGroup, type AgeScheme } from './age-groups.ts';

/**
 * Standard populations for direct age standardisation. Only the proportions matter (weights are divided by their
 * sum, as epitools::ageadjust.direct does), so a standard in any unit works.
 */
export interface StandardPopulation {
  readonly kind: 'standard-population';
  readonly id: string;
  readonly name: string;
  readonly name_zh: string;
  readonly scheme: AgeScheme;
  readonly weights: readonly number[];
}

/** Segi 1960 world population as modified by Doll et al. (1966), the CI5 "world standard". */
export const SEGI_1960: StandardPopulation = {
  kind: 'standard-population',
  id: 'segi1960',
  name: 'Segi 1960 world standard',
  name_zh: 'Segi世界标准人口（1960）',
  scheme: 'five-year-18',
  weights: [12000, 10000, 9000, 9000, 8000, 8000, 6000, 6000, 6000, 6000, 5000, 4000, 4000, 3000, 2000, 1000, 500, 500],
};

/** NCCR's 19-group form of Segi's world standard: 0–4 split as 2400 (age 0) + 9600 (1–4). */
export const SEGI_1960_NCCR: StandardPopulation = {
  kind: 'standard-population',
  id: 'segi1960-nccr19',
  name: 'Segi 1960 world standard (NCCR 19 age groups)',
  name_zh: 'Segi世界标准人口（全国肿瘤登记中心19组）',
  scheme: 'china-19',
  weights: [2400, 9600, 10000, 9000, 9000, 8000, 8000, 6000, 6000, 6000, 6000, 5000, 4000, 4000, 3000, 2000, 1000, 500, 500],
};

/**
 * WHO world standard population 2000–2025 (Ahmad et al., GPE Discussion Paper 31, WHO 2001), per 100,000, with
 * 85–89 (440), 90–94 (150), 95–99 (40) and 100+ (5) summed into 85+ (635). The published figures add to 100,035.
 */
export const WHO_2000: StandardPopulation = {
  kind: 'standard-population',
  id: 'who2000',
  name: 'WHO world standard 2000–2025',
  name_zh: 'WHO世界标准人口（2000–2025）',
  scheme: 'five-year-18',
  weights: [8860, 8690, 8600, 8470, 8220, 7930, 7610, 7150, 6590, 6040, 5370, 4550, 3720, 2960, 2210, 1520, 910, 635],
};

/** China's 2000 census population, the NCCR standard for "ASR China" (中标率, ASIRC). */
export const CHINA_2000: StandardPopulation = {
  kind: 'standard-population',
  id: 'china2000',
  name: 'China 2000 census population',
  name_zh: '2000年全国人口普查标准人口',
  scheme: 'china-19',
  weights: [
    13793799, 55184575, 90152587, 125396633, 103031165, 94573174, 117602265, 127314298, 109147295, 81242945, 85521045,
    63304200, 46370375, 41703848, 34780460, 25574149, 15928330, 7989158, 4001925,
  ],
};

export const BUILT_IN_STANDARDS: Readonly<Record<'segi1960' | 'who2000' | 'china2000', StandardPopulation>> = {
  segi1960: SEGI_1960,
  who2000: WHO_2000,
  china2000: CHINA_2000,
};

/**
 * The weights of a standard in the scheme the data are in. A 19-group standard serves 18-group data by summing 0 and
 * 1–4; Segi's 18-group standard serves 19-group data in NCCR's 19-group form. Other 18-group standards cannot be split,
 * so the caller must collapse the data to 18 groups first (null here).
 */
export function weightsFor(standard: StandardPopulation, scheme: AgeScheme): Float64Array | null {
  if (standard.scheme === scheme) return Float64Array.from(standard.weights);
  if (scheme === 'five-year-18') return collapseTo18(standard.weights);
  return standard.id === SEGI_1960.id ? Float64Array.from(SEGI_1960_NCCR.weights) : null;
}

/**
 * A user-supplied standard from rows of (age group label, weight). Every group of one scheme must appear exactly
 * once; a weight must be a finite number ≥ 0 and at least one must be positive.
 */
export function standardFromRows(
  rows: ReadonlyArray<{ readonly ageGroup: string; readonly weight: string; readonly row: number }>,
  id = 'user',
): Result<StandardPopulation & { readonly rowOf: readonly number[] }> {
  const parsed = [];
  for (const r of rows) {
    const group = parseAgeGroup(r.ageGroup);
    if (group === null || group.kind === 'unknown') return fail(`row ${r.row}: age_group`, 'standard.age_group', `"${r.ageGroup}" is not an age group (0-4 … 85+, or 0, 1-4 … 85+)`);
    const weight = Number(r.weight);
    if (r.weight.trim() === '' || !Number.isFinite(weight) || weight < 0) return fail(`row ${r.row}: weight`, 'standard.weight', `"${r.weight}" is not a weight ≥ 0`);
    parsed.push({ group, weight, row: r.row });
  }
  const scheme: AgeScheme = parsed.some((p) => p.group.scheme === 'china-19') ? 'china-19' : 'five-year-18';
  const weights = new Float64Array(groupCount(scheme)).fill(Number.NaN);
  const rowOf: number[] = [];
  for (const p of parsed) {
    const index = indexIn(p.group, scheme);
    if (index === null) return fail(`row ${p.row}: age_group`, 'standard.scheme', 'the standard mixes 0-4 with 0 and 1-4');
    if (!Number.isNaN(weights[index]!)) return fail(`row ${p.row}: age_group`, 'standard.duplicate', 'this age group appears twice');
    weights[index] = p.weight;
    rowOf[index] = p.row;
  }
  const missing = weights.findIndex((w) => Number.isNaN(w));
  if (missing >= 0) return fail('age_group', 'standard.missing', `the standard has no weight for age group ${missing + 1} of ${weights.length}`);
  if (!weights.some((w) => w > 0)) return fail('weight', 'standard.empty', 'every weight is 0');
  return ok({ kind: 'standard-population', id, name: `user standard (${id})`, name_zh: `用户标准人口（${id}）`, scheme, weights: [...weights], rowOf });
}
