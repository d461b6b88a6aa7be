import { lookupIcd10, normaliseIcd10 } from '../../codes/icd10.ts';

/** A group of ICD-10 codes reported as one "site" in an incidence table. */
export interface SiteGroup {
  readonly kind: 'site-group';
  readonly id: string;
  readonly en: string;
  readonly zh: string;
  /** The ICD-10 codes as the source writes them, for table footnotes ("C18–C21"). */
  readonly icd10: string;
}

export type SiteGroupScheme = 'icd10' | 'ci5' | 'nccr';

/** Table row: [id, English, Chinese, ICD-10 ranges: "C01-C02", "C47,C49", "D47.1", "*" = every reportable code not listed]. */
export type SiteGroupRow = readonly [id: string, en: string, zh: string, icd10: string];

export interface SiteGroupTable {
  readonly groups: readonly SiteGroup[];
  /** The site group of a code, null when the code is outside every group (not a reportable neoplasm). */
  classify(code: string): SiteGroup | null;
}

/** Expands "C01-C02,C47.1" into keys: three-character categories ("C01", "C02") and four-character codes ("C47.1"). */
export function expandRanges(spec: string): string[] {
  const keys: string[] = [];
  for (const part of spec.split(',').map((p) => p.trim())) {
    const range = /^([CD])(\d{2})(?:\.(\d))?(?:-([CD])?(\d{2})(?:\.(\d))?)?$/.exec(part);
    if (!range) throw new Error(`bad ICD-10 range "${part}"`);
    const [, letter, from, fromFourth, , to, toFourth] = range;
    if (fromFourth !== undefined) {
      const last = toFourth === undefined ? Number(fromFourth) : Number(toFourth);
      for (let d = Number(fromFourth); d <= last; d += 1) keys.push(`${letter}${from}.${d}`);
      continue;
    }
    for (let n = Number(from); n <= Number(to ?? from); n += 1) keys.push(`${letter}${String(n).padStart(2, '0')}`);
  }
  return keys;
}

/**
 * Builds a classifier from rows. A four-character key wins over its category, so "D47.1" can sit in one group while
 * the rest of D47 sits in another. A row whose ranges are "*" takes every code `inScope` accepts that no row lists.
 */
export function buildSiteGroupTable(rows: readonly SiteGroupRow[], inScope: (code: string) => boolean): SiteGroupTable {
  const groups = rows.map(([id, en, zh, icd10]): SiteGroup => ({ kind: 'site-group', id, en, zh, icd10 }));
  const byKey = new Map<string, SiteGroup>();
  let rest: SiteGroup | null = null;
  rows.forEach(([, , , spec], i) => {
    if (spec === '*') rest = groups[i]!;
    else for (const key of expandRanges(spec)) byKey.set(key, groups[i]!);
  });
  const fallback: SiteGroup | null = rest;
  return {
    groups,
    classify(raw: string): SiteGroup | null {
      const code = normaliseIcd10(raw);
      if (code === null) return null;
      const hit = byKey.get(code) ?? byKey.get(code.slice(0, 3));
      if (hit) return hit;
      return fallback !== null && inScope(code) ? fallback : null;
    },
  };
}

/** ICD-10 three-character categories as their own groups, named from the classification (English and Chinese). */
export function icd10Category(raw: string): SiteGroup | null {
  const category = lookupIcd10(raw);
  if (category === null) return null;
  return { kind: 'site-group', id: category.category, en: category.en, zh: category.zh, icd10: category.category };
}
