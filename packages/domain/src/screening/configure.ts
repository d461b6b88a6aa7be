import { fail, ok, type Result } from '../common/field-error.ts';
import type { ExamDefinition, ProgrammeDefinition, ProgrammeOverrides } from './types.ts';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const intIn = (value: unknown, min: number, max: number): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

/**
 * A network's programme: the shipped definition with its overrides (ages, follow-up days per exam and result
 * category, rescreening interval). Errors name the field, e.g. `followUpDays.fit.positive`. Overrides may narrow or
 * widen the age range within 0–120 but not change the questionnaire, categories or which results are positive.
 */
export function configureProgramme(
  def: ProgrammeDefinition,
  overrides: ProgrammeOverrides,
): Result<ProgrammeDefinition> {
  const raw: unknown = overrides;
  if (!isRecord(raw)) return fail('overrides', 'overrides.type', 'overrides: an object is expected');
  for (const key of Object.keys(raw)) {
    if (!['minAge', 'maxAge', 'followUpDays', 'rescreenIntervalMonths'].includes(key)) {
      return fail(key, 'overrides.unknown', `${key}: not a setting a network may change`);
    }
  }
  const minAge = raw.minAge ?? def.eligibility.minAge;
  const maxAge = raw.maxAge ?? def.eligibility.maxAge;
  if (!intIn(minAge, 0, 120)) return fail('minAge', 'overrides.range', 'minAge: a whole number of years 0–120');
  if (!intIn(maxAge, 0, 120)) return fail('maxAge', 'overrides.range', 'maxAge: a whole number of years 0–120');
  if (minAge > maxAge) return fail('minAge', 'overrides.order', `minAge: ${minAge} is above maxAge ${maxAge}`);
  const interval = raw.rescreenIntervalMonths ?? def.rescreenIntervalMonths;
  if (!intIn(interval, 1, 240)) {
    return fail('rescreenIntervalMonths', 'overrides.range', 'rescreenIntervalMonths: a whole number of months 1–240');
  }
  let exams: readonly ExamDefinition[] = def.exams;
  if (raw.followUpDays !== undefined) {
    if (!isRecord(raw.followUpDays))
      return fail('followUpDays', 'overrides.type', 'followUpDays: an object of exam → category → days');
    for (const [examCode, byCategory] of Object.entries(raw.followUpDays)) {
      const field = `followUpDays.${examCode}`;
      const exam = def.exams.find((e) => e.code === examCode);
      if (!exam)
        return fail(
          field,
          'overrides.exam',
          `${field}: ${def.code} has no exam "${examCode}" (${def.exams.map((e) => e.code).join(', ')})`,
        );
      if (!isRecord(byCategory)) return fail(field, 'overrides.type', `${field}: an object of category → days`);
      for (const [categoryCode, days] of Object.entries(byCategory)) {
        const cfield = `${field}.${categoryCode}`;
        const cat = exam.categories.find((c) => c.code === categoryCode);
        if (!cat)
          return fail(cfield, 'overrides.category', `${cfield}: ${examCode} has no result category "${categoryCode}"`);
        if (!cat.followUp) return fail(cfield, 'overrides.category', `${cfield}: this result has no follow-up to time`);
        if (!intIn(days, 1, 3650)) return fail(cfield, 'overrides.range', `${cfield}: a whole number of days 1–3650`);
      }
    }
    const days = raw.followUpDays as Record<string, Record<string, number>>;
    exams = def.exams.map((exam) => ({
      ...exam,
      categories: exam.categories.map((c) => {
        const d = days[exam.code]?.[c.code];
        return d === undefined || !c.followUp ? c : { ...c, followUp: { ...c.followUp, withinDays: d } };
      }),
    }));
  }
  return ok({
    ...def,
    eligibility: { ...def.eligibility, minAge, maxAge },
    exams,
    rescreenIntervalMonths: interval,
  });
}
