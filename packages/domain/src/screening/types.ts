/**
 * The screening module's shared vocabulary (issue 6). Programme definitions, the participant's path and the
 * indicator tally are pure data here; storage keeps the path's flags as columns so that every indicator is a
 * SUM over them, and the flags themselves are computed only by `participantFlags` (one definition).
 */
import type { IsoDate } from '../common/dates.ts';
import type { Sex } from '../common/sex.ts';

export interface LocalText {
  readonly zh: string;
  readonly en: string;
}

/** A guideline a rule is taken from, cited beside the rule in the web app and the docs. */
export interface GuidelineRef {
  readonly id: string;
  readonly citation: string;
}

export const PROGRAMME_CODES = ['upper_gi', 'lung', 'colorectal', 'liver', 'breast', 'cervical'] as const;
export type ProgrammeCode = (typeof PROGRAMME_CODES)[number];

// ---- questionnaire -------------------------------------------------------------------------------------------

export type QuestionType = 'boolean' | 'integer' | 'number' | 'choice' | 'multi';

export interface QuestionOption {
  readonly code: string;
  readonly label: LocalText;
}

export interface Question {
  readonly id: string;
  readonly type: QuestionType;
  readonly label: LocalText;
  readonly required: boolean;
  /** Inclusive bounds for integer / number questions. */
  readonly min?: number;
  readonly max?: number;
  readonly unit?: LocalText;
  /** For choice / multi questions. */
  readonly options?: readonly QuestionOption[];
  /**
   * Asked only when another question's answer is one of `equals` (e.g. cigarettes per day only for smokers).
   * Otherwise the question is not required and its answer is ignored (stored as null).
   */
  readonly when?: { readonly question: string; readonly equals: readonly (string | boolean)[] };
}

export interface QuestionnaireDefinition {
  readonly id: string;
  readonly version: string;
  readonly questions: readonly Question[];
}

export type AnswerValue = boolean | number | string | readonly string[] | null;
export type Answers = Readonly<Record<string, AnswerValue>>;

/** The outcome of a versioned risk rule: high-risk or not, with the reasons a coordinator can read. */
export interface RiskAssessment {
  readonly highRisk: boolean;
  readonly score: number;
  readonly reasons: readonly LocalText[];
  /** `<programme>@<version>`, stored with the assessment so a later rule change does not rewrite history. */
  readonly ruleVersion: string;
}

/** What a risk rule needs to know about the person besides the answers. */
export interface RiskFacts {
  readonly sex: Sex | null;
  readonly ageYears: number;
}

// ---- eligibility ---------------------------------------------------------------------------------------------

export type ExclusionCode = 'prior_cancer' | 'screened_within_interval' | 'not_resident' | 'pregnant' | 'severe_illness';

export interface EligibilityRule {
  readonly minAge: number;
  readonly maxAge: number;
  /** Breast and cervical programmes invite women only. */
  readonly sex: Sex | null;
  readonly requiresResidence: boolean;
  readonly exclusions: readonly ExclusionCode[];
}

/** What eligibility needs to know about a person on the day of invitation. */
export interface EligibilityFacts {
  readonly sex: Sex | null;
  readonly birthDate: IsoDate | null;
  /** GB/T 2260 code of the person's residence (township level when known). */
  readonly residenceDivision: string | null;
  readonly priorCancer: boolean;
  /** Date of the person's last screen in the same programme, if any. */
  readonly lastScreenedOn: IsoDate | null;
  /** Known at check-in (exclusions `pregnant`, `severe_illness`); absent means not known to apply. */
  readonly pregnant?: boolean;
  readonly severeIllness?: boolean;
}

export interface EligibilityDecision {
  readonly eligible: boolean;
  /** Why not (empty when eligible); each reason names its rule. */
  readonly reasons: readonly { readonly code: ExclusionCode | 'age' | 'sex'; readonly text: LocalText }[];
}

// ---- exams, results and follow-up ----------------------------------------------------------------------------

export type FollowUpAction =
  | 'endoscopy_biopsy'
  | 'colonoscopy'
  | 'ldct'
  | 'biopsy'
  | 'colposcopy'
  | 'ultrasound'
  | 'mammography'
  | 'afp_ultrasound'
  | 'diagnostic_workup'
  | 'routine_rescreen';

export interface FollowUpRule {
  readonly action: FollowUpAction;
  /** Days from the result to the date the action is due. */
  readonly withinDays: number;
  readonly label: LocalText;
  readonly guideline: string;
}

export interface ResultCategory {
  readonly code: string;
  readonly label: LocalText;
  /** A positive result puts the participant on the diagnostic follow-up worklist. */
  readonly positive: boolean;
  readonly followUp: FollowUpRule | null;
}

export interface ExamDefinition {
  readonly code: string;
  readonly label: LocalText;
  /** Clinical screening (endoscopy, LDCT, colonoscopy, …) as against a first-line test (FIT, HPV, AFP). */
  readonly clinical: boolean;
  /** Who gets this exam: everyone who takes part, or only the high-risk. */
  readonly offeredTo: 'all' | 'high_risk';
  readonly categories: readonly ResultCategory[];
  /** Whether a specialist can read it remotely (远程超声/心电/内镜). */
  readonly remoteReadable: boolean;
}

