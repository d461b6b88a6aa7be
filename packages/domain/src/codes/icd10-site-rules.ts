/**
 * Topography-dependent ICD-O-3 → ICD-10 conversions, written from the structure of ICD-10 chapter II for the
 * morphologies whose ICD-10 category is chosen by histology *and* site (IARCcrgTools conversion rules 8/9,
 * Ferlay et al., IARC TR42): melanoma (C43/D03/D22), skin carcinomas (C44/D04/D23/D48.5), soft-tissue tumours
 * (C49/D21), Kaposi sarcoma (C46), mesothelioma (C45/D19), lipomas (D17). Sites not listed keep the ordinary
 * topography conversion for the behaviour.
 */
import { topographyNumber } from './topography.ts';

export type SiteRuleGroup = 'melanoma' | 'naevus' | 'skinCarcinoma' | 'softTissue' | 'kaposi' | 'mesothelioma' | 'lipoma';

/** Skin subsite C44.x → the same fourth character in C43/D03/D04/D22/D23 (lip, eyelid, ear, face, scalp, trunk, limbs). */
const SKIN_BY_REGION: Readonly<Record<string, string>> = {
  'C76.0': '9', 'C76.1': '9', 'C76.2': '5', 'C76.3': '9', 'C76.4': '6', 'C76.5': '7', 'C76.7': '9', 'C80.9': '9',
};
/** Soft-tissue region for a skin subsite or an ill-defined site (C49.0 head … C49.9 NOS). */
const SOFT_TISSUE_BY_SITE: Readonly<Record<string, string>> = {
  'C44.1': '0', 'C44.2': '0', 'C44.3': '0', 'C44.4': '0', 'C44.5': '9', 'C44.6': '1', 'C44.7': '2', 'C44.8': '9', 'C44.9': '9',
  'C76.0': '0', 'C76.1': '3', 'C76.2': '4', 'C76.3': '5', 'C76.4': '1', 'C76.5': '2', 'C76.7': '8', 'C80.9': '9',
};
const LIPOMA_BY_SITE: Readonly<Record<string, string>> = {
  'C44.0': '0', 'C44.1': '0', 'C44.2': '0', 'C44.3': '0', 'C44.4': '0', 'C44.5': '1', 'C44.6': '2', 'C44.7': '2', 'C44.8': '3', 'C44.9': '3',
  'C49.0': '0', 'C49.1': '2', 'C49.2': '2', 'C49.3': '1', 'C49.4': '1', 'C49.5': '1', 'C49.6': '1', 'C49.8': '3', 'C49.9': '3',
  'C37.9': '4', 'C38.0': '4', 'C38.1': '4', 'C38.2': '4', 'C38.3': '4', 'C38.4': '4', 'C38.8': '4',
  'C76.1': '4', 'C76.2': '5', 'C63.1': '6', 'C80.9': '9',
};

export function siteRuleGroup(morphology: string, behaviour: number): SiteRuleGroup | null {
  const m = Number(morphology);
  if (m >= 8720 && m <= 8790) return behaviour === 0 ? 'naevus' : 'melanoma';
  if (m === 9140) return 'kaposi';
  if (m >= 9050 && m <= 9053) return 'mesothelioma';
  if (m >= 8850 && m <= 8881 && behaviour === 0) return 'lipoma';
  if ((m >= 8090 && m <= 8110) || m === 8390 || (m >= 8400 && m <= 8420)) return 'skinCarcinoma';
  if ((m >= 8800 && m <= 8990) || (m >= 9040 && m <= 9044) || (m >= 9120 && m <= 9175) || (m >= 9540 && m <= 9582))
    return 'softTissue';
  return null;
}

/** The ICD-10 code for a site-dependent histology, or null to fall back to the topography conversion. */
export function convertBySite(group: SiteRuleGroup, topography: string, behaviour: number): string | null {
  const g = topography.slice(0, 3);
  const sub = topography.slice(4, 5);
  const n = topographyNumber(topography);
  switch (group) {
    case 'melanoma':
    case 'naevus': {
      const category = group === 'naevus' ? 'D22' : behaviour === 2 ? 'D03' : behaviour === 3 ? 'C43' : null;
      if (category === null) return null;
      // D22 has no .8: an overlapping naevus is D22.9.
      if (g === 'C44') return `${category}.${category === 'D22' && sub === '8' ? '9' : sub}`;
      if (g === 'C00') return `${category}.0`;
      if (g === 'C50') return `${category}.5`;
      const region = SKIN_BY_REGION[topography];
      return region === undefined ? null : `${category}.${region}`;
    }
    case 'skinCarcinoma': {
      const category = behaviour === 3 ? 'C44' : behaviour === 2 ? 'D04' : behaviour === 0 ? 'D23' : behaviour === 1 ? 'D48.5' : null;
      if (category === null) return null;
      if (category === 'D48.5') return g === 'C44' || g === 'C00' || g === 'C50' || topography === 'C21.0' ? category : null;
      // D23 has no .8 either.
      if (g === 'C44') return `${category}.${category === 'D23' && sub === '8' ? '9' : sub}`;
      if (g === 'C00') return `${category}.0`;
      if (g === 'C50' || topography === 'C21.0') return `${category}.5`;
      const region = SKIN_BY_REGION[topography];
      return region === undefined ? (topography === 'C80.9' ? `${category}.9` : null) : `${category}.${region}`;
    }
    case 'softTissue': {
      if (behaviour !== 3 && behaviour !== 0) return null;
      const category = behaviour === 3 ? 'C49' : 'D21';
      // D21 has no .8: an overlapping soft-tissue lesion that is benign is D21.9.
      if (g === 'C49') return behaviour === 3 ? `C49.${sub}` : `D21.${sub === '8' ? '9' : sub}`;
      const region = SOFT_TISSUE_BY_SITE[topography];
      return region === undefined ? null : `${category}.${region}`;
    }
    case 'kaposi': {
      if (g === 'C44' || g === 'C51' || topography === 'C60.9' || topography === 'C63.2') return 'C46.0';
      if (g === 'C47' || g === 'C49') return 'C46.1';
      if (g === 'C05') return 'C46.2';
      if (g === 'C77') return 'C46.3';
      return topography === 'C80.9' ? 'C46.9' : 'C46.7';
    }
    case 'mesothelioma': {
      const [pleura, peritoneum, pericardium, other, nos] = behaviour === 3 ? ['C45.0', 'C45.1', 'C45.2', 'C45.7', 'C45.9'] : behaviour === 0 ? ['D19.0', 'D19.1', 'D19.7', 'D19.7', 'D19.9'] : [];
      if (pleura === undefined) return null;
      if (topography === 'C38.4') return pleura;
      if (g === 'C48') return peritoneum ?? null;
      if (topography === 'C38.0') return pericardium ?? null;
      return n === 809 ? (nos ?? null) : (other ?? null);
    }
    case 'lipoma': {
      const region = LIPOMA_BY_SITE[topography];
      return region === undefined ? 'D17.7' : `D17.${region}`;
    }
  }
}
