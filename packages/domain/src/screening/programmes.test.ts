import { describe, expect, it } from 'vitest';
import type { Sex } from '../common/sex.ts';
import { validateAnswers } from './answers.ts';
import { isDetectedCase, isEarlyDiagnosis, isStageZeroOrOne } from './early.ts';
import { programme, PROGRAMMES } from './programmes.ts';
import { followUpDue, resultCategory } from './results.ts';
import { assessRisk } from './risk.ts';
import { PROGRAMME_CODES, type DiagnosisOutcome, type ProgrammeCode, type RiskAssessment } from './types.ts';

/** Validates the answers first (as every interface does), then applies the programme's rule. */
function risk(
  code: ProgrammeCode,
  raw: Record<string, unknown>,
  ageYears: number,
  sex: Sex | null = 1,
): RiskAssessment {
  const def = programme(code);
  const answers = validateAnswers(def.questionnaire, raw);
  if (!answers.ok) throw new Error(answers.error.message);
  return assessRisk(def, answers.value, { sex, ageYears });
}

const due = (code: ProgrammeCode, examCode: string, category: string) =>
  followUpDue(programme(code), { examCode, category, performedOn: '2025-01-01' });

const dx = (kind: DiagnosisOutcome['kind'], stageGroup: string | null = null): DiagnosisOutcome => ({
  kind,
  date: '2025-02-01',
  stageGroup,
  topography: null,
  morphology: null,
});

describe.each(PROGRAMME_CODES.map((c) => [c] as const))('programme %s is well formed', (code) => {
  const def = PROGRAMMES[code];
  const guidelineIds = new Set(def.guidelines.map((g) => g.id));

  it('has its code, guidelines first Chinese, sensible eligibility and interval', () => {
    expect(def.code).toBe(code);
    expect(def.guidelines[0]!.citation).toMatch(/[\u4e00-\u9fff]/);
    expect(def.eligibility.minAge).toBeLessThan(def.eligibility.maxAge);
    expect(def.eligibility.exclusions).toContain('prior_cancer');
    expect(def.rescreenIntervalMonths).toBeGreaterThan(0);
    expect(def.earlyDefinition.zh).toMatch(/0–I|I 期/);
  });

  it('describes its risk rule and cites where its rules come from', () => {
    expect(def.riskRule?.description.zh).toMatch(/高危/);
    expect(def.riskRule?.description.en).toMatch(/High-risk/);
    for (const id of [...(def.riskRule?.guidelines ?? []), ...(def.eligibilityGuidelines ?? [])])
      expect(guidelineIds.has(id)).toBe(true);
    expect(def.riskRule?.guidelines.length).toBeGreaterThan(0);
    expect(def.eligibilityGuidelines?.length).toBeGreaterThan(0);
  });

  it('has unique questions with both languages and conditions on earlier questions', () => {
    const ids = def.questionnaire.questions.map((q) => q.id);
    expect(new Set(ids).size).toBe(ids.length);
    def.questionnaire.questions.forEach((q, i) => {
      expect(q.label.zh && q.label.en).toBeTruthy();
      if (q.type === 'integer' || q.type === 'number') expect(q.min! <= q.max!).toBe(true);
      if (q.type === 'choice' || q.type === 'multi') expect(q.options!.length).toBeGreaterThan(1);
      if (q.when) {
        const other = def.questionnaire.questions.findIndex((o) => o.id === q.when!.question);
        expect(other).toBeGreaterThanOrEqual(0);
        expect(other).toBeLessThan(i);
        const options = def.questionnaire.questions[other]!.options?.map((o) => o.code) ?? [true, false];
        for (const v of q.when.equals) expect(options).toContain(v);
      }
    });
  });

  it('gives every result a follow-up citing one of its guidelines; positive exactly when it is not the routine rescreen', () => {
    expect(def.exams.some((e) => e.clinical)).toBe(true);
    for (const exam of def.exams) {
      const codes = exam.categories.map((c) => c.code);
      expect(new Set(codes).size).toBe(codes.length);
      for (const c of exam.categories) {
        expect(c.followUp).not.toBeNull();
        expect(guidelineIds.has(c.followUp!.guideline)).toBe(true);
        expect(c.positive).toBe(c.followUp!.action !== 'routine_rescreen');
        expect(c.followUp!.withinDays).toBeGreaterThan(0);
        expect(resultCategory(def, exam.code, c.code)).toBe(c);
      }
    }
    expect(resultCategory(def, 'no-such-exam', 'x')).toBeNull();
  });
});

