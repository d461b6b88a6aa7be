import type { ApiError, FieldProblem } from '../api/problem.ts';
import { isMessageKey, type Translate } from '../i18n/translate.ts';

export type NamePath = ReadonlyArray<string | number>;

/** `identifiers/0/value` → ['identifiers', 0, 'value'], the name path antd forms use. */
export function namePathOf(field: string): NamePath {
  return field
    .split('/')
    .filter((part) => part !== '')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** A field problem in the user's language: known codes are translated, others keep the server's words. */
export function describeFieldProblem(t: Translate, problem: FieldProblem): string {
  const key = `fieldError.${problem.code}`;
  // The server's message is "field: rule" and carries the figures of the rule ("at least 12 characters").
  const rule = problem.message.replace(/^[\w/.]+:\s*/, '');
  const n = /\d+/.exec(rule)?.[0] ?? '';
  if (isMessageKey(key)) return t(key, { n });
  return rule || problem.code;
}

/** The headline of any failed request in the user's language, by problem code. */
export function describeError(t: Translate, error: ApiError): string {
  const key = `error.${error.code}`;
  return isMessageKey(key) ? t(key) : t('error.unknown', { status: error.status });
}

export interface PlacedErrors {
  readonly fields: ReadonlyArray<{ readonly name: NamePath; readonly errors: readonly string[] }>;
  /** Problems that name no field of the form (shown above it). */
  readonly unplaced: readonly string[];
}

/**
 * Puts each problem on the form field it names. `aliases` renames server fields for this form
 * (the password policy names `password`, the change form calls it `newPassword`); `conflictField`
 * receives a 409 (a unique code or user name already taken).
 */
export function placeErrors(
  t: Translate,
  error: ApiError,
  formFields: readonly string[],
  options: { readonly aliases?: Readonly<Record<string, string>>; readonly conflictField?: string } = {},
): PlacedErrors {
  const byField = new Map<string, { name: NamePath; errors: string[] }>();
  const unplaced: string[] = [];
  const problems: FieldProblem[] = [...error.fieldErrors];
  if (error.code === 'conflict' && options.conflictField && problems.length === 0) problems.push({ field: options.conflictField, code: 'conflict', message: error.detail });
  for (const problem of problems) {
    const field = options.aliases?.[problem.field] ?? problem.field;
    const name = namePathOf(field);
    const text = describeFieldProblem(t, problem);
    if (typeof name[0] === 'string' && formFields.includes(name[0])) {
      const entry = byField.get(field) ?? { name, errors: [] };
      entry.errors.push(text);
      byField.set(field, entry);
    } else {
      unplaced.push(text);
    }
  }
  if (problems.length === 0) unplaced.push(`${describeError(t, error)} ${error.detail}`.trim());
  return { fields: [...byField.values()], unplaced };
}
