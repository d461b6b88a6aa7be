import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHONGQING_COUNTIES } from './chongqing.ts';
import { allDivisions, divisionLevel, isWithin, lookupDivision, parentDivision } from './divisions.ts';

describe('GB/T 2260 divisions of Chongqing', () => {
  it('has the 38 districts and counties with unique real codes', () => {
    expect(CHONGQING_COUNTIES).toHaveLength(38);
    expect(new Set(CHONGQING_COUNTIES.map((d) => d.code)).size).toBe(38);
    expect(lookupDivision('500235')?.nameZh).toBe('云阳县');
    expect(lookupDivision('500114')?.nameZh).toBe('黔江区');
    expect(lookupDivision('500106')?.nameZh).toBe('沙坪坝区');
    const total = CHONGQING_COUNTIES.reduce((s, d) => s + d.population, 0);
    expect(total).toBeGreaterThan(31_000);
    expect(total).toBeLessThan(33_000);
  });

  it('reads levels and parents, and every township lies within its county and the province', () => {
    expect([divisionLevel('500000'), divisionLevel('500100'), divisionLevel('500235'), divisionLevel('500235101'), divisionLevel('5002')]).toEqual(['province', 'city', 'county', 'township', null]);
    expect(parentDivision('500235101')).toBe('500235');
    for (const d of allDivisions().filter((x) => x.kind === 'township')) {
      expect(isWithin(d.code, d.code.slice(0, 6))).toBe(true);
      expect(isWithin(d.code, '500000')).toBe(true);
    }
    expect(isWithin('500235101', '500114')).toBe(false);
  });

  it('property: isWithin is reflexive and follows the parent chain', () => {
    const codes = allDivisions().map((d) => d.code);
    fc.assert(
      fc.property(fc.constantFrom(...codes), (code) => {
        expect(isWithin(code, code)).toBe(true);
        const parent = parentDivision(code);
        if (parent) expect(isWithin(code, parent)).toBe(true);
      }),
    );
  });
});
