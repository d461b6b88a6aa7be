import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeResidentId } from '../../people/resident-id.ts';
import { damerauLevenshtein, withinOneEdit } from './damerau-levenshtein.ts';
import { jaro, jaroWinkler } from './jaro-winkler.ts';
import { compareCodes, compareDates, compareDivisions, compareResidentIds } from './value-comparators.ts';

const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd', 'e', '王', '李'), maxLength: 12 });

describe('Jaro–Winkler', () => {
  it('matches published values (Winkler 1990 table)', () => {
    expect(jaro('MARTHA', 'MARHTA')).toBeCloseTo(0.9444, 4);
    expect(jaroWinkler('MARTHA', 'MARHTA')).toBeCloseTo(0.9611, 4);
    expect(jaroWinkler('DWAYNE', 'DUANE')).toBeCloseTo(0.84, 2);
    expect(jaroWinkler('DIXON', 'DICKSONX')).toBeCloseTo(0.8133, 4);
  });

  it('is symmetric, bounded in [0, 1] and 1 exactly on equal strings', () => {
    fc.assert(
      fc.property(word, word, (a, b) => {
        const s = jaroWinkler(a, b);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
        expect(jaroWinkler(b, a)).toBeCloseTo(s, 12);
        if (a === b) expect(s).toBe(1);
        else expect(jaro(a, b)).toBeLessThan(1);
      }),
    );
  });
});

describe('Damerau–Levenshtein (optimal string alignment)', () => {
  it('counts transpositions as one edit', () => {
    expect(damerauLevenshtein('ca', 'ac')).toBe(1);
    expect(damerauLevenshtein('kitten', 'sitting')).toBe(3);
    expect(damerauLevenshtein('', 'abc')).toBe(3);
  });

  it('is a symmetric distance bounded by the longer length, and withinOneEdit agrees with it', () => {
    fc.assert(
      fc.property(word, word, (a, b) => {
        const d = damerauLevenshtein(a, b);
        expect(damerauLevenshtein(b, a)).toBe(d);
        expect(d).toBeLessThanOrEqual(Math.max(a.length, b.length));
        expect(d === 0).toBe(a === b);
        expect(withinOneEdit(a, b)).toBe(d <= 1);
      }),
    );
  });
});

describe('graded value comparators', () => {
  it('grades dates: exact, day–month swap, one edit, within a month, within a year, else', () => {
    expect(compareDates('1960-03-04', '1960-03-04')).toBe(1);
    expect(compareDates('1960-03-04', '1960-04-03')).toBe(2);
    expect(compareDates('1960-03-04', '1961-03-04')).toBe(3);
    expect(compareDates('1960-03-04', '1960-03-25')).toBe(4);
    expect(compareDates('1960-03-04', '1960-09-25')).toBe(5);
    expect(compareDates('1960-03-04', '1975-09-25')).toBe(6);
  });

  it('grades resident IDs: one digit off, one transposition, same birth date and sex', () => {
    const id = makeResidentId('500103', '1962-07-15', 12, 2);
    const digit = id.slice(0, 3) + String((Number(id[3]) + 1) % 10) + id.slice(4);
    const swapped = id.slice(0, 14) + id[15] + id[14] + id.slice(16);
    const other = makeResidentId('500235', '1962-07-15', 40, 2);
    expect(compareResidentIds(id, digit, '196207152', '196207152')).toBe(2);
    expect(compareResidentIds(id, swapped, '196207152', '')).toBe(id[14] === id[15] ? 1 : 3);
    expect(compareResidentIds(id, other, '196207152', '196207152')).toBe(4);
    expect(compareResidentIds(id, other, '196207152', '196207151')).toBe(5);
  });

  it('grades geography by the deepest shared level', () => {
    expect(compareDivisions('500103001', '500103001')).toBe(1);
    expect(compareDivisions('500103001', '500103002')).toBe(2);
    expect(compareDivisions('500103', '500104')).toBe(3);
    expect(compareDivisions('500103', '510104')).toBe(5);
    expect(compareDivisions('5001', '5002')).toBe(4);
  });

  it('is symmetric on dates, IDs, codes and divisions', () => {
    const date = fc.date({ min: new Date('1900-01-01'), max: new Date('2020-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    const digits = fc.stringMatching(/^\d{4,9}$/);
    fc.assert(
      fc.property(date, date, digits, digits, (a, b, x, y) => {
        expect(compareDates(a, b)).toBe(compareDates(b, a));
        expect(compareCodes(x, y)).toBe(compareCodes(y, x));
        expect(compareDivisions(x, y)).toBe(compareDivisions(y, x));
        expect(compareResidentIds(x, y, '', '')).toBe(compareResidentIds(y, x, '', ''));
      }),
    );
  });
});
