/** Date checks (IARC TR42 "dates"): birth ≤ incidence ≤ death, none after "today", age consistent with birth date. */
import { ageInYears, type IsoDate } from '../common/dates.ts';
import { finding, type CheckResult } from './check-result.ts';
import type { ParsedTumour } from './tumour-input.ts';

export function dateChecks(t: ParsedTumour, today: IsoDate): CheckResult[] {
  const out: CheckResult[] = [];
  const future: Array<[string, IsoDate | null]> = [['birth_date', t.birthDate], ['incidence_date', t.incidenceDate], ['death_date', t.deathDate]];
  for (const [field, date] of future) {
    if (date !== null && date > today) out.push(finding('dates.future', 'error', [field], `${field} ${date} is after today (${today})`, `${field} ${date}晚于今天（${today}）`));
  }
  if (t.birthDate !== null && t.incidenceDate !== null && t.incidenceDate < t.birthDate) {
    out.push(finding('dates.birth-incidence', 'error', ['birth_date', 'incidence_date'], `incidence date ${t.incidenceDate} is before the birth date ${t.birthDate}`, `发病日期${t.incidenceDate}早于出生日期${t.birthDate}`));
  }
  if (t.incidenceDate !== null && t.deathDate !== null && t.deathDate < t.incidenceDate) {
    out.push(finding('dates.incidence-death', 'error', ['incidence_date', 'death_date'], `death date ${t.deathDate} is before the incidence date ${t.incidenceDate}`, `死亡日期${t.deathDate}早于发病日期${t.incidenceDate}`));
  }
  if (t.birthDate !== null && t.deathDate !== null && t.deathDate < t.birthDate) {
    out.push(finding('dates.birth-death', 'error', ['birth_date', 'death_date'], `death date ${t.deathDate} is before the birth date ${t.birthDate}`, `死亡日期${t.deathDate}早于出生日期${t.birthDate}`));
  }
  if (t.birthDate !== null && t.incidenceDate !== null && t.age !== null && t.incidenceDate >= t.birthDate) {
    const computed = ageInYears(t.birthDate, t.incidenceDate);
    if (computed !== t.age) {
      out.push(finding('dates.age-mismatch', 'error', ['age', 'birth_date', 'incidence_date'], `age ${t.age} does not match the birth and incidence dates (${computed})`, `年龄${t.age}与出生日期和发病日期不符（应为${computed}）`));
    }
  }
  return out;
}

/** Age at incidence: from the dates when both are known, otherwise the age given. */
export function ageAtIncidence(t: ParsedTumour): number | null {
  if (t.birthDate !== null && t.incidenceDate !== null && t.incidenceDate >= t.birthDate) return ageInYears(t.birthDate, t.incidenceDate);
  return t.age;
}
