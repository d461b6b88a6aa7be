import type { Sex } from '../../common/sex.ts';
import { buildLifeTable, type LifeTable, type LifeTableRow } from './life-table.ts';

/**
 * A MODEL life table for China, for the demo only — not official statistics. Users load their own
 * (e.g. the national or Chongqing table from the census) with `--life-table <csv>`.
 *
 * Mortality follows the Siler (1979) competing-hazards model, a Gompertz–Makeham law with an
 * added infant/childhood term:  μ(x) = a1·e^(−b1·x) + a2 + a3·e^(b3·x).
 * The parameters for 2015 were chosen by hand so the table has plausible Chinese levels around
 * the 2010 and 2020 censuses: q0 ≈ 7‰ (male) and 6‰ (female) in 2015, life expectancy at birth
 * ≈ 74 years for men and ≈ 79 for women, and the female senescent hazard about 60% of the male.
 * Secular improvement is a constant annual decline of each term (infant 5%, background 2.5%,
 * senescent 1.5% a year for men and 2% for women), so e0 rises by roughly 0.2–0.3 years per calendar year.
 * qx = 1 − exp(−∫ₓˣ⁺¹ μ), rounded to 6 significant digits so the CSV form reads back exactly.
 */
export const CHINA_MODEL_LABEL = 'China model life table (Siler/Gompertz–Makeham, demo only — not official)';

interface Siler {
  a1: number;
  b1: number;
  a2: number;
  a3: number;
  b3: number;
}

const BASE_YEAR = 2015;
const PARAMETERS: Record<Sex, Siler> = {
  1: { a1: 0.0115, b1: 1.4, a2: 0.00055, a3: 4.6e-5, b3: 0.0925 },
  2: { a1: 0.0102, b1: 1.4, a2: 0.00032, a3: 2.3e-5, b3: 0.0965 },
};
// Women's senescent mortality has fallen faster than men's in China, widening the gap in e0.
const DECLINE: Record<Sex, { infant: number; background: number; senescent: number }> = {
  1: { infant: 0.05, background: 0.025, senescent: 0.015 },
  2: { infant: 0.05, background: 0.025, senescent: 0.02 },
};

export const CHINA_MODEL_AGES = { first: 0, last: 100 };
export const CHINA_MODEL_YEARS = { first: 1990, last: 2040 };

/** Cumulative Siler hazard over [x, x + width). */
function siler(sex: Sex, year: number, x: number, width: number): number {
  const p = PARAMETERS[sex];
  const d = DECLINE[sex];
  const dt = year - BASE_YEAR;
  const a1 = p.a1 * Math.exp(-d.infant * dt);
  const a2 = p.a2 * Math.exp(-d.background * dt);
  const a3 = p.a3 * Math.exp(-d.senescent * dt);
  return (a1 / p.b1) * (Math.exp(-p.b1 * x) - Math.exp(-p.b1 * (x + width))) + a2 * width + (a3 / p.b3) * (Math.exp(p.b3 * (x + width)) - Math.exp(p.b3 * x));
}

export function chinaModelQx(sex: Sex, age: number, year: number): number {
  return Number((1 - Math.exp(-siler(sex, year, age, 1))).toPrecision(6));
}

export function chinaModelRows(): LifeTableRow[] {
  const rows: LifeTableRow[] = [];
  for (const sex of [1, 2] as const) {
    for (let year = CHINA_MODEL_YEARS.first; year <= CHINA_MODEL_YEARS.last; year++) {
      for (let age = CHINA_MODEL_AGES.first; age <= CHINA_MODEL_AGES.last; age++) rows.push({ sex, age, year, qx: chinaModelQx(sex, age, year) });
    }
  }
  return rows;
}

export function chinaModelLifeTable(): LifeTable {
  const built = buildLifeTable(chinaModelRows(), CHINA_MODEL_LABEL);
  if (!built.ok) throw new Error(`the model life table is inconsistent: ${built.error.message}`);
  return built.value;
}

/** Period life expectancy at `age` from single-year qx (deaths at mid-year; the last age group closed at 100). */
export function lifeExpectancy(table: LifeTable, sex: Sex, year: number, age = 0): number {
  const qx = table.qx[sex - 1] as Float64Array;
  const y = year - table.firstYear;
  let alive = 1;
  let years = 0;
  for (let a = age - table.firstAge; a < table.ages; a++) {
    const q = a === table.ages - 1 ? 1 : (qx[y * table.ages + a] as number);
    years += alive * (1 - q / 2);
    alive *= 1 - q;
  }
  return years;
}