describe('upper GI (cn-esophageal-2022, cn-gastric-2022, NCC programme)', () => {
  const none = {
    family_history: false,
    high_incidence_area: false,
    smoking: 'never',
    heavy_drinking: false,
    hot_food: false,
    pickled_salty_food: false,
    h_pylori: 'negative',
  };

  it('is high-risk from 45 with a score of 2, at any programme age with family history', () => {
    expect(risk('upper_gi', none, 60)).toMatchObject({ highRisk: false, score: 0, ruleVersion: 'upper_gi@2026.1' });
    expect(risk('upper_gi', { ...none, hot_food: true }, 60)).toMatchObject({ highRisk: false, score: 1 });
    expect(risk('upper_gi', { ...none, hot_food: true, smoking: 'current' }, 45)).toMatchObject({
      highRisk: true,
      score: 2,
    });
    expect(risk('upper_gi', { ...none, hot_food: true, smoking: 'current' }, 44).highRisk).toBe(false);
    expect(risk('upper_gi', { ...none, high_incidence_area: true }, 45)).toMatchObject({ highRisk: true, score: 2 });
    expect(risk('upper_gi', { ...none, gastric_conditions: ['barrett'] }, 50)).toMatchObject({
      highRisk: true,
      score: 2,
    });
    expect(risk('upper_gi', { ...none, family_history: true }, 40)).toMatchObject({ highRisk: true, score: 2 });
    const many = risk(
      'upper_gi',
      {
        ...none,
        high_incidence_area: true,
        smoking: 'former',
        h_pylori: 'positive',
        gastric_conditions: ['atrophic_gastritis'],
      },
      52,
    );
    expect(many.score).toBe(6);
    expect(many.reasons.map((r) => r.en)).toContain('Helicobacter pylori infection');
    expect(risk('upper_gi', { ...none, h_pylori: 'unknown' }, 52).reasons.map((r) => r.en)).toEqual([
      'score 0 (2 needed)',
    ]);
  });

  it('grades endoscopy and times its follow-up', () => {
    expect(due('upper_gi', 'endoscopy', 'lgin')).toEqual({ action: 'endoscopy_biopsy', dueOn: '2026-01-01' });
    expect(due('upper_gi', 'endoscopy', 'hgin')).toEqual({ action: 'diagnostic_workup', dueOn: '2025-01-31' });
    expect(due('upper_gi', 'endoscopy', 'normal')?.action).toBe('routine_rescreen');
    expect(resultCategory(PROGRAMMES.upper_gi, 'endoscopy', 'lgin')?.positive).toBe(true);
  });

  it('counts HGIN and stage 0–I as early', () => {
    expect(isEarlyDiagnosis('upper_gi', dx('high_grade_precancer'))).toBe(true);
    expect(isEarlyDiagnosis('upper_gi', dx('cancer', 'IB'))).toBe(true);
    expect(isEarlyDiagnosis('upper_gi', dx('cancer', 'IIA'))).toBe(false);
    expect(isEarlyDiagnosis('upper_gi', dx('cancer', null))).toBe(false);
    expect(isEarlyDiagnosis('upper_gi', dx('low_grade_precancer'))).toBe(false);
    expect(isDetectedCase('upper_gi', dx('high_grade_precancer'))).toBe(true);
  });
});

