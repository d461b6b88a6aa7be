import { withinOneEdit } from './damerau-levenshtein.ts';

/**
 * Comparators on normalised values. Each returns a 1-based level (see levels.ts); the callers have
 * already handled missing values and exact agreement of dictionary ids.
 */

function isoParts(date: string): [number, number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

function epochDay(y: number, m: number, d: number): number {
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

/** Dates (ISO): exact 1, day–month swap 2, one edit of YYYYMMDD 3, ≤ 31 days 4, ≤ 366 days 5, else 6. */
export function compareDates(a: string, b: string): number {
  if (a === b) return 1;
  const [ya, ma, da] = isoParts(a);
  const [yb, mb, db] = isoParts(b);
  if (ya === yb && ma === db && da === mb) return 2;
  if (withinOneEdit(a.replace(/-/g, ''), b.replace(/-/g, ''))) return 3;
  const gap = Math.abs(epochDay(ya, ma, da) - epochDay(yb, mb, db));
  if (gap <= 31) return 4;
  if (gap <= 366) return 5;
  return 6;
}

/**
 * Resident ID numbers: exact 1, one character off 2, one adjacent transposition 3, the same birth
 * date and sex read from both numbers 4, else 5. The GB 11643 check character catches every single
 * error and adjacent transposition, so levels 2–3 only arise between a valid and an invalid number.
 */
export function compareResidentIds(a: string, b: string, birthSexA: string, birthSexB: string): number {
  if (a === b) return 1;
  if (a.length === b.length) {
    let diffs = 0;
    for (let i = 0; i < a.length && diffs < 3; i++) if (a.charCodeAt(i) !== b.charCodeAt(i)) diffs++;
    if (diffs === 1) return 2;
    if (diffs === 2 && withinOneEdit(a, b)) return 3;
  }
  if (birthSexA !== '' && birthSexA === birthSexB) return 4;
  return 5;
}

/** Division codes: same township 1, county 2, city 3, province 4, else 5 (GB/T 2260 prefixes). */
export function compareDivisions(a: string, b: string): number {
  const prefixes = [9, 6, 4, 2];
  for (let k = 0; k < prefixes.length; k++) {
    const n = prefixes[k] ?? 0;
    if (a.length >= n && b.length >= n && a.slice(0, n) === b.slice(0, n)) return k + 1;
  }
  return 5;
}

/** Exact 1, within one edit (typo or adjacent transposition) 2, else 3: phones, postcodes, identifiers. */
export function compareCodes(a: string, b: string): number {
  if (a === b) return 1;
  return withinOneEdit(a, b) ? 2 : 3;
}
