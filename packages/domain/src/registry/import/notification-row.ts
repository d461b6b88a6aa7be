/**
 * One row of a notification import file (CSV or Excel template), validated into what the registry keeps.
 * A row is refused — and with it the whole file — when a value cannot be read: a missing required column
 * value, an unknown code (ICD-O-3, ICD-10, basis…), an impossible or future date, an invalid resident ID.
 * Implausible but readable combinations (IARC TR42 consistency checks) do not refuse the row: they are
 * stored on the tumour for a registrar to fix or confirm.
 */
import { convertIcdO3ToIcd10 } from '../../codes/icdo3-to-icd10.ts';
import { isValidIcd10, normaliseIcd10 } from '../../codes/icd10.ts';
import { checkStage, tnmSiteOf } from '../../codes/tnm.ts';
import type { BasisCode } from '../../codes/basis.ts';
import type { Behaviour } from '../../codes/morphology.ts';
import type { Grade } from '../../codes/behaviour-grade.ts';
import { parseDate, type IsoDate } from '../../common/dates.ts';
import { validatePerson, type PersonRecord } from '../../people/person-input.ts';
import { checkTumour } from '../checks.ts';
import { incidenceDate, type IncidenceDate, type IncidenceEvent } from '../incidence-date.ts';
import { icdO3FromIcd10 } from './icd10-only.ts';
import { cell, personColumn, type RowError } from './row-error.ts';

