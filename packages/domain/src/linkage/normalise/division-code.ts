import { digitsOnly } from './text.ts';

export type DivisionLevel = 'province' | 'city' | 'county' | 'township';

/** Digits that identify each level (GB/T 2260 six-digit codes; 9/12-digit statistical codes add the township). */
const LEVEL_DIGITS: Readonly<Record<DivisionLevel, number>> = { province: 2, city: 4, county: 6, township: 9 };

export const DIVISION_LEVELS: readonly DivisionLevel[] = ['township', 'county', 'city', 'province'];

/**
 * Administrative division code: digits only, cut to 9 (township) or 6 (county) digits. Trailing
 * zero groups mean "not stated at that level" (500000 is Chongqing as a whole), so they are dropped
 * to the shortest code that still names the unit: 500000 → "50", 500100 → "5001", 500103000 → "500103".
 */
export function normaliseDivisionCode(raw: string): string {
  let code = digitsOnly(raw);
  if (code.length === 12) code = code.slice(0, 9);
  if (code.length !== 9 && code.length !== 6) return code.length === 2 || code.length === 4 ? code : '';
  if (code.length === 9 && code.endsWith('000')) code = code.slice(0, 6);
  if (code.length === 6 && code.endsWith('00')) code = code.slice(0, 4);
  if (code.length === 4 && code.endsWith('00')) code = code.slice(0, 2);
  return code === '00' ? '' : code;
}

/** The code at a level, or '' when the normalised code is not that precise. */
export function divisionAt(code: string, level: DivisionLevel): string {
  const n = LEVEL_DIGITS[level];
  return code.length >= n ? code.slice(0, n) : '';
}
