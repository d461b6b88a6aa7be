import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyPersonQuery, validatePerson } from './person-input.ts';
import { makeResidentId } from './resident-id.ts';

const TODAY = '2026-11-23';

describe('person validation', () => {
  it('normalises a valid person: pinyin, sex codes, compact dates, phone, 15-digit ID', () => {
    const id = makeResidentId('500235', '1958-07-09', 3, 2);
    const result = validatePerson({ name: ' 曾 丽 ', sex: '女', birthDate: '19580709', residentId: id.slice(0, 6) + id.slice(8, 17), phone: '0086-139 0000 1111' }, TODAY);
    expect(result).toMatchObject({
      ok: true,
      value: ({ name: '曾 丽', namePinyin: 'zeng li', namePinyinCompact: 'zengli', nameInitials: 'zl', sex: 2, birthDate: '1958-07-09', residentId: id, phone: '13900001111', vitalStatus: 'alive' }),
    });
  });

  it('marks a person with a death date as dead and refuses a death before birth or in the future', () => {
    expect(validatePerson({ name: '王伟', sex: 1, birthDate: '1950-01-01', deathDate: '2020-02-02' }, TODAY)).toMatchObject({ ok: true, value: { vitalStatus: 'dead', deathDate: '2020-02-02' } });
    expect(validatePerson({ name: '王伟', sex: 1, birthDate: '1950-01-01', deathDate: '2027-01-01' }, TODAY)).toMatchObject({ ok: false, errors: [{ field: 'deathDate', code: 'future' }] });
  });

  it('reports every invalid field at once', () => {
    const result = validatePerson({ name: '', sex: 'x', birthDate: '2023-13-01', phone: '1', divisionCode: 'abc' }, TODAY);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.field).sort()).toEqual(['birthDate', 'divisionCode', 'name', 'phone', 'sex']);
  });

  it('property: never throws, and either succeeds or names at least one field', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('name', 'sex', 'birthDate', 'residentId', 'phone', 'divisionCode', 'address', 'vitalStatus', 'deathDate', 'identifiers'), fc.anything()), (input) => {
        const result = validatePerson(input, TODAY);
        if (!result.ok) expect(result.errors.length).toBeGreaterThan(0);
        if (!result.ok) for (const e of result.errors) expect(e.message.startsWith(e.field.split('/')[0]!)).toBe(true);
      }),
    );
  });

  it('reads search strings as ID number, phone, name, pinyin or identifier', () => {
    expect(classifyPersonQuery('11010519491231002x')).toEqual({ kind: 'residentId', value: '11010519491231002X' });
    expect(classifyPersonQuery('138 0013 8000')).toEqual({ kind: 'phone', value: '13800138000' });
    expect(classifyPersonQuery('王 伟')).toEqual({ kind: 'name', value: '王伟' });
    expect(classifyPersonQuery('Wang Wei')).toEqual({ kind: 'pinyin', value: 'wangwei' });
    expect(classifyPersonQuery('ZY-2024-001')).toEqual({ kind: 'identifier', value: 'ZY-2024-001' });
    expect(classifyPersonQuery('   ')).toBeNull();
  });
});
