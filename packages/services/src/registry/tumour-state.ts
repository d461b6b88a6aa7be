/**
 * A tumour as consolidation holds it in memory: its fields with their provenance, the person facts the checks
 * need, and what changed since it was loaded. Built from the stored rows, written back as rows.
 */
import { convertIcdO3ToIcd10 } from '@onconet/domain/codes/icdo3-to-icd10';
import { registryScope } from '@onconet/domain/codes/icd10';
import { ageInYears, type IsoDate } from '@onconet/domain/common/dates';
import type { Sex } from '@onconet/domain/common/sex';
import { checkTumour } from '@onconet/domain/registry/checks';
import type { CheckResult } from '@onconet/domain/registry/check-result';
import { ci5CancerOf } from '@onconet/domain/registry/ci5-cancers';
import { TUMOUR_FIELDS, type TumourFieldName, type TumourFields } from '@onconet/domain/registry/consolidate';
import type { IncidenceEventKind } from '@onconet/domain/registry/incidence-date';
import type { TumourInsert, TumourOverrideRow, TumourRow } from '@onconet/storage/queries/registry-tumours';
import type { FieldSources } from '@onconet/storage/queries/registry-tables';

export interface PersonFacts {
  readonly sex: Sex;
  readonly birthDate: IsoDate;
  readonly deathDate: IsoDate | null;
  readonly divisionCode: string | null;
}

export interface TumourState {
  readonly id: number;
  readonly personId: number;
  readonly isNew: boolean;
  fields: TumourFields;
  incidenceEvent: IncidenceEventKind;
  institutionId: number;
  firstReportedOn: IsoDate;
  mpStatus: 'single' | 'pending' | 'confirmed';
  mpRule: string | null;
  mpExplanation: unknown;
  readonly changed: Set<TumourFieldName>;
  /** Set when anything about the tumour (fields, mp, demographics) must be written. */
  dirty: boolean;
}

const COLUMN_OF: Readonly<Record<TumourFieldName, keyof TumourRow>> = {
  incidence_date: 'incidence_date', topography: 'topography', morphology: 'morphology', behaviour: 'behaviour', grade: 'grade',
  laterality: 'laterality', basis: 'basis', icd10: 'icd10', t_category: 't_category', n_category: 'n_category', m_category: 'm_category',
  stage_group: 'stage_group', detection: 'detection',
};

const asText = (v: unknown): string | null => (v === null || v === undefined ? null : typeof v === 'string' ? v : typeof v === 'number' ? String(v) : JSON.stringify(v));

/**
 * A field's value: the registrar's override, else the value its source notification gave, else the column's
 * (a field no notification has given yet, e.g. a default).
 */
export function stateFromRows(row: TumourRow, overrides: readonly TumourOverrideRow[]): TumourState {
  const overridden = new Map(overrides.map((o) => [o.field, o]));
  const sources = sourcesOf(row.field_sources);
  const fields = Object.fromEntries(
    TUMOUR_FIELDS.map((name) => {
      const o = overridden.get(name);
      const source = sources[name];
      if (o) return [name, { value: o.value, notificationId: source?.notification ?? null, overridden: true }];
      return [name, source ? { value: source.value, notificationId: source.notification, overridden: false } : { value: asText(row[COLUMN_OF[name]]), notificationId: null, overridden: false }];
    }),
  ) as unknown as TumourFields;
  return {
    id: row.id, personId: row.person_id, isNew: false, fields, incidenceEvent: row.incidence_rule as IncidenceEventKind,
    institutionId: row.institution_id, firstReportedOn: row.first_reported_on, mpStatus: row.mp_status as TumourState['mpStatus'],
    mpRule: row.mp_rule, mpExplanation: row.mp_explanation, changed: new Set(), dirty: false,
  };
}

/** jsonb arrives parsed from PostgreSQL and PGlite; as text from a driver that does not parse it. */
const sourcesOf = (value: unknown): FieldSources => (typeof value === 'string' ? (JSON.parse(value) as FieldSources) : ((value ?? {}) as FieldSources));

/** Each field's value and source notification, for the tumour row (an overridden field keeps its last source). */
export function fieldSources(fields: TumourFields): FieldSources {
  const sources: Record<string, { value: string | null; notification: number }> = {};
  for (const name of TUMOUR_FIELDS) {
    const f = fields[name];
    if (f.notificationId !== null) sources[name] = { value: f.value, notification: f.notificationId };
  }
  return sources;
}

const num = (v: string | null, fallback: number): number => (v === null || v === '' ? fallback : Number(v));

/** ICD-10 follows the consolidated ICD-O-3 (IARC TR42); a source's own ICD-10 is kept when no conversion exists. */
export function deriveIcd10(fields: TumourFields, sex: Sex): string {
  const t = fields.topography.value;
  const m = fields.morphology.value;
  const b = fields.behaviour.value;
  if (fields.icd10.overridden || t === null || m === null || b === null) return fields.icd10.value ?? 'C80';
  const converted = convertIcdO3ToIcd10({ topography: t, morphology: m, behaviour: Number(b), sex });
  return converted.ok ? converted.icd10 : (fields.icd10.value ?? 'C80');
}

export function tumourChecks(state: TumourState, person: PersonFacts, today: IsoDate): readonly CheckResult[] {
  const f = state.fields;
  return checkTumour(
    {
      sex: String(person.sex), birthDate: person.birthDate, incidenceDate: f.incidence_date.value, topography: f.topography.value,
      morphology: f.morphology.value, behaviour: f.behaviour.value, grade: f.grade.value, basis: f.basis.value, deathDate: person.deathDate,
    },
    { today },
  ).results;
}

export function checkStatusOf(results: readonly CheckResult[], confirmed: ReadonlySet<string>): 'passed' | 'warnings' | 'errors' {
  if (results.some((r) => r.severity === 'error')) return 'errors';
  return results.some((r) => r.severity === 'warning' && !confirmed.has(r.rule)) ? 'warnings' : 'passed';
}

/** The tumour row's columns: the consolidated fields plus what the data-quality table reads. */
export function tumourColumns(state: TumourState, person: PersonFacts, checkStatus: string): Omit<TumourInsert, 'id' | 'person_id'> {
  const f = state.fields;
  const icd10 = f.icd10.value ?? 'C80';
  const incidence = f.incidence_date.value ?? state.firstReportedOn;
  return {
    incidence_date: incidence,
    incidence_rule: state.incidenceEvent,
    topography: f.topography.value ?? 'C80.9',
    morphology: f.morphology.value ?? '8000',
    behaviour: num(f.behaviour.value, 3),
    grade: num(f.grade.value, 9),
    laterality: num(f.laterality.value, 0),
    basis: num(f.basis.value, 9),
    icd10,
    ci5_cancer: ci5CancerOf(icd10) ?? 0,
    t_category: f.t_category.value,
    n_category: f.n_category.value,
    m_category: f.m_category.value,
    stage_group: f.stage_group.value,
    detection: f.detection.value ?? 'unknown',
    registry_scope: registryScope(icd10),
    sex: person.sex,
    age: incidence >= person.birthDate ? ageInYears(person.birthDate, incidence) : null,
    county_code: person.divisionCode === null ? null : person.divisionCode.slice(0, 6),
    institution_id: state.institutionId,
    first_reported_on: state.firstReportedOn,
    mp_status: state.mpStatus,
    mp_rule: state.mpRule,
    mp_explanation: state.mpExplanation ?? null,
    check_status: checkStatus,
    field_sources: fieldSources(f),
  };
}
