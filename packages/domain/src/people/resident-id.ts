import { isValidYmd, type IsoDate } from '../common/dates.ts';
import { fail, ok, type Result } from '../common/field-error.ts';
import type { Sex } from '../common/sex.ts';

/** GB 11643-1999 weights for the ISO 7064 MOD 11-2 check character. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charCodeAt(i) - 48) * (WEIGHTS[i] ?? 0);
  return CHECK[sum % 11] ?? '?';
}

export interface ResidentId {
  readonly id: string;
  readonly divisionCode: string;
  readonly birthDate: IsoDate;
  readonly sex: Sex;
  /** True when the input was a 15-digit legacy number upgraded to 18 digits. */
  readonly upgraded: boolean;
}

/**
 * Parses an 18-digit resident identity number (GB 11643-1999) or upgrades a 15-digit legacy
 * number (birth year 19xx implied, check character appended). Birth date and sex come from the number:
 * digits 7–14 are the birth date, digit 17 is odd for men.
 */
export function parseResidentId(raw: string, field = 'residentId'): Result<ResidentId> {
  const text = raw.trim().toUpperCase().replace(/[\s-]/g, '');
  let id: string;
  let upgraded = false;
  if (/^\d{15}$/.test(text)) {
    const first17 = `${text.slice(0, 6)}19${text.slice(6)}`;
    id = first17 + checkCharacter(first17);
    upgraded = true;
  } else if (/^\d{17}[\dX]$/.test(text)) {
    id = text;
    if (checkCharacter(id.slice(0, 17)) !== id[17]) {
      return fail(field, 'residentId.checkDigit', `${field}: the check character of "${raw}" is wrong (ISO 7064 MOD 11-2)`);
    }
  } else {
    return fail(field, 'residentId.format', `${field}: "${raw}" is not an 18-digit or 15-digit resident ID number`);
  }
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  if (!isValidYmd(y, m, d)) return fail(field, 'residentId.birthDate', `${field}: "${raw}" holds an impossible birth date`);
  const sex: Sex = Number(id[16]) % 2 === 1 ? 1 : 2;
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  return ok({ id, divisionCode: id.slice(0, 6), birthDate, sex, upgraded });
}

/** Builds a valid 18-digit number; used by the synthetic population generator and tests. */
export function makeResidentId(divisionCode: string, birthDate: IsoDate, sequence: number, sex: Sex): string {
  const seq2 = String(Math.floor(sequence) % 100).padStart(2, '0');
  let last = Math.floor(sequence / 100) % 5;
  last = last * 2 + (sex === 1 ? 1 : 0);
  const first17 = `${divisionCode}${birthDate.replace(/-/g, '')}${seq2}${last}`;
  return first17 + checkCharacter(first17);
}
