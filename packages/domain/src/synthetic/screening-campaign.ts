/**
 * Synthetic screening campaigns for the demo, tests and benchmarks: each invitee's sex, age, questionnaire answers
 * and path (invitation → check-in → questionnaire → exams → follow-up → diagnosis), with rates taken from the
 * published experience of the Chinese programmes (orders of magnitude, not any one report):
 * - participation 55–75 % (urban programme reports; rural upper GI ~60–70 %);
 * - questionnaire high-risk ~20–35 % where the questionnaire gates the clinical exam (upper GI, lung, colorectal,
 *   liver; cervical counts never-screened women; breast is lower, ~15–25 %);
 * - clinical screening compliance of the high-risk 40–65 % (urban programme; higher where the exam is offered to
 *   everyone at check-in — FIT, HPV, breast ultrasound);
 * - positives and findings per programme in `MODELS` below (e.g. FIT positive ~8 %, Lung-RADS 3+ ~12 %, HGIN+ in
 *   upper GI endoscopy ~1.5 %, HPV positive ~14 %, BI-RADS 4+ ~2 %).
 * Deterministic by seed; no clock (dates run from `startDate`; `asOf` cuts off later events). 100,000 invitees take
 * well under a second.
 */
import { fromEpochDay, type IsoDate, toEpochDay } from '../common/dates.ts';
import type { Sex } from '../common/sex.ts';
import { validateAnswers } from '../screening/answers.ts';
import { resultCategory } from '../screening/results.ts';
import { assessRisk } from '../screening/risk.ts';
import type {
  AnswerValue,
  Answers,
  DiagnosisKind,
  DiagnosisOutcome,
  ExamRecord,
  ParticipantPath,
  ProgrammeCode,
  ProgrammeDefinition,
} from '../screening/types.ts';
import { createRng, hashSeed, type Rng, WeightedTable } from './random.ts';

export interface CampaignPathOptions {
  readonly invitees: number;
  readonly seed: number;
  readonly startDate: IsoDate;
  /** Share of invitees who take part; the programme's typical rate when absent. */
  readonly participation?: number;
  /** Events after this day are left out (the path as it stands on that day). */
  readonly asOf?: IsoDate;
}

export interface GeneratedParticipant {
  readonly sex: Sex;
  readonly ageYears: number;
  /** The questionnaire as answered (passes `validateAnswers`); null when the person never answered it. */
  readonly answers: Answers | null;
  readonly path: ParticipantPath;
}

type Raw = Record<string, AnswerValue>;

/** [no lesion, benign, low-grade precancer, high-grade precancer, early cancer (stage 0–I), later cancer]. */
type Outcome = readonly [number, number, number, number, number, number];

interface Ctx {
  readonly rng: Rng;
  readonly highRisk: boolean;
  readonly sex: Sex;
  readonly ageYears: number;
  /** Epoch day of check-in. */
  readonly day: number;
}

interface Model {
  readonly participation: number;
  /** Share of women among invitees. */
  readonly female: number;
  readonly answers: (rng: Rng, sex: Sex, age: number) => Raw;
  /** The exams a participant has, in date order (first-line, clinical for the high-risk, follow-on). */
  readonly exams: (ctx: Ctx) => ExamRecord[];
  /** Final diagnosis weights after a positive `exam:category`. */
  readonly outcomes: Readonly<Record<string, Outcome>>;
  /** Share of positives whose diagnostic follow-up gets an outcome. */
  readonly followUpCompletion: number;
  /**
   * Lower completion where the follow-up is another exam of the programme the path does not have (a FIT positive
   * who never had the colonoscopy is diagnosed only if she had it elsewhere).
   */
  readonly completionWithoutExam?: Readonly<Record<string, number>>;
  /** Exams that take biopsies: their pathology is the diagnosis, within 1–3 weeks whatever the category. */
  readonly biopsyExams?: readonly string[];
  readonly site: (rng: Rng, kind: DiagnosisKind) => { topography: string; morphology: string };
}

// ---- helpers ----------------------------------------------------------------------------------------------------

