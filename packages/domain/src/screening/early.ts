import type { DiagnosisOutcome, ProgrammeCode } from './types.ts';

/**
 * Programmes whose detected cases include the high-grade precancer and count it as found early: upper GI (HGIN,
 * NCC upper GI programme) and cervical (HSIL/CIN2+, cn-cervical-2023 and the national programme). The others count
 * cancers only (their `earlyDefinition` says why).
 */
const HIGH_GRADE_PRECANCER_IS_CASE: Record<ProgrammeCode, boolean> = {
  upper_gi: true,
  lung: false,
  colorectal: false,
  liver: false,
  breast: false,
  cervical: true,
};

/** TNM 8th stage groups 0 and I with their subgroups (0, 0a, 0is, I, IA, IA1, IB2, IC …), not II–IV. */
export function isStageZeroOrOne(stageGroup: string | null): boolean {
  if (stageGroup === null) return false;
  return /^(0(a|is)?|I(?![IV])[A-C]?[1-3]?)$/i.test(stageGroup.trim());
}

/** Whether a diagnosis is a detected case of the programme (the early-diagnosis rate's denominator). */
export function isDetectedCase(code: ProgrammeCode, d: DiagnosisOutcome): boolean {
  return d.kind === 'cancer' || (d.kind === 'high_grade_precancer' && HIGH_GRADE_PRECANCER_IS_CASE[code]);
}

/**
 * Found early by the programme's definition: a cancer of stage 0–I (an unstaged cancer is not early), or, in upper
 * GI and cervical screening, the high-grade precancer (HGIN; HSIL/CIN2+).
 */
export function isEarlyDiagnosis(code: ProgrammeCode, d: DiagnosisOutcome): boolean {
  if (d.kind === 'high_grade_precancer') return HIGH_GRADE_PRECANCER_IS_CASE[code];
  return d.kind === 'cancer' && isStageZeroOrOne(d.stageGroup);
}
