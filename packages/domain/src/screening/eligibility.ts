import { ageInYears, daysInMonth, type IsoDate, ymd } from '../common/dates.ts';
import { t } from './programmes/build.ts';
import type { EligibilityDecision, ExclusionCode, EligibilityFacts, ProgrammeDefinition } from './types.ts';

/** `date` plus whole months, the day clamped to the month's end (2024-01-31 + 1 month = 2024-02-29). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = ymd(date);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const day = Math.min(d, daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

type Reason = EligibilityDecision['reasons'][number];

/**
 * Whether a person may be invited on `onDate`: age within the programme's range on that day, the programme's sex,
 * residence known when required (the campaign checks the catchment itself), and none of the programme's exclusions
 * (prior cancer, a screen within the rescreening interval, pregnancy or severe illness known at check-in).
 */
export function checkEligibility(
  def: ProgrammeDefinition,
  facts: EligibilityFacts,
  onDate: IsoDate,
): EligibilityDecision {
  const rule = def.eligibility;
  const reasons: Reason[] = [];
  const excluded = (code: ExclusionCode): boolean => rule.exclusions.includes(code);
  if (facts.birthDate === null) {
    reasons.push({
      code: 'age',
      text: t('出生日期不详, 无法判断年龄', 'date of birth unknown, age cannot be checked'),
    });
  } else {
    const age = ageInYears(facts.birthDate, onDate);
    if (age < rule.minAge || age > rule.maxAge) {
      reasons.push({
        code: 'age',
        text: t(
          `年龄 ${age} 岁, 不在 ${rule.minAge}–${rule.maxAge} 岁`,
          `aged ${age}, not ${rule.minAge}–${rule.maxAge}`,
        ),
      });
    }
  }
  if (rule.sex !== null && facts.sex !== rule.sex) {
    reasons.push({
      code: 'sex',
      text:
        rule.sex === 2
          ? t('本项目仅筛查女性', 'this programme screens women only')
          : t('本项目仅筛查男性', 'this programme screens men only'),
    });
  }
  if (rule.requiresResidence && excluded('not_resident') && facts.residenceDivision === null) {
    reasons.push({ code: 'not_resident', text: t('无常住地址', 'no known residence') });
  }
  if (excluded('prior_cancer') && facts.priorCancer) {
    reasons.push({ code: 'prior_cancer', text: t('既往患恶性肿瘤', 'has had cancer before') });
  }
  if (excluded('screened_within_interval') && facts.lastScreenedOn !== null) {
    const due = addMonths(facts.lastScreenedOn, def.rescreenIntervalMonths);
    if (onDate < due) {
      reasons.push({
        code: 'screened_within_interval',
        text: t(
          `${facts.lastScreenedOn} 已筛查, ${due} 起再筛`,
          `screened on ${facts.lastScreenedOn}, due again from ${due}`,
        ),
      });
    }
  }
  if (excluded('pregnant') && facts.pregnant === true)
    reasons.push({ code: 'pregnant', text: t('妊娠期', 'pregnant') });
  if (excluded('severe_illness') && facts.severeIllness === true) {
    reasons.push({ code: 'severe_illness', text: t('患严重疾病, 不宜筛查', 'severely ill, not fit for screening') });
  }
  return { eligible: reasons.length === 0, reasons };
}
