import { CHONGQING_COUNTIES, townshipsOf } from '../codes/divisions/chongqing.ts';
import type { AllianceDraft, InstitutionDraft } from '../network/institution.ts';

const county = (code: string) => {
  const found = CHONGQING_COUNTIES.find((c) => c.code === code);
  if (!found) throw new Error(`unknown county ${code}`);
  return found;
};
const short = (nameZh: string) => nameZh.replace(/(土家族苗族自治县|苗族土家族自治县|土家族自治县|区|县)$/, '');

/** The five single-disease alliances (单病种联盟) of the demo network. */
const ALLIANCES: readonly AllianceDraft[] = [
  { code: 'ALL-LUNG', nameZh: '肺癌专科联盟', nameEn: 'Lung cancer alliance', site: 'C33-C34' },
  { code: 'ALL-BREAST', nameZh: '乳腺癌专科联盟', nameEn: 'Breast cancer alliance', site: 'C50' },
  { code: 'ALL-CRC', nameZh: '结直肠癌专科联盟', nameEn: 'Colorectal cancer alliance', site: 'C18-C21' },
  { code: 'ALL-LIVER', nameZh: '肝癌专科联盟', nameEn: 'Liver cancer alliance', site: 'C22' },
  { code: 'ALL-UGI', nameZh: '上消化道肿瘤专科联盟', nameEn: 'Upper GI cancer alliance', site: 'C15-C16' },
];

/** The 13 secondary tumour hospitals (county hubs); the first three are named in the network's own documents. */
const TUMOUR_HOSPITALS: readonly (readonly [code: string, county: string, nameZh: string, nameEn: string, alliances: readonly string[]])[] = [
  ['YY-TH', '500235', '云阳县肿瘤医院', 'Yunyang County Tumour Hospital', ['ALL-UGI', 'ALL-LUNG']],
  ['QJ-TC', '500114', '黔江区肿瘤防治中心（重庆大学附属黔江医院）', 'Qianjiang Cancer Prevention and Treatment Centre (Qianjiang Hospital of Chongqing University)', ['ALL-LUNG', 'ALL-LIVER']],
  ['HC-TH', '500117', '合川区肿瘤医院', 'Hechuan District Tumour Hospital', ['ALL-CRC', 'ALL-BREAST']],
  ['LP-TH', '500155', '梁平区肿瘤医院', 'Liangping District Tumour Hospital', ['ALL-UGI']],
  ['WZ-TH', '500101', '万州区肿瘤医院', 'Wanzhou District Tumour Hospital', ['ALL-LUNG', 'ALL-BREAST', 'ALL-LIVER']],
  ['FL-TH', '500102', '涪陵区肿瘤医院', 'Fuling District Tumour Hospital', ['ALL-CRC']],
  ['JJ-TH', '500116', '江津区肿瘤医院', 'Jiangjin District Tumour Hospital', ['ALL-BREAST']],
  ['YC-TH', '500118', '永川区肿瘤医院', 'Yongchuan District Tumour Hospital', ['ALL-LUNG']],
  ['KZ-TH', '500154', '开州区肿瘤医院', 'Kaizhou District Tumour Hospital', ['ALL-UGI', 'ALL-LIVER']],
  ['FJ-TH', '500236', '奉节县肿瘤医院', 'Fengjie County Tumour Hospital', ['ALL-UGI']],
  ['ZX-TH', '500233', '忠县肿瘤医院', 'Zhongxian County Tumour Hospital', ['ALL-CRC']],
  ['QIJ-TH', '500110', '綦江区肿瘤医院', 'Qijiang District Tumour Hospital', ['ALL-BREAST']],
  ['CS-TH', '500115', '长寿区肿瘤医院', 'Changshou District Tumour Hospital', ['ALL-LIVER']],
];

/** County cancer prevention offices (肿瘤防治办公室), hub units beside their county's hospital. */
const PREVENTION_OFFICES: readonly (readonly [code: string, county: string])[] = [
  ['YY-PO', '500235'],
  ['HC-PO', '500117'],
  ['LP-PO', '500155'],
  ['WZ-PO', '500101'],
];

