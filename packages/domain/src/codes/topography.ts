import { TOPOGRAPHY_ROWS } from './generated/topography-table.ts';

/** An ICD-O-3 topography code, always written `C16.9` (a 3-character `C16` is a group heading, not codable). */
export interface Topography {
  readonly kind: 'topography';
  readonly code: string;
  /** The two-digit group, e.g. `C16`. */
  readonly group: string;
  readonly en: string;
  readonly zh: string;
  readonly groupEn: string;
  readonly groupZh: string;
}

const GROUPS = new Map<string, { en: string; zh: string }>();
const SUBSITES = new Map<string, Topography>();
for (const [code, en, zh] of TOPOGRAPHY_ROWS) if (code.length === 3) GROUPS.set(code, { en, zh });
for (const [code, en, zh] of TOPOGRAPHY_ROWS) {
  if (code.length === 3) continue;
  const group = code.slice(0, 3);
  const g = GROUPS.get(group);
  SUBSITES.set(code, { kind: 'topography', code, group, en, zh, groupEn: g?.en ?? en, groupZh: g?.zh ?? zh });
}

const PATTERN = /^C?(\d{2})\.?(\d)$/;

/**
 * Writes a topography the way the tables do: `C16.9`, `C169`, `c16.9`, `16.9` and `169` all become `C16.9`.
 * Returns null when the text is not shaped like a topography code (validity is `lookupTopography`'s job).
 */
export function normaliseTopography(raw: string): string | null {
  const match = PATTERN.exec(raw.trim().toUpperCase().replace(/\s+/g, ''));
  return match ? `C${match[1]}.${match[2]}` : null;
}

export function lookupTopography(raw: string): Topography | null {
  const code = normaliseTopography(raw);
  return code === null ? null : (SUBSITES.get(code) ?? null);
}

export function topographyGroupName(group: string): { en: string; zh: string } | null {
  return GROUPS.get(group) ?? null;
}

export function allTopographies(): readonly Topography[] {
  return [...SUBSITES.values()];
}

/** Topography as a number without the letter (C16.9 → 169), the form the TR42 range rules are written in. */
export function topographyNumber(code: string): number {
  return Number(code.slice(1, 3) + code.slice(4, 5));
}
