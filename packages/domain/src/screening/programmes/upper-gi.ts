/**
 * Upper gastrointestinal (oesophageal and gastric) cancer screening: risk questionnaire, then endoscopy with
 * Lugol's iodine chromoendoscopy and biopsy of suspicious areas for the high-risk.
 * Sources: NCC upper GI programme protocol and expert consensus (eligibility 40–69 in the programme's areas);
 * 《中国食管癌筛查与早诊早治指南(2022,北京)》 and 《中国胃癌筛查与早诊早治指南(2022,北京)》 (risk factors, age
 * ≥ 45 for the general high-risk definition, endoscopy every 5 years, LGIN surveillance);
 * 城市癌症早诊早治项目 (questionnaire → high-risk → clinical screening).
 */
import { GUIDELINES as G } from '../guidelines.ts';
import type { Answers, ProgrammeDefinition, RiskFacts } from '../types.ts';
import {
  category,
  choice,
  followUp,
  list,
  opt,
  POS_NEG_UNKNOWN,
  SMOKING_OPTIONS,
  str,
  t,
  yes,
  yesNo,
  type RiskVerdict,
} from './build.ts';

const FIVE_YEARS = 5 * 365;

export const UPPER_GI: ProgrammeDefinition = {
  code: 'upper_gi',
  version: '2026.1',
  name: t('上消化道癌(食管癌、胃癌)筛查', 'Upper GI (oesophageal and gastric) cancer screening'),
  guidelines: [G.ugiConsensus, G.oesophageal2022, G.gastric2022, G.urbanProgramme, G.tnm8],
  // NCC upper GI programme: residents aged 40–69 of the programme's areas; prior cancer excluded (cn-ugi-screening-consensus).
  eligibility: {
    minAge: 40,
    maxAge: 69,
    sex: null,
    requiresResidence: true,
    exclusions: ['prior_cancer', 'screened_within_interval', 'not_resident', 'severe_illness'],
  },
  questionnaire: {
    id: 'upper_gi',
    version: '2026.1',
    questions: [
      // Risk factors of cn-esophageal-2022 §3 and cn-gastric-2022 §3.
      yesNo(
        'family_history',
        t(
          '一级亲属(父母、兄弟姐妹、子女)患过食管癌或胃癌',
          'A first-degree relative (parent, sibling, child) had oesophageal or gastric cancer',
        ),
      ),
      yesNo(
        'high_incidence_area',
        t(
          '在食管癌/胃癌高发地区居住 10 年以上',
          'Lived 10 years or more in an area of high oesophageal / gastric cancer incidence',
        ),
      ),
      choice('smoking', t('吸烟情况', 'Smoking'), SMOKING_OPTIONS),
      yesNo(
        'heavy_drinking',
        t(
          '重度饮酒(每周饮酒 ≥ 3 次且每次白酒 ≥ 2 两)',
          'Heavy drinking (3 or more times a week, 100 ml or more of spirits each time)',
        ),
      ),
      yesNo('hot_food', t('喜食烫食、饮烫茶', 'Prefers very hot food or drinks')),
      yesNo('pickled_salty_food', t('常吃腌制、高盐或霉变食物', 'Often eats pickled, very salty or mouldy food')),
      choice('h_pylori', t('幽门螺杆菌(Hp)检测结果', 'Helicobacter pylori test'), POS_NEG_UNKNOWN),
      {
        id: 'gastric_conditions',
        type: 'multi',
        required: false,
        label: t('既往诊断(可多选)', 'Previously diagnosed (any)'),
        options: [
          opt('atrophic_gastritis', '慢性萎缩性胃炎', 'chronic atrophic gastritis'),
          opt('gastric_ulcer', '胃溃疡', 'gastric ulcer'),
          opt('gastric_polyp', '胃息肉', 'gastric polyp'),
          opt('post_gastrectomy', '良性疾病术后残胃', 'remnant stomach after surgery for benign disease'),
          opt('pernicious_anaemia', '恶性贫血', 'pernicious anaemia'),
          opt('barrett', 'Barrett 食管', "Barrett's oesophagus"),
        ],
      },
    ],
  },
  exams: [
    {
      code: 'endoscopy',
      label: t('胃镜(碘染色+指示性活检)', "Endoscopy with Lugol's iodine staining and targeted biopsy"),
      clinical: true,
      offeredTo: 'high_risk',
      remoteReadable: true,
      // Grading of the NCC programme protocol (normal, LGIN, HGIN, early and advanced cancer) and the management
      // each grade calls for in cn-esophageal-2022 / cn-gastric-2022.
      categories: [
        category(
          'normal',
          t('未见异常', 'Normal'),
          false,
          followUp(
            'routine_rescreen',
            FIVE_YEARS,
            t('5 年后再次内镜筛查', 'Endoscopy again in 5 years'),
            G.oesophageal2022.id,
          ),
        ),
        category(
          'benign',
          t('良性病变(炎症、溃疡、息肉等)', 'Benign finding (inflammation, ulcer, polyp)'),
          false,
          followUp(
            'routine_rescreen',
            FIVE_YEARS,
            t('对症治疗, 5 年后再次内镜筛查', 'Treat as needed; endoscopy again in 5 years'),
            G.oesophageal2022.id,
          ),
        ),
        category(
          'lgin',
          t('低级别上皮内瘤变(轻、中度异型增生)', 'Low-grade intraepithelial neoplasia (mild/moderate dysplasia)'),
          true,
          followUp(
            'endoscopy_biopsy',
            365,
            t('1 年内复查内镜并活检', 'Surveillance endoscopy with biopsy within 1 year'),
            G.gastric2022.id,
          ),
        ),
        category(
          'hgin',
          t(
            '高级别上皮内瘤变(重度异型增生/原位癌)',
            'High-grade intraepithelial neoplasia (severe dysplasia / carcinoma in situ)',
          ),
          true,
          followUp(
            'diagnostic_workup',
            30,
            t('30 天内评估并内镜下切除(ESD/EMR)', 'Assessment and endoscopic resection (ESD/EMR) within 30 days'),
            G.oesophageal2022.id,
          ),
        ),
        category(
          'early_cancer',
          t('早期癌(黏膜内癌/黏膜下癌)', 'Early cancer (intramucosal / submucosal)'),
          true,
          followUp(
            'diagnostic_workup',
            14,
            t('14 天内确诊、分期和治疗', 'Confirmation, staging and treatment within 14 days'),
            G.oesophageal2022.id,
          ),
        ),
        category(
          'advanced_cancer',
          t('进展期癌', 'Advanced cancer'),
          true,
          followUp(
            'diagnostic_workup',
            14,
            t('14 天内确诊、分期和转诊治疗', 'Confirmation, staging and referral for treatment within 14 days'),
            G.oesophageal2022.id,
          ),
        ),
      ],
    },
  ],
  // cn-esophageal-2022: high-risk people are endoscoped every 5 years.
  rescreenIntervalMonths: 60,
  eligibilityGuidelines: [G.ugiConsensus.id],
  riskRule: {
    description: t(
      '高危: 一级亲属患食管癌或胃癌(任何年龄); 或 45 岁及以上且评分 ≥ 2 —— 高发地区居住、胃/食管癌前疾病各 2 分, 吸烟、重度饮酒、喜烫食、腌制高盐食物、幽门螺杆菌感染各 1 分。',
      'High-risk: a first-degree relative with oesophageal or gastric cancer (any age); or aged 45 or more with a score of 2 or more — residence in a high-incidence area and a precancerous gastric/oesophageal condition 2 points each; smoking, heavy drinking, hot food, pickled/salty food and H. pylori infection 1 point each.',
    ),
    guidelines: [G.oesophageal2022.id, G.gastric2022.id, G.urbanProgramme.id],
  },
  earlyDefinition: t(
    '早诊病例: 高级别上皮内瘤变(重度异型增生/原位癌)及 0–I 期癌。检出病例(分母)包括高级别上皮内瘤变和所有癌。依据国家上消化道癌早诊早治项目的早诊率定义。',
    'Found early: high-grade intraepithelial neoplasia (severe dysplasia / carcinoma in situ) and stage 0–I cancer. Detected cases (the denominator) are HGIN and all cancers, as the NCC upper GI programme counts its early-diagnosis rate.',
  ),
};

