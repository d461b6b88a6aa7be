import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromEpochDay, toEpochDay } from '../common/dates.ts';
import { isFollowUpOverdue, participantFlags, tallyFlags } from './flags.ts';
import { PROGRAMMES } from './programmes.ts';
import { followUpDue, resultCategory } from './results.ts';
import {
  PROGRAMME_CODES,
  type DiagnosisKind,
  type ParticipantPath,
  type ProgrammeDefinition,
  type ScreeningTally,
} from './types.ts';

const day0 = toEpochDay('2025-03-01');
const date = (offset: number) => fromEpochDay(day0 + offset);
const maybeDate = fc.option(fc.integer({ min: 0, max: 400 }).map(date), { nil: null });

function pathArb(def: ProgrammeDefinition): fc.Arbitrary<ParticipantPath> {
  const exams = def.exams.flatMap((e) => e.categories.map((c) => ({ examCode: e.code, category: c.code })));
  const exam = fc
    .record({
      pick: fc.oneof(
        { weight: 9, arbitrary: fc.constantFrom(...exams) },
        { weight: 1, arbitrary: fc.constant({ examCode: 'x-ray', category: '??' }) },
      ),
      performedOn: fc.integer({ min: 0, max: 400 }).map(date),
    })
    .map(({ pick, performedOn }) => ({ ...pick, performedOn }));
  const kinds: DiagnosisKind[] = ['no_lesion', 'benign', 'low_grade_precancer', 'high_grade_precancer', 'cancer'];
  const diagnosis = fc.option(
    fc.record({
      kind: fc.constantFrom(...kinds),
      date: fc.integer({ min: 0, max: 500 }).map(date),
      stageGroup: fc.constantFrom(null, '0', 'I', 'IA1', 'IB', 'II', 'IIIA', 'IV'),
      topography: fc.constant(null),
      morphology: fc.constant(null),
    }),
    { nil: null },
  );
  return fc.record({
    invitedOn: maybeDate,
    checkedInOn: maybeDate,
    questionnaireOn: maybeDate,
    risk: fc.option(
      fc.record({
        highRisk: fc.boolean(),
        score: fc.nat(10),
        reasons: fc.constant([]),
        ruleVersion: fc.constant(`${def.code}@test`),
      }),
      { nil: null },
    ),
    exams: fc.array(exam, { maxLength: 4 }),
    followUpDoneOn: maybeDate,
    unreachable: fc.boolean(),
    diagnosis,
  });
}

const programmeArb = fc.constantFrom(...PROGRAMME_CODES).map((c) => PROGRAMMES[c]);
const withPaths = programmeArb.chain((def) => fc.tuple(fc.constant(def), fc.array(pathArb(def), { maxLength: 30 })));

const ORDER: [keyof ScreeningTally, keyof ScreeningTally][] = [
  ['participated', 'invited'],
  ['questionnaireDone', 'participated'],
  ['highRisk', 'questionnaireDone'],
  ['highRiskClinicallyScreened', 'highRisk'],
  ['highRiskClinicallyScreened', 'screened'],
  ['screened', 'participated'],
  ['positive', 'screened'],
  ['followUpDone', 'positive'],
  ['cancer', 'positive'],
  ['precancer', 'positive'],
  ['early', 'cancer'],
  ['daysPositiveToDiagnosisCount', 'positive'],
];

