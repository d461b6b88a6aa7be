import { programme } from '@onconet/domain/screening/programmes';
import type { IndicatorDefinition, IndicatorValue, Question } from '@onconet/domain/screening/types';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STAGES } from './screening-api.ts';
import { SCREENING_TEXT, screeningText } from './screening-text.ts';
import {
  answerErrors,
  catchmentLabel,
  answersFromForm,
  askedQuestions,
  escapeHtml,
  formatIndicator,
  formatInterval,
  formFromAnswers,
  importProblemRows,
  indicatorLines,
  indicatorSeries,
  indicatorTooltipHtml,
  isOverdue,
  medianTurnaround,
  overridesFromSettings,
  parseCatchment,
  questionOfField,
  stageColour,
  stageLabel,
} from './screening-view.ts';

const zh = screeningText('zh-CN');
const en = screeningText('en');
const HAN = /\p{Script=Han}/u;

const participation: IndicatorDefinition = {
  id: 'participation_rate',
  label: { zh: '参与率', en: 'Participation rate' },
  numerator: { field: 'participated', label: { zh: '参加筛查人数', en: 'Took part' } },
  denominator: { field: 'invited', label: { zh: '邀约人数', en: 'Invited' } },
  scale: 100,
  unit: { zh: '%', en: '%' },
};
const detection: IndicatorDefinition = { ...participation, id: 'detection_rate', label: { zh: '检出率', en: 'Detection rate' }, scale: 1000, unit: { zh: '‰', en: 'per 1,000' } };
const days: IndicatorDefinition = { ...participation, id: 'days_positive_to_diagnosis', label: { zh: '阳性至确诊时间', en: 'Positive to diagnosis' }, scale: 1, unit: { zh: '天', en: 'days' } };
const value = (numerator: number, denominator: number, v: number | null, lower: number | null = null, upper: number | null = null): IndicatorValue => ({ id: 'participation_rate', numerator, denominator, value: v, lower, upper });

