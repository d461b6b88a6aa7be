import type { FormInstance } from 'antd';
import { ApiError } from '../api/problem.ts';
import type { Translate } from '../i18n/translate.ts';
import { placeErrors } from './server-errors.ts';

/**
 * Shows a failed save on the form: field problems under their fields, the rest returned for an
 * alert. Non-API failures are programming errors and are rethrown.
 */
export function applyServerErrors(
  form: FormInstance,
  t: Translate,
  error: unknown,
  formFields: readonly string[],
  options?: Parameters<typeof placeErrors>[3],
): readonly string[] {
  if (!(error instanceof ApiError)) throw error;
  const placed = placeErrors(t, error, formFields, options);
  form.setFields(placed.fields.map((f) => ({ name: [...f.name], errors: [...f.errors] })));
  return placed.unplaced;
}
