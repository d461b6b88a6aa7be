/**
 * Every check the registry runs on one tumour: code validity, the IARC TR42 consistency checks and the dates.
 * Pure: "today" is passed in. Findings are ordered errors first, each with a stable rule id, a severity and a
 * message in English and Chinese.
 */
import type { IsoDate } from '../common/dates.ts';
import type { CheckResult } from './check-result.ts';
import { codeChecks } from './code-checks.ts';
import { ageAtIncidence, dateChecks } from './date-checks.ts';
import { ageChecks, basisChecks, sexChecks, siteMorphologyChecks } from './iarc-checks.ts';
import { parseTumour, type ParsedTumour, type RawTumour } from './tumour-input.ts';
import { finding } from './check-result.ts';

export interface TumourCheck {
  readonly tumour: ParsedTumour;
  readonly age: number | null;
  readonly results: readonly CheckResult[];
}

export function checkTumour(raw: RawTumour, options: { readonly today: IsoDate }): TumourCheck {
  const { tumour, findings } = parseTumour(raw);
  const age = ageAtIncidence(tumour);
  const results: CheckResult[] = [...findings, ...codeChecks(tumour)];
  // A morphology not in ICD-O-3 would only produce noise in the consistency checks.
  const usable = !results.some((r) => r.rule === 'code.morphology');
  const t = usable ? tumour : { ...tumour, morphology: null };
  results.push(...dateChecks(t, options.today), ...sexChecks(t), ...ageChecks(t, age), ...siteMorphologyChecks(t), ...basisChecks(t));
  if (age === null) results.push(finding('age.unknown', 'warning', ['birth_date', 'age'], 'age at incidence is unknown', '发病年龄不详'));
  const order = (r: CheckResult) => (r.severity === 'error' ? 0 : 1);
  return { tumour, age, results: [...results].sort((a, b) => order(a) - order(b)) };
}

export type { CheckResult, RuleId, Severity, LocalText } from './check-result.ts';
export type { RawTumour, ParsedTumour } from './tumour-input.ts';
