/**
 * Breast cancer screening for women: ultrasound for everyone taking part, mammography added for the high-risk.
 * Sources: 《中国女性乳腺癌筛查指南(2022年版)》 (general-risk women 45–70 every 1–2 years with ultrasound, the
 * high-risk from 40 yearly with ultrasound and mammography; the high-risk definition); ACR BI-RADS 5th edition
 * (categories 0–6 and management); 城市癌症早诊早治项目 (questionnaire scoring of reproductive factors).
 */
import { GUIDELINES as G } from '../guidelines.ts';
import type { Answers, ProgrammeDefinition, RiskFacts } from '../types.ts';
import { category, choice, followUp, integer, num, opt, str, t, YEARS, yes, yesNo, type RiskVerdict } from './build.ts';

const BIRADS = (guideline: string) => [
  category(
    '0',
    t('BI-RADS 0: 评估不完全, 需其他影像', 'BI-RADS 0: incomplete, needs additional imaging'),
    true,
    followUp(
      'mammography',
      30,
      t('30 天内补充乳腺 X 线或其他影像', 'Additional imaging (mammography) within 30 days'),
      guideline,
    ),
  ),
  category(
    '1',
    t('BI-RADS 1: 阴性', 'BI-RADS 1: negative'),
    false,
    followUp('routine_rescreen', 730, t('1–2 年后常规筛查', 'Routine screening in 1–2 years'), guideline),
  ),
  category(
    '2',
    t('BI-RADS 2: 良性', 'BI-RADS 2: benign'),
    false,
    followUp('routine_rescreen', 730, t('1–2 年后常规筛查', 'Routine screening in 1–2 years'), guideline),
  ),
  category(
    '3',
    t('BI-RADS 3: 可能良性', 'BI-RADS 3: probably benign'),
    true,
    followUp('ultrasound', 182, t('6 个月后短期复查', 'Short-interval follow-up in 6 months'), guideline),
  ),
  category(
    '4A',
    t('BI-RADS 4A: 低度可疑恶性', 'BI-RADS 4A: low suspicion of malignancy'),
    true,
    followUp('biopsy', 30, t('30 天内组织活检', 'Tissue biopsy within 30 days'), guideline),
  ),
  category(
    '4B',
    t('BI-RADS 4B: 中度可疑恶性', 'BI-RADS 4B: moderate suspicion of malignancy'),
    true,
    followUp('biopsy', 14, t('14 天内组织活检', 'Tissue biopsy within 14 days'), guideline),
  ),
  category(
    '4C',
    t('BI-RADS 4C: 高度可疑恶性', 'BI-RADS 4C: high suspicion of malignancy'),
    true,
    followUp('biopsy', 14, t('14 天内组织活检', 'Tissue biopsy within 14 days'), guideline),
  ),
  category(
    '5',
    t('BI-RADS 5: 高度提示恶性', 'BI-RADS 5: highly suggestive of malignancy'),
    true,
    followUp('biopsy', 14, t('14 天内组织活检', 'Tissue biopsy within 14 days'), guideline),
  ),
  category(
    '6',
    t('BI-RADS 6: 已活检证实恶性', 'BI-RADS 6: known biopsy-proven malignancy'),
    true,
    followUp('diagnostic_workup', 14, t('14 天内转诊治疗', 'Referral for treatment within 14 days'), guideline),
  ),
];

