import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageInYears } from '../common/dates.ts';
import { parseResidentId } from '../people/resident-id.ts';
import { generatePersons } from './population.ts';

describe('synthetic population', () => {
  it('is deterministic for a seed and chunks equal slices of one run', () => {
    const whole = [...generatePersons({ seed: 7, count: 300 })];
    expect([...generatePersons({ seed: 7, count: 300 })]).toEqual(whole);
    expect([...generatePersons({ seed: 7, count: 100, startIndex: 150 })]).toEqual(whole.slice(150, 250));
    expect([...generatePersons({ seed: 8, count: 300 })]).not.toEqual(whole);
  });

  it('property: every resident ID is valid and agrees with sex and birth date; deaths follow births', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (seed) => {
        for (const p of generatePersons({ seed, count: 50 })) {
          const id = parseResidentId(p.residentId);
          expect(id.ok).toBe(true);
          if (id.ok) expect([id.value.birthDate, id.value.sex]).toEqual([p.birthDate, p.sex]);
          expect(p.divisionCode).toMatch(/^50\d{7}$/);
          if (p.deathDate) expect(p.deathDate > p.birthDate).toBe(true);
          if (p.phone) expect(p.phone).toMatch(/^1[3-9]\d{9}$/);
        }
      }),
      { numRuns: 20 },
    );
  });

  it('has a plausible age structure, sex ratio and surname frequencies', () => {
    const people = [...generatePersons({ seed: 2026, count: 20_000 })];
    const ages = people.map((p) => ageInYears(p.birthDate, '2026-01-01'));
    const share = (f: (a: number) => boolean) => ages.filter(f).length / ages.length;
    expect(share((a) => a >= 65)).toBeGreaterThan(0.14);
    expect(share((a) => a >= 65)).toBeLessThan(0.22);
    expect(share((a) => a < 15)).toBeGreaterThan(0.13);
    expect(share((a) => a < 15)).toBeLessThan(0.19);
    const men = people.filter((p) => p.sex === 1).length / people.length;
    expect(men).toBeGreaterThan(0.48);
    expect(men).toBeLessThan(0.53);
    const surname = (s: string) => people.filter((p) => p.name.startsWith(s)).length / people.length;
    expect(surname('王')).toBeGreaterThan(0.05);
    expect(surname('王')).toBeLessThan(0.09);
    expect(surname('王')).toBeGreaterThan(surname('罗'));
    expect(people.some((p) => p.name.startsWith('欧阳'))).toBe(true);
    // Common full names recur, as 王伟 and 张敏 do in life.
    const counts = new Map<string, number>();
    for (const p of people) counts.set(p.name, (counts.get(p.name) ?? 0) + 1);
    expect(Math.max(...counts.values())).toBeGreaterThan(5);
  });

  it('issues unique resident IDs even in dense populations', () => {
    const ids = new Set<string>();
    let n = 0;
    for (const p of generatePersons({ seed: 3, count: 50_000, divisionCodes: ['500229'] })) {
      ids.add(p.residentId);
      n += 1;
    }
    expect(ids.size).toBe(n);
  });

  it('keeps residents to the requested counties', () => {
    for (const p of generatePersons({ seed: 1, count: 200, divisionCodes: ['500235'] })) expect(p.divisionCode.startsWith('500235')).toBe(true);
  });
});