describe('screening texts', () => {
  it('have both languages, no empty text, the same placeholders, and English without Chinese', () => {
    for (const [key, [zhText, enText]] of Object.entries(SCREENING_TEXT)) {
      expect(zhText.trim(), key).not.toBe('');
      expect(enText.trim(), key).not.toBe('');
      expect(HAN.test(enText), `en ${key}`).toBe(false);
      const holes = (t: string) => [...t.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(holes(zhText), key).toEqual(holes(enText));
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(zh('ageRange', { min: 40, max: 69 })).toBe('年龄 40–69 岁');
    expect(en('ageRange', { min: 40 })).toBe('Aged 40–{max}');
  });

  it('name every stage in both languages, each with a colour', () => {
    for (const stage of STAGES) {
      expect(HAN.test(stageLabel(zh, stage))).toBe(true);
      expect(stageLabel(en, stage)).toMatch(/^[A-Z]/);
      expect(stageColour(stage)).not.toBe('');
    }
    expect(stageLabel(zh, 'positive')).toBe('阳性待随访');
    expect(stageLabel(en, 'checked_in')).toBe('Checked in');
  });
});

describe('indicator formatting', () => {
  it('writes percentages, per mille and means in their own units', () => {
    expect(formatIndicator(participation, 62.456, 'zh-CN')).toBe('62.5%');
    expect(formatIndicator(detection, 3.2149, 'en')).toBe('3.21‰');
    expect(formatIndicator(days, 41, 'zh-CN')).toBe('41.0 天');
    expect(formatIndicator(days, 41, 'en')).toBe('41.0 days');
    expect(formatIndicator(participation, null, 'en')).toBe('—');
    expect(formatIndicator(participation, Number.NaN, 'en')).toBe('—');
    expect(formatInterval(participation, { lower: 58.1, upper: 66.7 }, 'en')).toBe('58.1%–66.7%');
    expect(formatInterval(days, { lower: null, upper: null }, 'en')).toBe('');
  });

  it('names numerator and denominator with their counts on hover', () => {
    expect(indicatorLines(participation, value(1250, 2000, 62.5, 60.4, 64.6), 'zh-CN', zh)).toEqual([
      '参与率: 62.5% (95% 置信区间 60.4%–64.6%)',
      '分子 · 参加筛查人数: 1,250',
      '分母 · 邀约人数: 2,000',
    ]);
    expect(indicatorLines(participation, value(0, 0, null), 'en', en)[0]).toBe('Participation rate: Denominator is 0: no value');
    expect(indicatorLines(participation, undefined, 'en', en)).toEqual(['Participation rate: —']);
  });

  it('escapes group names in the HTML tooltip', () => {
    const html = indicatorTooltipHtml('<b>x</b> & 黔江', participation, value(3, 4, 75, 30.1, 95.4), 'en', en);
    expect(html).toContain('<strong>&lt;b&gt;x&lt;/b&gt; &amp; 黔江</strong>');
    expect(html.split('<br/>')).toHaveLength(4);
    expect(html).toContain('Numerator · Took part: 3');
    fc.assert(fc.property(fc.string(), (s) => !/[<>"']/.test(escapeHtml(s)) && escapeHtml(s).replace(/&(amp|lt|gt|quot|#39);/g, '').indexOf('&') === -1));
  });

  it('builds one series per indicator across groups, leaving empty denominators as gaps', () => {
    const group = (label: string, v: IndicatorValue) => ({ key: label, label, tally: {} as never, indicators: [v] });
    const series = indicatorSeries({ groups: [group('A', value(1, 3, 33.3333)), group('B', value(0, 0, null))] }, 'participation_rate');
    expect(series.categories).toEqual(['A', 'B']);
    expect(series.values).toEqual([33.33, null]);
    expect(series.items[1]?.denominator).toBe(0);
    expect(indicatorSeries({ groups: [group('A', value(1, 3, 33.3))] }, 'detection_rate').values).toEqual([null]);
  });
});

describe('questionnaire answers', () => {
  const questions: Question[] = [
    { id: 'age', type: 'integer', label: { zh: '年龄', en: 'Age' }, required: true, min: 18, max: 100 },
    { id: 'smoker', type: 'boolean', label: { zh: '吸烟', en: 'Smoker' }, required: true },
    { id: 'diet', type: 'choice', label: { zh: '饮食', en: 'Diet' }, required: false, options: [{ code: 'hot', label: { zh: '烫食', en: 'Hot food' } }] },
    { id: 'history', type: 'multi', label: { zh: '病史', en: 'History' }, required: false, options: [] },
  ];

  it('turns form values into typed answers and back', () => {
    const answers = answersFromForm(questions, { age: '150', smoker: true, diet: 'hot', history: ['hbv'] });
    expect(answers).toEqual({ age: 150, smoker: true, diet: 'hot', history: ['hbv'] });
    expect(answersFromForm(questions, { age: '', smoker: undefined })).toEqual({ age: null, smoker: null, diet: null, history: null });
    expect(answersFromForm(questions, { age: 'abc', smoker: 'false' })).toMatchObject({ age: 'abc', smoker: false });
    expect(formFromAnswers({ age: 60, smoker: false, diet: null })).toEqual({ age: 60, smoker: false });
  });

  it('reads the question a field names', () => {
    expect(questionOfField('answers/age')).toBe('age');
    expect(questionOfField('body/answers/smoker')).toBe('smoker');
    expect(questionOfField('age')).toBeNull();
  });

  it('puts each problem on its question, saying the range in the reader’s words', () => {
    const problems = [
      { field: 'answers/age', code: 'range', message: 'answers.age: 150 is above 100' },
      { field: 'answers/smoker', code: 'required', message: 'answers.smoker: required' },
      { field: 'answers/diet', code: 'enum', message: 'answers.diet: not an option' },
      { field: 'campaign', code: 'x', message: 'closed' },
    ];
    const { byQuestion, other } = answerErrors(questions, { age: 150, smoker: null, diet: 'cold' }, problems, zh);
    expect(byQuestion.age).toEqual(['超出范围，应在 18–100 之间']);
    expect(byQuestion.smoker).toEqual(['请回答此题']);
    expect(byQuestion.diet).toEqual(['not an option']);
    expect(other).toEqual(['closed']);
  });
});

describe('remote reading, catchments, due dates', () => {
  it('takes the median turnaround of the reads that have one', () => {
    expect(medianTurnaround([])).toBeNull();
    expect(medianTurnaround([{ turnaroundHours: 5 }, { turnaroundHours: null }, { turnaroundHours: 1 }])).toBe(3);
    expect(medianTurnaround([{ turnaroundHours: 5 }, { turnaroundHours: 9 }, { turnaroundHours: 1 }])).toBe(5);
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e4, noNaN: true }), { minLength: 1 }), (hours) => {
        const m = medianTurnaround(hours.map((h) => ({ turnaroundHours: h })))!;
        return hours.filter((h) => h <= m).length >= hours.length / 2 && hours.filter((h) => h >= m).length >= hours.length / 2;
      }),
    );
  });

  it('splits catchment codes on any separator', () => {
    expect(parseCatchment(' 500114101, 500114102；500114103、500114101\n')).toEqual(['500114101', '500114102', '500114103']);
    expect(parseCatchment('')).toEqual([]);
  });

  it('says when a follow-up is overdue', () => {
    expect(isOverdue('2026-11-01', '2026-11-23')).toBe(true);
    expect(isOverdue('2026-11-23', '2026-11-23')).toBe(false);
    expect(isOverdue(null, '2026-11-23')).toBe(false);
  });
});