describe('participantFlags and tallyFlags', () => {
  it('keep every indicator a proportion: numerators never exceed their denominators', () => {
    fc.assert(
      fc.property(withPaths, fc.integer({ min: 0, max: 600 }), ([def, paths], asOf) => {
        const flags = paths.map((p) => participantFlags(def, p));
        const tally = tallyFlags(flags, date(asOf));
        for (const [part, whole] of ORDER) expect(tally[part]).toBeLessThanOrEqual(tally[whole]);
        expect(tally.cancer + tally.precancer).toBeLessThanOrEqual(tally.positive);
        expect(tally.followUpOverdue + tally.followUpDone).toBeLessThanOrEqual(tally.positive);
        expect(tally.daysPositiveToDiagnosisSum).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 300 },
    );
  });

  it('flag by flag: positives have a due date, early is a detected case, the sum adds up over any split', () => {
    fc.assert(
      fc.property(withPaths, fc.nat(30), ([def, paths], cut) => {
        const flags = paths.map((p) => participantFlags(def, p));
        for (const f of flags) {
          expect(f.positive).toBe(f.followUpDueOn !== null);
          expect(!f.early || f.cancer).toBe(true);
          expect(!(f.cancer && f.precancer)).toBe(true);
          expect(f.daysPositiveToDiagnosis === null || f.positive).toBe(true);
        }
        const asOf = '2026-01-01';
        const whole = tallyFlags(flags, asOf);
        const a = tallyFlags(flags.slice(0, cut), asOf);
        const b = tallyFlags(flags.slice(cut), asOf);
        for (const key of Object.keys(whole) as (keyof ScreeningTally)[]) expect(whole[key]).toBe(a[key] + b[key]);
      }),
      { numRuns: 200 },
    );
  });

  it('due date is the earliest follow-up of the positive results; overdue counts agree with isFollowUpOverdue', () => {
    fc.assert(
      fc.property(withPaths, fc.integer({ min: 0, max: 900 }), ([def, paths], asOfOffset) => {
        const asOf = date(asOfOffset);
        const flags = paths.map((p) => participantFlags(def, p));
        paths.forEach((p, i) => {
          const dues = p.exams
            .filter((e) => resultCategory(def, e.examCode, e.category)?.positive === true)
            .map((e) => followUpDue(def, e)!.dueOn)
            .sort();
          expect(flags[i]!.followUpDueOn).toBe(dues[0] ?? null);
        });
        expect(tallyFlags(flags, asOf).followUpOverdue).toBe(flags.filter((f) => isFollowUpOverdue(f, asOf)).length);
      }),
      { numRuns: 200 },
    );
  });

  const def = PROGRAMMES.colorectal;
  const base: ParticipantPath = {
    invitedOn: '2025-03-01',
    checkedInOn: '2025-03-10',
    questionnaireOn: '2025-03-10',
    risk: { highRisk: false, score: 2, reasons: [], ruleVersion: 'colorectal@2020.1' },
    exams: [],
    followUpDoneOn: null,
    unreachable: false,
    diagnosis: null,
  };

  it('follows a FIT-positive person through colonoscopy to an early cancer', () => {
    const path: ParticipantPath = {
      ...base,
      exams: [
        { examCode: 'fit', category: 'positive', performedOn: '2025-03-20' },
        { examCode: 'colonoscopy', category: 'cancer_suspected', performedOn: '2025-04-10' },
      ],
      diagnosis: { kind: 'cancer', date: '2025-04-24', stageGroup: 'I', topography: 'C18.7', morphology: '8140/3' },
    };
    const f = participantFlags(def, path);
    expect(f).toMatchObject({
      invited: true,
      participated: true,
      screened: true,
      positive: true,
      cancer: true,
      early: true,
      precancer: false,
      followUpDone: true,
      highRisk: false,
      highRiskClinicallyScreened: false,
    });
    // FIT positive → colonoscopy within 30 days (2025-04-19) is earlier than suspected cancer + 14 days (2025-04-24).
    expect(f.followUpDueOn).toBe('2025-04-19');
    expect(f.daysPositiveToDiagnosis).toBe(35);
  });

  it('counts a walk-in as invited, an advanced adenoma as precancer, and an overdue follow-up', () => {
    const walkIn = participantFlags(def, { ...base, invitedOn: null });
    expect(walkIn).toMatchObject({ invited: true, participated: true, screened: false });
    const adenoma = participantFlags(def, {
      ...base,
      risk: { ...base.risk!, highRisk: true },
      exams: [{ examCode: 'colonoscopy', category: 'advanced_adenoma', performedOn: '2025-04-01' }],
      diagnosis: {
        kind: 'high_grade_precancer',
        date: '2025-04-01',
        stageGroup: null,
        topography: null,
        morphology: null,
      },
    });
    expect(adenoma).toMatchObject({
      highRiskClinicallyScreened: true,
      positive: true,
      cancer: false,
      precancer: true,
      early: false,
      daysPositiveToDiagnosis: 0,
    });
    const waiting = participantFlags(def, {
      ...base,
      exams: [{ examCode: 'fit', category: 'positive', performedOn: '2025-04-01' }],
    });
    expect(waiting.followUpDueOn).toBe('2025-05-01');
    expect(isFollowUpOverdue(waiting, '2025-05-01')).toBe(false);
    expect(isFollowUpOverdue(waiting, '2025-05-02')).toBe(true);
    expect(tallyFlags([waiting, adenoma, walkIn], '2025-06-01')).toMatchObject({
      invited: 3,
      positive: 2,
      followUpOverdue: 1,
      followUpDone: 1,
      precancer: 1,
    });
    // A diagnosis without a positive screen is not screen-detected.
    const interval = participantFlags(def, {
      ...base,
      exams: [{ examCode: 'fit', category: 'negative', performedOn: '2025-04-01' }],
      diagnosis: { kind: 'cancer', date: '2025-09-01', stageGroup: 'II', topography: null, morphology: null },
    });
    expect(interval).toMatchObject({
      screened: true,
      positive: false,
      cancer: false,
      followUpDone: false,
      daysPositiveToDiagnosis: null,
    });
  });

  it('counts HGIN as a detected early case in upper GI screening', () => {
    const f = participantFlags(PROGRAMMES.upper_gi, {
      ...base,
      risk: { highRisk: true, score: 3, reasons: [], ruleVersion: 'upper_gi@2026.1' },
      exams: [{ examCode: 'endoscopy', category: 'hgin', performedOn: '2025-04-01' }],
      diagnosis: {
        kind: 'high_grade_precancer',
        date: '2025-04-15',
        stageGroup: null,
        topography: 'C15.4',
        morphology: '8077/2',
      },
    });
    expect(f).toMatchObject({
      highRiskClinicallyScreened: true,
      positive: true,
      cancer: true,
      early: true,
      precancer: false,
      followUpDueOn: '2025-05-01',
    });
  });
});
