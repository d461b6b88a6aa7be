/**
 * One row of a death-record import (cause-of-death surveillance, 死因监测): who died, when, and the underlying
 * cause in ICD-10. Causes in the neoplasm chapter are checked against the registry's ICD-10 table; other
 * chapters are checked for shape only (the registry keeps no table of them), and count as non-cancer deaths.
 */
import { isValidIcd10, normaliseIcd10, registryScope } from '../../codes/icd10.ts';
import { ageInYears, parseDate, type IsoDate } from '../../common/dates.ts';
import { validatePerson, type PersonRecord } from '../../people/person-input.ts';
import { cell, personColumn, type RowError } from './row-error.ts';
import type { RowResult } from './notification-row.ts';

export const DEATH_COLUMNS: ReadonlyArray<{ readonly name: string; readonly required: boolean; readonly en: string; readonly zh: string }> = [
  { name: 'source_ref', required: true, en: 'death certificate number', zh: '死亡医学证明书编号' },
  { name: 'reported_on', required: true, en: 'date reported', zh: '报告日期' },
  { name: 'institution', required: false, en: 'certifying institution code (default: the importing institution)', zh: '签发机构代码（默认为导入机构）' },
  { name: 'name', required: true, en: 'name', zh: '姓名' },
  { name: 'sex', required: true, en: '1 male, 2 female', zh: '性别：1男，2女' },
  { name: 'birth_date', required: true, en: 'date of birth', zh: '出生日期' },
  { name: 'resident_id', required: false, en: 'resident identity number', zh: '身份证号' },
  { name: 'division_code', required: false, en: 'GB/T 2260 code of residence', zh: '常住地行政区划代码' },
  { name: 'address', required: false, en: 'address', zh: '地址' },
  { name: 'death_date', required: true, en: 'date of death', zh: '死亡日期' },
  { name: 'underlying_cause', required: true, en: 'underlying cause of death, ICD-10', zh: '根本死因ICD-10编码' },
];

export interface DeathRow {
  readonly sourceRef: string;
  readonly reportedOn: IsoDate;
  readonly institutionCode: string | null;
  readonly person: PersonRecord;
  readonly deathDate: IsoDate;
  readonly underlyingCause: string;
  /** In the registry's scope (ICD-10 C00–C97, D32–D33, D42–D43, D45–D47): a death from cancer. */
  readonly cancerDeath: boolean;
  readonly age: number;
}

const ICD10_SHAPE = /^([A-Z])(\d{2})\.?(\d)?$/;

export function parseDeathRow(values: Readonly<Record<string, string | undefined>>, row: number, today: IsoDate): RowResult<DeathRow> {
  const errors: RowError[] = [];
  const err = (column: string, code: string, message: string, messageZh?: string) => errors.push({ row, column, code, message: `${column}: ${message}`, ...(messageZh ? { messageZh } : {}) });
  const get = (c: string) => cell(values, c);
  const required = (c: string) => {
    const v = get(c);
    if (v === null) err(c, 'required', 'is required', '必填');
    return v;
  };
  const date = (c: string): IsoDate | null => {
    const v = required(c);
    if (v === null) return null;
    const parsed = parseDate(v, c);
    if (!parsed.ok) err(c, parsed.error.code, `"${v}" is not a date (YYYY-MM-DD)`, '不是有效日期');
    else if (parsed.value > today) err(c, 'future', `${parsed.value} is after today (${today})`, '晚于今天');
    else return parsed.value;
    return null;
  };
  const sourceRef = required('source_ref');
  if (sourceRef !== null && sourceRef.length > 64) err('source_ref', 'tooLong', 'at most 64 characters');
  const reportedOn = date('reported_on');
  const deathDate = date('death_date');
  const person = validatePerson(
    { name: get('name'), sex: get('sex'), birthDate: get('birth_date'), residentId: get('resident_id'), divisionCode: get('division_code'), address: get('address'), vitalStatus: 'dead', deathDate },
    today,
  );
  if (!person.ok) for (const e of person.errors) if (e.field !== 'deathDate' || deathDate !== null) err(personColumn(e.field), e.code, e.message.replace(/^[A-Za-z]+: /, ''));

  const causeText = required('underlying_cause');
  let cause: string | null = null;
  if (causeText !== null) {
    const m = ICD10_SHAPE.exec(causeText.toUpperCase().replace(/\s+/g, ''));
    if (!m) err('underlying_cause', 'code.icd10', `"${causeText}" is not an ICD-10 code`, '不是有效的ICD-10编码');
    else if (m[1] === 'C' || m[1] === 'D') {
      if (isValidIcd10(causeText) && Number(m[2]) <= (m[1] === 'C' ? 97 : 48)) cause = normaliseIcd10(causeText);
      else err('underlying_cause', 'code.icd10', `"${causeText}" is not in the ICD-10 neoplasms chapter table`, '不是有效的ICD-10肿瘤编码');
    } else cause = m[3] === undefined ? `${m[1]}${m[2]}` : `${m[1]}${m[2]}.${m[3]}`;
  }
  if (errors.length > 0 || !person.ok || sourceRef === null || reportedOn === null || deathDate === null || cause === null) return { ok: false, errors };
  return {
    ok: true,
    value: {
      sourceRef, reportedOn, institutionCode: get('institution'), person: person.value, deathDate, underlyingCause: cause,
      cancerDeath: registryScope(cause) === 'reportable', age: ageInYears(person.value.birthDate, deathDate),
    },
  };
}
