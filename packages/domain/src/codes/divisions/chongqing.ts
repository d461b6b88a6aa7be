/**
 * GB/T 2260 administrative divisions of Chongqing (重庆市, 500000): its 26 districts and 12 counties
 * with their current codes, and resident populations from the 7th national census (2020, rounded to
 * thousands) used to weight the synthetic population.
 */
export type DivisionKind = 'province' | 'district' | 'county' | 'autonomous_county' | 'township';

export interface Division {
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly kind: DivisionKind;
  /** Residents in thousands (2020 census); 0 for the province row. */
  readonly population: number;
}

export const CHONGQING: Division = { code: '500000', nameZh: '重庆市', nameEn: 'Chongqing', kind: 'province', population: 0 };

const d = (code: string, nameZh: string, nameEn: string, population: number, kind: DivisionKind = 'district'): Division => ({ code, nameZh, nameEn, kind, population });

export const CHONGQING_COUNTIES: readonly Division[] = [
  d('500101', '万州区', 'Wanzhou', 1563),
  d('500102', '涪陵区', 'Fuling', 1115),
  d('500103', '渝中区', 'Yuzhong', 589),
  d('500104', '大渡口区', 'Dadukou', 421),
  d('500105', '江北区', 'Jiangbei', 926),
  d('500106', '沙坪坝区', 'Shapingba', 1480),
  d('500107', '九龙坡区', 'Jiulongpo', 1525),
  d('500108', '南岸区', "Nan'an", 1194),
  d('500109', '北碚区', 'Beibei', 834),
  d('500110', '綦江区', 'Qijiang', 1015),
  d('500111', '大足区', 'Dazu', 835),
  d('500112', '渝北区', 'Yubei', 2192),
  d('500113', '巴南区', 'Banan', 1179),
  d('500114', '黔江区', 'Qianjiang', 487),
  d('500115', '长寿区', 'Changshou', 693),
  d('500116', '江津区', 'Jiangjin', 1360),
  d('500117', '合川区', 'Hechuan', 1245),
  d('500118', '永川区', 'Yongchuan', 1148),
  d('500119', '南川区', 'Nanchuan', 571),
  d('500120', '璧山区', 'Bishan', 762),
  d('500151', '铜梁区', 'Tongliang', 686),
  d('500152', '潼南区', 'Tongnan', 689),
  d('500153', '荣昌区', 'Rongchang', 669),
  d('500154', '开州区', 'Kaizhou', 1203),
  d('500155', '梁平区', 'Liangping', 646),
  d('500156', '武隆区', 'Wulong', 357),
  d('500229', '城口县', 'Chengkou', 192, 'county'),
  d('500230', '丰都县', 'Fengdu', 558, 'county'),
  d('500231', '垫江县', 'Dianjiang', 654, 'county'),
  d('500233', '忠县', 'Zhongxian', 721, 'county'),
  d('500235', '云阳县', 'Yunyang', 929, 'county'),
  d('500236', '奉节县', 'Fengjie', 745, 'county'),
  d('500237', '巫山县', 'Wushan', 463, 'county'),
  d('500238', '巫溪县', 'Wuxi', 389, 'county'),
  d('500240', '石柱土家族自治县', 'Shizhu', 389, 'autonomous_county'),
  d('500241', '秀山土家族苗族自治县', 'Xiushan', 486, 'autonomous_county'),
  d('500242', '酉阳土家族苗族自治县', 'Youyang', 609, 'autonomous_county'),
  d('500243', '彭水苗族土家族自治县', 'Pengshui', 496, 'autonomous_county'),
];

/**
 * Township level (GB/T 10114 form: county code + 3 digits). SYNTHETIC: the codes and names below are
 * plausible but made up for the demo, four per county — they are not the official township list.
 */
export const SYNTHETIC_TOWNSHIP_STEMS: readonly (readonly [string, string, string])[] = [
  ['001', '城东街道', 'Chengdong subdistrict'],
  ['002', '城西街道', 'Chengxi subdistrict'],
  ['101', '龙泉镇', 'Longquan town'],
  ['102', '白沙镇', 'Baisha town'],
];

export function townshipsOf(county: Division): Division[] {
  return SYNTHETIC_TOWNSHIP_STEMS.map(([suffix, zh, en]) => ({ code: county.code + suffix, nameZh: `${county.nameZh.replace(/(区|县|土家族自治县|土家族苗族自治县|苗族土家族自治县)$/, '')}${zh}`, nameEn: `${county.nameEn} ${en}`, kind: 'township', population: Math.round(county.population / SYNTHETIC_TOWNSHIP_STEMS.length) }));
}
