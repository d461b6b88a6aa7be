/** Small builders the programme files share, so a definition reads like the guideline it follows. */
import type {
  AnswerValue,
  Answers,
  FollowUpAction,
  FollowUpRule,
  LocalText,
  Question,
  QuestionOption,
  ResultCategory,
} from '../types.ts';

export const t = (zh: string, en: string): LocalText => ({ zh, en });

export const yesNo = (id: string, label: LocalText, extra: Partial<Question> = {}): Question => ({
  id,
  type: 'boolean',
  label,
  required: true,
  ...extra,
});

export const choice = (
  id: string,
  label: LocalText,
  options: readonly QuestionOption[],
  extra: Partial<Question> = {},
): Question => ({ id, type: 'choice', label, required: true, options, ...extra });

export const integer = (
  id: string,
  label: LocalText,
  min: number,
  max: number,
  unit: LocalText,
  extra: Partial<Question> = {},
): Question => ({ id, type: 'integer', label, required: true, min, max, unit, ...extra });

export const opt = (code: string, zh: string, en: string): QuestionOption => ({ code, label: t(zh, en) });

export const YEARS = t('年', 'years');

export const SMOKING_OPTIONS = [
  opt('never', '从不吸烟', 'never smoked'),
  opt('former', '已戒烟', 'former smoker'),
  opt('current', '现在吸烟', 'current smoker'),
] as const;

export const POS_NEG_UNKNOWN = [
  opt('positive', '阳性', 'positive'),
  opt('negative', '阴性', 'negative'),
  opt('unknown', '不知道/未检测', 'unknown / not tested'),
] as const;

export function followUp(
  action: FollowUpAction,
  withinDays: number,
  label: LocalText,
  guideline: string,
): FollowUpRule {
  return { action, withinDays, label, guideline };
}

export function category(code: string, label: LocalText, positive: boolean, rule: FollowUpRule | null): ResultCategory {
  return { code, label, positive, followUp: rule };
}

// ---- reading validated answers -------------------------------------------------------------------------------

export const yes = (answers: Answers, id: string): boolean => answers[id] === true;

export function num(answers: Answers, id: string): number {
  const value: AnswerValue | undefined = answers[id];
  return typeof value === 'number' ? value : 0;
}

export function str(answers: Answers, id: string): string | null {
  const value: AnswerValue | undefined = answers[id];
  return typeof value === 'string' ? value : null;
}

export function list(answers: Answers, id: string): readonly string[] {
  const value: AnswerValue | undefined = answers[id];
  return Array.isArray(value) ? (value as readonly string[]) : [];
}

/** A risk rule's raw verdict; `assessRisk` adds the rule version. */
export interface RiskVerdict {
  readonly highRisk: boolean;
  readonly score: number;
  readonly reasons: readonly LocalText[];
}
