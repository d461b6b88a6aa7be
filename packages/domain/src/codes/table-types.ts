/** Row shapes of the generated tables in ./generated (see scripts/codes/generate-codes.mjs). */
export type TopographyRow = readonly [code: string, en: string, zh: string];

export type MorphologyRow = readonly [code: string, behaviour: number, en: string, zh: string | null];

/** `must`: the family may only occur in its Must topographies; `mustNot`: never in its MustNot ones (TR42). */
export type FamilyRow = readonly [code: string, list: 'must' | 'mustNot' | null, family: number | null];

/** `C07` = every subsite of C07, `C76.2` = that subsite only. */
export type SiteRow = readonly [family: number, site: string];

/** ICD-10 by behaviour: [topography, malignant /3, benign /0, in situ /2, uncertain /1, secondary /6]. */
export type TopographyConversionRow = readonly [
  topography: string,
  malignant: string | null,
  benign: string | null,
  inSitu: string | null,
  uncertain: string | null,
  secondary: string | null,
];

/** How IARCcrgTools derives ICD-10 for one morphology/behaviour (O3_10M.txt). */
export type ConversionKind = 'topography' | 'fixed' | 'site' | 'siteSex' | 'none';

export type MorphologyConversionRow = readonly [
  code: string,
  behaviour: number,
  kind: ConversionKind,
  column: number | null,
  icd10: string | null,
  sexOnly: 'female' | 'male' | null,
  rare: boolean,
];
