import { daysBetween, type IsoDate } from '../common/dates.ts';
import { isDetectedCase, isEarlyDiagnosis } from './early.ts';
import { examDefinition, followUpDue, resultCategory } from './results.ts';
import type { ParticipantFlags, ParticipantPath, ProgrammeDefinition, ScreeningTally } from './types.ts';

/**
 * The ONE definition of every flag a participant contributes to the indicators (storage keeps them as columns and
 * sums them; `tallyFlags` is the reference for that sum):
 * - invited: an invitation was sent, or the person took part without one (a walk-in counts as invited, so
 *   participation never exceeds 100 %);
 * - participated: checked in, answered the questionnaire or had an exam;
 * - questionnaireDone: the risk questionnaire was answered; highRisk: its rule said high-risk;
 * - highRiskClinicallyScreened: high-risk and had one of the programme's clinical exams;
 * - screened: had any exam of the programme (the denominator of positivity and detection);
 * - positive: an exam's result category is positive; followUpDueOn: the earliest due date of the follow-ups the
 *   positive results call for;
 * - followUpDone: positive and the diagnostic follow-up has an outcome (done date or a diagnosis);
 * - cancer: positive and diagnosed with a detected case of the programme (`isDetectedCase`: cancers, and the
 *   high-grade precancer in upper GI and cervical screening) — screen-detected by construction;
 * - precancer: positive and diagnosed with a precancer the programme does not count as a case (never both);
 * - early: a detected case found early (`isEarlyDiagnosis`);
 * - daysPositiveToDiagnosis: from the first positive result to the diagnosis (0 when the same day or earlier).
 * Exams with a code or category the programme does not know count as screened but not positive.
 */
export function participantFlags(def: ProgrammeDefinition, path: ParticipantPath): ParticipantFlags {
  const screened = path.exams.length > 0;
  const participated = path.checkedInOn !== null || path.questionnaireOn !== null || path.risk !== null || screened;
  const invited = path.invitedOn !== null || participated;
  const questionnaireDone = path.questionnaireOn !== null || path.risk !== null;
  const highRisk = path.risk?.highRisk === true;
  const highRiskClinicallyScreened =
    highRisk && path.exams.some((e) => examDefinition(def, e.examCode)?.clinical === true);
  let firstPositive: IsoDate | null = null;
  let followUpDueOn: IsoDate | null = null;
  for (const exam of path.exams) {
    if (resultCategory(def, exam.examCode, exam.category)?.positive !== true) continue;
    if (firstPositive === null || exam.performedOn < firstPositive) firstPositive = exam.performedOn;
    const due = followUpDue(def, exam);
    if (due && (followUpDueOn === null || due.dueOn < followUpDueOn)) followUpDueOn = due.dueOn;
  }
  const positive = firstPositive !== null;
  const diagnosis = positive ? path.diagnosis : null;
  const cancer = diagnosis !== null && isDetectedCase(def.code, diagnosis);
  const precancer =
    diagnosis !== null &&
    !cancer &&
    (diagnosis.kind === 'low_grade_precancer' || diagnosis.kind === 'high_grade_precancer');
  const early = cancer && isEarlyDiagnosis(def.code, diagnosis);
  const daysPositiveToDiagnosis =
    firstPositive !== null && diagnosis !== null ? Math.max(0, daysBetween(firstPositive, diagnosis.date)) : null;
  return {
    invited,
    participated,
    questionnaireDone,
    highRisk,
    highRiskClinicallyScreened,
    screened,
    positive,
    followUpDueOn,
    followUpDone: positive && (path.followUpDoneOn !== null || path.diagnosis !== null),
    cancer,
    precancer,
    early,
    daysPositiveToDiagnosis,
  };
}

export const EMPTY_TALLY: ScreeningTally = Object.freeze({
  invited: 0,
  participated: 0,
  questionnaireDone: 0,
  highRisk: 0,
  highRiskClinicallyScreened: 0,
  screened: 0,
  positive: 0,
  followUpDone: 0,
  followUpOverdue: 0,
  cancer: 0,
  precancer: 0,
  early: 0,
  daysPositiveToDiagnosisSum: 0,
  daysPositiveToDiagnosisCount: 0,
});

/** Whether a participant's follow-up is overdue on `asOf`: positive, not done, due before that day. */
export function isFollowUpOverdue(flags: ParticipantFlags, asOf: IsoDate): boolean {
  return flags.positive && !flags.followUpDone && flags.followUpDueOn !== null && flags.followUpDueOn < asOf;
}

/** The sums the indicators are computed from (the reference for the SQL `SUM(...)` over the flag columns). */
export function tallyFlags(flags: readonly ParticipantFlags[], asOf: IsoDate): ScreeningTally {
  const n: { -readonly [K in keyof ScreeningTally]: number } = { ...EMPTY_TALLY };
  for (const f of flags) {
    n.invited += +f.invited;
    n.participated += +f.participated;
    n.questionnaireDone += +f.questionnaireDone;
    n.highRisk += +f.highRisk;
    n.highRiskClinicallyScreened += +f.highRiskClinicallyScreened;
    n.screened += +f.screened;
    n.positive += +f.positive;
    n.followUpDone += +f.followUpDone;
    n.followUpOverdue += +isFollowUpOverdue(f, asOf);
    n.cancer += +f.cancer;
    n.precancer += +f.precancer;
    n.early += +f.early;
    if (f.daysPositiveToDiagnosis !== null) {
      n.daysPositiveToDiagnosisSum += f.daysPositiveToDiagnosis;
      n.daysPositiveToDiagnosisCount += 1;
    }
  }
  return n;
}
