import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Sex } from '../common/sex.ts';
import { validateAnswers } from './answers.ts';
import { PROGRAMMES } from './programmes.ts';
import { assessRisk, riskRuleVersion } from './risk.ts';
import { PROGRAMME_CODES, type AnswerValue, type Answers, type ProgrammeCode, type Question } from './types.ts';

function valueOf(q: Question): fc.Arbitrary<AnswerValue> {
  const codes = (q.options ?? []).map((o) => o.code);
  const value: fc.Arbitrary<AnswerValue> =
    q.type === 'boolean'
      ? fc.boolean()
      : q.type === 'integer'
        ? fc.integer({ min: q.min!, max: q.max! })
        : q.type === 'number'
          ? fc.double({ min: q.min!, max: q.max!, noNaN: true })
          : q.type === 'choice'
            ? fc.constantFrom(...codes)
            : fc.subarray(codes);
  return q.required ? value : fc.option(value, { nil: null });
}

/** Valid answers as `validateAnswers` returns them, with an age in the programme's range and a sex it invites. */
function case_(code: ProgrammeCode) {
  const def = PROGRAMMES[code];
  const raw = fc.record(Object.fromEntries(def.questionnaire.questions.map((q) => [q.id, valueOf(q)])));
  const answers = raw.map((r) => {
    const v = validateAnswers(def.questionnaire, r);
    if (!v.ok) throw new Error(v.error.message);
    return v.value;
  });
  const sex: fc.Arbitrary<Sex> =
    def.eligibility.sex !== null ? fc.constant(def.eligibility.sex) : fc.constantFrom<Sex>(1, 2);
  return fc.record({
    answers,
    sex,
    ageYears: fc.integer({ min: def.eligibility.minAge, max: def.eligibility.maxAge }),
  });
}

/** Yes/no questions whose "yes" is a risk factor: answering yes can never lower the risk. */
const RISK_FACTORS: Record<ProgrammeCode, readonly string[]> = {
  upper_gi: ['family_history', 'high_incidence_area', 'heavy_drinking', 'hot_food', 'pickled_salty_food'],
  lung: ['family_history'],
  colorectal: [
    'family_history',
    'polyp_history',
    'chronic_constipation',
    'chronic_diarrhoea',
    'mucus_blood_stool',
    'adverse_life_events',
    'appendicitis_history',
    'cholecystitis_history',
  ],
  liver: ['cirrhosis', 'heavy_drinking', 'fatty_liver', 'family_history'],
  breast: ['family_history', 'atypical_hyperplasia', 'chest_radiotherapy'],
  cervical: ['immunosuppression', 'treated_hsil', 'postcoital_bleeding'],
};

describe.each(PROGRAMME_CODES.map((c) => [c] as const))('risk rule of %s', (code) => {
  const def = PROGRAMMES[code];

  it('always explains itself in both languages and carries its version', () => {
    fc.assert(
      fc.property(case_(code), ({ answers, sex, ageYears }) => {
        const r = assessRisk(def, answers, { sex, ageYears });
        expect(r.ruleVersion).toBe(riskRuleVersion(def));
        expect(r.ruleVersion).toBe(`${code}@${def.questionnaire.version}`);
        expect(Number.isInteger(r.score) && r.score >= 0).toBe(true);
        expect(r.reasons.length).toBeGreaterThan(0);
        for (const reason of r.reasons) expect(reason.zh.length > 0 && reason.en.length > 0).toBe(true);
        expect(assessRisk(def, answers, { sex, ageYears })).toEqual(r);
      }),
      { numRuns: 300 },
    );
  });

  it('never lowers the risk when a risk factor is answered yes', () => {
    fc.assert(
      fc.property(case_(code), fc.constantFrom(...RISK_FACTORS[code]), ({ answers, sex, ageYears }, factor) => {
        const without: Answers = { ...answers, [factor]: false };
        const withIt: Answers = { ...answers, [factor]: true };
        const a = assessRisk(def, without, { sex, ageYears });
        const b = assessRisk(def, withIt, { sex, ageYears });
        expect(b.score).toBeGreaterThan(a.score - 1e-9);
        if (a.highRisk) expect(b.highRisk).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('never lowers the risk with age within the programme ages', () => {
    fc.assert(
      fc.property(case_(code), fc.nat(30), ({ answers, sex, ageYears }, more) => {
        const older = Math.min(def.eligibility.maxAge, ageYears + more);
        const a = assessRisk(def, answers, { sex, ageYears });
        const b = assessRisk(def, answers, { sex, ageYears: older });
        expect(b.score).toBeGreaterThanOrEqual(a.score);
        if (a.highRisk) expect(b.highRisk).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
