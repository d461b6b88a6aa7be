import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { questionApplies, validateAnswers } from './answers.ts';
import { PROGRAMMES } from './programmes.ts';
import { PROGRAMME_CODES, type AnswerValue, type Question, type QuestionnaireDefinition } from './types.ts';

/** Any valid answer to one question (non-required questions may be left out or null). */
function validValue(q: Question): fc.Arbitrary<AnswerValue> {
  const codes = (q.options ?? []).map((o) => o.code);
  const value: fc.Arbitrary<AnswerValue> =
    q.type === 'boolean'
      ? fc.boolean()
      : q.type === 'integer'
        ? fc.integer({ min: q.min ?? -1e6, max: q.max ?? 1e6 })
        : q.type === 'number'
          ? fc.double({ min: q.min ?? -1e6, max: q.max ?? 1e6, noNaN: true })
          : q.type === 'choice'
            ? fc.constantFrom(...codes)
            : fc.subarray(codes);
  return q.required ? value : fc.option(value, { nil: null });
}

function validAnswers(questionnaire: QuestionnaireDefinition): fc.Arbitrary<Record<string, AnswerValue>> {
  return fc.record(Object.fromEntries(questionnaire.questions.map((q) => [q.id, validValue(q)])));
}

const questionnaires = PROGRAMME_CODES.map((code) => PROGRAMMES[code].questionnaire);

