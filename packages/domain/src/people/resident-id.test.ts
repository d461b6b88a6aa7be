import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCharacter, makeResidentId, parseResidentId } from './resident-id.ts';

const birthDate = fc.date({ min: new Date('1900-01-01'), max: new Date('2024-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const division = fc.constantFrom('500103', '500235', '500114', '110101', '440106');

describe('resident identity number (GB 11643-1999)', () => {
  it('accepts a published valid example and rejects a wrong check character', () => {
    // GB 11643-1999 appendix example: 11010519491231002X.
    expect(parseResidentId('11010519491231002X')).toMatchObject({ ok: true, value: { birthDate: '1949-12-31', sex: 2, divisionCode: '110105' } });
    expect(parseResidentId('110105194912310021')).toMatchObject({ ok: false, error: { code: 'residentId.checkDigit' } });
    expect(checkCharacter('11010519491231002')).toBe('X');
  });

  it('round-trips: a generated number parses back to its birth date, sex and division', () => {
    fc.assert(
      fc.property(division, birthDate, fc.integer({ min: 0, max: 499 }), fc.constantFrom(1 as const, 2 as const), (div, birth, seq, sex) => {
        const id = makeResidentId(div, birth, seq, sex);
        const parsed = parseResidentId(id);
        expect(parsed).toEqual({ ok: true, value: { id, divisionCode: div, birthDate: birth, sex, upgraded: false } });
      }),
    );
  });

  it('detects every single-digit error and every adjacent transposition of distinct digits', () => {
    fc.assert(
      fc.property(division, birthDate, fc.integer({ min: 0, max: 499 }), fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (div, birth, seq, pos, delta) => {
        const id = makeResidentId(div, birth, seq, 1);
        const digit = (Number(id[pos]) + delta) % 10;
        const typo = id.slice(0, pos) + String(digit) + id.slice(pos + 1);
        expect(parseResidentId(typo).ok).toBe(false);
        if (pos < 16 && id[pos] !== id[pos + 1]) {
          const swapped = id.slice(0, pos) + id[pos + 1] + id[pos] + id.slice(pos + 2);
          expect(parseResidentId(swapped).ok).toBe(false);
        }
      }),
    );
  });

  it('upgrades 15-digit legacy numbers to 18 digits with the 19xx century', () => {
    fc.assert(
      fc.property(division, fc.date({ min: new Date('1900-01-01'), max: new Date('1999-12-31'), noInvalidDate: true }), fc.integer({ min: 0, max: 499 }), (div, date, seq) => {
        const birth = date.toISOString().slice(0, 10);
        const id = makeResidentId(div, birth, seq, 2);
        const legacy = id.slice(0, 6) + id.slice(8, 17);
        expect(parseResidentId(legacy)).toEqual({ ok: true, value: { id, divisionCode: div, birthDate: birth, sex: 2, upgraded: true } });
      }),
    );
  });

  it('rejects impossible birth dates and malformed input', () => {
    const first17 = '50023519800230001';
    expect(parseResidentId(first17 + checkCharacter(first17))).toMatchObject({ ok: false, error: { code: 'residentId.birthDate' } });
    for (const bad of ['', '123', '50023519800101001Y', '５００２３５']) expect(parseResidentId(bad).ok).toBe(false);
  });
});
