import { parseBasis, type BasisCode } from '../codes/basis.ts';
import { parseBehaviour, parseGrade, type Grade } from '../codes/behaviour-grade.ts';
import { lookupTopography, normaliseTopography } from '../codes/topography.ts';
import { parseMorphology, type Behaviour } from '../codes/morphology.ts';
import { parseDate, type IsoDate } from '../common/dates.ts';
import { parseSex, type Sex } from '../common/sex.ts';
import { finding, type CheckResult } from './check-result.ts';

/** A tumour as the checks see it, from any source (form, CSV, FHIR); every field raw and optional. */
export interface RawTumour {
  readonly sex?: string | null;
  readonly birthDate?: string | null;
  /** Age at incidence in completed years, when the birth date is not known. */
  readonly age?: string | null;
  readonly incidenceDate?: string | null;
  readonly topography?: string | null;
  /** `8140`, `8140/3` or `81403`; a behaviour written here is used when `behaviour` is empty. */
  readonly morphology?: string | null;
  readonly behaviour?: string | null;
  readonly grade?: string | null;
  readonly basis?: string | null;
  readonly deathDate?: string | null;
}

/** The parsed values; null where the field was empty or invalid (an invalid field also yields a code.* finding). */
export interface ParsedTumour {
  readonly sex: Sex | null;
  readonly birthDate: IsoDate | null;
  readonly age: number | null;
  readonly incidenceDate: IsoDate | null;
  readonly topography: string | null;
  readonly morphology: string | null;
  readonly behaviour: Behaviour | null;
  readonly grade: Grade | null;
  readonly basis: BasisCode | null;
  readonly deathDate: IsoDate | null;
}

const blank = (v: string | null | undefined): v is null | undefined | '' => v === null || v === undefined || v.trim() === '';

/** Parses every field; code-validity findings (IARCcrgTools "invalid code") are errors. */
export function parseTumour(raw: RawTumour): { readonly tumour: ParsedTumour; readonly findings: readonly CheckResult[] } {
  const findings: CheckResult[] = [];
  const bad = (rule: Parameters<typeof finding>[0], field: string, value: string, en: string, zh: string) =>
    findings.push(finding(rule, 'error', [field], `${field} "${value}": ${en}`, `${field}“${value}”：${zh}`));

  let sex: Sex | null = null;
  if (!blank(raw.sex)) {
    const r = parseSex(raw.sex);
    if (r.ok) sex = r.value;
    else bad('code.sex', 'sex', raw.sex, 'not a sex code (1 male, 2 female)', '不是有效的性别代码（1男，2女）');
  }
  const date = (field: string, value: string | null | undefined): IsoDate | null => {
    if (blank(value)) return null;
    const r = parseDate(value, field);
    if (r.ok) return r.value;
    bad('code.date', field, value, 'not a date (YYYY-MM-DD)', '不是有效日期（YYYY-MM-DD）');
    return null;
  };
  const birthDate = date('birth_date', raw.birthDate);
  const incidenceDate = date('incidence_date', raw.incidenceDate);
  const deathDate = date('death_date', raw.deathDate);

  let age: number | null = null;
  if (!blank(raw.age)) {
    const t = raw.age.trim();
    if (/^\d{1,3}$/.test(t) && Number(t) <= 120) age = Number(t);
    else bad('code.age', 'age', raw.age, 'not an age in years (0–120)', '不是有效年龄（0–120岁）');
  }

  let topography: string | null = null;
  if (!blank(raw.topography)) {
    const code = normaliseTopography(raw.topography);
    if (code !== null && lookupTopography(code)) topography = code;
    else bad('code.topography', 'topography', raw.topography, 'not an ICD-O-3 topography code (C00.0–C80.9)', '不是有效的ICD-O-3部位编码（C00.0–C80.9）');
  }

  let morphology: string | null = null;
  let behaviourFromMorphology: number | null = null;
  if (!blank(raw.morphology)) {
    const parsed = parseMorphology(raw.morphology);
    if (parsed) {
      morphology = parsed.code;
      behaviourFromMorphology = parsed.behaviour;
    } else bad('code.morphology', 'morphology', raw.morphology, 'not an ICD-O-3 morphology code (8000–9993)', '不是有效的ICD-O-3形态学编码（8000–9993）');
  }

  let behaviour: Behaviour | null = null;
  const behaviourText = blank(raw.behaviour) ? (behaviourFromMorphology === null ? null : String(behaviourFromMorphology)) : raw.behaviour;
  if (behaviourText !== null) {
    behaviour = parseBehaviour(behaviourText);
    if (behaviour === null) bad('code.behaviour', 'behaviour', behaviourText, 'not an ICD-O-3 behaviour code (0, 1, 2, 3, 6, 9)', '不是有效的ICD-O-3动态编码（0、1、2、3、6、9）');
  }

  let grade: Grade | null = null;
  if (!blank(raw.grade)) {
    grade = parseGrade(raw.grade);
    if (grade === null) bad('code.grade', 'grade', raw.grade, 'not an ICD-O-3 grade code (1–9)', '不是有效的分级编码（1–9）');
  }

  let basis: BasisCode | null = null;
  if (!blank(raw.basis)) {
    basis = parseBasis(raw.basis);
    if (basis === null) bad('code.basis', 'basis', raw.basis, 'not a basis-of-diagnosis code (IARC 0–9)', '不是有效的诊断依据编码（IARC 0–9）');
  }

  return { tumour: { sex, birthDate, age, incidenceDate, topography, morphology, behaviour, grade, basis, deathDate }, findings };
}
