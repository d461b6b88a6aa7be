import { describe, expect, it } from 'vitest';
import { convertIcdO3ToIcd10 } from '../codes/icdo3-to-icd10.ts';
import { isKnownMorphology, parseMorphology } from '../codes/morphology.ts';
import { normaliseTopography } from '../codes/topography.ts';
import { validateAnswers } from '../screening/answers.ts';
import { participantFlags, tallyFlags } from '../screening/flags.ts';
import { computeIndicators } from '../screening/indicators.ts';
import { PROGRAMMES } from '../screening/programmes.ts';
import { assessRisk } from '../screening/risk.ts';
import { type IndicatorId, PROGRAMME_CODES, type ProgrammeCode } from '../screening/types.ts';
import { generateCampaignPaths } from './screening-campaign.ts';

const START = '2025-03-01';

/** Plausible bounds per programme (value of each indicator, scaled as the indicator is). */
const BOUNDS: Record<ProgrammeCode, Partial<Record<IndicatorId, [number, number]>>> = {
  upper_gi: {
    high_risk_rate: [20, 38],
    clinical_compliance: [40, 65],
    detection_rate: [8, 35],
    early_diagnosis_rate: [65, 95],
  },
  lung: {
    high_risk_rate: [20, 38],
    clinical_compliance: [40, 65],
    positivity_rate: [8, 20],
    detection_rate: [2, 15],
    early_diagnosis_rate: [45, 85],
  },
  colorectal: {
    high_risk_rate: [20, 38],
    clinical_compliance: [35, 55],
    positivity_rate: [6, 14],
    detection_rate: [1, 8],
  },
  liver: { high_risk_rate: [15, 35], clinical_compliance: [40, 70], detection_rate: [1, 15] },
  breast: {
    high_risk_rate: [15, 38],
    positivity_rate: [4, 15],
    detection_rate: [0.5, 5],
    early_diagnosis_rate: [40, 90],
  },
  cervical: {
    high_risk_rate: [15, 38],
    positivity_rate: [9, 20],
    detection_rate: [4, 20],
    early_diagnosis_rate: [80, 100],
  },
};

describe.each(PROGRAMME_CODES.map((c) => [c] as const))('generated %s campaign', (code) => {
  const def = PROGRAMMES[code];
  const people = generateCampaignPaths(def, { invitees: 20_000, seed: 42, startDate: START });

  // Checked person by person without an expect() each (vitest's expect costs more than the generator).
  it('gives answers the questionnaire accepts and the risk the path records', () => {
    const problems: string[] = [];
    let answered = 0;
    people.forEach((p, i) => {
      const { minAge, maxAge, sex } = def.eligibility;
      if (p.ageYears < minAge || p.ageYears > maxAge) problems.push(`${i}: age ${p.ageYears}`);
      if (sex !== null && p.sex !== sex) problems.push(`${i}: sex ${p.sex}`);
      if ((p.answers === null) !== (p.path.questionnaireOn === null))
        problems.push(`${i}: answers vs questionnaire date`);
      if (p.answers === null) {
        if (p.path.risk !== null) problems.push(`${i}: risk without answers`);
        return;
      }
      answered += 1;
      const checked = validateAnswers(def.questionnaire, p.answers);
      if (!checked.ok) problems.push(`${i}: ${checked.error.message}`);
      else if (
        JSON.stringify(assessRisk(def, checked.value, { sex: p.sex, ageYears: p.ageYears })) !==
        JSON.stringify(p.path.risk)
      ) {
        problems.push(`${i}: risk differs`);
      }
    });
    expect(problems.slice(0, 5)).toEqual([]);
    expect(answered).toBeGreaterThan(people.length / 2);
  });

  it('keeps dates in order and exams within the programme', () => {
    const problems: string[] = [];
    people.forEach(({ path }, i) => {
      if (path.invitedOn === null) problems.push(`${i}: not invited`);
      if (path.checkedInOn !== null && !(path.checkedInOn > path.invitedOn!))
        problems.push(`${i}: check-in before invitation`);
      for (const e of path.exams) {
        if (!(e.performedOn >= path.checkedInOn!)) problems.push(`${i}: exam before check-in`);
        const exam = def.exams.find((x) => x.code === e.examCode);
        if (!exam?.categories.some((c) => c.code === e.category)) problems.push(`${i}: ${e.examCode}:${e.category}`);
        // Only colorectal (FIT positives) and breast (to complete a BI-RADS 0) offer the clinical exam beyond the high-risk.
        else if (
          exam.offeredTo === 'high_risk' &&
          code !== 'colorectal' &&
          code !== 'breast' &&
          path.risk?.highRisk !== true
        ) {
          problems.push(`${i}: ${e.examCode} for a person not high-risk`);
        }
      }
      if (path.diagnosis && path.diagnosis.date < path.exams[0]!.performedOn)
        problems.push(`${i}: diagnosis before exam`);
      if (path.diagnosis?.kind === 'cancer' && !/^(0|I|II|III|IV)/.test(path.diagnosis.stageGroup ?? ''))
        problems.push(`${i}: unstaged cancer`);
    });
    expect(problems.slice(0, 5)).toEqual([]);
  });

  it('codes every cancer so the registry can take it (ICD-O-3 → ICD-10)', () => {
    const problems: string[] = [];
    let cancers = 0;
    for (const p of people) {
      const d = p.path.diagnosis;
      if (d?.kind !== 'cancer') continue;
      cancers += 1;
      const topography = normaliseTopography(d.topography ?? '');
      const morphology = parseMorphology(d.morphology ?? '');
      if (topography === null || morphology === null || !isKnownMorphology(morphology.code)) {
        problems.push(`${d.topography} ${d.morphology}`);
        continue;
      }
      const converted = convertIcdO3ToIcd10({
        topography,
        morphology: morphology.code,
        behaviour: morphology.behaviour ?? 3,
        sex: p.sex,
      });
      if (!converted.ok) problems.push(`${d.topography} ${d.morphology}: ${converted.reason}`);
      // In situ morphology (/2) exactly for stage 0.
      if ((morphology.behaviour === 2) !== (d.stageGroup === '0'))
        problems.push(`${d.morphology} at stage ${d.stageGroup}`);
    }
    expect(cancers).toBeGreaterThan(0);
    expect(problems.slice(0, 5)).toEqual([]);
  });

  it('has realistic rates', () => {
    const tally = tallyFlags(
      people.map((p) => participantFlags(def, p.path)),
      '2027-01-01',
    );
    const values = Object.fromEntries(computeIndicators(tally).map((v) => [v.id, v.value]));
    expect(values.participation_rate).toBeGreaterThan(52);
    expect(values.participation_rate).toBeLessThan(76);
    expect(values.follow_up_completion).toBeGreaterThan(50);
    expect(values.follow_up_completion).toBeLessThan(98);
    expect(tally.cancer).toBeGreaterThan(0);
    for (const [id, [lo, hi]] of Object.entries(BOUNDS[code]) as [IndicatorId, [number, number]][]) {
      expect(values[id], id).toBeGreaterThanOrEqual(lo);
      expect(values[id], id).toBeLessThanOrEqual(hi);
    }
  });
});

