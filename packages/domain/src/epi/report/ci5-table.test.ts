import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CI5_AGE_GROUPS, CI5_ALL_BUT_SKIN, CI5_ALL_SITES, CI5_CANCERS } from '../../registry/ci5-cancers.ts';
import { ci5Layout, ci5PersonYears, type Ci5Row, type Ci5Tally } from './ci5-table.ts';

const cell = (rows: readonly Ci5Row[], cancer: number, sex: number, group: string) => rows.find((r) => r.cancer === cancer && r.sex === sex && r.age_group === group);

const tallyArb = fc.array(
  fc.record({
    cancer: fc.constantFrom(...CI5_CANCERS.map((c) => c.code).slice(0, 8), 25),
    sex: fc.constantFrom(1 as const, 2 as const),
    age: fc.option(fc.integer({ min: 0, max: 99 }), { nil: null }),
    count: fc.integer({ min: 1, max: 30 }),
  }),
  { maxLength: 60 },
);

describe('CI5 layout', () => {
  const tallies: Ci5Tally[] = [
    { cancer: 11, sex: 1, age: 72, count: 3 },
    { cancer: 11, sex: 1, age: 73, count: 2 },
    { cancer: 25, sex: 1, age: 70, count: 4 },
    { cancer: 29, sex: 2, age: 61, count: 1 },
    { cancer: 11, sex: 2, age: null, count: 2 },
  ];
  const py = ci5PersonYears([
    { sex: 1, ageGroup: 0, population: 100 },
    { sex: 1, ageGroup: 1, population: 400 },
    { sex: 1, ageGroup: 15, population: 52_000 },
    { sex: 1, ageGroup: 15, population: 1_000 },
  ]);

  it('writes every group × sex × age, zeros too, with all sites and all but skin', () => {
    const rows = ci5Layout(tallies, py, { registry: 'Yunyang', suppressBelow: null });
    expect(rows).toHaveLength((CI5_CANCERS.length + 2) * 2 * CI5_AGE_GROUPS.length);
    expect(cell(rows, 11, 1, '70-74')).toEqual({ registry: 'Yunyang', cancer: 11, sex: 1, age_group: '70-74', cases: 5, py: 53_000 });
    expect(cell(rows, CI5_ALL_SITES, 1, '70-74')?.cases).toBe(9);
    expect(cell(rows, CI5_ALL_BUT_SKIN, 1, '70-74')?.cases).toBe(5);
    expect(cell(rows, 11, 2, 'unknown')).toMatchObject({ cases: 2, py: 0 });
    expect(cell(rows, 11, 1, '0-4')).toMatchObject({ cases: 0, py: 500 });
    expect(rows.map((r) => r.cancer)).toEqual([...rows.map((r) => r.cancer)].sort((a, b) => a - b));
  });

  it('refuses an age group outside China’s 19', () => {
    expect(() => ci5PersonYears([{ sex: 1, ageGroup: 19, population: 1 }])).toThrow(RangeError);
  });

  it('suppressed: no small count is shown, and no hidden count follows from the shown ones', () => {
    fc.assert(
      fc.property(tallyArb, fc.integer({ min: 2, max: 12 }), (input, threshold) => {
        const rows = ci5Layout(input, new Map(), { registry: 'R', suppressBelow: threshold });
        const full = ci5Layout(input, new Map(), { registry: 'R', suppressBelow: null });
        for (const [i, r] of rows.entries()) {
          const truth = full[i]!;
          if (r.cases !== null) {
            expect(r.cases).toBe(truth.cases);
            expect(r.cases === 0 || r.cases >= threshold).toBe(true);
          }
        }
        // With no all-ages rows, the only equations are per column: all sites = Σ groups 1–61, and 63 = 62 − 25.
        for (const sex of [1, 2]) {
          for (const group of CI5_AGE_GROUPS) {
            const hidden = CI5_CANCERS.filter((c) => cell(rows, c.code, sex, group)?.cases === null).length + (cell(rows, CI5_ALL_SITES, sex, group)?.cases === null ? 1 : 0);
            expect(hidden === 0 || hidden >= 2).toBe(true);
            const skinHidden = cell(rows, 25, sex, group)?.cases === null || cell(rows, CI5_ALL_SITES, sex, group)?.cases === null;
            expect(cell(rows, CI5_ALL_BUT_SKIN, sex, group)?.cases === null).toBe(skinHidden);
          }
        }
      }),
      { numRuns: 30 },
    );
  });
});