const table = <T>(items: readonly (readonly [T, number])[]) => new WeightedTable(items);
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, Math.round(x)));
/** ISO dates of epoch days, memoised: formatting a Date is the generator's costliest step otherwise. */
const DATES = new Map<number, IsoDate>();
function isoDay(day: number): IsoDate {
  let text = DATES.get(day);
  if (text === undefined) {
    text = fromEpochDay(day);
    if (DATES.size < 200_000) DATES.set(day, text);
  }
  return text;
}

const exam = (examCode: string, category: string, day: number): ExamRecord => ({
  examCode,
  category,
  performedOn: isoDay(day),
});

function smoking(rng: Rng, sex: Sex): string {
  const x = rng.next();
  return sex === 1
    ? x < 0.45
      ? 'current'
      : x < 0.57
        ? 'former'
        : 'never'
    : x < 0.03
      ? 'current'
      : x < 0.04
        ? 'former'
        : 'never';
}

const triState = (rng: Rng, positive: number, negative: number) => {
  const x = rng.next();
  return x < positive ? 'positive' : x < positive + negative ? 'negative' : 'unknown';
};

// ---- per-programme models -----------------------------------------------------------------------------------------

const UGI_ENDOSCOPY = table([
  ['normal', 0.55],
  ['benign', 0.341],
  ['lgin', 0.09],
  ['hgin', 0.01],
  ['early_cancer', 0.005],
  ['advanced_cancer', 0.004],
] as const);

const LUNG_RADS = table([
  ['0', 0.01],
  ['1', 0.45],
  ['2', 0.42],
  ['3', 0.07],
  ['4A', 0.035],
  ['4B', 0.012],
  ['4X', 0.003],
] as const);

const COLONOSCOPY_HIGH_RISK = table([
  ['normal', 0.638],
  ['non_advanced_adenoma', 0.25],
  ['advanced_adenoma', 0.1],
  ['cancer_suspected', 0.012],
] as const);
const COLONOSCOPY_FIT_POSITIVE = table([
  ['normal', 0.47],
  ['non_advanced_adenoma', 0.28],
  ['advanced_adenoma', 0.2],
  ['cancer_suspected', 0.05],
] as const);

const AFP = table([
  ['normal', 0.96],
  ['elevated', 0.035],
  ['high', 0.005],
] as const);
const LIVER_US = table([
  ['normal', 0.75],
  ['benign', 0.2],
  ['nodule_lt_1cm', 0.03],
  ['nodule_ge_1cm', 0.02],
] as const);

const BIRADS = table([
  ['0', 0.006],
  ['1', 0.4],
  ['2', 0.516],
  ['3', 0.06],
  ['4A', 0.012],
  ['4B', 0.003],
  ['4C', 0.0012],
  ['5', 0.0004],
] as const);
const BIRADS_AFTER_0 = table([
  ['1', 0.3],
  ['2', 0.5],
  ['3', 0.12],
  ['4A', 0.06],
  ['4B', 0.015],
  ['4C', 0.005],
] as const);

const HPV = table([
  ['negative', 0.86],
  ['hpv16_18', 0.03],
  ['other_hr', 0.11],
] as const);
const TBS_TRIAGE = table([
  ['nilm', 0.7],
  ['asc_us', 0.15],
  ['lsil', 0.08],
  ['asc_h', 0.03],
  ['hsil', 0.032],
  ['agc', 0.006],
  ['carcinoma', 0.002],
] as const);
const COLPOSCOPY_16_18 = table([
  ['normal', 0.4],
  ['lsil_cin1', 0.28],
  ['hsil_cin2plus', 0.28],
  ['cancer_suspected', 0.04],
] as const);
const COLPOSCOPY_CYTOLOGY = table([
  ['normal', 0.48],
  ['lsil_cin1', 0.3],
  ['hsil_cin2plus', 0.2],
  ['cancer_suspected', 0.02],
] as const);

