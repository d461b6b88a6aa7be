/**
 * Site/histology families of IARC Technical Report 42 (IARCcrgTools "Morphology / Topography" check): a
 * morphology in a Must family may only occur in that family's topographies; one in a MustNot family must not
 * occur in the listed topographies. Morphologies of no family (`***`) are not checked.
 */
import { FAMILY_NAMES, FAMILY_ROWS, MUST_NOT_ROWS, MUST_ROWS } from './generated/site-morphology-table.ts';
import { FAMILY_NAMES_ZH } from './morph-family-zh.ts';
import type { SiteRow } from './table-types.ts';

/** MustNot families are numbered after the 63 Must families in the dictionary (TR42, MorphFamDict). */
const MUST_NOT_OFFSET = 63;

export interface MorphologyFamily {
  readonly list: 'must' | 'mustNot';
  readonly family: number;
  readonly en: string;
  readonly zh: string;
}

const FAMILY = new Map<string, MorphologyFamily | null>();
for (const [code, list, family] of FAMILY_ROWS) {
  if (list === null || family === null) {
    FAMILY.set(code, null);
    continue;
  }
  const index = family - 1 + (list === 'mustNot' ? MUST_NOT_OFFSET : 0);
  FAMILY.set(code, { list, family, en: FAMILY_NAMES[index] ?? `family ${family}`, zh: FAMILY_NAMES_ZH[index] ?? `第${family}族` });
}

const bySite = (rows: readonly SiteRow[]): Map<number, readonly string[]> => {
  const map = new Map<number, string[]>();
  for (const [family, site] of rows) map.set(family, [...(map.get(family) ?? []), site]);
  return map;
};
const MUST = bySite(MUST_ROWS);
const MUST_NOT = bySite(MUST_NOT_ROWS);

const matches = (sites: readonly string[] | undefined, topography: string): boolean =>
  (sites ?? []).some((site) => (site.length === 3 ? topography.startsWith(site) : topography === site));

/** The family of a 4-digit morphology: undefined = not in the tables, null = in no family. */
export function morphologyFamily(code: string): MorphologyFamily | null | undefined {
  return FAMILY.get(code);
}

export type SiteMorphologyVerdict =
  | { readonly kind: 'ok' }
  | { readonly kind: 'unlikely'; readonly family: MorphologyFamily; readonly allowedSites: readonly string[] };

export function checkSiteMorphology(topography: string, morphology: string): SiteMorphologyVerdict {
  const family = FAMILY.get(morphology);
  if (!family) return { kind: 'ok' };
  if (family.list === 'must') {
    const sites = MUST.get(family.family) ?? [];
    return matches(sites, topography) ? { kind: 'ok' } : { kind: 'unlikely', family, allowedSites: sites };
  }
  return matches(MUST_NOT.get(family.family), topography) ? { kind: 'unlikely', family, allowedSites: [] } : { kind: 'ok' };
}

export function mustSites(family: number): readonly string[] {
  return MUST.get(family) ?? [];
}

export function mustNotSites(family: number): readonly string[] {
  return MUST_NOT.get(family) ?? [];
}
