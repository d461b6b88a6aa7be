import { t } from './programmes/build.ts';
import type { IndicatorDefinition, IndicatorValue, ScreeningTally } from './types.ts';

const pct = t('%', '%');

/**
 * The screening indicators of the issue, each with one definition: numerator and denominator are fields of the
 * tally (sums of `participantFlags`), shown on hover in the web app. Definitions follow the urban programme's
 * quality indicators (参加率, 高危率, 临床筛查依从率, 阳性率, 检出率, 早诊率, 随访完成率).
 */
export const INDICATORS: readonly IndicatorDefinition[] = [
  {
    id: 'participation_rate',
    label: t('参与率', 'Participation rate'),
    numerator: {
      field: 'participated',
      label: t('参与者(签到、问卷或检查)', 'participants (checked in, questionnaire or exam)'),
    },
    denominator: { field: 'invited', label: t('受邀者', 'people invited') },
    scale: 100,
    unit: pct,
  },
  {
    id: 'high_risk_rate',
    label: t('问卷高危率', 'High-risk rate (questionnaire)'),
    numerator: { field: 'highRisk', label: t('评估为高危者', 'assessed high-risk') },
    denominator: { field: 'questionnaireDone', label: t('完成问卷者', 'questionnaires completed') },
    scale: 100,
    unit: pct,
  },
  {
    id: 'clinical_compliance',
    label: t('高危人群临床筛查依从率', 'Clinical screening compliance of the high-risk'),
    numerator: {
      field: 'highRiskClinicallyScreened',
      label: t('接受临床筛查的高危者', 'high-risk people clinically screened'),
    },
    denominator: { field: 'highRisk', label: t('高危者', 'high-risk people') },
    scale: 100,
    unit: pct,
  },
  {
    id: 'positivity_rate',
    label: t('阳性率', 'Positivity rate'),
    numerator: { field: 'positive', label: t('结果阳性者', 'people with a positive result') },
    denominator: { field: 'screened', label: t('接受筛查检查者', 'people screened') },
    scale: 100,
    unit: pct,
  },
  {
    id: 'detection_rate',
    label: t('检出率(每千人)', 'Detection rate (per 1,000 screened)'),
    numerator: {
      field: 'cancer',
      label: t(
        '筛查检出病例(癌; 上消化道和宫颈含高级别病变)',
        'screen-detected cases (cancers; in upper GI and cervical screening also high-grade precancer)',
      ),
    },
    denominator: { field: 'screened', label: t('接受筛查检查者', 'people screened') },
    scale: 1000,
    unit: t('‰', 'per 1,000'),
  },
  {
    id: 'early_diagnosis_rate',
    label: t('早诊率', 'Early-diagnosis rate'),
    numerator: { field: 'early', label: t('早期病例(按项目定义)', 'cases found early (as the programme defines)') },
    denominator: { field: 'cancer', label: t('筛查检出病例', 'screen-detected cases') },
    scale: 100,
    unit: pct,
  },
  {
    id: 'follow_up_completion',
    label: t('随访完成率', 'Follow-up completion'),
    numerator: { field: 'followUpDone', label: t('完成诊断随访的阳性者', 'positives with a follow-up outcome') },
    denominator: { field: 'positive', label: t('结果阳性者', 'people with a positive result') },
    scale: 100,
    unit: pct,
  },
  {
    id: 'days_positive_to_diagnosis',
    label: t('阳性至确诊平均天数', 'Mean days from positive result to diagnosis'),
    numerator: {
      field: 'daysPositiveToDiagnosisSum',
      label: t('阳性至确诊天数之和', 'sum of days from positive result to diagnosis'),
    },
    denominator: { field: 'daysPositiveToDiagnosisCount', label: t('已确诊的阳性者', 'positives with a diagnosis') },
    scale: 1,
    unit: t('天', 'days'),
  },
];

/** z for a two-sided 95 % interval: the 0.975 quantile of the standard normal. */
const Z95 = 1.959963984540054;

/**
 * Wilson score interval for a binomial proportion x/n without continuity correction (Wilson 1927; Newcombe 1998,
 * method 3; R `prop.test(x, n, correct = FALSE)$conf.int`). Bounds clamp to [0, 1]; null for n = 0.
 */
export function wilsonInterval(x: number, n: number, z = Z95): { lower: number; upper: number } | null {
  if (n <= 0) return null;
  const p = x / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { lower: Math.max(0, centre - half), upper: Math.min(1, centre + half) };
}

/** Every indicator of a tally: value = numerator / denominator × scale; Wilson 95 % interval for proportions. */
export function computeIndicators(tally: ScreeningTally): IndicatorValue[] {
  return INDICATORS.map((def) => {
    const numerator = tally[def.numerator.field];
    const denominator = tally[def.denominator.field];
    if (denominator <= 0) return { id: def.id, numerator, denominator, value: null, lower: null, upper: null };
    const value = (numerator / denominator) * def.scale;
    if (def.scale === 1) return { id: def.id, numerator, denominator, value, lower: null, upper: null };
    const ci = wilsonInterval(numerator, denominator);
    return {
      id: def.id,
      numerator,
      denominator,
      value,
      lower: ci ? ci.lower * def.scale : null,
      upper: ci ? ci.upper * def.scale : null,
    };
  });
}
