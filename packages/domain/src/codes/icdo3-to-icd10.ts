/**
 * ICD-O-3 → ICD-10 conversion after IARCcrgTools (Ferlay et al., IARC Technical Report 42): the morphology
 * decides whether ICD-10 follows the topography (by behaviour), is fixed by the histology (lymphomas, leukaemias,
 * …), or depends on both (./icd10-site-rules.ts). Liver histologies pick their C22 subcategory (TR42 liver rule).
 */
import { MORPHOLOGY_ICD10_ROWS, TOPOGRAPHY_ICD10_ROWS } from './generated/icd10-conversion-table.ts';
import { convertBySite, siteRuleGroup } from './icd10-site-rules.ts';
import type { MorphologyConversionRow, TopographyConversionRow } from './table-types.ts';
import type { Sex } from '../common/sex.ts';

const TOPO = new Map<string, TopographyConversionRow>(TOPOGRAPHY_ICD10_ROWS.map((r) => [r[0], r]));
const MORPH = new Map<string, MorphologyConversionRow>(MORPHOLOGY_ICD10_ROWS.map((r) => [`${r[0]}/${r[1]}`, r]));

/** Column of O3_10T for a behaviour: 1 malignant, 2 benign, 3 in situ, 4 uncertain, 5 secondary. */
export function behaviourColumn(behaviour: number): number | null {
  switch (behaviour) {
    case 3:
    case 9:
      return 1;
    case 0:
      return 2;
    case 2:
      return 3;
    case 1:
      return 4;
    case 6:
      return 5;
    default:
      return null;
  }
}

export type ConversionResult =
  | { readonly ok: true; readonly icd10: string; readonly rare: boolean; readonly sexOnly: 'female' | 'male' | null }
  | { readonly ok: false; readonly reason: 'unknownCombination' | 'noConversion' | 'unknownTopography' };

export function topographyToIcd10(topography: string, column: number): string | null {
  const row = TOPO.get(topography);
  return row ? (row[column] ?? null) : null;
}

/** The morphology conversion rule as stored (exposed for the registry checks: rare combinations, sex-only). */
export function morphologyConversionRule(code: string, behaviour: number): MorphologyConversionRow | null {
  return MORPH.get(`${code}/${behaviour}`) ?? null;
}

/** TR42: hepatocellular → C22.0, cholangio → C22.1, hepatoblastoma → C22.2, angiosarcoma → C22.3, other sarcomas C22.4. */
function liverSubcategory(m: number): string | null {
  if ((m >= 9120 && m <= 9133) || m === 9161) return 'C22.3';
  if (m === 8970) return 'C22.2';
  if ([8160, 8161, 8162, 8140, 8141, 8260, 8440, 8480, 8481, 8490, 8500, 8550, 8560].includes(m)) return 'C22.1';
  if (m === 8170 || m === 8171) return 'C22.0';
  if (m === 8000) return 'C22.9';
  if (m < 8800) return 'C22.7';
  if (m < 9590) return 'C22.4';
  return null;
}

export function convertIcdO3ToIcd10(input: { topography: string; morphology: string; behaviour: number; sex?: Sex | null }): ConversionResult {
  const rule = MORPH.get(`${input.morphology}/${input.behaviour}`);
  if (!rule) return { ok: false, reason: 'unknownCombination' };
  const [, , kind, column, fixed, sexOnly, rare] = rule;
  if (!TOPO.has(input.topography)) return { ok: false, reason: 'unknownTopography' };
  let icd10: string | null = null;
  switch (kind) {
    case 'none':
      return { ok: false, reason: 'noConversion' };
    case 'topography':
      icd10 = column === null ? null : topographyToIcd10(input.topography, column);
      break;
    case 'fixed':
      // A trailing `-` takes the fourth character from the topography subsite (e.g. D07.- for a female genital site).
      icd10 = fixed === null ? null : fixed.endsWith('-') ? `${fixed.slice(0, 4)}${input.topography.slice(4, 5)}` : fixed;
      break;
    case 'site':
    case 'siteSex': {
      const group = siteRuleGroup(input.morphology, input.behaviour);
      icd10 = group === null ? null : convertBySite(group, input.topography, input.behaviour);
      const col = behaviourColumn(input.behaviour);
      if (icd10 === null && col !== null) icd10 = topographyToIcd10(input.topography, col);
      break;
    }
  }
  if (input.topography.startsWith('C22') && input.behaviour === 3) icd10 = liverSubcategory(Number(input.morphology)) ?? icd10;
  if (icd10 === 'D21.8') icd10 = 'D21.9';
  if (icd10 === null) return { ok: false, reason: 'noConversion' };
  return { ok: true, icd10, rare, sexOnly };
}