/** The final diagnosis after a positive screen (pathology or the clinical work-up). */
export type DiagnosisKind = 'no_lesion' | 'benign' | 'low_grade_precancer' | 'high_grade_precancer' | 'cancer';

export interface DiagnosisOutcome {
  readonly kind: DiagnosisKind;
  readonly date: IsoDate;
  /** TNM 8th stage group (`0`, `I`, `IA1`, `II`, …) for cancers, when staged. */
  readonly stageGroup: string | null;
  /** ICD-O-3 topography and morphology for the registry notification a cancer becomes. */
  readonly topography: string | null;
  readonly morphology: string | null;
}

// ---- programme -----------------------------------------------------------------------------------------------

export interface ProgrammeDefinition {
  readonly code: ProgrammeCode;
  readonly version: string;
  readonly name: LocalText;
  readonly guidelines: readonly GuidelineRef[];
  readonly eligibility: EligibilityRule;
  readonly questionnaire: QuestionnaireDefinition;
  readonly exams: readonly ExamDefinition[];
  /** Months before a person with a normal result is due again. */
  readonly rescreenIntervalMonths: number;
  /** Which diagnoses count as found early, in words (the rule itself is `isEarlyDiagnosis`). */
  readonly earlyDefinition: LocalText;
  /** The risk rule in words, for the programmes page and the docs (the rule itself is `assessRisk`). */
  readonly riskRule?: { readonly description: LocalText; readonly guidelines: readonly string[] };
  /** Where the eligibility rule comes from (guideline ids of `guidelines`). */
  readonly eligibilityGuidelines?: readonly string[];
}

/** The parts of a programme a network may change (validated by `configureProgramme`). */
export interface ProgrammeOverrides {
  readonly minAge?: number;
  readonly maxAge?: number;
  /** Per exam code and category code: days until the follow-up action is due. */
  readonly followUpDays?: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly rescreenIntervalMonths?: number;
}

// ---- the participant's path ----------------------------------------------------------------------------------

export interface ExamRecord {
  readonly examCode: string;
  readonly category: string;
  readonly performedOn: IsoDate;
}

export interface ParticipantPath {
  readonly invitedOn: IsoDate | null;
  readonly checkedInOn: IsoDate | null;
  readonly questionnaireOn: IsoDate | null;
  readonly risk: RiskAssessment | null;
  readonly exams: readonly ExamRecord[];
  /** Set once the diagnostic follow-up of a positive result has an outcome. */
  readonly followUpDoneOn: IsoDate | null;
  readonly unreachable: boolean;
  readonly diagnosis: DiagnosisOutcome | null;
}

/**
 * One participant's contribution to every indicator, stored as columns of the participant row.
 * `followUpDueOn` is the earliest due date of the follow-ups the positive results call for.
 */
export interface ParticipantFlags {
  readonly invited: boolean;
  readonly participated: boolean;
  readonly questionnaireDone: boolean;
  readonly highRisk: boolean;
  /** High-risk and had the programme's clinical exam. */
  readonly highRiskClinicallyScreened: boolean;
  /** Had any exam (first-line or clinical): the denominator of positivity and detection. */
  readonly screened: boolean;
  readonly positive: boolean;
  readonly followUpDueOn: IsoDate | null;
  readonly followUpDone: boolean;
  readonly cancer: boolean;
  readonly precancer: boolean;
  /** Screen-detected and early by the programme's definition (`isEarlyDiagnosis`). */
  readonly early: boolean;
  /** Days from the first positive result to the diagnosis; null without both. */
  readonly daysPositiveToDiagnosis: number | null;
}

// ---- indicators ----------------------------------------------------------------------------------------------

/** Sums of participant flags over any grouping (campaign, programme, institution, area, period). */
export interface ScreeningTally {
  readonly invited: number;
  readonly participated: number;
  readonly questionnaireDone: number;
  readonly highRisk: number;
  readonly highRiskClinicallyScreened: number;
  readonly screened: number;
  readonly positive: number;
  readonly followUpDone: number;
  /** Positive, follow-up not done, due date before the as-of date. */
  readonly followUpOverdue: number;
  readonly cancer: number;
  readonly precancer: number;
  readonly early: number;
  readonly daysPositiveToDiagnosisSum: number;
  readonly daysPositiveToDiagnosisCount: number;
}

export const INDICATOR_IDS = [
  'participation_rate',
  'high_risk_rate',
  'clinical_compliance',
  'positivity_rate',
  'detection_rate',
  'early_diagnosis_rate',
  'follow_up_completion',
  'days_positive_to_diagnosis',
] as const;
export type IndicatorId = (typeof INDICATOR_IDS)[number];

export interface IndicatorDefinition {
  readonly id: IndicatorId;
  readonly label: LocalText;
  readonly numerator: { readonly field: keyof ScreeningTally; readonly label: LocalText };
  readonly denominator: { readonly field: keyof ScreeningTally; readonly label: LocalText };
  /** 100 for a percentage, 1000 for per mille (detection per 1,000 screened), 1 for a mean. */
  readonly scale: 1 | 100 | 1000;
  readonly unit: LocalText;
}

export interface IndicatorValue {
  readonly id: IndicatorId;
  readonly numerator: number;
  readonly denominator: number;
  /** null when the denominator is 0. */
  readonly value: number | null;
  /** Wilson 95 % interval for proportions (scaled like the value); null for means or an empty denominator. */
  readonly lower: number | null;
  readonly upper: number | null;
}
