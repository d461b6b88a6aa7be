/**
 * Liver cancer screening: alpha-fetoprotein (AFP) and abdominal ultrasound every 6 months for the high-risk.
 * Sources: 《原发性肝癌诊疗指南(2024年版)》 (high-risk people: HBV and/or HCV infection, cirrhosis of any cause,
 * excessive alcohol, MASLD/NASH, family history, especially men over 40; AFP + ultrasound every 6 months; AFP ≥ 400
 * and nodules ≥ 1 cm go to multiphase CT/MRI); 《原发性肝癌的分层筛查与监测指南(2020版)》; 城市癌症早诊早治项目.
 */
import { GUIDELINES as G } from '../guidelines.ts';
import type { Answers, ProgrammeDefinition, RiskFacts } from '../types.ts';
import { category, choice, followUp, POS_NEG_UNKNOWN, str, t, yes, yesNo, type RiskVerdict } from './build.ts';

export const LIVER: ProgrammeDefinition = {
  code: 'liver',
  version: '2026.1',
  name: t('肝癌筛查', 'Liver cancer screening'),
  guidelines: [G.liver2024, G.liverScreening2020, G.urbanProgramme, G.tnm8],
  // cn-liver-screening-2020 / urban programme: adults 40–74 (men over 40 are the guideline's main high-risk group).
  eligibility: {
    minAge: 40,
    maxAge: 74,
    sex: null,
    requiresResidence: true,
    exclusions: ['prior_cancer', 'not_resident', 'severe_illness'],
  },
  questionnaire: {
    id: 'liver',
    version: '2024.1',
    questions: [
      choice('hbsag', t('乙肝表面抗原(HBsAg)', 'Hepatitis B surface antigen (HBsAg)'), POS_NEG_UNKNOWN),
      choice('anti_hcv', t('丙肝抗体(抗-HCV)', 'Hepatitis C antibody (anti-HCV)'), POS_NEG_UNKNOWN),
      yesNo('cirrhosis', t('已诊断肝硬化', 'Diagnosed with cirrhosis')),
      yesNo(
        'heavy_drinking',
        t(
          '长期过量饮酒(男性每天酒精 ≥ 40 g, 女性 ≥ 20 g, 5 年以上)',
          'Long-term excess alcohol (men ≥ 40 g, women ≥ 20 g a day for 5 years or more)',
        ),
      ),
      yesNo(
        'fatty_liver',
        t('代谢相关脂肪性肝病/脂肪性肝炎', 'Metabolic dysfunction-associated fatty liver disease / steatohepatitis'),
      ),
      yesNo('family_history', t('一级亲属患过肝癌', 'A first-degree relative had liver cancer')),
    ],
  },
  exams: [
    {
      code: 'afp',
      label: t('血清甲胎蛋白(AFP)', 'Serum alpha-fetoprotein (AFP)'),
      clinical: true,
      offeredTo: 'high_risk',
      remoteReadable: false,
      categories: [
        category(
          'normal',
          t('< 20 ng/mL', '< 20 ng/mL'),
          false,
          followUp('routine_rescreen', 182, t('6 个月后 AFP + 超声', 'AFP and ultrasound in 6 months'), G.liver2024.id),
        ),
        category(
          'elevated',
          t('20–399 ng/mL', '20–399 ng/mL'),
          true,
          followUp(
            'afp_ultrasound',
            60,
            t('2 个月内复查 AFP 和超声, 动态观察', 'Repeat AFP and ultrasound within 2 months'),
            G.liver2024.id,
          ),
        ),
        category(
          'high',
          t('≥ 400 ng/mL', '≥ 400 ng/mL'),
          true,
          followUp(
            'diagnostic_workup',
            14,
            t('14 天内动态增强 CT/MRI', 'Multiphase contrast CT or MRI within 14 days'),
            G.liver2024.id,
          ),
        ),
      ],
    },
    {
      code: 'ultrasound',
      label: t('肝脏超声', 'Liver ultrasound'),
      clinical: true,
      offeredTo: 'high_risk',
      remoteReadable: true,
      categories: [
        category(
          'normal',
          t('未见异常', 'Normal'),
          false,
          followUp('routine_rescreen', 182, t('6 个月后 AFP + 超声', 'AFP and ultrasound in 6 months'), G.liver2024.id),
        ),
        category(
          'benign',
          t('良性病变(囊肿、血管瘤等)', 'Benign lesion (cyst, haemangioma)'),
          false,
          followUp('routine_rescreen', 182, t('6 个月后 AFP + 超声', 'AFP and ultrasound in 6 months'), G.liver2024.id),
        ),
        category(
          'nodule_lt_1cm',
          t('结节 < 1 cm', 'Nodule < 1 cm'),
          true,
          followUp('ultrasound', 91, t('3 个月后复查超声', 'Ultrasound again in 3 months'), G.liver2024.id),
        ),
        category(
          'nodule_ge_1cm',
          t('结节 ≥ 1 cm', 'Nodule ≥ 1 cm'),
          true,
          followUp(
            'diagnostic_workup',
            14,
            t('14 天内动态增强 CT/MRI', 'Multiphase contrast CT or MRI within 14 days'),
            G.liver2024.id,
          ),
        ),
      ],
    },
  ],
  // cn-liver-2024: AFP and ultrasound every 6 months for the high-risk.
  rescreenIntervalMonths: 6,
  eligibilityGuidelines: [G.liverScreening2020.id, G.urbanProgramme.id],
  riskRule: {
    description: t(
      '高危: 乙肝表面抗原阳性、丙肝抗体阳性或肝硬化; 或有长期过量饮酒、脂肪性肝病、肝癌家族史之一的男性或 50 岁及以上女性。评分: 乙肝 3, 丙肝 3, 肝硬化 4, 其余各 1。',
      'High-risk: HBsAg positive, anti-HCV positive or cirrhosis; or, for men and for women aged 50 or more, any of long-term excess alcohol, fatty liver disease or a family history of liver cancer. Score: HBV 3, HCV 3, cirrhosis 4, others 1 each.',
    ),
    guidelines: [G.liver2024.id],
  },
  earlyDefinition: t(
    '早诊病例: I 期肝癌(TNM IA/IB, 大致对应中国肝癌分期 CNLC Ia/Ib)。异型增生结节不作为癌前病变计入。',
    'Found early: stage I liver cancer (TNM IA/IB, roughly China liver cancer staging CNLC Ia/Ib). Dysplastic nodules are not counted as a precancer.',
  ),
};

