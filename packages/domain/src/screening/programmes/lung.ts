/**
 * Lung cancer screening with low-dose CT (LDCT) for the high-risk.
 * Sources: 《中国肺癌筛查与早诊早治指南(2021,北京)》 (ages 50–74; high-risk definition; annual LDCT) and
 * ACR Lung-RADS v2022 (result categories 0, 1, 2, 3, 4A, 4B, 4X and their management intervals).
 */
import { GUIDELINES as G } from '../guidelines.ts';
import type { Answers, ProgrammeDefinition, RiskFacts } from '../types.ts';
import {
  category,
  choice,
  followUp,
  integer,
  num,
  SMOKING_OPTIONS,
  str,
  t,
  YEARS,
  yes,
  yesNo,
  type RiskVerdict,
} from './build.ts';

const SMOKERS = { question: 'smoking', equals: ['current', 'former'] } as const;

export const LUNG: ProgrammeDefinition = {
  code: 'lung',
  version: '2026.1',
  name: t('肺癌低剂量螺旋 CT 筛查', 'Lung cancer screening with low-dose CT'),
  guidelines: [G.lung2021, G.lungRads2022, G.urbanProgramme, G.tnm8],
  // cn-lung-2021 recommendation 1: screen people aged 50–74.
  eligibility: {
    minAge: 50,
    maxAge: 74,
    sex: null,
    requiresResidence: true,
    exclusions: ['prior_cancer', 'screened_within_interval', 'not_resident', 'severe_illness'],
  },
  questionnaire: {
    id: 'lung',
    version: '2021.1',
    questions: [
      choice('smoking', t('吸烟情况', 'Smoking'), SMOKING_OPTIONS),
      integer(
        'cigarettes_per_day',
        t('平均每天吸烟支数', 'Cigarettes a day on average'),
        1,
        100,
        t('支', 'cigarettes'),
        { when: SMOKERS },
      ),
      integer('smoking_years', t('累计吸烟年数', 'Years of smoking'), 1, 80, YEARS, { when: SMOKERS }),
      integer('years_since_quit', t('戒烟年数', 'Years since quitting'), 0, 80, YEARS, {
        when: { question: 'smoking', equals: ['former'] },
      }),
      integer(
        'passive_smoking_years',
        t('与吸烟者共同生活或工作的年数(被动吸烟)', 'Years living or working with smokers (second-hand smoke)'),
        0,
        80,
        YEARS,
      ),
      integer(
        'occupational_exposure_years',
        t(
          '石棉、铍、铀、氡等职业暴露年数',
          'Years of occupational exposure to asbestos, beryllium, uranium, radon and the like',
        ),
        0,
        60,
        YEARS,
      ),
      yesNo('family_history', t('一级亲属确诊过肺癌', 'A first-degree relative was diagnosed with lung cancer')),
    ],
  },
  exams: [
    {
      code: 'ldct',
      label: t('低剂量螺旋 CT', 'Low-dose CT'),
      clinical: true,
      offeredTo: 'high_risk',
      remoteReadable: true,
      // Lung-RADS v2022 categories and management (acr-lung-rads-2022); categories 3 and 4 are positive screens.
      categories: [
        category(
          '0',
          t('0 类: 不完整, 需补充影像或与旧片比较', 'Lung-RADS 0: incomplete, additional imaging or comparison needed'),
          true,
          followUp(
            'ldct',
            60,
            t('1–3 个月内补充 LDCT 或比较旧片', 'Additional LDCT or comparison within 1–3 months'),
            G.lungRads2022.id,
          ),
        ),
        category(
          '1',
          t('1 类: 阴性', 'Lung-RADS 1: negative'),
          false,
          followUp('routine_rescreen', 365, t('12 个月后年度 LDCT', 'Annual LDCT in 12 months'), G.lungRads2022.id),
        ),
        category(
          '2',
          t('2 类: 良性表现', 'Lung-RADS 2: benign appearance or behaviour'),
          false,
          followUp('routine_rescreen', 365, t('12 个月后年度 LDCT', 'Annual LDCT in 12 months'), G.lungRads2022.id),
        ),
        category(
          '3',
          t('3 类: 可能良性', 'Lung-RADS 3: probably benign'),
          true,
          followUp('ldct', 182, t('6 个月后复查 LDCT', 'LDCT in 6 months'), G.lungRads2022.id),
        ),
        category(
          '4A',
          t('4A 类: 可疑', 'Lung-RADS 4A: suspicious'),
          true,
          followUp(
            'ldct',
            91,
            t(
              '3 个月后复查 LDCT (实性成分 ≥ 8 mm 可考虑 PET/CT)',
              'LDCT in 3 months (PET/CT may be used with a solid component ≥ 8 mm)',
            ),
            G.lungRads2022.id,
          ),
        ),
        category(
          '4B',
          t('4B 类: 非常可疑', 'Lung-RADS 4B: very suspicious'),
          true,
          followUp(
            'diagnostic_workup',
            30,
            t('诊断性 CT、PET/CT 和/或活检, 30 天内', 'Diagnostic CT, PET/CT and/or tissue sampling within 30 days'),
            G.lungRads2022.id,
          ),
        ),
        category(
          '4X',
          t('4X 类: 具有其他可疑特征', 'Lung-RADS 4X: additional features increasing suspicion'),
          true,
          followUp(
            'diagnostic_workup',
            30,
            t('诊断性 CT、PET/CT 和/或活检, 30 天内', 'Diagnostic CT, PET/CT and/or tissue sampling within 30 days'),
            G.lungRads2022.id,
          ),
        ),
      ],
    },
  ],
  // cn-lung-2021: annual LDCT.
  rescreenIntervalMonths: 12,
  eligibilityGuidelines: [G.lung2021.id],
  riskRule: {
    description: t(
      '高危: 50–74 岁且满足任一条: 吸烟 ≥ 30 包年(包括戒烟不足 15 年); 被动吸烟 ≥ 20 年; 职业暴露 ≥ 1 年; 一级亲属确诊肺癌。评分为满足的条数。',
      'High-risk: aged 50–74 with any of — smoking ≥ 30 pack-years, still smoking or quit less than 15 years ago; second-hand smoke ≥ 20 years; occupational exposure ≥ 1 year; a first-degree relative with lung cancer. The score is the number of criteria met.',
    ),
    guidelines: [G.lung2021.id],
  },
  earlyDefinition: t(
    '早诊病例: 0–I 期肺癌(含原位腺癌、微浸润腺癌)。肺癌没有需筛查治疗的癌前病变, 故只计 0–I 期。',
    'Found early: stage 0–I lung cancer (adenocarcinoma in situ and minimally invasive adenocarcinoma included). Lung has no precancer the programme treats, so only stages 0–I count.',
  ),
};