const MODELS: Record<ProgrammeCode, Model> = {
  upper_gi: {
    participation: 0.68,
    female: 0.5,
    answers: (rng, sex) => ({
      family_history: rng.chance(0.06),
      high_incidence_area: rng.chance(0.1),
      smoking: smoking(rng, sex),
      heavy_drinking: rng.chance(sex === 1 ? 0.12 : 0.01),
      hot_food: rng.chance(0.2),
      pickled_salty_food: rng.chance(0.22),
      h_pylori: triState(rng, 0.12, 0.25),
      gastric_conditions: rng.chance(0.05)
        ? [rng.pick(['atrophic_gastritis', 'gastric_ulcer', 'gastric_polyp', 'barrett'])]
        : [],
    }),
    // Endoscopy (Lugol's staining, biopsy) for the high-risk who come, 1–8 weeks after check-in.
    exams: ({ rng, highRisk, day }) =>
      highRisk && rng.chance(0.52) ? [exam('endoscopy', UGI_ENDOSCOPY.draw(rng), day + 7 + rng.int(50))] : [],
    outcomes: {
      'endoscopy:lgin': [0.25, 0.05, 0.65, 0.05, 0, 0],
      'endoscopy:hgin': [0, 0, 0.05, 0.85, 0.1, 0],
      'endoscopy:early_cancer': [0, 0, 0, 0.1, 0.75, 0.15],
      'endoscopy:advanced_cancer': [0, 0, 0, 0, 0.05, 0.95],
    },
    followUpCompletion: 0.85,
    biopsyExams: ['endoscopy'],
    site: (rng, kind) =>
      rng.chance(0.55)
        ? { topography: rng.pick(['C15.3', 'C15.4', 'C15.5']), morphology: kind === 'cancer' ? '8070/3' : '8077/2' }
        : { topography: rng.pick(['C16.0', 'C16.2', 'C16.3']), morphology: kind === 'cancer' ? '8140/3' : '8148/2' },
  },
  lung: {
    participation: 0.62,
    female: 0.5,
    answers: (rng, sex, age) => {
      const s = smoking(rng, sex);
      const smoker = s !== 'never';
      const years = smoker ? clamp(10 + rng.next() * 35, 1, Math.max(1, age - 15)) : null;
      return {
        smoking: s,
        cigarettes_per_day: smoker ? clamp(8 + rng.next() * 25, 1, 100) : null,
        smoking_years: years,
        years_since_quit: s === 'former' ? clamp(1 + rng.next() * 25, 0, 80) : null,
        passive_smoking_years: rng.chance(sex === 2 ? 0.14 : 0.06) ? clamp(20 + rng.next() * 25, 0, 80) : rng.int(15),
        occupational_exposure_years: rng.chance(0.05) ? 1 + rng.int(25) : 0,
        family_history: rng.chance(0.05),
      };
    },
    exams: ({ rng, highRisk, day }) => {
      if (!highRisk || !rng.chance(0.55)) return [];
      const first = LUNG_RADS.draw(rng);
      const ldct = exam('ldct', first, day + 3 + rng.int(40));
      return [ldct];
    },
    outcomes: {
      'ldct:0': [0.85, 0.14, 0, 0, 0.008, 0.002],
      'ldct:3': [0.75, 0.24, 0, 0, 0.008, 0.002],
      'ldct:4A': [0.55, 0.39, 0, 0, 0.045, 0.015],
      'ldct:4B': [0.3, 0.35, 0, 0, 0.25, 0.1],
      'ldct:4X': [0.2, 0.3, 0, 0, 0.3, 0.2],
    },
    followUpCompletion: 0.8,
    site: (rng) => ({
      topography: rng.pick(['C34.1', 'C34.1', 'C34.3', 'C34.2']),
      morphology: rng.chance(0.75) ? '8140/3' : '8070/3',
    }),
  },
  colorectal: {
    participation: 0.6,
    female: 0.52,
    answers: (rng, sex) => ({
      family_history: rng.chance(0.04),
      polyp_history: rng.chance(0.03),
      chronic_constipation: rng.chance(0.08),
      chronic_diarrhoea: rng.chance(0.05),
      mucus_blood_stool: rng.chance(0.03),
      adverse_life_events: rng.chance(0.06),
      appendicitis_history: rng.chance(0.07),
      cholecystitis_history: rng.chance(0.05),
      smoking: smoking(rng, sex),
    }),
    // FIT for everyone who comes (kit returned within 2 weeks); colonoscopy for the high-risk and FIT positives.
    exams: ({ rng, highRisk, day }) => {
      const out: ExamRecord[] = [];
      const fitDay = day + rng.int(14);
      const fit = rng.chance(0.92) ? (rng.chance(0.08) ? 'positive' : 'negative') : null;
      if (fit) out.push(exam('fit', fit, fitDay));
      const fitPositive = fit === 'positive';
      if ((fitPositive && rng.chance(0.55)) || (!fitPositive && highRisk && rng.chance(0.42))) {
        const result = (fitPositive ? COLONOSCOPY_FIT_POSITIVE : COLONOSCOPY_HIGH_RISK).draw(rng);
        out.push(exam('colonoscopy', result, (fit ? fitDay : day) + 10 + rng.int(45)));
      }
      return out;
    },
    outcomes: {
      'fit:positive': [0.6, 0.1, 0.2, 0.05, 0.03, 0.02],
      'colonoscopy:advanced_adenoma': [0, 0.05, 0.6, 0.3, 0.04, 0.01],
      'colonoscopy:cancer_suspected': [0, 0.03, 0.02, 0.1, 0.38, 0.47],
    },
    followUpCompletion: 0.82,
    completionWithoutExam: { 'fit:positive': 0.12 },
    biopsyExams: ['colonoscopy'],
    site: (rng, kind) => ({
      topography: rng.pick(['C18.7', 'C18.7', 'C20.9', 'C20.9', 'C18.2', 'C18.0']),
      morphology: kind === 'cancer' ? '8140/3' : '8210/2',
    }),
  },
  liver: {
    participation: 0.58,
    female: 0.5,
    answers: (rng, sex) => {
      const hbsag = triState(rng, 0.075, 0.6);
      return {
        hbsag,
        anti_hcv: triState(rng, 0.01, 0.55),
        cirrhosis: rng.chance(hbsag === 'positive' ? 0.08 : 0.006),
        heavy_drinking: rng.chance(sex === 1 ? 0.08 : 0.01),
        fatty_liver: rng.chance(0.11),
        family_history: rng.chance(0.03),
      };
    },
    // AFP and ultrasound on the same day for the high-risk who come.
    exams: ({ rng, highRisk, day }) => {
      if (!highRisk || !rng.chance(0.58)) return [];
      const on = day + rng.int(21);
      return [exam('afp', AFP.draw(rng), on), exam('ultrasound', LIVER_US.draw(rng), on)];
    },
    outcomes: {
      'afp:elevated': [0.85, 0.12, 0, 0, 0.02, 0.01],
      'afp:high': [0.45, 0.2, 0, 0, 0.15, 0.2],
      'ultrasound:nodule_lt_1cm': [0.5, 0.47, 0, 0, 0.02, 0.01],
      'ultrasound:nodule_ge_1cm': [0.25, 0.55, 0, 0, 0.12, 0.08],
    },
    followUpCompletion: 0.78,
    site: () => ({ topography: 'C22.0', morphology: '8170/3' }),
  },
  breast: {
    participation: 0.66,
    female: 1,
    answers: (rng, _sex, age) => {
      const post = age >= 55 || (age >= 45 && rng.chance((age - 44) / 11));
      const nulli = rng.chance(0.06);
      return {
        family_history: rng.chance(0.04),
        brca: rng.chance(0.002) ? 'carrier' : rng.chance(0.05) ? 'not_carrier' : 'unknown',
        atypical_hyperplasia: rng.chance(0.01),
        chest_radiotherapy: rng.chance(0.002),
        menarche_age: clamp(13.6 - (age < 50 ? 0.6 : 0) + 1.4 * rng.normal(), 8, 20),
        menopause: post ? 'post' : 'pre',
        menopause_age: post ? clamp(49.5 + 3.3 * rng.normal(), 30, Math.min(65, age)) : null,
        first_birth: nulli ? 'nulliparous' : rng.chance(0.14) ? 'at_30_or_later' : 'before_30',
        breastfed: !nulli && rng.chance(0.85),
        hrt_years: post && rng.chance(0.04) ? 1 + rng.int(10) : null,
      };
    },
    // Ultrasound for every woman who comes; mammography for the high-risk (and to complete a BI-RADS 0).
    exams: ({ rng, highRisk, day }) => {
      const out: ExamRecord[] = [];
      if (!rng.chance(0.95)) return out;
      const us = BIRADS.draw(rng);
      out.push(exam('ultrasound', us, day));
      if (us === '0' && rng.chance(0.8)) out.push(exam('mammography', BIRADS_AFTER_0.draw(rng), day + 7 + rng.int(21)));
      else if (highRisk && rng.chance(0.55)) out.push(exam('mammography', BIRADS.draw(rng), day + 3 + rng.int(30)));
      return out;
    },
    outcomes: {
      'ultrasound:0': [0.9, 0.08, 0, 0, 0.015, 0.005],
      'ultrasound:3': [0.7, 0.29, 0.008, 0, 0.0015, 0.0005],
      'ultrasound:4A': [0.25, 0.66, 0.05, 0, 0.03, 0.01],
      'ultrasound:4B': [0.1, 0.55, 0.1, 0, 0.17, 0.08],
      'ultrasound:4C': [0, 0.3, 0.1, 0, 0.4, 0.2],
      'ultrasound:5': [0, 0.05, 0.05, 0, 0.5, 0.4],
      'mammography:0': [0.9, 0.08, 0, 0, 0.015, 0.005],
      'mammography:3': [0.7, 0.29, 0.008, 0, 0.0015, 0.0005],
      'mammography:4A': [0.25, 0.66, 0.05, 0, 0.03, 0.01],
      'mammography:4B': [0.1, 0.55, 0.1, 0, 0.17, 0.08],
      'mammography:4C': [0, 0.3, 0.1, 0, 0.4, 0.2],
      'mammography:5': [0, 0.05, 0.05, 0, 0.5, 0.4],
    },
    followUpCompletion: 0.84,
    completionWithoutExam: { 'ultrasound:0': 0.3 },
    site: (rng, kind) => ({
      topography: rng.pick(['C50.4', 'C50.4', 'C50.2', 'C50.8', 'C50.9']),
      morphology: kind === 'cancer' ? '8500/3' : '8500/2',
    }),
  },
  cervical: {
    participation: 0.7,
    female: 1,
    answers: (rng) => {
      const x = rng.next();
      return {
        previous_screening: x < 0.26 ? 'never' : x < 0.5 ? 'over_5_years' : 'within_5_years',
        immunosuppression: rng.chance(0.005),
        treated_hsil: rng.chance(0.01),
        sexual_debut_age: rng.chance(0.8) ? clamp(21 + 3 * rng.normal(), 12, 40) : null,
        partners: rng.chance(0.8) ? (rng.chance(0.75) ? 1 : rng.chance(0.8) ? 2 + rng.int(2) : 4 + rng.int(5)) : null,
        smoking: smoking(rng, 2),
        postcoital_bleeding: rng.chance(0.03),
      };
    },
    // HPV for every woman who comes; triage cytology for other high-risk types; colposcopy for HPV 16/18 and
    // for triage cytology ASC-US or worse.
    exams: ({ rng, day }) => {
      const out: ExamRecord[] = [];
      if (!rng.chance(0.96)) return out;
      const hpv = HPV.draw(rng);
      out.push(exam('hpv', hpv, day));
      let colposcopy: WeightedTable<string> | null = null;
      let next = day + 10 + rng.int(10);
      if (hpv === 'hpv16_18') colposcopy = COLPOSCOPY_16_18;
      else if (hpv === 'other_hr' && rng.chance(0.93)) {
        const tbs = TBS_TRIAGE.draw(rng);
        out.push(exam('cytology', tbs, next));
        if (tbs !== 'nilm') colposcopy = COLPOSCOPY_CYTOLOGY;
      }
      if (colposcopy && rng.chance(0.72)) {
        next += 10 + rng.int(40);
        out.push(exam('colposcopy', colposcopy.draw(rng), next));
      }
      return out;
    },
    outcomes: {
      'hpv:hpv16_18': [0.6, 0.1, 0.2, 0.09, 0.008, 0.002],
      'hpv:other_hr': [0.75, 0.05, 0.15, 0.05, 0, 0],
      'cytology:asc_us': [0.55, 0.05, 0.3, 0.1, 0, 0],
      'cytology:lsil': [0.4, 0.05, 0.45, 0.1, 0, 0],
      'cytology:asc_h': [0.3, 0.05, 0.3, 0.33, 0.02, 0],
      'cytology:hsil': [0.1, 0, 0.2, 0.64, 0.04, 0.02],
      'cytology:agc': [0.5, 0.2, 0.1, 0.15, 0.03, 0.02],
      'cytology:carcinoma': [0, 0, 0, 0.2, 0.4, 0.4],
      'colposcopy:hsil_cin2plus': [0.05, 0, 0.15, 0.76, 0.03, 0.01],
      'colposcopy:cancer_suspected': [0, 0, 0, 0.15, 0.45, 0.4],
    },
    followUpCompletion: 0.86,
    completionWithoutExam: {
      'hpv:hpv16_18': 0.2,
      'hpv:other_hr': 0.15,
      'cytology:asc_us': 0.2,
      'cytology:lsil': 0.2,
      'cytology:asc_h': 0.25,
      'cytology:hsil': 0.3,
      'cytology:agc': 0.25,
    },
    biopsyExams: ['colposcopy'],
    site: (_rng, kind) => ({ topography: 'C53.9', morphology: kind === 'cancer' ? '8070/3' : '8077/2' }),
  },
};

