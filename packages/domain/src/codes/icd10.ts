import { ICD10_ROWS } from './icd10-table.ts';

export interface Icd10Category {
  readonly kind: 'icd10';
  readonly category: string;
  readonly fourth: string;
  readonly en: string;
  readonly zh: string;
}

const CATEGORIES = new Map<string, Icd10Category>(
  ICD10_ROWS.map(([category, fourth, en, zh]) => [category, { kind: 'icd10', category, fourth, en, zh }]),
);

const PATTERN = /^([CD])(\d{2})\.?(\d)?$/;

/** `C16.9`, `C169`, `c16.9` → `C16.9`; `C16` stays `C16`. Null when not shaped like a C/D code. */
export function normaliseIcd10(raw: string): string | null {
  const match = PATTERN.exec(raw.trim().toUpperCase().replace(/\s+/g, ''));
  if (!match) return null;
  return match[3] === undefined ? `${match[1]}${match[2]}` : `${match[1]}${match[2]}.${match[3]}`;
}

export function lookupIcd10(raw: string): Icd10Category | null {
  const code = normaliseIcd10(raw);
  return code === null ? null : (CATEGORIES.get(code.slice(0, 3)) ?? null);
}

/**
 * Valid when the category exists and the fourth character is one of its subdivisions; a bare category is valid
 * (coders may only know the three characters).
 */
export function isValidIcd10(raw: string): boolean {
  const code = normaliseIcd10(raw);
  if (code === null) return false;
  const category = CATEGORIES.get(code.slice(0, 3));
  if (!category) return false;
  return code.length === 3 || category.fourth.includes(code.slice(4, 5));
}

/**
 * China's national cancer registry scope (NCCR): ICD-10 C00–C97 plus D32–D33, D42–D43 and D45–D47 are
 * reportable; other in-situ (D00–D09), benign (D10–D36) and uncertain (D37–D48) tumours are recorded but counted
 * apart from the incidence figures.
 */
export type RegistryScope = 'reportable' | 'inSitu' | 'benign' | 'uncertain' | 'outOfScope';

export function registryScope(raw: string): RegistryScope {
  const code = normaliseIcd10(raw);
  if (code === null || !CATEGORIES.has(code.slice(0, 3))) return 'outOfScope';
  const letter = code[0];
  const n = Number(code.slice(1, 3));
  if (letter === 'C') return n <= 97 ? 'reportable' : 'outOfScope';
  if (n === 32 || n === 33 || n === 42 || n === 43 || (n >= 45 && n <= 47)) return 'reportable';
  if (n <= 9) return 'inSitu';
  if (n <= 36) return 'benign';
  return n <= 48 ? 'uncertain' : 'outOfScope';
}

export function allIcd10Categories(): readonly Icd10Category[] {
  return [...CATEGORIES.values()];
}
