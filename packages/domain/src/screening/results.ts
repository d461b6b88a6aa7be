import { fromEpochDay, type IsoDate, toEpochDay } from '../common/dates.ts';
import type { ExamDefinition, ExamRecord, FollowUpAction, ProgrammeDefinition, ResultCategory } from './types.ts';

export function examDefinition(def: ProgrammeDefinition, examCode: string): ExamDefinition | null {
  return def.exams.find((e) => e.code === examCode) ?? null;
}

/** The result category of one of the programme's exams, or null when the exam or the category is not the programme's. */
export function resultCategory(
  def: ProgrammeDefinition,
  examCode: string,
  categoryCode: string,
): ResultCategory | null {
  return examDefinition(def, examCode)?.categories.find((c) => c.code === categoryCode) ?? null;
}

/** The action a result calls for and the day it is due (the result's date plus the rule's days). */
export function followUpDue(
  def: ProgrammeDefinition,
  exam: ExamRecord,
): { action: FollowUpAction; dueOn: IsoDate } | null {
  const rule = resultCategory(def, exam.examCode, exam.category)?.followUp;
  if (!rule) return null;
  return { action: rule.action, dueOn: fromEpochDay(toEpochDay(exam.performedOn) + rule.withinDays) };
}