/** The 26 standardised-treatment bases (规范化诊疗基地) in the districts and counties without a tumour hospital. */
const BASE_COUNTIES = ['500103', '500104', '500105', '500107', '500108', '500109', '500111', '500112', '500113', '500119', '500120', '500151', '500152', '500153', '500156', '500229', '500230', '500231', '500237', '500238', '500240', '500241', '500242', '500243', '500106', '500114'];

const COLLABORATING: readonly (readonly [code: string, county: string, nameZh: string, nameEn: string])[] = [
  ['CQMU-1', '500103', '重庆医科大学附属第一医院', 'First Affiliated Hospital of Chongqing Medical University'],
  ['CQ-PEOPLE', '500103', '重庆市人民医院', "Chongqing General Hospital"],
  ['XN-HOSP', '500106', '陆军军医大学第一附属医院', 'First Affiliated Hospital of Army Medical University'],
  ['CQ-TCM', '500105', '重庆市中医院', 'Chongqing Hospital of Traditional Chinese Medicine'],
];

/**
 * The demo network, modelled on Chongqing's real "one network, one chain": the core cancer hospital,
 * 13 county tumour hospitals, 4 prevention offices, 26 standardised-treatment bases and 4 collaborating
 * hospitals as hubs, and four township or community health centres under each tumour hospital —
 * 100 members with the real GB/T 2260 codes of their districts and counties (township codes synthetic).
 */
export function demoNetwork(): { institutions: InstitutionDraft[]; alliances: AllianceDraft[] } {
  const institutions: InstitutionDraft[] = [
    { code: 'CQCH', nameZh: '重庆大学附属肿瘤医院', nameEn: 'Chongqing University Cancer Hospital', tier: 'core', type: 'cancer_hospital', parentCode: null, divisionCode: '500106', alliances: ALLIANCES.map((a) => a.code) },
  ];
  for (const [code, countyCode, nameZh, nameEn, alliances] of TUMOUR_HOSPITALS) {
    institutions.push({ code, nameZh, nameEn, tier: 'hub', type: 'county_tumour_hospital', parentCode: 'CQCH', divisionCode: countyCode, alliances });
    const c = county(countyCode);
    townshipsOf(c).forEach((township, i) => {
      const community = i < 2;
      institutions.push({
        code: `${code.split('-')[0]}-P${i + 1}`,
        nameZh: community ? `${township.nameZh}社区卫生服务中心` : `${township.nameZh}卫生院`,
        nameEn: community ? `${township.nameEn} Community Health Service Centre` : `${township.nameEn} Health Centre`,
        tier: 'primary',
        type: community ? 'community_health_centre' : 'township_health_centre',
        parentCode: code,
        divisionCode: township.code,
        alliances: [],
      });
    });
  }
  for (const [code, countyCode] of PREVENTION_OFFICES) {
    const c = county(countyCode);
    institutions.push({ code, nameZh: `${c.nameZh}肿瘤防治办公室`, nameEn: `${c.nameEn} Cancer Prevention Office`, tier: 'hub', type: 'cancer_prevention_office', parentCode: 'CQCH', divisionCode: countyCode, alliances: [] });
  }
  BASE_COUNTIES.forEach((countyCode, i) => {
    const c = county(countyCode);
    institutions.push({
      code: `STB-${String(i + 1).padStart(2, '0')}`,
      nameZh: `${short(c.nameZh)}肿瘤规范化诊疗基地`,
      nameEn: `${c.nameEn} Standardised Cancer Treatment Base`,
      tier: 'hub',
      type: 'standardised_treatment_base',
      parentCode: 'CQCH',
      divisionCode: countyCode,
      alliances: [ALLIANCES[i % ALLIANCES.length]!.code],
    });
  });
  for (const [code, countyCode, nameZh, nameEn] of COLLABORATING) {
    institutions.push({ code, nameZh, nameEn, tier: 'hub', type: 'collaborating_hospital', parentCode: 'CQCH', divisionCode: countyCode, alliances: ['ALL-LUNG', 'ALL-BREAST'] });
  }
  return { institutions, alliances: [...ALLIANCES] };
}
