/**
 * Same-sounding given-name characters, as registrars mishear or mistype them (王丽 / 王莉, 张伟 / 张玮):
 * every alternative reads exactly like its key in toneless pinyin (pinyin-pro, given-name reading), which
 * chinese-duplicates.test.ts checks character by character. Keys are the given-name characters of
 * chinese-names.ts; a character without a common unambiguous homophone (海, 雪, 川…) has no entry.
 */
export const GIVEN_NAME_HOMOPHONES: Readonly<Record<string, string>> = {
  伟: '玮炜薇', 强: '蔷', 磊: '蕾垒', 军: '君均钧', 勇: '永涌', 杰: '洁捷婕', 涛: '韬滔', 斌: '彬宾', 超: '钞',
  明: '铭鸣', 刚: '钢纲', 平: '萍苹', 辉: '晖徽', 鹏: '朋', 华: '桦骅', 飞: '菲非', 鑫: '新欣馨', 波: '博',
  宇: '雨语玉', 浩: '昊皓', 建: '剑健', 国: '帼', 峰: '锋丰枫', 林: '琳霖', 兵: '冰', 俊: '骏峻', 文: '雯',
  亮: '良', 成: '诚城', 东: '冬', 龙: '隆', 志: '智芝', 春: '椿', 晓: '小筱', 新: '欣鑫', 家: '佳嘉', 荣: '蓉容',
  福: '富芙', 贵: '桂', 祥: '翔', 利: '丽莉力', 毅: '义艺', 旭: '序', 晨: '辰臣', 阳: '洋扬', 凯: '楷恺',
  健: '建剑', 坤: '昆', 江: '姜',
  敏: '民珉', 静: '晶菁', 丽: '莉俐利', 艳: '燕雁', 娟: '鹃', 霞: '夏', 燕: '艳雁', 芳: '方舫', 娜: '纳',
  玲: '铃苓伶', 秀: '绣', 英: '瑛莹', 梅: '玫媚', 兰: '岚蓝', 红: '虹鸿', 萍: '平苹', 琴: '勤芹', 婷: '亭庭',
  慧: '惠蕙', 晶: '静菁', 莉: '丽俐', 倩: '芊', 洁: '杰婕', 颖: '英莹', 琳: '林霖', 欣: '新馨', 怡: '宜仪',
  佳: '家嘉', 凤: '峰锋', 桂: '贵', 珍: '真贞', 蓉: '荣容', 淑: '舒', 云: '芸昀', 月: '悦越', 妍: '艳燕',
  瑶: '遥', 露: '璐', 思: '丝', 雨: '宇语', 芬: '纷', 玉: '宇雨',
  小: '晓筱', 秋: '丘', 子: '紫梓', 一: '依怡', 嘉: '佳家',
};