describe('questions asked on condition', () => {
  const questions: Question[] = [
    { id: 'smoking', type: 'choice', label: { zh: '吸烟', en: 'Smoking' }, required: true, options: [{ code: 'never', label: { zh: '从不', en: 'Never' } }, { code: 'current', label: { zh: '现在', en: 'Current' } }] },
    { id: 'cigarettes', type: 'integer', label: { zh: '支数', en: 'Cigarettes' }, required: true, min: 1, max: 100, when: { question: 'smoking', equals: ['current'] } },
  ];

  it('asks the follow-on question only when its condition holds, and sends null for an unasked one', () => {
    expect(askedQuestions(questions, { smoking: 'never' }).map((q) => q.id)).toEqual(['smoking']);
    expect(askedQuestions(questions, { smoking: 'current' }).map((q) => q.id)).toEqual(['smoking', 'cigarettes']);
    expect(answersFromForm(questions, { smoking: 'never', cigarettes: 20 })).toEqual({ smoking: 'never', cigarettes: null });
    expect(answersFromForm(questions, { smoking: 'current', cigarettes: 20 })).toEqual({ smoking: 'current', cigarettes: 20 });
  });
});

describe('import report', () => {
  it('reads row and column from the problems the server names, dropping the repeated place from the message', () => {
    const rows = importProblemRows([
      { field: 'row 2: sex', code: 'row', message: 'row 2, sex: sex: "3" is not a sex (1/2, M/F, 男/女)' },
      { field: 'rows/14/birth_date', code: 'row', message: 'birthDate: "1965-13-01" is not a real calendar date' },
      { field: 'file', code: 'empty', message: '' },
    ]);
    expect(rows.map((r) => [r.row, r.column, r.message])).toEqual([
      ['2', 'sex', '"3" is not a sex (1/2, M/F, 男/女)'],
      ['14', 'birth_date', '"1965-13-01" is not a real calendar date'],
      ['', 'file', 'empty'],
    ]);
  });
});

describe('catchment label', () => {
  it('names the divisions it knows and keeps the codes', () => {
    const divisions = [{ code: '500114101', nameZh: '黔江龙泉镇', nameEn: 'Qianjiang Longquan town' }];
    expect(catchmentLabel(['500114101', '500114999'], divisions, 'zh-CN')).toBe('黔江龙泉镇 500114101、500114999');
    expect(catchmentLabel(['500114101'], divisions, 'en')).toBe('Qianjiang Longquan town 500114101');
    expect(catchmentLabel([], divisions, 'en')).toBe('');
  });
});

describe('programme settings', () => {
  const liver = programme('liver');
  const days = (exam: string, category: string) => liver.exams.find((e) => e.code === exam)!.categories.find((c) => c.code === category)!.followUp!.withinDays;

  it('keeps only what differs from the shipped programme', () => {
    const unchanged = { minAge: liver.eligibility.minAge, maxAge: liver.eligibility.maxAge, rescreenIntervalMonths: liver.rescreenIntervalMonths, followUpDays: { afp: { elevated: days('afp', 'elevated') } } };
    expect(overridesFromSettings(liver, unchanged)).toEqual({});
    expect(overridesFromSettings(liver, { ...unchanged, rescreenIntervalMonths: 12, followUpDays: { afp: { elevated: 45, high: days('afp', 'high') } } })).toEqual({ rescreenIntervalMonths: 12, followUpDays: { afp: { elevated: 45 } } });
    expect(overridesFromSettings(liver, { minAge: null, maxAge: undefined })).toEqual({});
  });
});