describe('generateCampaignPaths', () => {
  const def = PROGRAMMES.colorectal;

  it('is deterministic by seed', () => {
    const a = generateCampaignPaths(def, { invitees: 2_000, seed: 7, startDate: START });
    const b = generateCampaignPaths(def, { invitees: 2_000, seed: 7, startDate: START });
    const c = generateCampaignPaths(def, { invitees: 2_000, seed: 8, startDate: START });
    expect(a).toEqual(b);
    expect(c).not.toEqual(a);
    // Another programme with the same seed is another campaign.
    expect(
      generateCampaignPaths(PROGRAMMES.lung, { invitees: 50, seed: 7, startDate: START }).map((p) => p.ageYears),
    ).not.toEqual(a.slice(0, 50).map((p) => p.ageYears));
  });

  it('takes the participation asked for', () => {
    const people = generateCampaignPaths(def, { invitees: 10_000, seed: 3, startDate: START, participation: 0.3 });
    const share = people.filter((p) => p.path.checkedInOn !== null).length / people.length;
    expect(share).toBeGreaterThan(0.27);
    expect(share).toBeLessThan(0.33);
  });

  it('cuts the path at asOf, keeping it consistent', () => {
    const asOf = '2025-04-15';
    const full = generateCampaignPaths(def, { invitees: 3_000, seed: 5, startDate: START });
    const cut = generateCampaignPaths(def, { invitees: 3_000, seed: 5, startDate: START, asOf });
    let shortened = 0;
    const problems: string[] = [];
    cut.forEach((p, i) => {
      const { path } = p;
      const all = [
        path.invitedOn,
        path.checkedInOn,
        path.questionnaireOn,
        path.followUpDoneOn,
        path.diagnosis?.date ?? null,
        ...path.exams.map((e) => e.performedOn),
      ];
      if (all.some((d) => d !== null && d > asOf)) problems.push(`${i}: event after asOf`);
      if ((path.risk === null) !== (path.questionnaireOn === null)) problems.push(`${i}: risk vs questionnaire`);
      if ((p.answers === null) !== (path.questionnaireOn === null)) problems.push(`${i}: answers vs questionnaire`);
      if (JSON.stringify(p) !== JSON.stringify(full[i])) shortened += 1;
    });
    expect(problems.slice(0, 5)).toEqual([]);
    expect(shortened).toBeGreaterThan(100);
  });

  it('generates 100,000 invitees in well under 2 s of CPU', () => {
    const before = process.cpuUsage();
    const people = generateCampaignPaths(PROGRAMMES.upper_gi, { invitees: 100_000, seed: 1, startDate: START });
    const used = process.cpuUsage(before);
    expect(people).toHaveLength(100_000);
    expect((used.user + used.system) / 1000).toBeLessThan(2000);
  });
});
