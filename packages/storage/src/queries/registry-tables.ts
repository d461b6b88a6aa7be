/**
 * Kysely's view of migrations 0006_registry.sql and 0011_tumour_field_sources.sql. The registry's tables are added to the shared `DB` with
 * `withTables`, so the registry's schema lives beside its queries (registry-*.ts).
 */
import type { ColumnType, Generated, Kysely, Transaction } from 'kysely';
import type { DB } from '../schema.ts';

type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;
type Json = ColumnType<unknown, string, string>;
type NullableJson = ColumnType<unknown, string | null | undefined, string | null>;
/** Ids may be given on insert (reserved in bulk with nextval) or generated. */
type Id = ColumnType<number, number | undefined, never>;

export type ImportBatchTable = {
  id: Generated<number>;
  kind: 'notifications' | 'deaths';
  institution_id: number;
  file_name: string;
  sha256: string;
  status: 'imported' | 'rejected';
  rows_total: number;
  rows_loaded: number;
  report: Json;
  created_by: Nullable<number>;
  created_at: GeneratedTimestamp;
};

export type TumourTable = {
  id: Id;
  person_id: number;
  incidence_date: string;
  incidence_rule: string;
  topography: string;
  morphology: string;
  behaviour: number;
  grade: ColumnType<number, number | undefined, number>;
  laterality: ColumnType<number, number | undefined, number>;
  basis: number;
  icd10: string;
  ci5_cancer: number;
  t_category: Nullable<string>;
  n_category: Nullable<string>;
  m_category: Nullable<string>;
  stage_group: Nullable<string>;
  detection: ColumnType<string, string | undefined, string>;
  registry_scope: string;
  sex: number;
  age: Nullable<number>;
  county_code: Nullable<string>;
  institution_id: number;
  first_reported_on: string;
  mp_status: ColumnType<string, string | undefined, string>;
  mp_rule: Nullable<string>;
  mp_explanation: NullableJson;
  check_status: ColumnType<string, string | undefined, string>;
  /** Which notification each consolidated field came from (migration 0011). */
  field_sources: ColumnType<FieldSources, FieldSources | undefined, FieldSources>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
};

/** A tumour's consolidated fields, each with the value and the notification it came from. */
export type FieldSources = Readonly<Record<string, { readonly value: string | null; readonly notification: number }>>;

export type NotificationTable = {
  id: Id;
  institution_id: number;
  kind: string;
  source_ref: string;
  reported_on: string;
  batch_id: Nullable<number>;
  row_number: Nullable<number>;
  person_id: Nullable<number>;
  match_decision: Nullable<string>;
  match_probability: Nullable<number>;
  tumour_id: Nullable<number>;
  status: ColumnType<string, string | undefined, string>;
  mp_rule: Nullable<string>;
  mp_explanation: NullableJson;
  received: Json;
  topography: Nullable<string>;
  morphology: Nullable<string>;
  behaviour: Nullable<number>;
  grade: Nullable<number>;
  laterality: Nullable<number>;
  basis: Nullable<number>;
  icd10: Nullable<string>;
  incidence_date: Nullable<string>;
  histology_date: Nullable<string>;
  admission_date: Nullable<string>;
  outpatient_date: Nullable<string>;
  clinical_date: Nullable<string>;
  t_category: Nullable<string>;
  n_category: Nullable<string>;
  m_category: Nullable<string>;
  stage_group: Nullable<string>;
  detection: Nullable<string>;
  created_at: GeneratedTimestamp;
};

/** A registrar's override of one consolidated field, with the reason (never replaced by a later notification). */
export type TumourOverrideTable = {
  tumour_id: number;
  field: string;
  value: string | null;
  override_reason: string;
  overridden_by: Nullable<number>;
  overridden_at: ColumnType<Date, Date | string, Date | string>;
};

export type TumourCheckTable = {
  tumour_id: number;
  rule: string;
  severity: 'error' | 'warning';
  fields: string[];
  message_en: string;
  message_zh: string;
  confirmed_by: Nullable<number>;
  confirmed_at: NullableTimestamp;
  confirm_reason: Nullable<string>;
};

export type DeathRecordTable = {
  id: Id;
  institution_id: number;
  source_ref: string;
  batch_id: Nullable<number>;
  row_number: Nullable<number>;
  person_id: Nullable<number>;
  match_decision: Nullable<string>;
  match_probability: Nullable<number>;
  death_date: string;
  underlying_cause: string;
  cancer_death: boolean;
  sex: number;
  age: Nullable<number>;
  county_code: Nullable<string>;
  reported_on: string;
  received: Json;
  created_at: GeneratedTimestamp;
};

export type TracebackTaskTable = {
  id: Generated<number>;
  death_record_id: number;
  person_id: number;
  institution_id: number;
  due_on: string;
  status: ColumnType<string, string | undefined, string>;
  tumour_id: Nullable<number>;
  note: Nullable<string>;
  resolved_by: Nullable<number>;
  resolved_at: NullableTimestamp;
  created_at: GeneratedTimestamp;
};

export type RegistryTables = {
  import_batch: ImportBatchTable;
  tumour: TumourTable;
  notification: NotificationTable;
  tumour_override: TumourOverrideTable;
  tumour_check: TumourCheckTable;
  death_record: DeathRecordTable;
  traceback_task: TracebackTaskTable;
};

export type RegistryDB = DB & RegistryTables;
export type RegistryExecutor = Kysely<RegistryDB> | Transaction<RegistryDB>;

export function registryDb(db: Transaction<DB>): Transaction<RegistryDB>;
export function registryDb(db: Kysely<DB>): Kysely<RegistryDB>;
export function registryDb(db: Kysely<DB> | Transaction<DB>): Kysely<RegistryDB> | Transaction<RegistryDB> {
  return db.withTables<RegistryTables>();
}