describe('lung (cn-lung-2021, Lung-RADS v2022)', () => {
  const none = { smoking: 'never', passive_smoking_years: 0, occupational_exposure_years: 0, family_history: false };

  it('draws the line at 30 pack-years and 15 years since quitting', () => {
    expect(risk('lung', { ...none, smoking: 'current', cigarettes_per_day: 20, smoking_years: 30 }, 60)).toMatchObject({
      highRisk: true,
      score: 1,
    });
    expect(risk('lung', { ...none, smoking: 'current', cigarettes_per_day: 20, smoking_years: 29 }, 60).highRisk).toBe(
      false,
    );
    expect(risk('lung', { ...none, smoking: 'current', cigarettes_per_day: 40, smoking_years: 15 }, 60).highRisk).toBe(
      true,
    );
    expect(
      risk('lung', { ...none, smoking: 'former', cigarettes_per_day: 20, smoking_years: 35, years_since_quit: 14 }, 66)
        .highRisk,
    ).toBe(true);
    expect(
      risk('lung', { ...none, smoking: 'former', cigarettes_per_day: 20, smoking_years: 35, years_since_quit: 15 }, 66)
        .highRisk,
    ).toBe(false);
  });

  it('counts second-hand smoke ≥ 20 years, occupational exposure ≥ 1 year, family history; only at 50–74', () => {
    expect(risk('lung', { ...none, passive_smoking_years: 20 }, 55).highRisk).toBe(true);
    expect(risk('lung', { ...none, passive_smoking_years: 19 }, 55).highRisk).toBe(false);
    expect(risk('lung', { ...none, occupational_exposure_years: 1 }, 55).highRisk).toBe(true);
    expect(risk('lung', { ...none, family_history: true, passive_smoking_years: 25 }, 74)).toMatchObject({
      highRisk: true,
      score: 2,
    });
    const young = risk('lung', { ...none, family_history: true }, 49);
    expect(young.highRisk).toBe(false);
    expect(young.reasons.at(-1)!.en).toBe('not aged 50–74');
  });

  it('times Lung-RADS follow-up: 3 → 6 months, 4A → 3 months, 4B/4X → work-up, 1–2 → a year', () => {
    expect(due('lung', 'ldct', '3')).toEqual({ action: 'ldct', dueOn: '2025-07-02' });
    expect(due('lung', 'ldct', '4A')).toEqual({ action: 'ldct', dueOn: '2025-04-02' });
    expect(due('lung', 'ldct', '4B')?.action).toBe('diagnostic_workup');
    expect(due('lung', 'ldct', '4X')?.action).toBe('diagnostic_workup');
    expect(due('lung', 'ldct', '2')).toEqual({ action: 'routine_rescreen', dueOn: '2026-01-01' });
    expect(resultCategory(PROGRAMMES.lung, 'ldct', '2')?.positive).toBe(false);
    expect(resultCategory(PROGRAMMES.lung, 'ldct', '3')?.positive).toBe(true);
  });

  it('counts stage 0–I cancers only as early', () => {
    expect(isEarlyDiagnosis('lung', dx('cancer', '0'))).toBe(true);
    expect(isEarlyDiagnosis('lung', dx('cancer', 'IA2'))).toBe(true);
    expect(isEarlyDiagnosis('lung', dx('cancer', 'IIB'))).toBe(false);
    expect(isEarlyDiagnosis('lung', dx('high_grade_precancer'))).toBe(false);
  });
});

describe('colorectal (cn-colorectal-2020)', () => {
  const none = {
    family_history: false,
    polyp_history: false,
    chronic_constipation: false,
    chronic_diarrhoea: false,
    mucus_blood_stool: false,
    adverse_life_events: false,
    appendicitis_history: false,
    cholecystitis_history: false,
    smoking: 'never',
  };

  it('needs two questionnaire items, or family or polyp history', () => {
    expect(risk('colorectal', { ...none, chronic_constipation: true }, 45, 2).highRisk).toBe(false);
    expect(risk('colorectal', { ...none, chronic_constipation: true, mucus_blood_stool: true }, 45, 2).highRisk).toBe(
      true,
    );
    expect(risk('colorectal', { ...none, polyp_history: true }, 41, 2).highRisk).toBe(true);
  });

  it('uses the APCS score: 4 or more is high-risk', () => {
    // 50–69 → 2, male 1, smoking 1 = 4.
    expect(risk('colorectal', { ...none, smoking: 'current' }, 55, 1)).toMatchObject({ highRisk: true, score: 4 });
    expect(risk('colorectal', { ...none, smoking: 'current' }, 55, 2)).toMatchObject({ highRisk: false, score: 3 });
    expect(risk('colorectal', none, 70, 1)).toMatchObject({ highRisk: true, score: 4 });
    expect(risk('colorectal', none, 49, 1)).toMatchObject({ highRisk: false, score: 1 });
  });

  it('sends FIT positives to colonoscopy within 30 days and counts stage 0–I only', () => {
    expect(due('colorectal', 'fit', 'positive')).toEqual({ action: 'colonoscopy', dueOn: '2025-01-31' });
    expect(due('colorectal', 'fit', 'negative')?.dueOn).toBe('2026-01-01');
    expect(isEarlyDiagnosis('colorectal', dx('cancer', 'I'))).toBe(true);
    expect(isEarlyDiagnosis('colorectal', dx('high_grade_precancer'))).toBe(false);
    expect(isDetectedCase('colorectal', dx('high_grade_precancer'))).toBe(false);
  });
});

