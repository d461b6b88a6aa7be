import { fail, ok, type Result } from '../common/field-error.ts';
import type { AnswerValue, Answers, Question, QuestionnaireDefinition } from './types.ts';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether a question is asked, given the other answers (its `when` condition). */
export function questionApplies(question: Question, answers: Readonly<Record<string, unknown>>): boolean {
  if (!question.when) return true;
  const other = answers[question.when.question];
  return (typeof other === 'string' || typeof other === 'boolean') && question.when.equals.includes(other);
}

function label(question: Question): string {
  return `${question.label.en} (${question.label.zh})`;
}

function checkOne(question: Question, value: unknown, field: string): Result<AnswerValue> {
  const name = label(question);
  switch (question.type) {
    case 'boolean':
      return typeof value === 'boolean'
        ? ok(value)
        : fail(field, 'answer.type', `${field}: ${name} takes yes or no (true/false)`);
    case 'integer':
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        return fail(field, 'answer.type', `${field}: ${name} takes a number`);
      }
      if (question.type === 'integer' && !Number.isInteger(value)) {
        return fail(field, 'answer.type', `${field}: ${name} takes a whole number, not ${value}`);
      }
      if (
        (question.min !== undefined && value < question.min) ||
        (question.max !== undefined && value > question.max)
      ) {
        return fail(
          field,
          'answer.range',
          `${field}: ${value} is out of range for ${name} (${question.min ?? '−∞'}–${question.max ?? '∞'})`,
        );
      }
      return ok(value);
    }
    case 'choice': {
      if (typeof value !== 'string') return fail(field, 'answer.type', `${field}: ${name} takes one option code`);
      if (!(question.options ?? []).some((o) => o.code === value)) {
        return fail(
          field,
          'answer.option',
          `${field}: "${value}" is not an option of ${name} (${(question.options ?? []).map((o) => o.code).join(', ')})`,
        );
      }
      return ok(value);
    }
    case 'multi': {
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
        return fail(field, 'answer.type', `${field}: ${name} takes a list of option codes`);
      }
      const codes = value as string[];
      const unknown = codes.find((c) => !(question.options ?? []).some((o) => o.code === c));
      if (unknown !== undefined)
        return fail(field, 'answer.option', `${field}: "${unknown}" is not an option of ${name}`);
      if (new Set(codes).size !== codes.length)
        return fail(field, 'answer.duplicate', `${field}: an option is listed twice`);
      return ok([...codes]);
    }
  }
}

const IDS = new WeakMap<QuestionnaireDefinition, ReadonlySet<string>>();
function questionIds(questionnaire: QuestionnaireDefinition): ReadonlySet<string> {
  let ids = IDS.get(questionnaire);
  if (!ids) {
    ids = new Set(questionnaire.questions.map((q) => q.id));
    IDS.set(questionnaire, ids);
  }
  return ids;
}

/**
 * Checks raw answers (JSON from a form or an import) against a questionnaire: every key must be a question, every
 * value of its question's type, within its bounds and among its options; required questions that apply must be
 * answered. Errors name the field `answers.<questionId>`. The answers returned hold every question: those not
 * answered, or not asked because of their `when` condition, are null.
 */
export function validateAnswers(questionnaire: QuestionnaireDefinition, raw: unknown): Result<Answers> {
  if (!isRecord(raw)) return fail('answers', 'answers.type', 'answers: an object of question id → answer is expected');
  const ids = questionIds(questionnaire);
  for (const key in raw) {
    if (!Object.hasOwn(raw, key)) continue;
    if (!ids.has(key))
      return fail(
        `answers.${key}`,
        'answer.unknown',
        `answers.${key}: not a question of ${questionnaire.id}@${questionnaire.version}`,
      );
  }
  const out: Record<string, AnswerValue> = {};
  for (const question of questionnaire.questions) {
    const field = `answers.${question.id}`;
    const value = raw[question.id];
    const applies = questionApplies(question, raw);
    if (value === undefined || value === null) {
      if (question.required && applies)
        return fail(field, 'answer.required', `${field}: ${label(question)} must be answered`);
      out[question.id] = null;
      continue;
    }
    const checked = checkOne(question, value, field);
    if (!checked.ok) return checked;
    out[question.id] = applies ? checked.value : null;
  }
  return ok(out);
}