/**
 * Risk rule `liver@2024.1` (cn-liver-2024 §2.1): high-risk with HBsAg or anti-HCV positive or cirrhosis; or with
 * excess alcohol, fatty liver disease or a family history of liver cancer in a man (40 or older, as the programme
 * invites) or a woman aged 50 or more. Score: HBV 3, HCV 3, cirrhosis 4, each other factor 1.
 */
export function liverRisk(answers: Answers, facts: RiskFacts): RiskVerdict {
  const reasons = [];
  let score = 0;
  let major = false;
  let minor = 0;
  if (str(answers, 'hbsag') === 'positive') {
    score += 3;
    major = true;
    reasons.push(t('乙肝病毒感染(HBsAg 阳性)', 'hepatitis B infection (HBsAg positive)'));
  }
  if (str(answers, 'anti_hcv') === 'positive') {
    score += 3;
    major = true;
    reasons.push(t('丙肝病毒感染(抗-HCV 阳性)', 'hepatitis C infection (anti-HCV positive)'));
  }
  if (yes(answers, 'cirrhosis')) {
    score += 4;
    major = true;
    reasons.push(t('肝硬化', 'cirrhosis'));
  }
  for (const [id, zh, en] of [
    ['heavy_drinking', '长期过量饮酒', 'excess alcohol'],
    ['fatty_liver', '脂肪性肝病', 'fatty liver disease'],
    ['family_history', '肝癌家族史', 'family history of liver cancer'],
  ] as const) {
    if (!yes(answers, id)) continue;
    score += 1;
    minor += 1;
    reasons.push(t(zh, en));
  }
  const olderOrMale = facts.sex === 1 || facts.ageYears >= 50;
  const highRisk = major || (minor > 0 && olderOrMale);
  if (!highRisk) {
    reasons.push(
      minor > 0
        ? t('仅有次要危险因素, 且为 50 岁以下女性', 'only minor risk factors, in a woman younger than 50')
        : t('无乙肝、丙肝、肝硬化或其他危险因素', 'no hepatitis B or C, cirrhosis or other risk factor'),
    );
  }
  return { highRisk, score, reasons };
}
