/**
 * Colorectal cancer screening: risk questionnaire plus faecal immunochemical test (FIT) for everyone taking part;
 * colonoscopy for the high-risk and for FIT positives.
 * Sources: 《中国结直肠癌筛查与早诊早治指南(2020,北京)》 (ages 40–74 for risk assessment and screening, FIT every
 * year, colonoscopy for positives, the Asia-Pacific Colorectal Screening score and the Chinese high-risk factor
 * questionnaire); 城市癌症早诊早治项目.
 */
import { GUIDELINES as G } from '../guidelines.ts';
import type { Answers, ProgrammeDefinition, RiskFacts } from '../types.ts';
import { category, choice, followUp, SMOKING_OPTIONS, str, t, yes, yesNo, type RiskVerdict } from './build.ts';

export const COLORECTAL: ProgrammeDefinition = {
  code: 'colorectal',
  version: '2026.1',
  name: t('结直肠癌筛查', 'Colorectal cancer screening'),
  guidelines: [G.colorectal2020, G.urbanProgramme, G.tnm8],
  // cn-colorectal-2020: risk assessment from 40, screening to 74 (not recommended from 75 on).
  eligibility: {
    minAge: 40,
    maxAge: 74,
    sex: null,
    requiresResidence: true,
    exclusions: ['prior_cancer', 'screened_within_interval', 'not_resident', 'severe_illness'],
  },
  questionnaire: {
    id: 'colorectal',
    version: '2020.1',
    questions: [
      // The Chinese high-risk factor questionnaire (cn-colorectal-2020 §4) and APCS items.
      yesNo('family_history', t('一级亲属患过结直肠癌', 'A first-degree relative had colorectal cancer')),
      yesNo('polyp_history', t('本人有结直肠息肉史', 'Had colorectal polyps')),
      yesNo(
        'chronic_constipation',
        t('慢性便秘(近 2 年每年便秘 2 个月以上)', 'Chronic constipation (2 months or more a year in the past 2 years)'),
      ),
      yesNo(
        'chronic_diarrhoea',
        t(
          '慢性腹泻(近 2 年腹泻累计 3 个月以上, 每次 1 周以上)',
          'Chronic diarrhoea (3 months or more in the past 2 years, each episode over a week)',
        ),
      ),
      yesNo('mucus_blood_stool', t('黏液血便', 'Mucus or blood in the stool')),
      yesNo(
        'adverse_life_events',
        t('近 20 年有造成较大精神创伤的不良生活事件', 'A life event in the past 20 years that caused severe distress'),
      ),
      yesNo('appendicitis_history', t('慢性阑尾炎或阑尾切除史', 'Chronic appendicitis or appendectomy')),
      yesNo('cholecystitis_history', t('慢性胆囊炎或胆囊切除史', 'Chronic cholecystitis or cholecystectomy')),
      choice('smoking', t('吸烟情况', 'Smoking'), SMOKING_OPTIONS),
    ],
  },
  exams: [
    {
      code: 'fit',
      label: t('粪便免疫化学检测(FIT)', 'Faecal immunochemical test (FIT)'),
      clinical: false,
      offeredTo: 'all',
      remoteReadable: false,
      categories: [
        category(
          'negative',
          t('阴性', 'Negative'),
          false,
          followUp('routine_rescreen', 365, t('每年 1 次 FIT', 'FIT again in a year'), G.colorectal2020.id),
        ),
        // cn-colorectal-2020: FIT positives go on to colonoscopy; the programme sets 30 days (configurable).
        category(
          'positive',
          t('阳性', 'Positive'),
          true,
          followUp('colonoscopy', 30, t('30 天内结肠镜检查', 'Colonoscopy within 30 days'), G.colorectal2020.id),
        ),
      ],
    },
    {
      code: 'colonoscopy',
      label: t('结肠镜', 'Colonoscopy'),
      clinical: true,
      offeredTo: 'high_risk',
      remoteReadable: false,
      categories: [
        category(
          'normal',
          t('未见异常', 'Normal'),
          false,
          followUp(
            'routine_rescreen',
            10 * 365,
            t('10 年后再次结肠镜(期间每年 FIT)', 'Colonoscopy again in 10 years (yearly FIT meanwhile)'),
            G.colorectal2020.id,
          ),
        ),
        category(
          'non_advanced_adenoma',
          t('非进展期腺瘤', 'Non-advanced adenoma'),
          false,
          followUp(
            'routine_rescreen',
            3 * 365,
            t('切除后 3 年复查结肠镜', 'Colonoscopy 3 years after removal'),
            G.colorectal2020.id,
          ),
        ),
        category(
          'advanced_adenoma',
          t(
            '进展期腺瘤(≥ 10 mm、绒毛状或高级别上皮内瘤变)',
            'Advanced adenoma (≥ 10 mm, villous or high-grade dysplasia)',
          ),
          true,
          followUp(
            'biopsy',
            30,
            t('30 天内内镜下切除及病理', 'Endoscopic resection and pathology within 30 days'),
            G.colorectal2020.id,
          ),
        ),
        category(
          'cancer_suspected',
          t('可疑癌', 'Suspected cancer'),
          true,
          followUp(
            'diagnostic_workup',
            14,
            t('14 天内病理确诊和分期', 'Pathological confirmation and staging within 14 days'),
            G.colorectal2020.id,
          ),
        ),
      ],
    },
  ],
  // cn-colorectal-2020: FIT every year.
  rescreenIntervalMonths: 12,
  eligibilityGuidelines: [G.colorectal2020.id],
  riskRule: {
    description: t(
      '高危: 一级亲属患结直肠癌; 或本人有结直肠息肉史; 或高危因素问卷 6 项(慢性便秘、慢性腹泻、黏液血便、不良生活事件、慢性阑尾炎/阑尾切除、慢性胆囊炎/胆囊切除)中 ≥ 2 项; 或亚太结直肠癌筛查评分(APCS) ≥ 4。评分为 APCS。FIT 阳性者无论问卷结果均转结肠镜。',
      'High-risk: a first-degree relative with colorectal cancer; or own colorectal polyps; or 2 or more of the 6 questionnaire items (chronic constipation, chronic diarrhoea, mucus/blood in stool, distressing life event, appendicitis/appendectomy, cholecystitis/cholecystectomy); or an Asia-Pacific Colorectal Screening score of 4 or more. The score is the APCS. FIT positives go to colonoscopy whatever the questionnaire says.',
    ),
    guidelines: [G.colorectal2020.id, G.urbanProgramme.id],
  },
  earlyDefinition: t(
    '早诊病例: 0–I 期结直肠癌。进展期腺瘤作为癌前病变单独统计(检出率), 不计入早诊率, 以便早诊率与肿瘤登记的分期分布可比。',
    'Found early: stage 0–I colorectal cancer. Advanced adenomas are counted apart as precancer (detected, not "early"), so the early-diagnosis rate stays comparable with the registry stage distribution.',
  ),
};

