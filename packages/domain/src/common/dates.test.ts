import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageInYears, daysBetween, fromEpochDay, parseDate, toEpochDay } from './dates.ts';

describe('dates', () => {
  it('accepts ISO and compact forms and rejects impossible dates', () => {
    expect(parseDate('2024-02-29')).toEqual({ ok: true, value: '2024-02-29' });
    expect(parseDate('20240229')).toEqual({ ok: true, value: '2024-02-29' });
    expect(parseDate('2023-02-29')).toMatchObject({ ok: false, error: { code: 'date.impossible' } });
    expect(parseDate('2024/02/01')).toMatchObject({ ok: false, error: { code: 'date.format' } });
  });

  it('property: parse is idempotent and epoch days round-trip', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1850-01-01'), max: new Date('2150-12-31'), noInvalidDate: true }), (d) => {
        const iso = d.toISOString().slice(0, 10);
        const parsed = parseDate(iso.replace(/-/g, ''));
        expect(parsed).toEqual({ ok: true, value: iso });
        if (parsed.ok) expect(parseDate(parsed.value)).toEqual(parsed);
        expect(fromEpochDay(toEpochDay(iso))).toBe(iso);
      }),
    );
  });

  it('counts completed years of age', () => {
    expect(ageInYears('1960-05-10', '2020-05-09')).toBe(59);
    expect(ageInYears('1960-05-10', '2020-05-10')).toBe(60);
    expect(daysBetween('2020-01-01', '2021-01-01')).toBe(366);
  });
});
