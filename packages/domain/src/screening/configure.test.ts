import { describe, expect, it } from 'vitest';
import { configureProgramme } from './configure.ts';
import { addMonths, checkEligibility } from './eligibility.ts';
import { PROGRAMMES } from './programmes.ts';
import { followUpDue } from './results.ts';
import type { EligibilityFacts, ProgrammeOverrides } from './types.ts';

describe('configureProgramme', () => {
  const crc = PROGRAMMES.colorectal;

  it('applies ages, follow-up days and the rescreen interval, leaving the shipped definition alone', () => {
    const r = configureProgramme(crc, {
      minAge: 50,
      maxAge: 75,
      followUpDays: { fit: { positive: 60 } },
      rescreenIntervalMonths: 24,
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.eligibility).toMatchObject({ minAge: 50, maxAge: 75 });
    expect(r.value.rescreenIntervalMonths).toBe(24);
    expect(followUpDue(r.value, { examCode: 'fit', category: 'positive', performedOn: '2025-01-01' })?.dueOn).toBe(
      '2025-03-02',
    );
    expect(followUpDue(crc, { examCode: 'fit', category: 'positive', performedOn: '2025-01-01' })?.dueOn).toBe(
      '2025-01-31',
    );
    expect(configureProgramme(crc, {})).toEqual({ ok: true, value: crc });
  });

  it.each<[unknown, string]>([
    [{ minAge: 80 }, 'minAge'],
    [{ minAge: -1 }, 'minAge'],
    [{ maxAge: 40.5 }, 'maxAge'],
    [{ maxAge: '70' }, 'maxAge'],
    [{ rescreenIntervalMonths: 0 }, 'rescreenIntervalMonths'],
    [{ followUpDays: { ct: { positive: 10 } } }, 'followUpDays.ct'],
    [{ followUpDays: { fit: { weak: 10 } } }, 'followUpDays.fit.weak'],
    [{ followUpDays: { fit: { positive: 0 } } }, 'followUpDays.fit.positive'],
    [{ followUpDays: { fit: 30 } }, 'followUpDays.fit'],
    [{ questionnaire: {} }, 'questionnaire'],
  ])('rejects %j naming %s', (overrides, field) => {
    const r = configureProgramme(crc, overrides as ProgrammeOverrides);
    expect(r.ok ? null : r.error.field).toBe(field);
  });
});

describe('checkEligibility', () => {
  const person: EligibilityFacts = {
    sex: 1,
    birthDate: '1965-06-15',
    residenceDivision: '500114102',
    priorCancer: false,
    lastScreenedOn: null,
  };
  const codes = (facts: Partial<EligibilityFacts>, code: keyof typeof PROGRAMMES = 'upper_gi', on = '2025-06-15') =>
    checkEligibility(PROGRAMMES[code], { ...person, ...facts }, on).reasons.map((r) => r.code);

  it('checks age on the day, inclusive at both ends', () => {
    expect(checkEligibility(PROGRAMMES.upper_gi, person, '2025-06-15')).toEqual({ eligible: true, reasons: [] });
    expect(codes({ birthDate: '1955-06-16' })).toEqual([]); // 69 the day before the 70th birthday
    expect(codes({ birthDate: '1955-06-15' })).toEqual(['age']);
    expect(codes({ birthDate: '1985-06-15' })).toEqual([]); // 40 today
    expect(codes({ birthDate: '1985-06-16' })).toEqual(['age']);
    expect(codes({ birthDate: null })).toEqual(['age']);
  });

  it('applies sex, residence and the exclusions the programme lists', () => {
    expect(codes({}, 'breast')).toEqual(['sex']);
    expect(codes({ sex: 2, pregnant: true }, 'breast')).toEqual(['pregnant']);
    expect(codes({ pregnant: true })).toEqual([]); // not an upper GI exclusion
    expect(codes({ residenceDivision: null, priorCancer: true, severeIllness: true })).toEqual([
      'not_resident',
      'prior_cancer',
      'severe_illness',
    ]);
  });

  it('excludes a person screened within the rescreening interval', () => {
    expect(codes({ lastScreenedOn: '2024-07-01' }, 'lung')).toEqual(['screened_within_interval']);
    expect(codes({ lastScreenedOn: '2024-06-15' }, 'lung')).toEqual([]);
    // Liver surveillance every 6 months is not an exclusion: the programme does not list it.
    expect(codes({ lastScreenedOn: '2025-06-01' }, 'liver')).toEqual([]);
  });

  it('adds months clamping to the month end', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2023-12-15', 60)).toBe('2028-12-15');
    expect(addMonths('2025-03-31', -1)).toBe('2025-02-28');
  });
});