export const NOTIFICATION_KINDS = ['pathology', 'hospital', 'screening', 'death_certificate', 'other'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const DETECTIONS = ['screening', 'symptoms', 'incidental', 'death_certificate', 'unknown'] as const;
export type Detection = (typeof DETECTIONS)[number];

/** The template's columns in order, with whether each is required (the downloadable template and the docs use this). */
export const NOTIFICATION_COLUMNS: ReadonlyArray<{ readonly name: string; readonly required: boolean; readonly en: string; readonly zh: string }> = [
  { name: 'source_ref', required: true, en: "the institution's own reference (report or admission number)", zh: '报告单位编号（报告号或住院号）' },
  { name: 'kind', required: true, en: 'pathology, hospital, screening, death_certificate or other', zh: '来源类型：病理、住院、筛查、死亡证明、其他' },
  { name: 'reported_on', required: true, en: 'date the institution reported it', zh: '报告日期' },
  { name: 'institution', required: false, en: 'reporting institution code (default: the importing institution)', zh: '报告机构代码（默认为导入机构）' },
  { name: 'name', required: true, en: 'name', zh: '姓名' },
  { name: 'sex', required: true, en: '1 male, 2 female', zh: '性别：1男，2女' },
  { name: 'birth_date', required: true, en: 'date of birth', zh: '出生日期' },
  { name: 'resident_id', required: false, en: 'resident identity number', zh: '身份证号' },
  { name: 'phone', required: false, en: 'phone', zh: '电话' },
  { name: 'division_code', required: false, en: 'GB/T 2260 code of residence', zh: '户籍/常住地行政区划代码' },
  { name: 'address', required: false, en: 'address', zh: '地址' },
  { name: 'mrn', required: false, en: 'medical record number at the institution', zh: '病案号' },
  { name: 'topography', required: false, en: 'ICD-O-3 topography (C16.9 or C169)', zh: 'ICD-O-3部位编码' },
  { name: 'morphology', required: false, en: 'ICD-O-3 morphology (8140, 8140/3)', zh: 'ICD-O-3形态学编码' },
  { name: 'behaviour', required: false, en: 'ICD-O-3 behaviour (0 1 2 3 6 9)', zh: '动态编码' },
  { name: 'grade', required: false, en: 'grade (1–9)', zh: '分级' },
  { name: 'laterality', required: false, en: '0 not paired, 1 right, 2 left, 3 one side unknown, 4 bilateral, 9 unknown', zh: '侧别' },
  { name: 'basis', required: true, en: 'basis of diagnosis (IARC 0–9)', zh: '诊断依据（IARC 0–9）' },
  { name: 'icd10', required: false, en: 'ICD-10 (needed when topography and morphology are empty)', zh: 'ICD-10编码（无ICD-O-3时必填）' },
  { name: 'incidence_date', required: false, en: 'incidence date as the source coded it', zh: '发病日期（报告单位填报）' },
  { name: 'histology_date', required: false, en: 'first histological or cytological confirmation', zh: '首次病理确诊日期' },
  { name: 'admission_date', required: false, en: 'hospital admission for the cancer', zh: '入院日期' },
  { name: 'outpatient_date', required: false, en: 'first outpatient consultation', zh: '首次门诊日期' },
  { name: 'clinical_date', required: false, en: 'clinical diagnosis', zh: '临床诊断日期' },
  { name: 't', required: false, en: 'TNM 8th T category', zh: 'T分期' },
  { name: 'n', required: false, en: 'TNM 8th N category', zh: 'N分期' },
  { name: 'm', required: false, en: 'TNM 8th M category', zh: 'M分期' },
  { name: 'stage', required: false, en: 'stage group (I, IIA, …)', zh: '临床分期' },
  { name: 'detection', required: false, en: 'screening, symptoms, incidental, death_certificate or unknown', zh: '发现方式：筛查、症状、偶然发现、死亡证明、不详' },
];

const KIND_ALIASES: Readonly<Record<string, NotificationKind>> = { 病理: 'pathology', 住院: 'hospital', 医院: 'hospital', 筛查: 'screening', 死亡证明: 'death_certificate', 死亡: 'death_certificate', 其他: 'other' };
const DETECTION_ALIASES: Readonly<Record<string, Detection>> = { 筛查: 'screening', 症状: 'symptoms', 偶然发现: 'incidental', 死亡证明: 'death_certificate', 不详: 'unknown' };

export interface NotificationTumour {
  readonly topography: string;
  readonly morphology: string;
  readonly behaviour: Behaviour;
  readonly grade: Grade | null;
  readonly laterality: number | null;
  readonly basis: BasisCode;
  readonly icd10: string;
  /** True when ICD-O-3 was derived from an ICD-10 code only (./icd10-only.ts). */
  readonly fromIcd10: boolean;
  readonly incidence: IncidenceDate;
  readonly dates: { readonly incidence: IsoDate | null; readonly histology: IsoDate | null; readonly admission: IsoDate | null; readonly outpatient: IsoDate | null; readonly clinical: IsoDate | null };
  readonly t: string | null;
  readonly n: string | null;
  readonly m: string | null;
  readonly stage: string | null;
  readonly detection: Detection;
}

export interface NotificationRow {
  readonly sourceRef: string;
  readonly kind: NotificationKind;
  readonly reportedOn: IsoDate;
  readonly institutionCode: string | null;
  readonly person: PersonRecord;
  readonly mrn: string | null;
  readonly tumour: NotificationTumour;
}

export type RowResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: readonly RowError[] };

