import type { Lang } from '../../i18n/translate.ts';

/** The review page's texts in both languages (field and level names as registrars say them). */
const zh = {
  title: '主索引复核',
  explain: '来源记录与已有人员的匹配概率介于复核阈值与自动链接阈值之间，需人工判断：合并（同一人）或保持分开。合并保留全部来源记录与标识，可撤销。',
  open: '待复核',
  merged: '已合并',
  kept_apart: '已分开',
  probability: '匹配概率',
  incoming: '来源记录',
  candidate: '已有人员',
  source: '来源',
  received: '接收时间',
  field: '字段',
  level: '一致程度',
  weight: '权重（比特）',
  prior: '先验',
  total: '合计',
  merge: '合并',
  keepApart: '保持分开',
  unmerge: '撤销合并',
  mergeConfirm: '将来源记录并入该人员？',
  unmergeConfirm: '撤销此次合并，恢复为两人？',
  done: '已保存',
  none: '没有待复核的配对',
  select: '从左侧列表选择一对记录',
  records: '该人员的来源记录',
  name: '姓名',
  sex: '性别',
  birth_date: '出生日期',
  resident_id: '身份证号',
  phone: '手机',
  division_code: '行政区划',
  address: '地址',
  missing: '缺失',
  thresholds: '阈值：自动链接 ≥ {link}，复核 ≥ {review}',
};
export type MpiText = keyof typeof zh;

const en: Record<MpiText, string> = {
  title: 'Patient index review',
  explain: 'A source record whose match probability with a known person lies between the review and link thresholds needs a registrar: merge (same person) or keep apart. A merge keeps every source record and identifier, and can be undone.',
  open: 'Open',
  merged: 'Merged',
  kept_apart: 'Kept apart',
  probability: 'Match probability',
  incoming: 'Source record',
  candidate: 'Known person',
  source: 'Source',
  received: 'Received',
  field: 'Field',
  level: 'Agreement',
  weight: 'Weight (bits)',
  prior: 'Prior',
  total: 'Total',
  merge: 'Merge',
  keepApart: 'Keep apart',
  unmerge: 'Undo merge',
  mergeConfirm: 'Merge the source record into this person?',
  unmergeConfirm: 'Undo this merge and restore two persons?',
  done: 'Saved',
  none: 'No pairs to review',
  select: 'Choose a pair from the list',
  records: 'Source records of this person',
  name: 'Name',
  sex: 'Sex',
  birth_date: 'Birth date',
  resident_id: 'Resident ID',
  phone: 'Mobile',
  division_code: 'Division',
  address: 'Address',
  missing: 'missing',
  thresholds: 'Thresholds: link ≥ {link}, review ≥ {review}',
};

const LEVELS_ZH: Record<string, string> = {
  exact: '完全一致',
  'same pinyin': '拼音相同',
  'day-month swap': '日月颠倒',
  'one edit': '一处不同',
  'one digit off': '一位不同',
  'one transposition': '相邻颠倒',
  'same birth date and sex': '出生日期与性别相同',
  'within a month': '一个月内',
  'within a year': '一年内',
  'same township': '同乡镇',
  'same county': '同区县',
  'same city': '同市',
  'same province': '同省',
  else: '不一致',
  missing: '缺失',
};

export function mpiText(lang: Lang, key: MpiText, vars: Record<string, string | number> = {}): string {
  const text = (lang === 'en' ? en : zh)[key];
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export function levelText(lang: Lang, level: string): string {
  if (lang === 'en') return level;
  if (level.startsWith('jaro-winkler')) return `相似度${level.slice('jaro-winkler'.length)}`;
  return LEVELS_ZH[level] ?? level;
}