const KINDS = ['no_lesion', 'benign', 'low_grade_precancer', 'high_grade_precancer', 'cancer', 'cancer'] as const;
const EARLY_STAGES = table([
  ['0', 0.12],
  ['I', 0.18],
  ['IA', 0.45],
  ['IB', 0.25],
] as const);
const LATE_STAGES = table([
  ['IIA', 0.25],
  ['IIB', 0.15],
  ['IIIA', 0.2],
  ['IIIB', 0.1],
  ['IIIC', 0.05],
  ['IV', 0.25],
] as const);
const EARLY_STAGES_LIVER = table([
  ['IA', 0.4],
  ['IB', 0.6],
] as const);

/** Days the diagnostic work-up takes after a result asking for it within `withinDays`. */
function workupDays(rng: Rng, withinDays: number): number {
  return withinDays <= 60 ? 3 + rng.int(Math.max(7, withinDays + 20)) : withinDays - 10 + rng.int(60);
}

function diagnose(code: ProgrammeCode, model: Model, rng: Rng, outcome: Outcome, onDay: number): DiagnosisOutcome {
  let x = rng.next() * outcome.reduce((a, b) => a + b, 0);
  let index = 0;
  while (index < outcome.length - 1 && x >= outcome[index]!) x -= outcome[index++]!;
  const kind = KINDS[index]!;
  // Liver cancer has no stage 0 in TNM 8th.
  const stageGroup =
    index === 4
      ? (code === 'liver' ? EARLY_STAGES_LIVER : EARLY_STAGES).draw(rng)
      : index === 5
        ? LATE_STAGES.draw(rng)
        : null;
  const site = kind === 'cancer' || kind === 'high_grade_precancer' ? model.site(rng, kind) : null;
  return {
    kind,
    date: isoDay(onDay),
    stageGroup,
    topography: site?.topography ?? null,
    morphology: site ? (stageGroup === '0' ? site.morphology.replace(/\/3$/, '/2') : site.morphology) : null,
  };
}

