/**
 * Age-group schemes of incidence tables. CI5 and most of the world use 18 five-year groups (0–4 … 85+);
 * China's national cancer registry (NCCR) splits the first into 0 and 1–4, giving 19. The 19-group scheme is the
 * finer one: every 19-group table collapses to 18 groups, never the other way round.
 */
export type AgeScheme = 'five-year-18' | 'china-19';

export interface AgeGroup {
  readonly label: string;
  /** First year of age in the group. */
  readonly lower: number;
  /** Last year of age in the group; null for the open last group (85+). */
  readonly upper: number | null;
}

const fiveYear: AgeGroup[] = Array.from({ length: 18 }, (_, i) =>
  i === 17 ? { label: '85+', lower: 85, upper: null } : { label: `${i * 5}-${i * 5 + 4}`, lower: i * 5, upper: i * 5 + 4 },
);
const china: AgeGroup[] = [{ label: '0', lower: 0, upper: 0 }, { label: '1-4', lower: 1, upper: 4 }, ...fiveYear.slice(1)];

export const AGE_GROUPS: Readonly<Record<AgeScheme, readonly AgeGroup[]>> = { 'five-year-18': fiveYear, 'china-19': china };

export function groupCount(scheme: AgeScheme): number {
  return AGE_GROUPS[scheme].length;
}

/** Width in years used by cumulative rates; the open group is never inside 0–74, so its width does not matter. */
export function groupWidth(group: AgeGroup): number {
  return group.upper === null ? 5 : group.upper - group.lower + 1;
}

/** Index of the group holding an exact age in completed years (decimals are floored: 4.9 years is in 0–4). */
export function ageGroupIndex(ageYears: number, scheme: AgeScheme): number {
  const age = Math.floor(ageYears);
  if (scheme === 'china-19') return age < 1 ? 0 : age < 5 ? 1 : Math.min(18, Math.floor(age / 5) + 1);
  return Math.min(17, Math.floor(age / 5));
}

/** Index in the 18-group scheme of a 19-group index: 0 and 1–4 both fall in 0–4. */
export function collapseIndex(index19: number): number {
  return index19 <= 1 ? 0 : index19 - 1;
}

/** Sums a 19-group vector into 18 groups. */
export function collapseTo18(values: ArrayLike<number>): Float64Array {
  const out = new Float64Array(18);
  for (let i = 0; i < 19; i += 1) out[collapseIndex(i)]! += values[i]!;
  return out;
}

export type ParsedAgeGroup =
  | { readonly kind: 'group'; readonly scheme: AgeScheme | 'both'; readonly index: number }
  | { readonly kind: 'unknown' };

// 999 is CanReg's code for an unknown age; 99 is left out because it is a real age.
const UNKNOWN = new Set(['', 'unknown', 'unk', 'na', 'n/a', '999', '不详', '未知']);

/**
 * Reads an age-group label: `0-4`, `00-04`, `0~4`, `0–4`, `85+`, `≥85`, `85-`, `0`, `1-4`, `unknown`/`不详`/empty.
 * Groups from 5–9 on exist in both schemes (`scheme: 'both'`, index in the 18-group scheme). Null when the label is
 * not an age group of either scheme.
 */
export function parseAgeGroup(raw: string): ParsedAgeGroup | null {
  const text = raw.trim().toLowerCase().replace(/\s+/g, '').replace(/[–—~～至]/g, '-').replace(/岁/g, '');
  if (UNKNOWN.has(text)) return { kind: 'unknown' };
  let lower: number;
  let upper: number | null;
  let match: RegExpExecArray | null;
  if ((match = /^(\d+)-(\d+)$/.exec(text))) [lower, upper] = [Number(match[1]), Number(match[2])];
  else if ((match = /^(?:(\d+)(?:\+|-|以上|及以上)|(?:≥|>=)(\d+))$/.exec(text))) [lower, upper] = [Number(match[1] ?? match[2]), null];
  else if ((match = /^(\d+)$/.exec(text))) [lower, upper] = [Number(match[1]), Number(match[1])];
  else return null;
  if (lower === 0 && upper === 0) return { kind: 'group', scheme: 'china-19', index: 0 };
  if (lower === 1 && upper === 4) return { kind: 'group', scheme: 'china-19', index: 1 };
  if (lower === 0 && upper === 4) return { kind: 'group', scheme: 'five-year-18', index: 0 };
  if (upper === null) return lower === 85 ? { kind: 'group', scheme: 'both', index: 17 } : null;
  if (lower % 5 !== 0 || upper !== lower + 4 || lower > 80) return null;
  return { kind: 'group', scheme: 'both', index: lower / 5 };
}

/** Index of a parsed group in the given scheme; null when the group is finer or coarser than the scheme allows. */
export function indexIn(group: Extract<ParsedAgeGroup, { kind: 'group' }>, scheme: AgeScheme): number | null {
  if (group.scheme === 'both') return scheme === 'china-19' ? group.index + 1 : group.index;
  if (group.scheme === scheme) return group.index;
  // A 19-group label (0 or 1–4) read into 18 groups falls in 0–4; 0–4 cannot be split into 0 and 1–4.
  return scheme === 'five-year-18' ? 0 : null;
}