export const BREAST: ProgrammeDefinition = {
  code: 'breast',
  version: '2026.1',
  name: t('女性乳腺癌筛查', 'Breast cancer screening for women'),
  guidelines: [G.breast2022, G.biRads, G.urbanProgramme, G.tnm8],
  // cn-breast-2022: high-risk women from 40, general-risk women 45–70; the programme invites women 40–70.
  eligibility: {
    minAge: 40,
    maxAge: 70,
    sex: 2,
    requiresResidence: true,
    exclusions: ['prior_cancer', 'screened_within_interval', 'not_resident', 'pregnant', 'severe_illness'],
  },
  questionnaire: {
    id: 'breast',
    version: '2022.1',
    questions: [
      yesNo('family_history', t('一级亲属患乳腺癌或卵巢癌', 'A first-degree relative had breast or ovarian cancer')),
      choice(
        'brca',
        t('本人或一级亲属 BRCA1/2 致病突变', 'Pathogenic BRCA1/2 variant in herself or a first-degree relative'),
        [
          opt('carrier', '有', 'yes'),
          opt('not_carrier', '无', 'no'),
          opt('unknown', '不知道/未检测', 'unknown / not tested'),
        ],
      ),
      yesNo(
        'atypical_hyperplasia',
        t('既往乳腺不典型增生或小叶原位癌', 'Previous atypical hyperplasia or lobular carcinoma in situ'),
      ),
      yesNo('chest_radiotherapy', t('30 岁前接受过胸部放疗', 'Chest radiotherapy before age 30')),
      integer('menarche_age', t('初潮年龄', 'Age at menarche'), 8, 20, YEARS),
      choice('menopause', t('绝经情况', 'Menopause'), [
        opt('pre', '未绝经', 'premenopausal'),
        opt('post', '已绝经', 'postmenopausal'),
      ]),
      integer('menopause_age', t('绝经年龄', 'Age at menopause'), 30, 65, YEARS, {
        when: { question: 'menopause', equals: ['post'] },
      }),
      choice('first_birth', t('生育情况', 'Childbirth'), [
        opt('nulliparous', '未生育', 'no births'),
        opt('before_30', '30 岁前首次生育', 'first birth before 30'),
        opt('at_30_or_later', '30 岁及以后首次生育', 'first birth at 30 or later'),
      ]),
      yesNo('breastfed', t('曾哺乳', 'Ever breastfed')),
      integer('hrt_years', t('绝经后激素替代治疗年数', 'Years of menopausal hormone therapy'), 0, 40, YEARS, {
        required: false,
      }),
    ],
  },
  exams: [
    {
      code: 'ultrasound',
      label: t('乳腺超声', 'Breast ultrasound'),
      clinical: true,
      offeredTo: 'all',
      remoteReadable: true,
      categories: BIRADS(G.biRads.id),
    },
    {
      code: 'mammography',
      label: t('乳腺 X 线摄影', 'Mammography'),
      clinical: true,
      offeredTo: 'high_risk',
      remoteReadable: true,
      categories: BIRADS(G.biRads.id),
    },
  ],
  // cn-breast-2022: general-risk women every 1–2 years; the programme default is 2 years.
  rescreenIntervalMonths: 24,
  eligibilityGuidelines: [G.breast2022.id],
  riskRule: {
    description: t(
      '高危: 一级亲属乳腺癌或卵巢癌、BRCA1/2 致病突变、不典型增生或小叶原位癌史、30 岁前胸部放疗之一; 或生育与激素因素 ≥ 2 项(初潮 < 12 岁、绝经 ≥ 55 岁、未生育或首次生育 ≥ 30 岁、未哺乳、激素替代治疗 ≥ 5 年、年龄 ≥ 55 岁)。高危者加做乳腺 X 线摄影。',
      'High-risk: any of a first-degree relative with breast or ovarian cancer, a BRCA1/2 pathogenic variant, atypical hyperplasia or LCIS, chest radiotherapy before 30; or 2 or more reproductive/hormonal factors (menarche before 12, menopause at 55 or later, no births or first birth at 30 or later, never breastfed, hormone therapy 5 years or more, aged 55 or more). The high-risk also have mammography.',
    ),
    guidelines: [G.breast2022.id, G.urbanProgramme.id],
  },
  earlyDefinition: t(
    '早诊病例: 0–I 期乳腺癌(含导管原位癌)。不典型增生不计为早诊病例。依据国家两癌筛查项目的早诊率定义。',
    'Found early: stage 0–I breast cancer (ductal carcinoma in situ included). Atypical hyperplasia is not counted. As the national breast screening programme defines its early-diagnosis rate.',
  ),
};

/**
 * Risk rule `breast@2022.1`: high-risk with any of cn-breast-2022's high-risk criteria — first-degree relative with
 * breast or ovarian cancer, BRCA1/2 pathogenic variant, atypical hyperplasia or LCIS, chest radiotherapy before 30 —
 * or, after the urban programme's questionnaire, 2 or more reproductive and hormonal factors (menarche before 12,
 * menopause at 55 or later, no births or first birth at 30 or later, never breastfed, hormone therapy 5 years or
 * more, age 55 or more). Score: 3 per criterion, 1 per factor.
 */
export function breastRisk(answers: Answers, facts: RiskFacts): RiskVerdict {
  const reasons = [];
  let score = 0;
  let major = 0;
  const criterion = (present: boolean, zh: string, en: string): void => {
    if (!present) return;
    major += 1;
    score += 3;
    reasons.push(t(zh, en));
  };
  criterion(
    yes(answers, 'family_history'),
    '一级亲属乳腺癌或卵巢癌',
    'first-degree relative with breast or ovarian cancer',
  );
  criterion(str(answers, 'brca') === 'carrier', 'BRCA1/2 致病突变', 'BRCA1/2 pathogenic variant');
  criterion(yes(answers, 'atypical_hyperplasia'), '不典型增生或小叶原位癌史', 'atypical hyperplasia or LCIS');
  criterion(yes(answers, 'chest_radiotherapy'), '30 岁前胸部放疗', 'chest radiotherapy before 30');
  const factors: [boolean, string, string][] = [
    [num(answers, 'menarche_age') > 0 && num(answers, 'menarche_age') < 12, '初潮 < 12 岁', 'menarche before 12'],
    [
      str(answers, 'menopause') === 'post' && num(answers, 'menopause_age') >= 55,
      '绝经 ≥ 55 岁',
      'menopause at 55 or later',
    ],
    [
      str(answers, 'first_birth') === 'nulliparous' || str(answers, 'first_birth') === 'at_30_or_later',
      '未生育或首次生育 ≥ 30 岁',
      'no births or first birth at 30 or later',
    ],
    [answers.breastfed === false, '未哺乳', 'never breastfed'],
    [num(answers, 'hrt_years') >= 5, '激素替代治疗 ≥ 5 年', 'hormone therapy 5 years or more'],
    [facts.ageYears >= 55, '年龄 ≥ 55 岁', 'aged 55 or more'],
  ];
  const present = factors.filter(([p]) => p);
  score += present.length;
  if (present.length >= 2 || (major > 0 && present.length > 0)) {
    for (const [, zh, en] of present) reasons.push(t(zh, en));
  }
  const highRisk = major > 0 || present.length >= 2;
  if (!highRisk) {
    reasons.push(
      t(
        `无高危病史, 生育和激素因素 ${present.length} 项(需 ≥ 2)`,
        `no high-risk history; ${present.length} reproductive/hormonal factor(s) (2 needed)`,
      ),
    );
  }
  return { highRisk, score, reasons };
}
