import { fail, ok, type Result } from '../common/field-error.ts';

/** Mainland mobile numbers: 11 digits starting 1[3-9]; a +86 / 0086 prefix is removed. Landlines keep their digits. */
export function normalisePhone(raw: string, field = 'phone'): Result<string> {
  let digits = raw.replace(/[\s\-()（）+]/g, '');
  if (digits.startsWith('0086')) digits = digits.slice(4);
  else if (digits.startsWith('86') && digits.length === 13) digits = digits.slice(2);
  if (/^1[3-9]\d{9}$/.test(digits)) return ok(digits);
  if (/^0\d{9,11}$/.test(digits)) return ok(digits);
  return fail(field, 'phone.format', `${field}: "${raw}" is not a mobile (1xxxxxxxxxx) or landline number`);
}
