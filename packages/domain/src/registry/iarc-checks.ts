/**
 * The IARC consistency checks of Technical Report 42 (Ferlay, Burkhard, Whelan, Parkin: "Check and conversion
 * programs for cancer registries", IARC 2005; IARCcrgTools): age/site, age/morphology, age/site/morphology,
 * sex/site, sex/morphology, site/morphology, behaviour/site, basis/morphology. Only run on valid codes.
 */
import { isMicroscopic } from '../codes/basis.ts';
import { morphologyConversionRule } from '../codes/icdo3-to-icd10.ts';
import { checkSiteMorphology, morphologyFamily } from '../codes/site-morphology.ts';
import { topographyNumber } from '../codes/topography.ts';
import { finding, type CheckResult } from './check-result.ts';
import type { ParsedTumour } from './tumour-input.ts';

/** TR42 age/site: cancers of these sites are rare before age 20 (cervix and prostate before 5 even more so). */
const RARE_UNDER_20 = new Set([15, 19, 20, 21, 23, 24, 50, 53, 54, 55]);

export function ageChecks(t: ParsedTumour, age: number | null): CheckResult[] {
  if (age === null) return [];
  const out: CheckResult[] = [];
  if (t.topography !== null) {
    const n = topographyNumber(t.topography);
    const g = Math.floor(n / 10);
    if ((age < 5 && (g === 53 || g === 61)) || (age < 20 && (RARE_UNDER_20.has(g) || n === 384))) {
      out.push(finding('age.site', 'warning', ['age', 'topography'], `age ${age} is rare for a cancer of ${t.topography}`, `${age}岁发生${t.topography}部位癌症少见`));
    }
  }
  if (t.morphology !== null) {
    const m = Number(t.morphology);
    const rare =
      (age <= 25 && (m === 9730 || m === 9823 || m === 9890)) ||
      (age >= 15 && [8910, 8960, 8961, 8962, 8970, 8981, 8991, 9072, 9470, 9490, 9500, 9687].includes(m)) ||
      (age < 15 && (m === 9724 || m === 9732 || m === 9823));
    // Embryonal tumours and Burkitt lymphoma are childhood tumours; myeloma and CLL are rare in the young (TR42).
    if (rare) {
      out.push(finding('age.morphology', 'warning', ['age', 'morphology'], `age ${age} is rare for morphology ${t.morphology}`, `${age}岁发生形态学${t.morphology}少见`));
    }
  }
  if (t.topography !== null && t.morphology !== null) {
    const g = Math.floor(topographyNumber(t.topography) / 10);
    const m = Number(t.morphology);
    const rare =
      (age < 40 && g === 61 && Math.floor(m / 10) === 814) ||
      (age < 20 && g === 17 && m < 9590) ||
      (age < 20 && (g === 33 || g === 34 || g === 18) && Math.floor(m / 10) !== 824) ||
      (age > 5 && (m === 9510 || m === 9512) && g === 69) ||
      ((age < 15 || age > 45) && g === 58 && m === 9100);
    if (rare) {
      out.push(finding('age.site-morphology', 'warning', ['age', 'topography', 'morphology'], `age ${age} is rare for ${t.morphology} of ${t.topography}`, `${age}岁发生${t.topography}部位的${t.morphology}少见`));
    }
  }
  return out;
}

