/**
 * One finding of the registry checks. Severity follows IARCcrgTools (Ferlay et al., IARC Technical Report 42):
 * "invalid" findings are errors that must be corrected; "rare"/"query" findings are warnings a registrar may
 * confirm with a reason, after which they are not raised again for that record.
 */
export type Severity = 'error' | 'warning';

export type RuleId =
  | 'code.sex'
  | 'code.topography'
  | 'code.morphology'
  | 'code.behaviour'
  | 'code.morphology-behaviour'
  | 'code.grade'
  | 'code.basis'
  | 'code.date'
  | 'code.age'
  | 'behaviour.metastatic'
  | 'grade.morphology'
  | 'age.site'
  | 'age.morphology'
  | 'age.site-morphology'
  | 'age.unknown'
  | 'sex.site'
  | 'sex.morphology'
  | 'site.morphology'
  | 'behaviour.site'
  | 'basis.morphology'
  | 'dates.birth-incidence'
  | 'dates.incidence-death'
  | 'dates.birth-death'
  | 'dates.future'
  | 'dates.age-mismatch';

export interface LocalText {
  readonly en: string;
  readonly zh: string;
}

export interface CheckResult {
  readonly rule: RuleId;
  readonly severity: Severity;
  /** The input fields involved, so a report can name the column. */
  readonly fields: readonly string[];
  readonly message: LocalText;
}

export const finding = (rule: RuleId, severity: Severity, fields: readonly string[], en: string, zh: string): CheckResult => ({
  rule,
  severity,
  fields,
  message: { en, zh },
});
