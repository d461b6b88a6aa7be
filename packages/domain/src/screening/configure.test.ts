import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageInYears, fromEpochDay, toEpochDay } from '../common/dates.ts';
import { configureProgramme } from './configure.ts';
import { addMonths, checkEligibility } from './eligibility.ts';
import { PROGRAMMES } from './programmes.ts';
import { followUpDue } from './results.ts';
import { PROGRAMME_CODES, type EligibilityFacts, type ProgrammeOverrides } from './types.ts';

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

describe('configureProgramme and checkEligibility, properties', () => {
  const codes = fc.constantFrom(...PROGRAMME_CODES);

  it('accepts any follow-up days 1–3650 for any timed result, and rejects any other number naming the field', () => {
    fc.assert(
      fc.property(
        codes.chain((code) => {
          const def = PROGRAMMES[code];
          const timed = def.exams.flatMap((e) =>
            e.categories.filter((c) => c.followUp).map((c) => [e.code, c.code] as const),
          );
          return fc.tuple(fc.constant(def), fc.constantFrom(...timed));
        }),
        fc.integer({ min: 1, max: 3650 }),
        fc.oneof(
          fc.integer({ min: -1000, max: 0 }),
          fc.integer({ min: 3651, max: 100_000 }),
          fc.double({ min: 1.01, max: 99.99, noInteger: true }),
        ),
        ([def, [exam, category]], good, bad) => {
          const ok = configureProgramme(def, { followUpDays: { [exam]: { [category]: good } } });
          expect(ok.ok).toBe(true);
          if (ok.ok) {
            expect(followUpDue(ok.value, { examCode: exam, category, performedOn: '2025-01-01' })?.dueOn).toBe(
              fromEpochDay(toEpochDay('2025-01-01') + good),
            );
          }
          const rejected = configureProgramme(def, { followUpDays: { [exam]: { [category]: bad } } });
          expect(rejected.ok ? null : rejected.error.field).toBe(`followUpDays.${exam}.${category}`);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('invites exactly the ages in range on the day (whatever the configured range)', () => {
    fc.assert(
      fc.property(
        codes,
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: toEpochDay('1920-01-01'), max: toEpochDay('2010-12-31') }),
        fc.integer({ min: toEpochDay('2024-01-01'), max: toEpochDay('2030-12-31') }),
        (code, minAge, width, birth, on) => {
          const def = configureProgramme(PROGRAMMES[code], { minAge, maxAge: Math.min(120, minAge + width) });
          if (!def.ok) throw new Error(def.error.message);
          const birthDate = fromEpochDay(birth);
          const onDate = fromEpochDay(on);
          const facts: EligibilityFacts = {
            sex: def.value.eligibility.sex ?? 1,
            birthDate,
            residenceDivision: '500114',
            priorCancer: false,
            lastScreenedOn: null,
          };
          const age = ageInYears(birthDate, onDate);
          const decision = checkEligibility(def.value, facts, onDate);
          expect(decision.eligible).toBe(age >= def.value.eligibility.minAge && age <= def.value.eligibility.maxAge);
          expect(decision.reasons.map((r) => r.code)).toEqual(decision.eligible ? [] : ['age']);
        },
      ),
      { numRuns: 500 },
    );
  });
});
