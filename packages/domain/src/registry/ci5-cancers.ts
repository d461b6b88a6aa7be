/**
 * The cancer groups of Cancer Incidence in Five Continents, volume XII (Bray et al., IARC 2023, "Table of
 * cancer groups"), as ICD-10 ranges: the site axis of the registry's CI5 export and of the data-quality table.
 * Codes 1–61 are the groups of ../shared/data/ci5/cancers.csv; 62 = all sites, 63 = all sites but C44.
 */
import { normaliseIcd10 } from '../codes/icd10.ts';

export interface Ci5Cancer {
  readonly code: number;
  readonly en: string;
  readonly zh: string;
  /** ICD-10 three-character categories (and D4x.x subcategories for 59–60) in the group. */
  readonly icd10: readonly string[];
}

const range = (letter: string, from: number, to: number): string[] =>
  Array.from({ length: to - from + 1 }, (_, i) => `${letter}${String(from + i).padStart(2, '0')}`);

export const CI5_CANCERS: readonly Ci5Cancer[] = [
  { code: 1, en: 'Lip', zh: '唇', icd10: ['C00'] },
  { code: 2, en: 'Tongue', zh: '舌', icd10: range('C', 1, 2) },
  { code: 3, en: 'Mouth', zh: '口', icd10: range('C', 3, 6) },
  { code: 4, en: 'Salivary glands', zh: '唾液腺', icd10: range('C', 7, 8) },
  { code: 5, en: 'Tonsil', zh: '扁桃体', icd10: ['C09'] },
  { code: 6, en: 'Other oropharynx', zh: '其他口咽', icd10: ['C10'] },
  { code: 7, en: 'Nasopharynx', zh: '鼻咽', icd10: ['C11'] },
  { code: 8, en: 'Hypopharynx', zh: '下咽', icd10: range('C', 12, 13) },
  { code: 9, en: 'Pharynx unspecified', zh: '咽，部位不明', icd10: ['C14'] },
  { code: 10, en: 'Oesophagus', zh: '食管', icd10: ['C15'] },
  { code: 11, en: 'Stomach', zh: '胃', icd10: ['C16'] },
  { code: 12, en: 'Small intestine', zh: '小肠', icd10: ['C17'] },
  { code: 13, en: 'Colon', zh: '结肠', icd10: ['C18'] },
  { code: 14, en: 'Rectum', zh: '直肠', icd10: range('C', 19, 20) },
  { code: 15, en: 'Anus', zh: '肛门', icd10: ['C21'] },
  { code: 16, en: 'Liver', zh: '肝脏', icd10: ['C22'] },
  { code: 17, en: 'Gallbladder etc.', zh: '胆囊及其他', icd10: range('C', 23, 24) },
  { code: 18, en: 'Pancreas', zh: '胰腺', icd10: ['C25'] },
  { code: 19, en: 'Nose, sinuses etc.', zh: '鼻、鼻窦及其他', icd10: range('C', 30, 31) },
  { code: 20, en: 'Larynx', zh: '喉', icd10: ['C32'] },
  { code: 21, en: 'Lung (incl. trachea and bronchus)', zh: '气管、支气管、肺', icd10: range('C', 33, 34) },
  { code: 22, en: 'Other thoracic organs', zh: '其他胸腔器官', icd10: range('C', 37, 38) },
  { code: 23, en: 'Bone', zh: '骨', icd10: range('C', 40, 41) },
  { code: 24, en: 'Melanoma of skin', zh: '皮肤黑色素瘤', icd10: ['C43'] },
  { code: 25, en: 'Other skin', zh: '其他皮肤', icd10: ['C44'] },
  { code: 26, en: 'Mesothelioma', zh: '间皮瘤', icd10: ['C45'] },
  { code: 27, en: 'Kaposi sarcoma', zh: '卡波西肉瘤', icd10: ['C46'] },
  { code: 28, en: 'Connective and soft tissue', zh: '结缔组织、软组织', icd10: ['C47', 'C49'] },
  { code: 29, en: 'Breast', zh: '乳腺', icd10: ['C50'] },
  { code: 30, en: 'Vulva', zh: '外阴', icd10: ['C51'] },
  { code: 31, en: 'Vagina', zh: '阴道', icd10: ['C52'] },
  { code: 32, en: 'Cervix uteri', zh: '子宫颈', icd10: ['C53'] },
  { code: 33, en: 'Corpus uteri', zh: '子宫体', icd10: ['C54'] },
  { code: 34, en: 'Uterus unspecified', zh: '子宫，部位不明', icd10: ['C55'] },
  { code: 35, en: 'Ovary', zh: '卵巢', icd10: ['C56'] },
  { code: 36, en: 'Other female genital organs', zh: '其他女性生殖器官', icd10: ['C57'] },
  { code: 37, en: 'Placenta', zh: '胎盘', icd10: ['C58'] },
  { code: 38, en: 'Penis', zh: '阴茎', icd10: ['C60'] },
  { code: 39, en: 'Prostate', zh: '前列腺', icd10: ['C61'] },
  { code: 40, en: 'Testis', zh: '睾丸', icd10: ['C62'] },
  { code: 41, en: 'Other male genital organs', zh: '其他男性生殖器官', icd10: ['C63'] },
  { code: 42, en: 'Kidney', zh: '肾', icd10: ['C64'] },
  { code: 43, en: 'Renal pelvis', zh: '肾盂', icd10: ['C65'] },
  { code: 44, en: 'Ureter', zh: '输尿管', icd10: ['C66'] },
  { code: 45, en: 'Bladder', zh: '膀胱', icd10: ['C67'] },
  { code: 46, en: 'Other urinary organs', zh: '其他泌尿器官', icd10: ['C68'] },
  { code: 47, en: 'Eye', zh: '眼', icd10: ['C69'] },
  { code: 48, en: 'Brain, nervous system', zh: '脑、神经系统', icd10: range('C', 70, 72) },
  { code: 49, en: 'Thyroid', zh: '甲状腺', icd10: ['C73'] },
  { code: 50, en: 'Adrenal gland', zh: '肾上腺', icd10: ['C74'] },
  { code: 51, en: 'Other endocrine', zh: '其他内分泌腺', icd10: ['C75'] },
  { code: 52, en: 'Hodgkin disease', zh: '霍奇金淋巴瘤', icd10: ['C81'] },
  { code: 53, en: 'Non-Hodgkin lymphoma', zh: '非霍奇金淋巴瘤', icd10: [...range('C', 82, 86), 'C96'] },
  { code: 54, en: 'Immunoproliferative diseases', zh: '免疫增生性疾病', icd10: ['C88'] },
  { code: 55, en: 'Multiple myeloma', zh: '多发性骨髓瘤', icd10: ['C90'] },
  { code: 56, en: 'Lymphoid leukaemia', zh: '淋巴样白血病', icd10: ['C91'] },
  { code: 57, en: 'Myeloid leukaemia', zh: '髓样白血病', icd10: range('C', 92, 94) },
  { code: 58, en: 'Leukaemia unspecified', zh: '白血病，未特指', icd10: ['C95'] },
  { code: 59, en: 'Myeloproliferative disorders', zh: '骨髓增殖性疾病', icd10: ['D45', 'D47.1', 'D47.3', 'D47.4', 'D47.5'] },
  { code: 60, en: 'Myelodysplastic syndromes', zh: '骨髓增生异常综合征', icd10: ['D46'] },
  { code: 61, en: 'Other and unspecified', zh: '其他及部位不明', icd10: ['C26', 'C39', 'C48', ...range('C', 76, 80), 'C97'] },
];