/** Asia-Pacific Colorectal Screening score (cn-colorectal-2020): age 50–69 → 2, ≥ 70 → 3; male 1; family 2; smoking 1. */
export function apcsScore(answers: Answers, facts: RiskFacts): number {
  const age = facts.ageYears >= 70 ? 3 : facts.ageYears >= 50 ? 2 : 0;
  const smoking = str(answers, 'smoking');
  return (
    age +
    (facts.sex === 1 ? 1 : 0) +
    (yes(answers, 'family_history') ? 2 : 0) +
    (smoking === 'current' || smoking === 'former' ? 1 : 0)
  );
}

const SYMPTOMS = [
  ['chronic_constipation', '慢性便秘', 'chronic constipation'],
  ['chronic_diarrhoea', '慢性腹泻', 'chronic diarrhoea'],
  ['mucus_blood_stool', '黏液血便', 'mucus or blood in the stool'],
  ['adverse_life_events', '不良生活事件史', 'distressing life event'],
  ['appendicitis_history', '慢性阑尾炎或阑尾切除史', 'appendicitis or appendectomy'],
  ['cholecystitis_history', '慢性胆囊炎或胆囊切除史', 'cholecystitis or cholecystectomy'],
] as const;

/**
 * Risk rule `colorectal@2020.1` (cn-colorectal-2020): high-risk when a first-degree relative had colorectal cancer,
 * or the person had colorectal polyps, or two or more of the six items of the high-risk factor questionnaire, or an
 * APCS score of 4 or more. The score reported is the APCS score.
 */
export function colorectalRisk(answers: Answers, facts: RiskFacts): RiskVerdict {
  const reasons = [];
  if (yes(answers, 'family_history'))
    reasons.push(t('一级亲属患结直肠癌', 'first-degree relative with colorectal cancer'));
  if (yes(answers, 'polyp_history')) reasons.push(t('结直肠息肉史', 'history of colorectal polyps'));
  const symptoms = SYMPTOMS.filter(([id]) => yes(answers, id));
  if (symptoms.length >= 2) {
    reasons.push(
      t(
        `高危因素问卷 ${symptoms.length} 项: ${symptoms.map(([, zh]) => zh).join('、')}`,
        `${symptoms.length} questionnaire items: ${symptoms.map(([, , en]) => en).join(', ')}`,
      ),
    );
  }
  const score = apcsScore(answers, facts);
  if (score >= 4) reasons.push(t(`APCS 评分 ${score} (≥ 4)`, `APCS score ${score} (≥ 4)`));
  const highRisk = reasons.length > 0;
  if (!highRisk) {
    reasons.push(
      t(
        `无一级亲属史或息肉史, 问卷 ${symptoms.length} 项(需 ≥ 2), APCS ${score} (需 ≥ 4)`,
        `no family or polyp history, ${symptoms.length} questionnaire item(s) (2 needed), APCS ${score} (4 needed)`,
      ),
    );
  }
  return { highRisk, score, reasons };
}
