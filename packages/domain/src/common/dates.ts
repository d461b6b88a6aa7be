import { fail, ok, type Result } from './field-error.ts';

/** Calendar dates travel as ISO 8601 strings `YYYY-MM-DD` (DESIGN.md CLI contract); `YYYYMMDD` is accepted on input. */
export type IsoDate = string;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;

export function isValidYmd(y: number, m: number, d: number): boolean {
  if (y < 1800 || y > 2200 || m < 1 || m > 12 || d < 1) return false;
  return d <= daysInMonth(y, m);
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Parses `YYYY-MM-DD` or `YYYYMMDD`; rejects impossible dates such as 2023-02-30. */
export function parseDate(raw: string, field = 'date'): Result<IsoDate> {
  const text = raw.trim();
  const match = ISO.exec(text) ?? COMPACT.exec(text);
  if (!match) return fail(field, 'date.format', `${field}: "${raw}" is not a date (YYYY-MM-DD or YYYYMMDD)`);
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (!isValidYmd(y, m, d)) return fail(field, 'date.impossible', `${field}: "${raw}" is not a real calendar date`);
  return ok(`${match[1]}-${match[2]}-${match[3]}`);
}

export function ymd(date: IsoDate): [number, number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

export function toEpochDay(date: IsoDate): number {
  const [y, m, d] = ymd(date);
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

export function fromEpochDay(day: number): IsoDate {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toEpochDay(to) - toEpochDay(from);
}

/** Age in completed years on `on` (a birthday on 29 February counts from 1 March in common years). */
export function ageInYears(birth: IsoDate, on: IsoDate): number {
  const [by, bm, bd] = ymd(birth);
  const [y, m, d] = ymd(on);
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age -= 1;
  return age;
}
