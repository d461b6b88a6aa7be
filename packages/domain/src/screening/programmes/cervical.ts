/**
 * Cervical cancer screening: high-risk HPV testing (with 16/18 genotyping) and TBS cytology at a gynaecological
 * examination, colposcopy with directed biopsy for positives.
 * Sources: 《中国子宫颈癌筛查指南(一)》(2023) (start at 25, HPV primary screening every 5 years, HPV 16/18 → colposcopy,
 * other high-risk types → reflex cytology, ≥ ASC-US → colposcopy; women with HIV or immunosuppression and those
 * treated for HSIL screened more often); The Bethesda System 2014 (cytology categories).
 */
import { GUIDELINES as G } from '../guidelines.ts';
import type { Answers, ProgrammeDefinition, RiskFacts } from '../types.ts';
import {
  category,
  choice,
  followUp,
  integer,
  opt,
  SMOKING_OPTIONS,
  str,
  t,
  YEARS,
  yes,
  yesNo,
  type RiskVerdict,
} from './build.ts';

const C = G.cervical2023.id;

export const CERVICAL: ProgrammeDefinition = {
  code: 'cervical',
  version: '2026.1',
  name: t('子宫颈癌筛查', 'Cervical cancer screening'),
  guidelines: [G.cervical2023, G.bethesda, G.tnm8],
  // cn-cervical-2023: women from 25; stop at 65 after adequate negative screening.
  eligibility: {
    minAge: 25,
    maxAge: 64,
    sex: 2,
    requiresResidence: true,
    exclusions: ['prior_cancer', 'screened_within_interval', 'not_resident', 'pregnant', 'severe_illness'],
  },
  questionnaire: {
    id: 'cervical',
    version: '2023.1',
    questions: [
      choice('previous_screening', t('既往子宫颈癌筛查', 'Previous cervical screening'), [
        opt('never', '从未筛查', 'never'),
        opt('over_5_years', '5 年以前', 'more than 5 years ago'),
        opt('within_5_years', '5 年以内', 'within 5 years'),
      ]),
      yesNo(
        'immunosuppression',
        t('HIV 感染、器官移植或长期使用免疫抑制剂', 'HIV infection, organ transplant or long-term immunosuppressants'),
      ),
      yesNo(
        'treated_hsil',
        t('既往因高级别病变(HSIL/CIN2+)接受治疗', 'Previously treated for a high-grade lesion (HSIL/CIN2+)'),
      ),
      integer('sexual_debut_age', t('首次性生活年龄', 'Age at first intercourse'), 10, 60, YEARS, { required: false }),
      integer('partners', t('性伴侣数', 'Number of sexual partners'), 0, 99, t('个', 'partners'), { required: false }),
      choice('smoking', t('吸烟情况', 'Smoking'), SMOKING_OPTIONS),
      yesNo('postcoital_bleeding', t('接触性出血或绝经后出血', 'Bleeding after intercourse or after menopause')),
    ],
  },
  exams: [
    {
      code: 'hpv',
      label: t('高危型 HPV 检测(16/18 分型)', 'High-risk HPV test with 16/18 genotyping'),
      clinical: true,
      offeredTo: 'all',
      remoteReadable: false,
      categories: [
        category(
          'negative',
          t('阴性', 'Negative'),
          false,
          followUp('routine_rescreen', 5 * 365, t('5 年后再次筛查', 'Screen again in 5 years'), C),
        ),
        category(
          'hpv16_18',
          t('HPV16/18 阳性', 'HPV 16/18 positive'),
          true,
          followUp('colposcopy', 30, t('30 天内阴道镜检查', 'Colposcopy within 30 days'), C),
        ),
        category(
          'other_hr',
          t('其他高危型 HPV 阳性', 'Other high-risk HPV positive'),
          true,
          followUp('diagnostic_workup', 14, t('14 天内分流细胞学(TBS)', 'Triage cytology (TBS) within 14 days'), C),
        ),
      ],
    },
    {
      code: 'cytology',
      label: t('子宫颈细胞学(TBS)', 'Cervical cytology (TBS)'),
      clinical: true,
      offeredTo: 'all',
      remoteReadable: true,
      // TBS 2014 categories; management per cn-cervical-2023 for HPV-positive women.
      categories: [
        category(
          'nilm',
          t('NILM 未见上皮内病变或恶性病变', 'NILM: negative for intraepithelial lesion or malignancy'),
          false,
          followUp('routine_rescreen', 365, t('12 个月后复查 HPV', 'HPV again in 12 months'), C),
        ),
        category(
          'asc_us',
          t('ASC-US 无明确诊断意义的不典型鳞状细胞', 'ASC-US: atypical squamous cells of undetermined significance'),
          true,
          followUp('colposcopy', 60, t('60 天内阴道镜检查', 'Colposcopy within 60 days'), C),
        ),
        category(
          'lsil',
          t('LSIL 低级别鳞状上皮内病变', 'LSIL: low-grade squamous intraepithelial lesion'),
          true,
          followUp('colposcopy', 60, t('60 天内阴道镜检查', 'Colposcopy within 60 days'), C),
        ),
        category(
          'asc_h',
          t('ASC-H 不除外高级别病变的不典型鳞状细胞', 'ASC-H: atypical squamous cells, cannot exclude HSIL'),
          true,
          followUp('colposcopy', 30, t('30 天内阴道镜检查', 'Colposcopy within 30 days'), C),
        ),
        category(
          'hsil',
          t('HSIL 高级别鳞状上皮内病变', 'HSIL: high-grade squamous intraepithelial lesion'),
          true,
          followUp('colposcopy', 30, t('30 天内阴道镜检查', 'Colposcopy within 30 days'), C),
        ),
        category(
          'agc',
          t('AGC 不典型腺细胞', 'AGC: atypical glandular cells'),
          true,
          followUp(
            'colposcopy',
            30,
            t(
              '30 天内阴道镜及子宫颈管/子宫内膜评估',
              'Colposcopy with endocervical/endometrial sampling within 30 days',
            ),
            C,
          ),
        ),
        category(
          'carcinoma',
          t('鳞状细胞癌/腺癌', 'Squamous cell carcinoma / adenocarcinoma'),
          true,
          followUp(
            'diagnostic_workup',
            14,
            t('14 天内阴道镜活检、确诊和分期', 'Colposcopic biopsy, confirmation and staging within 14 days'),
            C,
          ),
        ),
      ],
    },
    {
      code: 'colposcopy',
      label: t('阴道镜(及指示性活检)', 'Colposcopy with directed biopsy'),
      clinical: true,
      offeredTo: 'all',
      remoteReadable: true,
      categories: [
        category(
          'normal',
          t('未见异常', 'Normal'),
          false,
          followUp('routine_rescreen', 365, t('12 个月后复查 HPV 和细胞学', 'HPV and cytology again in 12 months'), C),
        ),
        category(
          'lsil_cin1',
          t('LSIL/CIN1', 'LSIL/CIN1'),
          false,
          followUp('routine_rescreen', 365, t('12 个月后复查 HPV 和细胞学', 'HPV and cytology again in 12 months'), C),
        ),
        category(
          'hsil_cin2plus',
          t('HSIL/CIN2+', 'HSIL/CIN2+'),
          true,
          followUp(
            'biopsy',
            30,
            t('30 天内病理确诊并治疗(LEEP/锥切)', 'Pathology and treatment (LEEP / conisation) within 30 days'),
            C,
          ),
        ),
        category(
          'cancer_suspected',
          t('可疑浸润癌', 'Suspected invasive cancer'),
          true,
          followUp('diagnostic_workup', 14, t('14 天内病理确诊和分期', 'Pathology and staging within 14 days'), C),
        ),
      ],
    },
  ],
  // cn-cervical-2023: HPV primary screening every 5 years.
  rescreenIntervalMonths: 60,
  eligibilityGuidelines: [G.cervical2023.id],
  riskRule: {
    description: t(
      '高危(优先并更频繁筛查): HIV 感染或免疫抑制、既往高级别病变治疗史、接触性或绝经后出血; 30 岁及以上从未筛查; 或 5 年内未筛查且有 ≥ 2 项危险因素(首次性生活 < 18 岁、性伴侣 ≥ 4 个、吸烟)。所有参加者均做 HPV 检测。',
      'High-risk (screened first and more often): HIV or immunosuppression, a treated high-grade lesion, post-coital or post-menopausal bleeding; never screened at 30 or older; or not screened within 5 years with 2 or more risk factors (first intercourse before 18, 4 or more partners, smoking). Everyone taking part has an HPV test.',
    ),
    guidelines: [G.cervical2023.id],
  },
  earlyDefinition: t(
    '早诊病例: 高级别鳞状上皮内病变(HSIL/CIN2+, 含原位腺癌)及 0–I 期子宫颈癌。检出病例(分母)包括 HSIL/CIN2+ 和所有子宫颈癌, 因为筛查的目标正是治疗 HSIL, 国家两癌筛查项目也这样计算早诊率。',
    'Found early: high-grade squamous intraepithelial lesions (HSIL/CIN2+, adenocarcinoma in situ included) and stage 0–I cervical cancer. Detected cases (the denominator) are HSIL/CIN2+ and all cervical cancers: treating HSIL is what screening aims at, and the national programme counts its early-diagnosis rate so.',
  ),
};

