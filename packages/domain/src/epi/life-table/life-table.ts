import { fail, type FieldError } from '../../common/field-error.ts';
import type { Sex } from '../../common/sex.ts';

/** A year of follow-up and of the rate table is 365.241 days, as in relsurv and survival::ratetable. */
export const DAYS_PER_YEAR = 365.241;

/**
 * A general-population life table: probability of dying within a year `qx` by sex (1 male, 2 female),
 * single year of age (the last age is open-ended) and single calendar year. Ages and years are
 * contiguous ranges; `qx[sexIndex][yearIndex * ages + ageIndex]`.
 */
export interface LifeTable {
  readonly kind: 'life-table';
  readonly label: string;
  readonly firstAge: number;
  readonly ages: number;
  readonly firstYear: number;
  readonly years: number;
  readonly qx: readonly [Float64Array, Float64Array];
}

export interface LifeTableRow {
  readonly sex: Sex;
  readonly age: number;
  readonly year: number;
  readonly qx: number;
}

export interface LifeTableRowError extends FieldError {
  /** Index of the offending row in the input (0-based), or -1 for a table-level problem. */
  readonly index: number;
}

/**
 * Builds a life table from rows `sex, age, year, qx`. Every sex × age × year cell of the
 * rectangle spanned by the rows must be present exactly once, as relsurv::transrate requires
 * ("in case of missing values at the end carry the last value forward").
 */
export function buildLifeTable(rows: readonly LifeTableRow[], label = 'user life table'): { ok: true; value: LifeTable } | { ok: false; error: LifeTableRowError } {
  if (rows.length === 0) return { ok: false, error: { field: 'qx', code: 'life-table.empty', message: 'the life table has no rows', index: -1 } };
  let minAge = Infinity, maxAge = -Infinity, minYear = Infinity, maxYear = -Infinity;
  for (const [index, r] of rows.entries()) {
    if (!Number.isInteger(r.age) || r.age < 0 || r.age > 130) return rowError(index, 'age', 'life-table.age', `age must be a whole number of years 0–130, got ${r.age}`);
    if (!Number.isInteger(r.year) || r.year < 1800 || r.year > 2200) return rowError(index, 'year', 'life-table.year', `year must be a calendar year, got ${r.year}`);
    if (!(r.qx >= 0 && r.qx < 1)) return rowError(index, 'qx', 'life-table.qx', `qx must be a probability in [0, 1), got ${r.qx}`);
    minAge = Math.min(minAge, r.age); maxAge = Math.max(maxAge, r.age);
    minYear = Math.min(minYear, r.year); maxYear = Math.max(maxYear, r.year);
  }
  const ages = maxAge - minAge + 1;
  const years = maxYear - minYear + 1;
  const qx: [Float64Array, Float64Array] = [new Float64Array(ages * years).fill(NaN), new Float64Array(ages * years).fill(NaN)];
  for (const [index, r] of rows.entries()) {
    const cell = (r.year - minYear) * ages + (r.age - minAge);
    const table = qx[r.sex - 1] as Float64Array;
    if (!Number.isNaN(table[cell])) return rowError(index, 'age', 'life-table.duplicate', `sex ${r.sex}, age ${r.age}, year ${r.year} appears twice`);
    table[cell] = r.qx;
  }
  for (const sex of [1, 2] as const) {
    const table = qx[sex - 1] as Float64Array;
    const missing = table.findIndex((v) => Number.isNaN(v));
    if (missing >= 0) {
      const age = minAge + (missing % ages);
      const year = minYear + Math.floor(missing / ages);
      return { ok: false, error: { field: 'qx', code: 'life-table.incomplete', message: `no qx for sex ${sex}, age ${age}, year ${year}: the table needs every sex × age × year from ${minAge}–${maxAge} and ${minYear}–${maxYear}`, index: -1 } };
    }
  }
  return { ok: true, value: { kind: 'life-table', label, firstAge: minAge, ages, firstYear: minYear, years, qx } };
}

function rowError(index: number, field: string, code: string, message: string): { ok: false; error: LifeTableRowError } {
  const base = fail(field, code, message);
  return { ok: false, error: { ...(base.ok ? { field, code, message } : base.error), index } };
}

export function lifeTableRows(table: LifeTable): LifeTableRow[] {
  const rows: LifeTableRow[] = [];
  for (const sex of [1, 2] as const) {
    for (let y = 0; y < table.years; y++) {
      for (let a = 0; a < table.ages; a++) rows.push({ sex, age: table.firstAge + a, year: table.firstYear + y, qx: (table.qx[sex - 1] as Float64Array)[y * table.ages + a] as number });
    }
  }
  return rows;
}