/**
 * Risk rule `upper_gi@2026.1`. The factors are those of cn-esophageal-2022 §3 and cn-gastric-2022 §3; the scoring
 * follows the urban programme's questionnaire logic (a weighted score with a threshold, so that roughly a quarter to
 * a third of respondents go on to endoscopy rather than nearly everyone over 45 with any single habit):
 * - a first-degree relative with oesophageal or gastric cancer is high-risk at any programme age (score 2);
 * - otherwise aged 45 or more with a score of 2 or more, where residence in a high-incidence area and a
 *   precancerous gastric/oesophageal condition score 2 each, and smoking, heavy drinking, hot food, pickled/salty
 *   food and H. pylori infection 1 each.
 */
export function upperGiRisk(answers: Answers, facts: RiskFacts): RiskVerdict {
  const reasons = [];
  let score = 0;
  const factor = (present: boolean, weight: number, zh: string, en: string): void => {
    if (!present) return;
    score += weight;
    reasons.push(t(zh, en));
  };
  const family = yes(answers, 'family_history');
  factor(family, 2, '一级亲属患食管癌或胃癌', 'first-degree relative with oesophageal or gastric cancer');
  factor(yes(answers, 'high_incidence_area'), 2, '高发地区居民', 'resident of a high-incidence area');
  factor(
    list(answers, 'gastric_conditions').length > 0,
    2,
    '胃或食管癌前疾病史',
    'history of a precancerous gastric or oesophageal condition',
  );
  const smoking = str(answers, 'smoking');
  factor(smoking === 'current' || smoking === 'former', 1, '吸烟史', 'smoking history');
  factor(yes(answers, 'heavy_drinking'), 1, '重度饮酒', 'heavy drinking');
  factor(yes(answers, 'hot_food'), 1, '喜食烫食', 'hot food and drinks');
  factor(yes(answers, 'pickled_salty_food'), 1, '腌制、高盐或霉变食物', 'pickled, salty or mouldy food');
  factor(str(answers, 'h_pylori') === 'positive', 1, '幽门螺杆菌感染', 'Helicobacter pylori infection');
  const aged = facts.ageYears >= 45;
  const highRisk = family || (aged && score >= 2);
  if (!highRisk) {
    reasons.push(
      score >= 2
        ? t(`评分 ${score}, 但未满 45 岁且无家族史`, `score ${score}, but younger than 45 without family history`)
        : t(`评分 ${score} (需 ≥ 2)`, `score ${score} (2 needed)`),
    );
  }
  return { highRisk, score, reasons };
}
