import { breastRisk } from './programmes/breast.ts';
import type { RiskVerdict } from './programmes/build.ts';
import { cervicalRisk } from './programmes/cervical.ts';
import { colorectalRisk } from './programmes/colorectal.ts';
import { liverRisk } from './programmes/liver.ts';
import { lungRisk } from './programmes/lung.ts';
import { upperGiRisk } from './programmes/upper-gi.ts';
import type { Answers, ProgrammeCode, ProgrammeDefinition, RiskAssessment, RiskFacts } from './types.ts';

const RULES: Record<ProgrammeCode, (answers: Answers, facts: RiskFacts) => RiskVerdict> = {
  upper_gi: upperGiRisk,
  lung: lungRisk,
  colorectal: colorectalRisk,
  liver: liverRisk,
  breast: breastRisk,
  cervical: cervicalRisk,
};

/** `<programme>@<questionnaire version>`: stored with each assessment so a later rule does not rewrite history. */
export function riskRuleVersion(def: ProgrammeDefinition): string {
  return `${def.code}@${def.questionnaire.version}`;
}

/**
 * The programme's versioned risk rule applied to validated answers (see `validateAnswers`). Each rule lives beside
 * its programme in programmes/<code>.ts with the guideline it follows.
 */
export function assessRisk(def: ProgrammeDefinition, answers: Answers, facts: RiskFacts): RiskAssessment {
  const verdict = RULES[def.code](answers, facts);
  return { ...verdict, ruleVersion: riskRuleVersion(def) };
}
