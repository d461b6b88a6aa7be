import type { Sex } from '../common/sex.ts';
import { WeightedTable, type Rng } from './random.ts';

/**
 * Surnames with their approximate share of the population in per mille (after the Ministry of Public
 * Security's 2020 surname report and the 2010 census tables); the common ones dominate as in life, and
 * compound surnames (欧阳, 司马, 上官, 诸葛) and polyphonic ones read differently as surnames (单, 曾,
 * 解, 区, 查, 仇) appear at realistic low rates. 冉, 向, 谭 are frequent in Chongqing.
 */
const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 71], ['李', 70], ['张', 67], ['刘', 54], ['陈', 46], ['杨', 31], ['黄', 25], ['赵', 23], ['吴', 20], ['周', 19],
  ['徐', 15], ['孙', 15], ['马', 13], ['朱', 12], ['胡', 12], ['郭', 11], ['何', 11], ['林', 10], ['高', 10], ['罗', 9],
  ['郑', 8], ['梁', 8], ['谢', 7], ['宋', 6], ['唐', 6], ['许', 6], ['韩', 6], ['邓', 5], ['冯', 5], ['曹', 5],
  ['彭', 5], ['曾', 5], ['肖', 5], ['田', 4], ['董', 4], ['潘', 4], ['袁', 4], ['蔡', 4], ['蒋', 4], ['余', 4],
  ['于', 4], ['杜', 4], ['叶', 4], ['程', 3], ['魏', 3], ['苏', 3], ['吕', 3], ['丁', 3], ['任', 3], ['卢', 3],
  ['姚', 3], ['沈', 3], ['钟', 3], ['姜', 3], ['崔', 3], ['谭', 3], ['陆', 2], ['范', 2], ['汪', 2], ['廖', 2],
  ['石', 2], ['金', 2], ['韦', 2], ['贾', 2], ['夏', 2], ['付', 2], ['方', 2], ['邹', 2], ['熊', 2], ['白', 2],
  ['孟', 2], ['秦', 2], ['邱', 2], ['侯', 2], ['江', 2], ['尹', 2], ['薛', 2], ['闫', 2], ['段', 2], ['雷', 2],
  ['龙', 2], ['黎', 2], ['史', 1], ['陶', 1], ['贺', 1], ['毛', 1], ['郝', 1], ['顾', 1], ['龚', 1], ['邵', 1],
  ['万', 1], ['覃', 1], ['武', 1], ['钱', 1], ['戴', 1], ['严', 1], ['莫', 1], ['孔', 1], ['向', 1.5], ['冉', 1.2],
  ['单', 0.3], ['解', 0.15], ['区', 0.1], ['查', 0.1], ['仇', 0.1], ['欧阳', 0.4], ['司马', 0.05], ['上官', 0.04], ['诸葛', 0.02],
  // The long tail: surnames outside the top hundred hold about a fifth of the population between them.
  ...[...'樊兰殷施易牟聂章鲁葛伍柳庞温甘苟卿蒲粟隆敖舒晏简饶屈滕岳涂穆欧祝凌阮缪左倪盛骆符申柯管霍耿谷宁关包尚戚季华'].map((s) => [s, 2.5] as const),
];

/** Given-name characters by sex, most frequent first; weights fall off like a Zipf law. */
const MALE = [...'伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩建国峰林兵俊文亮成东海龙志春晓新家德荣福贵祥利毅旭晨阳凯健斌坤川江'];
const FEMALE = [...'敏静丽艳娟霞燕芳娜玲秀英梅兰红萍琴婷雪慧晶莉倩洁颖琳欣怡佳丹凤桂珍琼蓉淑云月妍瑶露思雨芬玉'];
const SHARED = [...'小文明华春秋子一嘉雨晓海'];

const zipf = (chars: readonly string[]): (readonly [string, number])[] => chars.map((c, i) => [c, 1 / (i + 4)] as const);

const SURNAME_TABLE = new WeightedTable(SURNAMES);
const GIVEN: Readonly<Record<Sex, WeightedTable<string>>> = {
  1: new WeightedTable([...zipf(MALE), ...zipf(SHARED).map(([c, w]) => [c, w / 3] as const)]),
  2: new WeightedTable([...zipf(FEMALE), ...zipf(SHARED).map(([c, w]) => [c, w / 3] as const)]),
};

export function drawSurname(rng: Rng): string {
  return SURNAME_TABLE.draw(rng);
}

/** About a third of given names have one character (more among older people), the rest two. */
export function drawGivenName(rng: Rng, sex: Sex, birthYear: number): string {
  const single = rng.chance(birthYear < 1970 ? 0.45 : birthYear < 1990 ? 0.3 : 0.2);
  const first = GIVEN[sex].draw(rng);
  if (single) return first;
  let second = GIVEN[sex].draw(rng);
  if (second === first && rng.chance(0.7)) second = GIVEN[sex].draw(rng);
  return first + second;
}

export const SURNAME_SHARES = SURNAMES;
