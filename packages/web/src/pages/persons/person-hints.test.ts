import fc from 'fast-check';
import { makeResidentId } from '@onconet/domain/people/resident-id';
import { describe, expect, it } from 'vitest';
import { derivedFromResidentId, maskPhone, maskResidentId, personHints, shownNumber } from './person-hints.ts';

const id = makeResidentId('500235', '1990-03-07', 123, 1);

describe('personHints', () => {
  it('confirms a valid resident ID and what it encodes', () => {
    expect(personHints({ residentId: id, birthDate: '1990-03-07', sex: 1 }).residentId).toEqual({ kind: 'info', key: 'person.hint.idOk', vars: { date: '1990-03-07' } });
  });

  it('warns about a wrong check digit, a mismatched birth date or sex', () => {
    const wrongCheck = id.slice(0, 17) + (id.endsWith('0') ? '1' : '0');
    expect(personHints({ residentId: wrongCheck }).residentId?.key).toBe('person.hint.checkDigit');
    expect(personHints({ residentId: '12345' }).residentId?.key).toBe('person.hint.idFormat');
    expect(personHints({ residentId: id, birthDate: '1990-03-08' }).residentId).toMatchObject({ kind: 'warning', key: 'person.hint.idBirthMismatch', vars: { date: '1990-03-07' } });
    expect(personHints({ residentId: id, sex: 2 }).residentId?.key).toBe('person.hint.idSexMismatch');
  });

  it('tells that a 15-digit number will be upgraded', () => {
    const legacy = id.slice(0, 6) + id.slice(8, 17);
    expect(personHints({ residentId: legacy }).residentId).toMatchObject({ kind: 'info', key: 'person.hint.idUpgraded', vars: { id } });
  });

  it('flags impossible dates and non-mobile phones, and is silent on empty fields', () => {
    expect(personHints({ birthDate: '1990-02-30' }).birthDate?.key).toBe('person.hint.dateFormat');
    expect(personHints({ phone: '12345' }).phone?.key).toBe('person.hint.phone');
    expect(personHints({ phone: '13812345678' }).phone).toBeUndefined();
    expect(personHints({})).toEqual({});
  });

  it('reads birth date and sex from a valid ID only', () => {
    expect(derivedFromResidentId(id)).toEqual({ birthDate: '1990-03-07', sex: 1 });
    expect(derivedFromResidentId(id.slice(0, 17) + (id.endsWith('0') ? '1' : '0'))).toBeNull();
    expect(derivedFromResidentId(undefined)).toBeNull();
  });
});

describe('masking', () => {
  it('keeps the first six and last four digits of an ID and hides the length in between', () => {
    expect(maskResidentId(id)).toBe(`${id.slice(0, 6)}********${id.slice(-4)}`);
    expect(maskResidentId(null)).toBe('');
    expect(maskPhone('13812345678')).toBe('138****5678');
  });

  it('never shows the birth date digits of an 18-digit ID', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{17}[\dX]$/), (raw) => {
        const masked = maskResidentId(raw);
        expect(masked.slice(6, 14)).toBe('********');
        expect(masked).toHaveLength(18);
      }),
    );
  });
});

describe('shownNumber', () => {
  it('shows the number the user searched for, and masks it otherwise', () => {
    expect(shownNumber(id, id, maskResidentId)).toBe(id);
    expect(shownNumber(id, ` ${id.toLowerCase()} `, maskResidentId)).toBe(id);
    expect(shownNumber(id, id.slice(0, 6) + id.slice(8, 17), maskResidentId)).toBe(id);
    expect(shownNumber(id, '张三', maskResidentId)).toBe(maskResidentId(id));
    expect(shownNumber(id, id.slice(0, 10), maskResidentId)).toBe(maskResidentId(id));
    expect(shownNumber('13812345678', '+86 138-1234-5678', maskPhone)).toBe('13812345678');
    expect(shownNumber('13812345678', '1381234', maskPhone)).toBe('138****5678');
    expect(shownNumber(null, id, maskResidentId)).toBe('');
  });
});