/**
 * Risk rule `cervical@2023.1` (cn-cervical-2023): high-risk, to be screened first and more often, with HIV or
 * immunosuppression, a treated high-grade lesion or abnormal bleeding (score 3 each); never screened at 30 or
 * older (the guideline's priority group: women never screened carry most of the cervical cancer burden); or not
 * screened within 5 years with two or more of first intercourse before 18, 4 or more partners, smoking (1 each).
 */
export function cervicalRisk(answers: Answers, facts: RiskFacts): RiskVerdict {
  const reasons = [];
  let score = 0;
  let major = 0;
  for (const [id, zh, en] of [
    ['immunosuppression', 'HIV 感染或免疫抑制', 'HIV or immunosuppression'],
    ['treated_hsil', '既往高级别病变治疗史', 'treated high-grade lesion'],
    ['postcoital_bleeding', '接触性或绝经后出血', 'post-coital or post-menopausal bleeding'],
  ] as const) {
    if (!yes(answers, id)) continue;
    major += 1;
    score += 3;
    reasons.push(t(zh, en));
  }
  const debut = answers.sexual_debut_age;
  const partners = answers.partners;
  const smoking = str(answers, 'smoking');
  const factors = [
    typeof debut === 'number' && debut < 18 ? t('首次性生活 < 18 岁', 'first intercourse before 18') : null,
    typeof partners === 'number' && partners >= 4 ? t('性伴侣 ≥ 4 个', '4 or more partners') : null,
    smoking === 'current' || smoking === 'former' ? t('吸烟', 'smoking') : null,
  ].filter((f) => f !== null);
  score += factors.length;
  const previous = str(answers, 'previous_screening');
  const neverAt30 = previous === 'never' && facts.ageYears >= 30;
  if (neverAt30) reasons.push(t('30 岁及以上从未筛查', 'never screened, aged 30 or more'));
  const byFactors = previous !== 'within_5_years' && factors.length >= 2;
  if (byFactors) reasons.push(...(neverAt30 ? [] : [t('5 年内未筛查', 'not screened in 5 years')]), ...factors);
  const highRisk = major > 0 || neverAt30 || byFactors;
  if (!highRisk) {
    reasons.push(
      previous === 'within_5_years'
        ? t(
            `无高危病史, 5 年内已筛查; 危险因素 ${factors.length} 项`,
            `no high-risk history, screened within 5 years; ${factors.length} risk factor(s)`,
          )
        : t(
            `无高危病史; 危险因素 ${factors.length} 项(需 ≥ 2)`,
            `no high-risk history; ${factors.length} risk factor(s) (2 needed)`,
          ),
    );
  }
  return { highRisk, score, reasons };
}