export function parseNotificationRow(values: Readonly<Record<string, string | undefined>>, row: number, today: IsoDate): RowResult<NotificationRow> {
  const errors: RowError[] = [];
  const err = (column: string, code: string, message: string, messageZh?: string) => errors.push({ row, column, code, message: `${column}: ${message}`, ...(messageZh ? { messageZh } : {}) });
  const get = (c: string) => cell(values, c);
  const required = (c: string): string | null => {
    const v = get(c);
    if (v === null) err(c, 'required', 'is required', '必填');
    return v;
  };
  const date = (c: string): IsoDate | null => {
    const v = get(c);
    if (v === null) return null;
    const parsed = parseDate(v, c);
    if (!parsed.ok) {
      err(c, parsed.error.code, `"${v}" is not a date (YYYY-MM-DD)`, '不是有效日期');
      return null;
    }
    if (parsed.value > today) {
      err(c, 'future', `${parsed.value} is after today (${today})`, '晚于今天');
      return null;
    }
    return parsed.value;
  };

  const sourceRef = required('source_ref');
  if (sourceRef !== null && sourceRef.length > 64) err('source_ref', 'tooLong', 'at most 64 characters');
  const kindText = required('kind');
  const kind = kindText === null ? null : ((NOTIFICATION_KINDS as readonly string[]).includes(kindText.toLowerCase()) ? (kindText.toLowerCase() as NotificationKind) : (KIND_ALIASES[kindText] ?? null));
  if (kindText !== null && kind === null) err('kind', 'enum', `"${kindText}" is not one of ${NOTIFICATION_KINDS.join(', ')}`, '不是有效的来源类型');
  const reportedOn = get('reported_on') === null ? (required('reported_on'), null) : date('reported_on');

  const person = validatePerson(
    { name: get('name'), sex: get('sex'), birthDate: get('birth_date'), residentId: get('resident_id'), phone: get('phone'), divisionCode: get('division_code'), address: get('address') },
    today,
  );
  if (!person.ok) for (const e of person.errors) err(personColumn(e.field), e.code, e.message.replace(/^[A-Za-z]+: /, ''));
  const mrn = get('mrn');
  if (mrn !== null && mrn.length > 64) err('mrn', 'tooLong', 'at most 64 characters');

  const dates = { incidence: date('incidence_date'), histology: date('histology_date'), admission: date('admission_date'), outpatient: date('outpatient_date'), clinical: date('clinical_date') };
  const basisText = required('basis');

  // ICD-O-3 when given; else derived from ICD-10 (registry convention, ./icd10-only.ts).
  let topography = get('topography');
  let morphology = get('morphology');
  let behaviour = get('behaviour');
  const icd10Text = get('icd10');
  let fromIcd10 = false;
  if (icd10Text !== null && !isValidIcd10(icd10Text)) err('icd10', 'code.icd10', `"${icd10Text}" is not an ICD-10 code of the neoplasms chapter`, '不是有效的ICD-10肿瘤编码');
  if (topography === null && morphology === null) {
    if (icd10Text === null) err('topography', 'required', 'topography and morphology, or icd10, are required', '须填写部位和形态学编码，或ICD-10编码');
    else if (isValidIcd10(icd10Text)) {
      const derived = icdO3FromIcd10(icd10Text);
      if (derived === null) err('icd10', 'code.icd10', `"${icd10Text}" cannot be placed on an ICD-O-3 site`, '无法对应到ICD-O-3部位');
      else {
        ({ topography, morphology } = derived);
        behaviour ??= String(derived.behaviour);
        fromIcd10 = true;
      }
    }
  } else {
    if (topography === null) err('topography', 'required', 'is required with a morphology', '填写形态学时部位必填');
    if (morphology === null) err('morphology', 'required', 'is required with a topography', '填写部位时形态学必填');
  }

  // ENCR incidence-date hierarchy over the dates this source gives; a source's own incidence date counts as a
  // clinical diagnosis (or the death, for a death certificate).
  const events: IncidenceEvent[] = [];
  if (dates.histology) events.push({ kind: 'histology', date: dates.histology });
  if (dates.admission) events.push({ kind: 'admission', date: dates.admission });
  if (dates.outpatient) events.push({ kind: 'outpatient', date: dates.outpatient });
  if (dates.clinical) events.push({ kind: 'clinicalDiagnosis', date: dates.clinical });
  if (dates.incidence) events.push({ kind: kind === 'death_certificate' ? 'death' : 'clinicalDiagnosis', date: dates.incidence });
  const incidence = incidenceDate(events);
  const anyDateColumn = ['incidence_date', 'histology_date', 'admission_date', 'outpatient_date', 'clinical_date'].some((c) => get(c) !== null);
  if (incidence === null && !anyDateColumn) err('incidence_date', 'required', 'an incidence, histology, admission, outpatient or clinical date is required', '须至少填写一个诊断相关日期');

  // Code validity and dates through the registry checks; IARC consistency findings are kept for the tumour.
  const check = checkTumour(
    { sex: get('sex'), birthDate: get('birth_date'), incidenceDate: incidence?.date ?? null, topography, morphology, behaviour, grade: get('grade'), basis: basisText },
    { today },
  );
  for (const r of check.results) {
    if (r.severity !== 'error' || !(r.rule.startsWith('code.') || r.rule.startsWith('dates.'))) continue;
    if (r.rule === 'code.sex' || r.rule === 'code.date' || r.rule === 'dates.future') continue; // already reported above
    const column = r.rule === 'dates.birth-incidence' ? (dates.histology ? 'histology_date' : 'incidence_date') : (r.fields[0] ?? 'row');
    err(fromIcd10 && ['topography', 'morphology', 'behaviour'].includes(column) ? 'icd10' : column, r.rule, r.message.en.replace(/^[a-z_]+ /, ''), r.message.zh);
  }

  const lateralityText = get('laterality');
  const laterality = lateralityText === null ? null : /^[0-49]$/.test(lateralityText) ? Number(lateralityText) : null;
  if (lateralityText !== null && laterality === null) err('laterality', 'code.laterality', `"${lateralityText}" is not a laterality code (0–4, 9)`, '不是有效的侧别编码');

  const detectionText = get('detection');
  const detection: Detection | null = detectionText === null ? (kind === 'screening' ? 'screening' : kind === 'death_certificate' ? 'death_certificate' : 'unknown')
    : (DETECTIONS as readonly string[]).includes(detectionText.toLowerCase()) ? (detectionText.toLowerCase() as Detection) : (DETECTION_ALIASES[detectionText] ?? null);
  if (detection === null) err('detection', 'enum', `"${detectionText}" is not one of ${DETECTIONS.join(', ')}`, '不是有效的发现方式');

  const tnm = { t: get('t'), n: get('n'), m: get('m'), stage: get('stage') };
  const t = check.tumour;
  let stage = tnm.stage;
  if (t.topography !== null && tnm.t !== null && tnm.n !== null && tnm.m !== null) {
    const site = tnmSiteOf(t.topography);
    if (site !== null) {
      const verdict = checkStage(site, { t: tnm.t, n: tnm.n, m: tnm.m, stage: tnm.stage });
      if (verdict.kind === 'invalidCategory') err(verdict.field === 'stage' ? 'stage' : verdict.field.toLowerCase(), 'code.tnm', `"${verdict.value}" is not a TNM 8th ${verdict.field} category for this site`, '不是该部位TNM第8版的有效分期');
      else if (verdict.kind === 'mismatch' && verdict.recorded !== '') err('stage', 'tnm.mismatch', `stage ${verdict.recorded} does not follow from ${tnm.t} ${tnm.n} ${tnm.m} (expected ${verdict.expected ?? 'none'})`, '分期与TNM不符');
      else if (verdict.kind === 'ok') stage = verdict.stage;
    }
  }

  if (errors.length > 0 || !person.ok || sourceRef === null || kind === null || reportedOn === null || incidence === null || detection === null) {
    return { ok: false, errors: errors.length > 0 ? errors : [{ row, column: 'row', code: 'invalid', message: 'row: cannot be read' }] };
  }
  if (t.topography === null || t.morphology === null || t.behaviour === null || t.basis === null) return { ok: false, errors: [{ row, column: 'row', code: 'invalid', message: 'row: codes incomplete' }] };
  const converted = convertIcdO3ToIcd10({ topography: t.topography, morphology: t.morphology, behaviour: t.behaviour, sex: t.sex });
  // ICD-10 is derived from ICD-O-3 (IARC TR42); a source's own ICD-10 is used only when it is all there is.
  const given = icd10Text === null ? null : normaliseIcd10(icd10Text);
  const icd10 = fromIcd10 ? given : converted.ok ? converted.icd10 : given;
  if (icd10 === null) return { ok: false, errors: [{ row, column: 'morphology', code: 'code.conversion', message: `morphology: ${t.morphology}/${t.behaviour} at ${t.topography} has no ICD-10 conversion; give the icd10 column`, messageZh: '无法转换为ICD-10，请填写ICD-10编码' }] };
  return {
    ok: true,
    value: {
      sourceRef,
      kind,
      reportedOn,
      institutionCode: get('institution'),
      person: { ...person.value, identifiers: mrn === null ? [] : [{ kind: 'mrn', value: mrn }] },
      mrn,
      tumour: {
        topography: t.topography, morphology: t.morphology, behaviour: t.behaviour, grade: t.grade, laterality, basis: t.basis, icd10, fromIcd10,
        incidence, dates, t: tnm.t, n: tnm.n, m: tnm.m, stage, detection,
      },
    },
  };
}