export function sexChecks(t: ParsedTumour): CheckResult[] {
  if (t.sex === null) return [];
  const out: CheckResult[] = [];
  if (t.topography !== null) {
    const g = Math.floor(topographyNumber(t.topography) / 10);
    // TR42 sex/site is "invalid": a male with C51–C58 or a female with C60–C63 must be corrected.
    if ((t.sex === 1 && g >= 51 && g <= 58) || (t.sex === 2 && g >= 60 && g <= 63)) {
      out.push(finding('sex.site', 'error', ['sex', 'topography'], `${t.topography} is a ${t.sex === 1 ? 'female' : 'male'} site but sex is ${t.sex === 1 ? 'male' : 'female'}`, `${t.topography}为${t.sex === 1 ? '女' : '男'}性部位，但性别为${t.sex === 1 ? '男' : '女'}`));
    }
  }
  if (t.morphology !== null) {
    const fam = morphologyFamily(t.morphology);
    const family = fam?.list === 'must' ? fam.family : 0;
    const rule = t.behaviour === null ? null : morphologyConversionRule(t.morphology, t.behaviour);
    const sexOnly = rule?.[5] ?? null;
    if ((sexOnly === 'female' && t.sex === 1) || (sexOnly === 'male' && t.sex === 2)) {
      out.push(finding('sex.morphology', 'error', ['sex', 'morphology'], `morphology ${t.morphology} occurs only in ${sexOnly}s`, `形态学${t.morphology}仅见于${sexOnly === 'female' ? '女' : '男'}性`));
    } else if (
      (t.sex === 1 && ((family >= 22 && family <= 26) || (t.morphology === '9084' && t.behaviour === 3))) ||
      (t.sex === 2 && (family === 27 || family === 28))
    ) {
      out.push(finding('sex.morphology', 'warning', ['sex', 'morphology'], `morphology ${t.morphology} is rare in ${t.sex === 1 ? 'males' : 'females'}`, `形态学${t.morphology}在${t.sex === 1 ? '男' : '女'}性中少见`));
    }
  }
  return out;
}

export function siteMorphologyChecks(t: ParsedTumour): CheckResult[] {
  const out: CheckResult[] = [];
  if (t.topography !== null && t.morphology !== null) {
    const verdict = checkSiteMorphology(t.topography, t.morphology);
    if (verdict.kind === 'unlikely') {
      const f = verdict.family;
      const where = f.list === 'must' ? `expected in ${verdict.allowedSites.join(', ')}` : `not expected in ${t.topography}`;
      const whereZh = f.list === 'must' ? `应见于${verdict.allowedSites.join('、')}` : `不应见于${t.topography}`;
      out.push(finding('site.morphology', 'warning', ['topography', 'morphology'], `morphology ${t.morphology} (${f.en}) is ${where}, but the site is ${t.topography}`, `形态学${t.morphology}（${f.zh}）${whereZh}，但部位为${t.topography}`));
    }
  }
  if (t.topography !== null && t.behaviour === 2) {
    const g = Math.floor(topographyNumber(t.topography) / 10);
    // TR42 behaviour/site: in situ is implausible in bone, blood/marrow, nerves, soft tissue, meninges, brain, spinal cord.
    if ([40, 41, 42, 47, 49, 70, 71, 72].includes(g)) {
      out.push(finding('behaviour.site', 'warning', ['behaviour', 'topography'], `in situ (/2) is rare in ${t.topography}`, `${t.topography}部位原位癌（/2）少见`));
    }
  }
  return out;
}

/** TR42 basis/morphology: a specific morphology needs a microscopic basis (5–8), except those diagnosable otherwise. */
function diagnosableWithoutMicroscopy(m: number, topographyGroup: number): boolean {
  return (
    m === 8000 || (m >= 8150 && m <= 8154) || m === 8170 || (m >= 8270 && m <= 8281) || m === 8800 ||
    (m === 8720 && (topographyGroup === 69 || topographyGroup === 44)) || m === 8960 || m === 9050 || m === 9100 ||
    m === 9140 || m === 9350 || m === 9380 || m === 9384 || m === 9500 || m === 9510 || (m >= 9530 && m <= 9539) ||
    m === 9590 || m === 9732 || m === 9761 || m === 9800
  );
}

export function basisChecks(t: ParsedTumour): CheckResult[] {
  if (t.basis === null || t.morphology === null) return [];
  const g = t.topography === null ? -1 : Math.floor(topographyNumber(t.topography) / 10);
  if (isMicroscopic(t.basis) || diagnosableWithoutMicroscopy(Number(t.morphology), g)) return [];
  return [
    finding('basis.morphology', 'warning', ['basis', 'morphology'], `morphology ${t.morphology} is specific but the basis of diagnosis ${t.basis} is not microscopic`, `形态学${t.morphology}为特指类型，但诊断依据${t.basis}不是显微镜检查`),
  ];
}