describe('validateAnswers', () => {
  it.each(questionnaires.map((q) => [q.id, q] as const))(
    'accepts any valid answers to the %s questionnaire',
    (_id, questionnaire) => {
      fc.assert(
        fc.property(validAnswers(questionnaire), (raw) => {
          const result = validateAnswers(questionnaire, raw);
          expect(result.ok).toBe(true);
          if (!result.ok) return;
          // Every question is in the output, and what was asked comes back unchanged.
          expect(Object.keys(result.value).sort()).toEqual(questionnaire.questions.map((q) => q.id).sort());
          for (const q of questionnaire.questions) {
            const applies = !q.when || q.when.equals.includes(raw[q.when.question] as string | boolean);
            expect(result.value[q.id]).toEqual(applies ? (raw[q.id] ?? null) : null);
          }
        }),
        { numRuns: 200 },
      );
    },
  );

  const numeric = questionnaires.flatMap((questionnaire) =>
    questionnaire.questions.filter((q) => q.type === 'integer').map((q) => [questionnaire, q] as const),
  );

  it('rejects any out-of-range value, naming its field', () => {
    expect(numeric.length).toBeGreaterThan(5);
    fc.assert(
      fc.property(
        fc.constantFrom(...numeric),
        fc.integer({ min: 1, max: 1e6 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 1e6 }),
        ([questionnaire, q], by, above, seed) => {
          const base = fc.sample(validAnswers(questionnaire), { numRuns: 1, seed })[0]!;
          const bad = above ? q.max! + by : q.min! - by;
          const result = validateAnswers(questionnaire, { ...base, [q.id]: bad });
          expect(result.ok).toBe(false);
          if (result.ok) return;
          expect(result.error.field).toBe(`answers.${q.id}`);
          expect(result.error.code).toBe('answer.range');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('rejects a fraction for a whole-number question, text for a number, unknown options and unknown questions', () => {
    const lung = PROGRAMMES.lung.questionnaire;
    const base = {
      smoking: 'current',
      cigarettes_per_day: 20,
      smoking_years: 30,
      passive_smoking_years: 0,
      occupational_exposure_years: 0,
      family_history: false,
    };
    expect(validateAnswers(lung, base).ok).toBe(true);
    const errorOf = (raw: unknown) => {
      const r = validateAnswers(lung, raw);
      return r.ok ? null : r.error;
    };
    expect(errorOf({ ...base, smoking_years: 12.5 })).toMatchObject({
      field: 'answers.smoking_years',
      code: 'answer.type',
    });
    expect(errorOf({ ...base, passive_smoking_years: '12' })).toMatchObject({
      field: 'answers.passive_smoking_years',
      code: 'answer.type',
    });
    expect(errorOf({ ...base, family_history: 'yes' })).toMatchObject({
      field: 'answers.family_history',
      code: 'answer.type',
    });
    expect(errorOf({ ...base, smoking: 'sometimes' })).toMatchObject({
      field: 'answers.smoking',
      code: 'answer.option',
    });
    expect(errorOf({ ...base, favourite_colour: 'red' })).toMatchObject({
      field: 'answers.favourite_colour',
      code: 'answer.unknown',
    });
    expect(errorOf([])).toMatchObject({ field: 'answers' });
    expect(errorOf(null)).toMatchObject({ field: 'answers' });
  });

  it('requires required questions, and conditional ones only when they are asked', () => {
    const lung = PROGRAMMES.lung.questionnaire;
    const never = { smoking: 'never', passive_smoking_years: 0, occupational_exposure_years: 0, family_history: false };
    const ok = validateAnswers(lung, never);
    expect(ok.ok && ok.value.cigarettes_per_day).toBe(null);
    const smoker = validateAnswers(lung, { ...never, smoking: 'current' });
    expect(smoker.ok ? null : smoker.error).toMatchObject({
      field: 'answers.cigarettes_per_day',
      code: 'answer.required',
    });
    const missing = validateAnswers(lung, { ...never, family_history: null });
    expect(missing.ok ? null : missing.error).toMatchObject({
      field: 'answers.family_history',
      code: 'answer.required',
    });
    // An answer given to a question not asked is checked, then dropped.
    const ignored = validateAnswers(lung, { ...never, years_since_quit: 3 });
    expect(ignored.ok && ignored.value.years_since_quit).toBe(null);
    const stillChecked = validateAnswers(lung, { ...never, years_since_quit: 300 });
    expect(stillChecked.ok ? null : stillChecked.error.field).toBe('answers.years_since_quit');
  });

  it('checks multi-choice answers option by option', () => {
    const ugi = PROGRAMMES.upper_gi.questionnaire;
    const base = {
      family_history: false,
      high_incidence_area: true,
      smoking: 'never',
      heavy_drinking: false,
      hot_food: false,
      pickled_salty_food: false,
      h_pylori: 'unknown',
    };
    expect(validateAnswers(ugi, { ...base, gastric_conditions: ['gastric_ulcer'] }).ok).toBe(true);
    const dup = validateAnswers(ugi, { ...base, gastric_conditions: ['gastric_ulcer', 'gastric_ulcer'] });
    expect(dup.ok ? null : dup.error.code).toBe('answer.duplicate');
    const unknown = validateAnswers(ugi, { ...base, gastric_conditions: ['gastric_ulcer', 'gout'] });
    expect(unknown.ok ? null : unknown.error).toMatchObject({
      field: 'answers.gastric_conditions',
      code: 'answer.option',
    });
    const notList = validateAnswers(ugi, { ...base, gastric_conditions: 'gastric_ulcer' });
    expect(notList.ok ? null : notList.error.code).toBe('answer.type');
  });

  it('asks a conditional question only when its condition holds (the web form shows it by the same rule)', () => {
    const lung = PROGRAMMES.lung.questionnaire.questions;
    const cigarettes = lung.find((q) => q.id === 'cigarettes_per_day')!;
    const sinceQuit = lung.find((q) => q.id === 'years_since_quit')!;
    const family = lung.find((q) => q.id === 'family_history')!;
    expect(questionApplies(cigarettes, { smoking: 'current' })).toBe(true);
    expect(questionApplies(cigarettes, { smoking: 'former' })).toBe(true);
    expect(questionApplies(cigarettes, { smoking: 'never' })).toBe(false);
    expect(questionApplies(cigarettes, {})).toBe(false);
    expect(questionApplies(sinceQuit, { smoking: 'current' })).toBe(false);
    expect(questionApplies(family, {})).toBe(true);
    const menopauseAge = PROGRAMMES.breast.questionnaire.questions.find((q) => q.id === 'menopause_age')!;
    expect(questionApplies(menopauseAge, { menopause: 'post' })).toBe(true);
    expect(questionApplies(menopauseAge, { menopause: 'pre' })).toBe(false);
  });
});