describe('liver (cn-liver-2024)', () => {
  const none = {
    hbsag: 'negative',
    anti_hcv: 'negative',
    cirrhosis: false,
    heavy_drinking: false,
    fatty_liver: false,
    family_history: false,
  };

  it('is high-risk with HBV, HCV or cirrhosis at any age; minor factors need a man or age ≥ 50', () => {
    expect(risk('liver', { ...none, hbsag: 'positive' }, 41, 2)).toMatchObject({ highRisk: true, score: 3 });
    expect(risk('liver', { ...none, anti_hcv: 'positive', cirrhosis: true }, 41, 2)).toMatchObject({
      highRisk: true,
      score: 7,
    });
    expect(risk('liver', { ...none, hbsag: 'unknown' }, 60, 1).highRisk).toBe(false);
    expect(risk('liver', { ...none, fatty_liver: true }, 45, 1).highRisk).toBe(true);
    expect(risk('liver', { ...none, fatty_liver: true }, 49, 2).highRisk).toBe(false);
    expect(risk('liver', { ...none, fatty_liver: true }, 50, 2).highRisk).toBe(true);
  });

  it('sends AFP ≥ 400 and nodules ≥ 1 cm to CT/MRI, small nodules to ultrasound in 3 months', () => {
    expect(due('liver', 'afp', 'high')?.action).toBe('diagnostic_workup');
    expect(due('liver', 'ultrasound', 'nodule_ge_1cm')?.action).toBe('diagnostic_workup');
    expect(due('liver', 'ultrasound', 'nodule_lt_1cm')).toEqual({ action: 'ultrasound', dueOn: '2025-04-02' });
    expect(PROGRAMMES.liver.rescreenIntervalMonths).toBe(6);
    expect(isEarlyDiagnosis('liver', dx('cancer', 'IB'))).toBe(true);
    expect(isEarlyDiagnosis('liver', dx('cancer', 'II'))).toBe(false);
  });
});

describe('breast (cn-breast-2022, BI-RADS)', () => {
  const none = {
    family_history: false,
    brca: 'unknown',
    atypical_hyperplasia: false,
    chest_radiotherapy: false,
    menarche_age: 14,
    menopause: 'pre',
    first_birth: 'before_30',
    breastfed: true,
  };

  it('is high-risk with any guideline criterion, or two reproductive and hormonal factors', () => {
    expect(risk('breast', none, 45, 2)).toMatchObject({ highRisk: false, score: 0 });
    expect(risk('breast', { ...none, brca: 'carrier' }, 41, 2)).toMatchObject({ highRisk: true, score: 3 });
    expect(risk('breast', { ...none, menarche_age: 11 }, 50, 2)).toMatchObject({ highRisk: false, score: 1 });
    expect(risk('breast', { ...none, menarche_age: 12 }, 55, 2)).toMatchObject({ highRisk: false, score: 1 });
    expect(risk('breast', { ...none, menarche_age: 11 }, 55, 2)).toMatchObject({ highRisk: true, score: 2 });
    const late = { ...none, first_birth: 'at_30_or_later', breastfed: false };
    expect(risk('breast', late, 45, 2)).toMatchObject({ highRisk: true, score: 2 });
    expect(risk('breast', late, 45, 2).reasons).toHaveLength(2);
    const post = { ...none, menopause: 'post', menopause_age: 55, hrt_years: 5, menarche_age: 12 };
    expect(risk('breast', post, 56, 2).score).toBe(3);
    expect(risk('breast', { ...post, menopause_age: 54, hrt_years: 4 }, 54, 2).highRisk).toBe(false);
  });

  it('recalls BI-RADS 0, 3 and 4–5 with their timing; 1–2 go back to routine screening', () => {
    expect(due('breast', 'ultrasound', '3')).toEqual({ action: 'ultrasound', dueOn: '2025-07-02' });
    expect(due('breast', 'ultrasound', '4B')?.action).toBe('biopsy');
    expect(due('breast', 'mammography', '0')?.action).toBe('mammography');
    expect(resultCategory(PROGRAMMES.breast, 'ultrasound', '2')?.positive).toBe(false);
    expect(PROGRAMMES.breast.eligibility.sex).toBe(2);
    expect(isEarlyDiagnosis('breast', dx('cancer', '0'))).toBe(true);
    expect(isEarlyDiagnosis('breast', dx('high_grade_precancer'))).toBe(false);
  });
});

