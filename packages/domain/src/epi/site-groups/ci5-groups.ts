import { buildSiteGroupTable, type SiteGroupRow } from './site-group.ts';

/**
 * The cancer groups of Cancer Incidence in Five Continents vol. XII (Ferlay et al., IARC 2023), with the codes of
 * ../shared/data/ci5/cancers.csv (1–61; 62 "all sites" and 63 "all sites but skin" are totals, see ci5Totals).
 * MPD follows CI5: D45 and D47.1, D47.3–D47.5 (D47.4–5 added in the 2016 ICD-10 update).
 */
export const CI5_ROWS: readonly SiteGroupRow[] = [
  ['1', 'Lip', '唇', 'C00'],
  ['2', 'Tongue', '舌', 'C01-C02'],
  ['3', 'Mouth', '口', 'C03-C06'],
  ['4', 'Salivary glands', '唾液腺', 'C07-C08'],
  ['5', 'Tonsil', '扁桃体', 'C09'],
  ['6', 'Other oropharynx', '其他口咽', 'C10'],
  ['7', 'Nasopharynx', '鼻咽', 'C11'],
  ['8', 'Hypopharynx', '下咽', 'C12-C13'],
  ['9', 'Pharynx unspecified', '咽，部位不明', 'C14'],
  ['10', 'Oesophagus', '食管', 'C15'],
  ['11', 'Stomach', '胃', 'C16'],
  ['12', 'Small intestine', '小肠', 'C17'],
  ['13', 'Colon', '结肠', 'C18'],
  ['14', 'Rectum', '直肠', 'C19-C20'],
  ['15', 'Anus', '肛门', 'C21'],
  ['16', 'Liver', '肝脏', 'C22'],
  ['17', 'Gallbladder etc.', '胆囊及其他', 'C23-C24'],
  ['18', 'Pancreas', '胰腺', 'C25'],
  ['19', 'Nose, sinuses etc.', '鼻、鼻窦及其他', 'C30-C31'],
  ['20', 'Larynx', '喉', 'C32'],
  ['21', 'Lung (incl. trachea and bronchus)', '气管、支气管、肺', 'C33-C34'],
  ['22', 'Other thoracic organs', '其他胸腔器官', 'C37-C38'],
  ['23', 'Bone', '骨', 'C40-C41'],
  ['24', 'Melanoma of skin', '皮肤黑色素瘤', 'C43'],
  ['25', 'Other skin', '其他皮肤', 'C44'],
  ['26', 'Mesothelioma', '间皮瘤', 'C45'],
  ['27', 'Kaposi sarcoma', '卡波西肉瘤', 'C46'],
  ['28', 'Connective and soft tissue', '结缔组织、软组织', 'C47,C49'],
  ['29', 'Breast', '乳腺', 'C50'],
  ['30', 'Vulva', '外阴', 'C51'],
  ['31', 'Vagina', '阴道', 'C52'],
  ['32', 'Cervix uteri', '子宫颈', 'C53'],
  ['33', 'Corpus uteri', '子宫体', 'C54'],
  ['34', 'Uterus unspecified', '子宫，部位不明', 'C55'],
  ['35', 'Ovary', '卵巢', 'C56'],
  ['36', 'Other female genital organs', '其他女性生殖器官', 'C57'],
  ['37', 'Placenta', '胎盘', 'C58'],
  ['38', 'Penis', '阴茎', 'C60'],
  ['39', 'Prostate', '前列腺', 'C61'],
  ['40', 'Testis', '睾丸', 'C62'],
  ['41', 'Other male genital organs', '其他男性生殖器官', 'C63'],
  ['42', 'Kidney', '肾', 'C64'],
  ['43', 'Renal pelvis', '肾盂', 'C65'],
  ['44', 'Ureter', '输尿管', 'C66'],
  ['45', 'Bladder', '膀胱', 'C67'],
  ['46', 'Other urinary organs', '其他泌尿器官', 'C68'],
  ['47', 'Eye', '眼', 'C69'],
  ['48', 'Brain, nervous system', '脑、神经系统', 'C70-C72'],
  ['49', 'Thyroid', '甲状腺', 'C73'],
  ['50', 'Adrenal gland', '肾上腺', 'C74'],
  ['51', 'Other endocrine', '其他内分泌腺', 'C75'],
  ['52', 'Hodgkin disease', '霍奇金淋巴瘤', 'C81'],
  ['53', 'Non-Hodgkin lymphoma', '非霍奇金淋巴瘤', 'C82-C86,C96'],
  ['54', 'Immunoproliferative diseases', '免疫增生性疾病', 'C88'],
  ['55', 'Multiple myeloma', '多发性骨髓瘤', 'C90'],
  ['56', 'Lymphoid leukaemia', '淋巴样白血病', 'C91'],
  ['57', 'Myeloid leukaemia', '髓样白血病', 'C92-C94'],
  ['58', 'Leukaemia unspecified', '白血病，未特指', 'C95'],
  ['59', 'Myeloproliferative disorders', '骨髓增殖性疾病', 'D45,D47.1,D47.3-D47.5'],
  ['60', 'Myelodysplastic syndromes', '骨髓增生异常综合征', 'D46'],
  ['61', 'Other and unspecified', '其他及部位不明', 'C26,C39,C48,C76-C80'],
];

export const CI5_GROUPS = buildSiteGroupTable(CI5_ROWS, () => false);

/** CI5 totals: 62 all sites (every code of groups 1–61), 63 all sites but C44 (other skin). */
export function ci5Totals(code: string): Array<'62' | '63'> {
  const group = CI5_GROUPS.classify(code);
  if (group === null) return [];
  return group.id === '25' ? ['62'] : ['62', '63'];
}
