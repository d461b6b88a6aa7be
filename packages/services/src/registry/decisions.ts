/**
 * A registrar's decisions on one tumour: override a field (with its reason), confirm a warning (with its
 * reason), confirm a multiple-primary decision. Each rewrites the tumour and its checks in one transaction.
 */
import { parseBasis } from '@onconet/domain/codes/basis';
import { parseBehaviour, parseGrade } from '@onconet/domain/codes/behaviour-grade';
import { isValidIcd10, normaliseIcd10 } from '@onconet/domain/codes/icd10';
import { parseMorphology } from '@onconet/domain/codes/morphology';
import { lookupTopography, normaliseTopography } from '@onconet/domain/codes/topography';
import { parseDate } from '@onconet/domain/common/dates';
import type { FieldError } from '@onconet/domain';
import { overrideField, TUMOUR_FIELDS, type TumourFieldName } from '@onconet/domain/registry/consolidate';
import { DETECTIONS } from '@onconet/domain/registry/import/notification-row';
import type { RegistryExecutor } from '@onconet/storage/queries/registry-tables';
import { replaceTumourChecks, tumoursOfPersons, updateTumours } from '@onconet/storage/queries/registry-tumours';
import { loadPersonFacts } from './consolidation.ts';
import { checkStatusOf, deriveIcd10, stateFromRows, tumourChecks, tumourColumns, type TumourState } from './tumour-state.ts';

/** Validates an override value with the same code tables as an import; null when the value is acceptable. */
export function normaliseOverride(field: string, raw: string | null, today: string): { value: string | null } | FieldError {
  const bad = (message: string): FieldError => ({ field: 'value', code: `override.${field}`, message: `value: ${message}` });
  if (!(TUMOUR_FIELDS as readonly string[]).includes(field)) return { field: 'field', code: 'enum', message: `field: must be one of ${TUMOUR_FIELDS.join(', ')}` };
  const v = raw?.trim() ?? '';
  const nullable = ['t_category', 'n_category', 'm_category', 'stage_group'].includes(field);
  if (v === '') return nullable ? { value: null } : bad('is required');
  switch (field as TumourFieldName) {
    case 'topography': {
      const code = normaliseTopography(v);
      return code !== null && lookupTopography(code) ? { value: code } : bad(`"${v}" is not an ICD-O-3 topography code`);
    }
    case 'morphology': {
      const m = parseMorphology(v);
      return m ? { value: m.code } : bad(`"${v}" is not an ICD-O-3 morphology code`);
    }
    case 'behaviour':
      return parseBehaviour(v) === null ? bad(`"${v}" is not a behaviour code`) : { value: v };
    case 'grade':
      return parseGrade(v) === null ? bad(`"${v}" is not a grade code`) : { value: v };
    case 'basis':
      return parseBasis(v) === null ? bad(`"${v}" is not a basis code (0–9)`) : { value: v };
    case 'laterality':
      return /^[0-49]$/.test(v) ? { value: v } : bad(`"${v}" is not a laterality code`);
    case 'icd10':
      return isValidIcd10(v) ? { value: normaliseIcd10(v) } : bad(`"${v}" is not an ICD-10 code`);
    case 'incidence_date': {
      const d = parseDate(v, 'value');
      if (!d.ok) return bad(`"${v}" is not a date`);
      return d.value > today ? bad('lies in the future') : { value: d.value };
    }
    case 'detection':
      return (DETECTIONS as readonly string[]).includes(v) ? { value: v } : bad(`must be one of ${DETECTIONS.join(', ')}`);
    case 't_category':
    case 'n_category':
    case 'm_category':
    case 'stage_group':
      return v.length <= 16 ? { value: v } : bad('at most 16 characters');
  }
}

export async function loadState(db: RegistryExecutor, tumourId: number, personId: number): Promise<TumourState> {
  const { tumours, overrides } = await tumoursOfPersons(db, [personId]);
  const row = tumours.find((t) => t.id === tumourId);
  if (!row) throw new Error(`tumour ${tumourId} not found`);
  return stateFromRows(row, overrides.filter((o) => o.tumour_id === tumourId));
}

/** Re-derives ICD-10, re-runs the checks and writes the tumour's columns after a decision. */
export async function rewriteTumour(db: RegistryExecutor, state: TumourState, today: string): Promise<string> {
  const persons = await loadPersonFacts(db, [state.personId]);
  const person = persons.get(state.personId);
  if (!person) throw new Error(`person ${state.personId} not found`);
  const icd10 = deriveIcd10(state.fields, person.sex);
  if (!state.fields.icd10.overridden && icd10 !== state.fields.icd10.value) {
    // Its source is the morphology's notification; written with the tumour's columns below (field_sources).
    state.fields = { ...state.fields, icd10: { value: icd10, notificationId: state.fields.morphology.notificationId, overridden: false } };
  }
  const results = tumourChecks(state, person, today);
  const confirmed = await db.selectFrom('tumour_check').select('rule').where('tumour_id', '=', state.id).where('confirmed_at', 'is not', null).execute();
  const status = checkStatusOf(results, new Set(confirmed.map((c) => c.rule)));
  await replaceTumourChecks(db, [state.id], results.map((r) => ({ tumour_id: state.id, rule: r.rule, severity: r.severity, fields: [...r.fields], message_en: r.message.en, message_zh: r.message.zh })));
  await updateTumours(db, [{ id: state.id, set: tumourColumns(state, person, status) }]);
  return status;
}

export async function applyOverride(db: RegistryExecutor, state: TumourState, field: TumourFieldName, value: string | null, reason: string, userId: number | null, today: string): Promise<string> {
  state.fields = overrideField(state.fields, field, value);
  await db
    .insertInto('tumour_override')
    .values({ tumour_id: state.id, field, value, override_reason: reason, overridden_by: userId, overridden_at: new Date() })
    .onConflict((oc) => oc.columns(['tumour_id', 'field']).doUpdateSet({ value, override_reason: reason, overridden_by: userId, overridden_at: new Date() }))
    .execute();
  return rewriteTumour(db, state, today);
}