/** Pack-years: packs of 20 a day times years smoked. */
export function packYears(answers: Answers): number {
  return (num(answers, 'cigarettes_per_day') / 20) * num(answers, 'smoking_years');
}

/**
 * Risk rule `lung@2021.1` (cn-lung-2021 recommendation 2): aged 50–74 and any of — smoking ≥ 30 pack-years, current
 * or quit within 15 years; second-hand smoke ≥ 20 years; occupational exposure ≥ 1 year; a first-degree relative
 * with lung cancer. Score: the number of those criteria met.
 */
export function lungRisk(answers: Answers, facts: RiskFacts): RiskVerdict {
  const reasons = [];
  const smoking = str(answers, 'smoking');
  const py = smoking === 'never' || smoking === null ? 0 : packYears(answers);
  const recent = smoking === 'current' || (smoking === 'former' && num(answers, 'years_since_quit') < 15);
  if (py >= 30 && recent) {
    reasons.push(
      t(
        `吸烟 ${py.toFixed(1)} 包年(≥ 30), ${smoking === 'current' ? '仍在吸烟' : '戒烟不足 15 年'}`,
        `${py.toFixed(1)} pack-years (≥ 30), ${smoking === 'current' ? 'still smoking' : 'quit less than 15 years ago'}`,
      ),
    );
  }
  if (num(answers, 'passive_smoking_years') >= 20)
    reasons.push(t('被动吸烟 ≥ 20 年', 'second-hand smoke for 20 years or more'));
  if (num(answers, 'occupational_exposure_years') >= 1)
    reasons.push(t('职业暴露 ≥ 1 年', 'occupational exposure for a year or more'));
  if (yes(answers, 'family_history')) reasons.push(t('一级亲属患肺癌', 'first-degree relative with lung cancer'));
  const score = reasons.length;
  const inAge = facts.ageYears >= 50 && facts.ageYears <= 74;
  const highRisk = inAge && score > 0;
  if (!highRisk) {
    reasons.push(score > 0 ? t('年龄不在 50–74 岁', 'not aged 50–74') : t('无高危因素', 'no high-risk criterion met'));
  }
  return { highRisk, score, reasons };
}
