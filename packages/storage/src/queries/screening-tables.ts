/**
 * Kysely's view of migration 0009_screening.sql. Like the registry's, the screening tables are added to the shared
 * `DB` with `withTables`, so the schema lives beside its queries (screening-*.ts).
 */
import type { ColumnType, Generated, Kysely, Transaction } from 'kysely';
import type { DB } from '../schema.ts';
import type { RegistryTables } from './registry-tables.ts';

type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;
type Json = ColumnType<unknown, string, string>;
/** Ids may be given on insert (reserved in bulk) or generated. */
type Id = ColumnType<number, number | undefined, never>;
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export type ScreeningProgrammeConfigTable = {
  programme_code: string;
  overrides: Json;
  updated_by: Nullable<number>;
  updated_at: GeneratedTimestamp;
};

export type ScreeningCampaignTable = {
  id: Id;
  name: string;
  series: Nullable<string>;
  programme_code: string;
  institution_id: number;
  start_date: string;
  end_date: string;
  catchment: ColumnType<string[], string[], string[]>;
  created_by: Nullable<number>;
  created_at: GeneratedTimestamp;
};

export type ScreeningSiteTable = {
  id: Generated<number>;
  campaign_id: number;
  name: string;
  institution_id: number;
  address: Nullable<string>;
  created_at: GeneratedTimestamp;
};

export type ScreeningSlotTable = {
  id: Generated<number>;
  site_id: number;
  starts_at: ColumnType<Date, Date | string, Date | string>;
  capacity: number;
  booked: Defaulted<number>;
};

/** The flag columns, named after ParticipantFlags (domain screening/types.ts). */
export type ScreeningFlagColumns = {
  f_invited: Defaulted<boolean>;
  f_participated: Defaulted<boolean>;
  f_questionnaire: Defaulted<boolean>;
  f_high_risk: Defaulted<boolean>;
  f_high_risk_clinical: Defaulted<boolean>;
  f_screened: Defaulted<boolean>;
  f_positive: Defaulted<boolean>;
  follow_up_due_on: Nullable<string>;
  f_follow_up_done: Defaulted<boolean>;
  f_cancer: Defaulted<boolean>;
  f_precancer: Defaulted<boolean>;
  f_early: Defaulted<boolean>;
  days_positive_to_diagnosis: Nullable<number>;
};

export type ScreeningParticipantTable = ScreeningFlagColumns & {
  id: Id;
  campaign_id: number;
  person_id: number;
  programme_code: string;
  institution_id: number;
  division_code: Nullable<string>;
  sex: number;
  age: number;
  source: string;
  index_date: string;
  stage: Defaulted<string>;
  slot_id: Nullable<number>;
  invited_on: Nullable<string>;
  checked_in_on: Nullable<string>;
  questionnaire_on: Nullable<string>;
  follow_up_done_on: Nullable<string>;
  follow_up_attempts: Defaulted<number>;
  unreachable: Defaulted<boolean>;
  follow_up_note: Nullable<string>;
  diagnosis_kind: Nullable<string>;
  diagnosis_date: Nullable<string>;
  diagnosis_stage: Nullable<string>;
  diagnosis_topography: Nullable<string>;
  diagnosis_morphology: Nullable<string>;
  registry_notification_id: Nullable<number>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
};

export type ScreeningQuestionnaireTable = {
  participant_id: number;
  answers: Json;
  risk: Json;
  completed_on: string;
  entered_by: Nullable<number>;
  updated_at: GeneratedTimestamp;
};

export type ScreeningExamTable = {
  id: Id;
  participant_id: number;
  exam_code: string;
  category: Nullable<string>;
  performed_on: string;
  findings: Nullable<string>;
  entered_by: Nullable<number>;
  created_at: GeneratedTimestamp;
};

export type ScreeningAttachmentTable = {
  id: Generated<number>;
  exam_id: number;
  file_name: string;
  media_type: string;
  size: number;
  content: ColumnType<Uint8Array, Uint8Array, never>;
  created_by: Nullable<number>;
  created_at: GeneratedTimestamp;
};

export type ScreeningRemoteReadTable = {
  id: Generated<number>;
  exam_id: number;
  requesting_institution_id: number;
  reading_institution_id: number;
  status: Defaulted<string>;
  requested_by: Nullable<number>;
  requested_at: GeneratedTimestamp;
  assigned_to: Nullable<number>;
  assigned_at: NullableTimestamp;
  reported_at: NullableTimestamp;
  returned_at: NullableTimestamp;
  category: Nullable<string>;
  report: Nullable<string>;
};

export type ScreeningFollowUpEventTable = {
  id: Generated<number>;
  participant_id: number;
  event: string;
  note: Nullable<string>;
  recorded_on: string;
  recorded_by: Nullable<number>;
  created_at: GeneratedTimestamp;
};

export type ScreeningTables = {
  screening_programme_config: ScreeningProgrammeConfigTable;
  screening_campaign: ScreeningCampaignTable;
  screening_site: ScreeningSiteTable;
  screening_slot: ScreeningSlotTable;
  screening_participant: ScreeningParticipantTable;
  screening_questionnaire: ScreeningQuestionnaireTable;
  screening_exam: ScreeningExamTable;
  screening_attachment: ScreeningAttachmentTable;
  screening_remote_read: ScreeningRemoteReadTable;
  screening_follow_up_event: ScreeningFollowUpEventTable;
};

/** Screening reaches into the registry (a screen-detected cancer becomes a notification). */
export type ScreeningDB = DB & RegistryTables & ScreeningTables;
export type ScreeningExecutor = Kysely<ScreeningDB> | Transaction<ScreeningDB>;

export function screeningDb(db: Transaction<DB>): Transaction<ScreeningDB>;
export function screeningDb(db: Kysely<DB>): Kysely<ScreeningDB>;
export function screeningDb(db: Kysely<DB> | Transaction<DB>): Kysely<ScreeningDB> | Transaction<ScreeningDB> {
  return db.withTables<RegistryTables & ScreeningTables>();
}
