import type { GuidelineRef } from './types.ts';

/**
 * The guidelines the screening rules are taken from. Each rule names one of these ids beside it in code and in its
 * definition, so the web app and docs can show where a rule comes from. Chinese guidelines first.
 */
export const GUIDELINES = {
  ugiConsensus: {
    id: 'cn-ugi-screening-consensus',
    citation:
      '国家癌症中心. 中国上消化道癌筛查专家共识 / 上消化道癌筛查及早诊早治技术方案 (NCC upper GI cancer early-diagnosis programme technical protocol)',
  },
  oesophageal2022: {
    id: 'cn-esophageal-2022',
    citation: '国家癌症中心等. 中国食管癌筛查与早诊早治指南(2022,北京). 中华肿瘤杂志, 2022',
  },
  gastric2022: {
    id: 'cn-gastric-2022',
    citation: '国家癌症中心等. 中国胃癌筛查与早诊早治指南(2022,北京), 2022',
  },
  lung2021: {
    id: 'cn-lung-2021',
    citation: '国家癌症中心等. 中国肺癌筛查与早诊早治指南(2021,北京). 中华肿瘤杂志, 2021',
  },
  lungRads2022: {
    id: 'acr-lung-rads-2022',
    citation: 'American College of Radiology. Lung-RADS® v2022 (Lung CT Screening Reporting & Data System), 2022',
  },
  colorectal2020: {
    id: 'cn-colorectal-2020',
    citation: '国家癌症中心等. 中国结直肠癌筛查与早诊早治指南(2020,北京). 中华肿瘤杂志, 2021',
  },
  liver2024: {
    id: 'cn-liver-2024',
    citation: '国家卫生健康委员会. 原发性肝癌诊疗指南(2024年版)',
  },
  liverScreening2020: {
    id: 'cn-liver-screening-2020',
    citation: '中华预防医学会肝胆胰疾病预防与控制专业委员会等. 原发性肝癌的分层筛查与监测指南(2020版)',
  },
  breast2022: {
    id: 'cn-breast-2022',
    citation: '中国女性乳腺癌筛查指南(2022年版), 2022',
  },
  biRads: {
    id: 'acr-bi-rads-5',
    citation: 'American College of Radiology. ACR BI-RADS® Atlas, 5th edition, 2013 (mammography and ultrasound)',
  },
  cervical2023: {
    id: 'cn-cervical-2023',
    citation: '中国子宫颈癌筛查指南(一), 2023 (中国优生科学协会阴道镜和子宫颈病理学分会等)',
  },
  bethesda: {
    id: 'tbs-2014',
    citation: 'Nayar R, Wilbur DC (eds). The Bethesda System for Reporting Cervical Cytology, 3rd edition, 2015',
  },
  urbanProgramme: {
    id: 'cn-urban-cancer-programme',
    citation:
      '国家癌症中心. 城市癌症早诊早治项目技术方案 (China urban cancer early detection and treatment programme: questionnaire, high-risk assessment, clinical screening)',
  },
  tnm8: {
    id: 'uicc-tnm-8',
    citation:
      'Brierley JD et al. (eds). UICC TNM Classification of Malignant Tumours, 8th edition, 2017 (stage groups)',
  },
} as const satisfies Record<string, GuidelineRef>;