describe('cervical (cn-cervical-2023, TBS)', () => {
  const none = {
    previous_screening: 'within_5_years',
    immunosuppression: false,
    treated_hsil: false,
    smoking: 'never',
    postcoital_bleeding: false,
  };

  it('is high-risk with immunosuppression or treated HSIL, never screened from 30, or under-screened with two factors', () => {
    expect(risk('cervical', none, 35, 2).highRisk).toBe(false);
    expect(risk('cervical', { ...none, immunosuppression: true }, 35, 2)).toMatchObject({ highRisk: true, score: 3 });
    expect(risk('cervical', { ...none, previous_screening: 'never' }, 30, 2).highRisk).toBe(true);
    expect(risk('cervical', { ...none, previous_screening: 'never' }, 29, 2).highRisk).toBe(false);
    const factors = { ...none, sexual_debut_age: 17, partners: 4 };
    expect(risk('cervical', factors, 35, 2)).toMatchObject({ highRisk: false, score: 2 });
    expect(risk('cervical', { ...factors, previous_screening: 'over_5_years' }, 35, 2).highRisk).toBe(true);
    expect(risk('cervical', { ...factors, previous_screening: 'never' }, 26, 2).highRisk).toBe(true);
    const later = { ...factors, previous_screening: 'over_5_years', sexual_debut_age: 18 };
    expect(risk('cervical', later, 35, 2).highRisk).toBe(false);
  });

  it('sends HPV 16/18 to colposcopy, other types to triage cytology, ≥ ASC-US to colposcopy', () => {
    expect(due('cervical', 'hpv', 'hpv16_18')).toEqual({ action: 'colposcopy', dueOn: '2025-01-31' });
    expect(due('cervical', 'hpv', 'other_hr')?.action).toBe('diagnostic_workup');
    expect(due('cervical', 'cytology', 'asc_us')?.action).toBe('colposcopy');
    expect(resultCategory(PROGRAMMES.cervical, 'cytology', 'nilm')?.positive).toBe(false);
  });

  it('counts HSIL/CIN2+ and stage 0–I as early', () => {
    expect(isEarlyDiagnosis('cervical', dx('high_grade_precancer'))).toBe(true);
    expect(isEarlyDiagnosis('cervical', dx('cancer', 'IA1'))).toBe(true);
    expect(isEarlyDiagnosis('cervical', dx('cancer', 'IIB'))).toBe(false);
  });
});

describe('stage groups', () => {
  it.each([
    ['0', true],
    ['0is', true],
    ['I', true],
    ['IA', true],
    ['IA3', true],
    ['IB2', true],
    ['IC', true],
    ['ia1', true],
    ['II', false],
    ['IIA', false],
    ['III', false],
    ['IV', false],
    ['IVB', false],
    ['', false],
    ['X', false],
  ])('%s early: %s', (stage, early) => expect(isStageZeroOrOne(stage)).toBe(early));
});