/** Drops every event after `asOf`, keeping the path consistent (no risk without a questionnaire, …). */
function cutAt(path: ParticipantPath, asOf: IsoDate | undefined): ParticipantPath {
  if (asOf === undefined) return path;
  const keep = (d: IsoDate | null) => (d !== null && d <= asOf ? d : null);
  const questionnaireOn = keep(path.questionnaireOn);
  const exams = path.exams.filter((e) => e.performedOn <= asOf);
  const diagnosis = path.diagnosis && path.diagnosis.date <= asOf && exams.length > 0 ? path.diagnosis : null;
  return {
    invitedOn: keep(path.invitedOn),
    checkedInOn: keep(path.checkedInOn),
    questionnaireOn,
    risk: questionnaireOn ? path.risk : null,
    exams,
    followUpDoneOn: keep(path.followUpDoneOn),
    unreachable: path.unreachable && exams.length > 0,
    diagnosis,
  };
}

/**
 * A campaign's invitees and their paths. Ages follow the programme's eligibility (more younger than older people, as
 * in the population); answers are drawn per programme, pass `validateAnswers`, and the risk on the path is
 * `assessRisk` of those answers. Same seed, same campaign.
 */
export function generateCampaignPaths(def: ProgrammeDefinition, options: CampaignPathOptions): GeneratedParticipant[] {
  const model = MODELS[def.code];
  const rng = createRng(hashSeed(options.seed, 0x5c2e, def.code.length, def.code.charCodeAt(0)));
  const participation = options.participation ?? model.participation;
  const start = toEpochDay(options.startDate);
  const { minAge, maxAge } = def.eligibility;
  const span = maxAge - minAge + 1;
  const out: GeneratedParticipant[] = new Array<GeneratedParticipant>(options.invitees);
  for (let i = 0; i < options.invitees; i++) {
    const sex: Sex = def.eligibility.sex ?? (rng.chance(model.female) ? 2 : 1);
    const ageYears = minAge + Math.min(span - 1, Math.floor(span * Math.pow(rng.next(), 1.25)));
    const invited = start + rng.int(30);
    const path: {
      -readonly [K in keyof ParticipantPath]: ParticipantPath[K];
    } = {
      invitedOn: isoDay(invited),
      checkedInOn: null,
      questionnaireOn: null,
      risk: null,
      exams: [],
      followUpDoneOn: null,
      unreachable: false,
      diagnosis: null,
    };
    if (!rng.chance(participation)) {
      out[i] = { sex, ageYears, answers: null, path: cutAt(path, options.asOf) };
      continue;
    }
    const day = invited + 3 + rng.int(40);
    const answers = normalise(def, model.answers(rng, sex, ageYears));
    const risk = assessRisk(def, answers, { sex, ageYears });
    path.checkedInOn = isoDay(day);
    path.questionnaireOn = path.checkedInOn;
    path.risk = risk;
    const exams = model.exams({ rng, highRisk: risk.highRisk, sex, ageYears, day });
    path.exams = exams;
    // The worst positive result decides the work-up; a later negative exam (a normal colonoscopy after a positive
    // FIT, NILM triage cytology after HPV) closes the follow-up without a diagnosis.
    let worst: { exam: ExamRecord; outcome: Outcome; withinDays: number } | null = null;
    let lastPositive = -Infinity;
    for (const e of exams) {
      const category = resultCategory(def, e.examCode, e.category);
      if (!category?.positive) continue;
      lastPositive = Math.max(lastPositive, toEpochDay(e.performedOn));
      const outcome = model.outcomes[`${e.examCode}:${e.category}`] ?? ([0.9, 0.1, 0, 0, 0, 0] as const);
      if (!worst || severity(outcome) >= severity(worst.outcome)) {
        worst = { exam: e, outcome, withinDays: category.followUp?.withinDays ?? 30 };
      }
    }
    if (worst) {
      const closing = exams.find((e) => toEpochDay(e.performedOn) > lastPositive);
      if (closing) {
        path.followUpDoneOn = closing.performedOn;
      } else if (
        rng.chance(
          model.completionWithoutExam?.[`${worst.exam.examCode}:${worst.exam.category}`] ?? model.followUpCompletion,
        )
      ) {
        const biopsy = model.biopsyExams?.includes(worst.exam.examCode) === true;
        const on = toEpochDay(worst.exam.performedOn) + (biopsy ? 7 + rng.int(14) : workupDays(rng, worst.withinDays));
        path.diagnosis = diagnose(def.code, model, rng, worst.outcome, on);
        path.followUpDoneOn = path.diagnosis.date;
      } else {
        path.unreachable = rng.chance(0.45);
      }
    }
    const cut = cutAt(path, options.asOf);
    out[i] = { sex, ageYears, answers: cut.questionnaireOn ? answers : null, path: cut };
  }
  return out;
}

const severity = (o: Outcome) => o[3] + 2 * (o[4] + o[5]);

/** The generated answers as `validateAnswers` returns them (every question present, unasked ones null). */
function normalise(def: ProgrammeDefinition, raw: Raw): Answers {
  const checked = validateAnswers(def.questionnaire, raw);
  if (!checked.ok) throw new Error(`synthetic ${def.code} answers are invalid: ${checked.error.message}`);
  return checked.value;
}