export const CI5_ALL_SITES = 62;
export const CI5_ALL_BUT_SKIN = 63;

const BY_CATEGORY = new Map<string, number>(CI5_CANCERS.flatMap((c) => c.icd10.map((k) => [k, c.code] as const)));
const BY_CODE = new Map<number, Ci5Cancer>(CI5_CANCERS.map((c) => [c.code, c]));

/** The CI5 group of an ICD-10 code (`C16.9` → 11); null outside the groups (benign, in situ, other D codes). */
export function ci5CancerOf(icd10: string): number | null {
  const code = normaliseIcd10(icd10);
  if (code === null) return null;
  return BY_CATEGORY.get(code) ?? BY_CATEGORY.get(code.slice(0, 3)) ?? null;
}

export function ci5Cancer(code: number): Ci5Cancer | null {
  if (code === CI5_ALL_SITES) return { code, en: 'All sites', zh: '全部部位', icd10: [] };
  if (code === CI5_ALL_BUT_SKIN) return { code, en: 'All sites but skin', zh: '除皮肤外全部部位', icd10: [] };
  return BY_CODE.get(code) ?? null;
}

/** CI5 five-year age groups: `0-4` … `80-84`, `85+`, and `unknown` when the age is not known. */
export function ci5AgeGroup(age: number | null): string {
  if (age === null || !Number.isFinite(age) || age < 0) return 'unknown';
  if (age >= 85) return '85+';
  const low = Math.floor(age / 5) * 5;
  return `${low}-${low + 4}`;
}

export const CI5_AGE_GROUPS: readonly string[] = [...Array.from({ length: 17 }, (_, i) => `${i * 5}-${i * 5 + 4}`), '85+', 'unknown'];
