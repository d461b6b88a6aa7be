/** The three tiers of the "one network, one chain" (一网一链) system (DESIGN.md). */
export const TIERS = ['core', 'hub', 'primary'] as const;
export type Tier = (typeof TIERS)[number];

export const INSTITUTION_TYPES = [
  'cancer_hospital',
  'county_tumour_hospital',
  'cancer_prevention_office',
  'standardised_treatment_base',
  'collaborating_hospital',
  'township_health_centre',
  'community_health_centre',
] as const;
export type InstitutionType = (typeof INSTITUTION_TYPES)[number];

/** Which tiers an institution type may sit in; a prevention office is a hub unit, a township centre is primary. */
export const TYPE_TIERS: Readonly<Record<InstitutionType, readonly Tier[]>> = {
  cancer_hospital: ['core', 'hub'],
  county_tumour_hospital: ['hub'],
  cancer_prevention_office: ['hub'],
  standardised_treatment_base: ['hub'],
  collaborating_hospital: ['hub', 'primary'],
  township_health_centre: ['primary'],
  community_health_centre: ['primary'],
};

export interface InstitutionDraft {
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly tier: Tier;
  readonly type: InstitutionType;
  /** Code of the parent institution: a hub's parent is the core hospital, a primary's parent is its hub. */
  readonly parentCode: string | null;
  /** GB/T 2260 administrative division code (6 digits; 9-digit township codes allowed). */
  readonly divisionCode: string;
  /** Codes of the single-disease alliances the institution belongs to. */
  readonly alliances: readonly string[];
}

export interface AllianceDraft {
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
  /** The cancer site the alliance is about, as ICD-10 range text (e.g. "C33-C34"). */
  readonly site: string;
}
