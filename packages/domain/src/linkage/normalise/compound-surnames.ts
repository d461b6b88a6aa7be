/**
 * Two-character (复姓) surnames still in use, in simplified characters. Their share is small
 * (欧阳, 上官, 司马, 诸葛 lead, all well under 0.1% of the population) but a name such as 欧阳娜娜
 * must split as 欧阳 + 娜娜, not 欧 + 阳娜娜, for surname blocking and the surname reading of pinyin.
 */
export const COMPOUND_SURNAMES: ReadonlySet<string> = new Set([
  '欧阳', '上官', '司马', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒',
  '令狐', '夏侯', '轩辕', '端木', '独孤', '南宫', '西门', '万俟', '闻人', '澹台', '公冶', '宗政',
  '濮阳', '太叔', '申屠', '钟离', '赫连', '拓跋', '百里', '东郭', '呼延', '羊舌', '微生', '梁丘',
  '左丘', '东门', '仲孙', '单于', '子车', '司空', '司寇', '第五', '鲜于', '闾丘', '公羊', '谷梁',
]);
