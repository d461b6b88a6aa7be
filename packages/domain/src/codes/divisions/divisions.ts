import { CHONGQING, CHONGQING_COUNTIES, townshipsOf, type Division } from './chongqing.ts';

export type DivisionLevel = 'province' | 'city' | 'county' | 'township';

/** GB/T 2260: 2 digits province, 4 city, 6 county; 9-digit GB/T 10114 codes add the township. */
export function divisionLevel(code: string): DivisionLevel | null {
  if (/^\d{9}$/.test(code)) return 'township';
  if (!/^\d{6}$/.test(code)) return null;
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'city';
  return 'county';
}

/** The next level up: township → county, county → city (Chongqing's counties sit directly under 500000). */
export function parentDivision(code: string): string | null {
  switch (divisionLevel(code)) {
    case 'township':
      return code.slice(0, 6);
    case 'county':
      return code.startsWith('50') ? '500000' : `${code.slice(0, 4)}00`;
    case 'city':
      return `${code.slice(0, 2)}0000`;
    case 'province':
    case null:
      return null;
  }
}

export function isWithin(code: string, ancestor: string): boolean {
  let current: string | null = code;
  while (current !== null) {
    if (current === ancestor) return true;
    current = parentDivision(current);
  }
  return false;
}

const ALL: readonly Division[] = [CHONGQING, ...CHONGQING_COUNTIES, ...CHONGQING_COUNTIES.flatMap(townshipsOf)];
const BY_CODE = new Map(ALL.map((d) => [d.code, d]));

export function allDivisions(): readonly Division[] {
  return ALL;
}

export function lookupDivision(code: string): Division | undefined {
  return BY_CODE.get(code);
}

export type { Division } from './chongqing.ts';
