import { normalisePhone } from '../../people/phone.ts';
import { cleanText, digitsOnly } from './text.ts';

/**
 * Mobile and landline numbers through the people rule (+86 / 0086 removed). A number that fails the
 * rule keeps its digits when there are at least 7 of them, so a mistyped number still nearly agrees.
 */
export function normaliseLinkPhone(raw: string): string {
  const result = normalisePhone(cleanText(raw));
  if (result.ok) return result.value;
  const digits = digitsOnly(raw);
  return digits.length >= 7 ? digits : '';
}
