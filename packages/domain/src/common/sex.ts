import { fail, ok, type Result } from './field-error.ts';

/** Sex as coded in Chinese registry and civil data (GB/T 2261.1): 1 male, 2 female. */
export type Sex = 1 | 2;

const CODES: Record<string, Sex> = { '1': 1, '2': 2, m: 1, f: 2, male: 1, female: 2, 男: 1, 女: 2 };

export function parseSex(raw: string, field = 'sex'): Result<Sex> {
  const code = CODES[raw.trim().toLowerCase()];
  return code === undefined ? fail(field, 'sex.unknown', `${field}: "${raw}" is not a sex (1/2, M/F, 男/女)`) : ok(code);
}
