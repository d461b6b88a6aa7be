import { MORPHOLOGY_ROWS } from './generated/morphology-table.ts';

/** ICD-O-3 behaviour codes (fifth digit). */
export type Behaviour = 0 | 1 | 2 | 3 | 6 | 9;
export const BEHAVIOURS: readonly Behaviour[] = [0, 1, 2, 3, 6, 9];

export interface Morphology {
  readonly kind: 'morphology';
  readonly code: string;
  readonly behaviour: number;
  readonly en: string;
  /** Chinese term; null only where OncoNet has not translated the term yet (see docs/registry.md). */
  readonly zh: string | null;
}

const BY_KEY = new Map<string, Morphology>();
const CODES = new Map<string, Morphology[]>();
for (const [code, behaviour, en, zh] of MORPHOLOGY_ROWS) {
  const m: Morphology = { kind: 'morphology', code, behaviour, en, zh };
  BY_KEY.set(`${code}/${behaviour}`, m);
  const list = CODES.get(code) ?? [];
  list.push(m);
  CODES.set(code, list);
}

export interface ParsedMorphology {
  readonly code: string;
  readonly behaviour: number | null;
}

const PATTERN = /^M?-?(\d{4})(?:\/?(\d))?$/;

/** Accepts `8140`, `8140/3`, `81403`, `M-8140/3`; returns null for anything else. */
export function parseMorphology(raw: string): ParsedMorphology | null {
  const match = PATTERN.exec(raw.trim().toUpperCase().replace(/\s+/g, ''));
  if (!match?.[1]) return null;
  return { code: match[1], behaviour: match[2] === undefined ? null : Number(match[2]) };
}

/** True when the 4-digit histology code exists in ICD-O-3 (with any behaviour). */
export function isKnownMorphology(code: string): boolean {
  return CODES.has(code);
}

/** The ICD-O-3 term for this code and behaviour, as listed in the classification. */
export function lookupMorphology(code: string, behaviour: number): Morphology | null {
  return BY_KEY.get(`${code}/${behaviour}`) ?? null;
}

export function morphologyVariants(code: string): readonly Morphology[] {
  return CODES.get(code) ?? [];
}

export function allMorphologies(): readonly Morphology[] {
  return [...BY_KEY.values()];
}

/** 8000 and 8001: neoplasm / tumour cells NOS — "unspecified morphology" in the data-quality indicators. */
export function isUnspecifiedMorphology(code: string): boolean {
  return code === '8000' || code === '8001';
}
