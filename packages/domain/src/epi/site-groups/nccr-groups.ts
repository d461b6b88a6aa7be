import { registryScope } from '../../codes/icd10.ts';
import { buildSiteGroupTable, type SiteGroupRow } from './site-group.ts';

/**
 * The site groups of China's annual cancer registry report (中国肿瘤登记年报, National Central Cancer Registry):
 * the 25 named sites, "other" for every other reportable code (ICD-10 C00–C97 with D32–D33, D42–D43, D45–D47), and
 * the totals "all sites" and "all sites but C44" (see nccrTotals).
 */
export const NCCR_ROWS: readonly SiteGroupRow[] = [
  ['oral-pharynx', 'Oral cavity & pharynx (excl. nasopharynx)', '口腔和咽喉（除外鼻咽）', 'C00-C10,C12-C14'],
  ['nasopharynx', 'Nasopharynx', '鼻咽', 'C11'],
  ['oesophagus', 'Oesophagus', '食管', 'C15'],
  ['stomach', 'Stomach', '胃', 'C16'],
  ['colorectum', 'Colon, rectum & anus', '结直肠肛门', 'C18-C21'],
  ['liver', 'Liver', '肝脏', 'C22'],
  ['gallbladder', 'Gallbladder & extrahepatic bile ducts', '胆囊及其他', 'C23-C24'],
  ['pancreas', 'Pancreas', '胰腺', 'C25'],
  ['larynx', 'Larynx', '喉', 'C32'],
  ['lung', 'Trachea, bronchus & lung', '气管、支气管、肺', 'C33-C34'],
  ['other-thoracic', 'Other thoracic organs', '其他胸腔器官', 'C37-C38'],
  ['bone', 'Bone', '骨', 'C40-C41'],
  ['melanoma', 'Melanoma of skin', '皮肤黑色素瘤', 'C43'],
  ['breast', 'Breast', '乳腺', 'C50'],
  ['cervix', 'Cervix uteri', '子宫颈', 'C53'],
  ['uterus', 'Corpus uteri & uterus unspecified', '子宫体及子宫部位不明', 'C54-C55'],
  ['ovary', 'Ovary', '卵巢', 'C56'],
  ['prostate', 'Prostate', '前列腺', 'C61'],
  ['testis', 'Testis', '睾丸', 'C62'],
  ['kidney', 'Kidney & unspecified urinary organs', '肾及泌尿系统不明', 'C64-C66,C68'],
  ['bladder', 'Bladder', '膀胱', 'C67'],
  ['brain', 'Brain & central nervous system', '脑、神经系统', 'C70-C72,D32-D33,D42-D43'],
  ['thyroid', 'Thyroid', '甲状腺', 'C73'],
  ['lymphoma', 'Lymphoma', '淋巴瘤', 'C81-C86,C88,C90,C96'],
  ['leukaemia', 'Leukaemia', '白血病', 'C91-C95,D45-D47'],
  ['other', 'Other & unspecified', '其他或不明', '*'],
];

export const NCCR_GROUPS = buildSiteGroupTable(NCCR_ROWS, (code) => registryScope(code) === 'reportable');

/** NCCR totals a code counts in: "all" (所有部位合计) and "all-but-c44" (所有部位除外C44). */
export function nccrTotals(code: string): Array<'all' | 'all-but-c44'> {
  if (NCCR_GROUPS.classify(code) === null) return [];
  return code.toUpperCase().startsWith('C44') ? ['all'] : ['all', 'all-but-c44'];
}
