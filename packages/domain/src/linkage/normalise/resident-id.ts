import { isValidYmd } from '../../common/dates.ts';
import { parseResidentId } from '../../people/resident-id.ts';
import { cleanText } from './text.ts';

export interface NormalisedResidentId {
  /** The 18-character number (15-digit legacy numbers upgraded), or the cleaned characters when invalid. */
  readonly id: string;
  /** True when the GB 11643-1999 check character holds (or the number was upgraded from 15 digits). */
  readonly valid: boolean;
  /** "YYYYMMDD" + sex digit (1/2) read from the number even when the check fails, '' when unreadable. */
  readonly birthSex: string;
}

/**
 * Resident ID numbers for linkage. A valid number is kept as its 18-character form so that a 15-digit
 * legacy number and its upgrade agree exactly (GB 11643-1999 §5, 19xx century implied). An invalid
 * number is kept too — a typo still nearly agrees with the true number, which the comparator grades —
 * and its birth date and sex are still read from positions 7–14 and 17 when they make sense.
 */
export function normaliseResidentId(raw: string): NormalisedResidentId {
  const text = cleanText(raw).toUpperCase().replace(/[\s-]/g, '');
  if (text === '') return { id: '', valid: false, birthSex: '' };
  const parsed = parseResidentId(text);
  if (parsed.ok) {
    const { id, birthDate, sex } = parsed.value;
    return { id, valid: true, birthSex: `${birthDate.replace(/-/g, '')}${sex}` };
  }
  return { id: text, valid: false, birthSex: derivedBirthSex(text) };
}

function derivedBirthSex(text: string): string {
  let ymd: string;
  let sexDigit: string | undefined;
  if (/^\d{15}$/.test(text)) {
    ymd = `19${text.slice(6, 12)}`;
    sexDigit = text[14];
  } else if (/^\d{17}[\dX]$/.test(text)) {
    ymd = text.slice(6, 14);
    sexDigit = text[16];
  } else return '';
  if (!isValidYmd(Number(ymd.slice(0, 4)), Number(ymd.slice(4, 6)), Number(ymd.slice(6, 8))) || sexDigit === undefined) return '';
  return `${ymd}${Number(sexDigit) % 2 === 1 ? 1 : 2}`;
}
