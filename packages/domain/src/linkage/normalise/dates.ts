import { isValidYmd } from '../../common/dates.ts';
import { cleanText } from './text.ts';

const PATTERNS: readonly RegExp[] = [
  /^(\d{4})-(\d{1,2})-(\d{1,2})$/, // ISO 8601 (single-digit month/day tolerated)
  /^(\d{4})(\d{2})(\d{2})$/, // YYYYMMDD, as in FEBRL and the resident ID
  /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$/, // 2001/2/3 and 2001.2.3, common in spreadsheets
  /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/, // 2001年2月3日
];

/**
 * A birth date as ISO `YYYY-MM-DD`, or '' when missing or impossible. Linkage never rejects a record
 * for a bad date — the date simply does not take part in the comparison (a missing value, weight 0).
 */
export function normaliseDate(raw: string): string {
  const text = cleanText(raw).replace(/T.*$/, '');
  for (const pattern of PATTERNS) {
    const m = pattern.exec(text);
    if (!m) continue;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (!isValidYmd(y, mo, d)) return '';
    return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  }
  return '';
}
