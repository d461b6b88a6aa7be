/**
 * When a source knows only an ICD-10 code (a death certificate, an old hospital system), the registry still
 * needs ICD-O-3 topography, morphology and behaviour. We code as CanReg5 coders are taught (IARC SP 95,
 * ch. 6 "Coding"): the topography is the ICD-10 site (unspecified subsite `.9` unless the fourth character
 * names one), the morphology is unspecified (8000) except for the systemic diseases whose ICD-10 category
 * fixes the histology, and the behaviour follows the ICD-10 chapter block.
 */
import { lookupTopography } from '../../codes/topography.ts';
import { normaliseIcd10 } from '../../codes/icd10.ts';
import type { Behaviour } from '../../codes/morphology.ts';

export interface DerivedIcdO3 {
  readonly topography: string;
  readonly morphology: string;
  readonly behaviour: Behaviour;
}

/** Systemic diseases: ICD-10 category → [morphology NOS of the group, topography] (ICD-O-3 index terms). */
const SYSTEMIC: Readonly<Record<string, readonly [string, string]>> = {
  C81: ['9650', 'C77.9'], C82: ['9690', 'C77.9'], C83: ['9591', 'C77.9'], C84: ['9702', 'C77.9'], C85: ['9590', 'C77.9'],
  C86: ['9591', 'C77.9'], C88: ['9760', 'C77.9'], C90: ['9732', 'C42.1'], C91: ['9820', 'C42.1'], C92: ['9860', 'C42.1'],
  C93: ['9891', 'C42.1'], C94: ['9860', 'C42.1'], C95: ['9800', 'C42.1'], C96: ['9590', 'C77.9'], C46: ['9140', 'C49.9'],
  C45: ['9050', 'C38.4'], C43: ['8720', 'C44.9'], D45: ['9950', 'C42.1'], D46: ['9989', 'C42.1'], D47: ['9960', 'C42.1'],
};

/** ICD-10 subcategories that name a histology (C22 by cell type, TR42's liver rule read backwards). */
const HISTOLOGY_SUBCATEGORY: Readonly<Record<string, string>> = { 'C22.0': '8170', 'C22.1': '8160', 'C22.2': '8970', 'C22.3': '9120', 'C22.4': '8800' };

function behaviourOf(category: string): Behaviour {
  if (category.startsWith('C')) return 3;
  const n = Number(category.slice(1, 3));
  if (n <= 9) return 2;
  if (n === 45 || n === 46 || n === 47) return 3;
  if (n <= 36) return 0;
  return 1;
}

/** Null when the code cannot be placed on an ICD-O-3 topography (not a neoplasm code, or C97 multiple sites). */
export function icdO3FromIcd10(raw: string): DerivedIcdO3 | null {
  const code = normaliseIcd10(raw);
  if (code === null) return null;
  const category = code.slice(0, 3);
  const behaviour = behaviourOf(category);
  const systemic = SYSTEMIC[category];
  if (systemic) return { topography: systemic[1], morphology: systemic[0], behaviour };
  const letter = category[0];
  const n = Number(category.slice(1));
  // ICD-O-3 has no 8000/2: an in-situ neoplasm of unknown type is coded carcinoma in situ NOS (8010/2).
  const morphology = behaviour === 2 ? '8010' : '8000';
  // D codes name their site only loosely in ICD-10; the site is then unknown (C80.9), as is C97.
  if (letter !== 'C' || n > 80) return { topography: 'C80.9', morphology, behaviour };
  const specific = code.length === 5 ? `C${category.slice(1)}.${code.slice(4)}` : null;
  const topography = specific !== null && lookupTopography(specific) ? specific : lookupTopography(`${category}.9`) ? `${category}.9` : lookupTopography(`${category}.0`) ? `${category}.0` : null;
  if (topography === null) return null;
  return { topography, morphology: HISTOLOGY_SUBCATEGORY[code] ?? morphology, behaviour };
}
