import type { ColumnType, Generated } from 'kysely';

/** Kysely's view of the schema in ../migrations; kept in step with each migration. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type DateCol = ColumnType<string, string, string>;

export interface InstitutionTable {
  id: Generated<number>;
  code: string;
  name_zh: string;
  name_en: string;
  tier: string;
  type: string;
  parent_id: number | null;
  division_code: string;
  active: Generated<boolean>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface AllianceTable {
  id: Generated<number>;
  code: string;
  name_zh: string;
  name_en: string;
  site: Generated<string>;
}

export interface AllianceMemberTable {
  alliance_id: number;
  institution_id: number;
}

export interface AppUserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  institution_id: number;
  scope_kind: string;
  scope_region: string | null;
  password_hash: string;
  password_changed_at: GeneratedTimestamp;
  must_change_password: Generated<boolean>;
  failed_attempts: Generated<number>;
  locked_until: NullableTimestamp;
  locale: Generated<string>;
  active: Generated<boolean>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface UserRoleTable {
  user_id: number;
  role: string;
}

export interface UserSessionTable {
  token_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: GeneratedTimestamp;
  last_seen_at: GeneratedTimestamp;
  ended_at: NullableTimestamp;
}

export interface ApiTokenTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  created_at: GeneratedTimestamp;
  last_used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

export interface PersonTable {
  id: Generated<number>;
  name: string;
  name_pinyin: string;
  name_pinyin_compact: string;
  name_initials: string;
  sex: number;
  birth_date: DateCol;
  resident_id: string | null;
  phone: string | null;
  division_code: string | null;
  address: string | null;
  vital_status: Generated<string>;
  death_date: DateCol | null;
  registered_by: number;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
  /** Set when the person was merged into another by the master patient index (0005). */
  merged_into: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface PersonIdentifierTable {
  person_id: number;
  institution_id: number;
  kind: Generated<string>;
  value: string;
}

/** The name columns are copies of person's, filled by a trigger (migration 0003): writers leave them out. */
type Copied = ColumnType<string, string | undefined, never>;

export interface PersonInstitutionTable {
  person_id: number;
  institution_id: number;
  name: Copied;
  name_pinyin_compact: Copied;
  name_initials: Copied;
}

type Json = ColumnType<unknown, string, string>;
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

export interface PersonRecordTable {
  id: Generated<number>;
  person_id: number;
  source: string;
  institution_id: number;
  source_ref: Nullable<string>;
  name: string;
  name_pinyin: string;
  sex: Nullable<number>;
  birth_date: Nullable<string>;
  resident_id: Nullable<string>;
  phone: Nullable<string>;
  division_code: Nullable<string>;
  address: Nullable<string>;
  vital_status: Nullable<string>;
  death_date: Nullable<string>;
  identifiers: ColumnType<unknown, string | undefined, string>;
  link_kind: string;
  match_probability: Nullable<number>;
  received_at: GeneratedTimestamp;
}

/** Keys are bigint hashes made and compared only inside SQL (mpi_block_keys); they never reach JavaScript. */
export interface PersonBlockKeyTable {
  key: string;
  person_id: number;
}

export interface MpiReviewTable {
  id: Generated<number>;
  record_id: number;
  person_id: number;
  candidate_id: number;
  match_probability: number;
  match_weight: number;
  status: Generated<string>;
  merge_id: Nullable<number>;
  decided_by: Nullable<number>;
  decided_at: NullableTimestamp;
  created_at: GeneratedTimestamp;
}

export interface PersonMergeTable {
  id: Generated<number>;
  survivor_id: number;
  merged_id: number;
  review_id: Nullable<number>;
  snapshot: Json;
  merged_by: Nullable<number>;
  merged_at: GeneratedTimestamp;
  unmerged_by: Nullable<number>;
  unmerged_at: NullableTimestamp;
}

export interface MpiModelTable {
  id: Generated<number>;
  model: Json;
  created_at: GeneratedTimestamp;
}

export interface AuditLogTable {
  seq: number;
  ts: Timestamp;
  actor_user_id: number | null;
  actor_username: string | null;
  actor_institution_id: number | null;
  action: string;
  outcome: string;
  entity_type: string | null;
  entity_id: string | null;
  person_id: number | null;
  institution_id: number | null;
  request_id: string | null;
  ip: string | null;
  detail: ColumnType<unknown, string | null, never>;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface SchemaMigrationTable {
  version: number;
  name: string;
  applied_at: GeneratedTimestamp;
}

export interface DB {
  institution: InstitutionTable;
  alliance: AllianceTable;
  alliance_member: AllianceMemberTable;
  app_user: AppUserTable;
  user_role: UserRoleTable;
  user_session: UserSessionTable;
  api_token: ApiTokenTable;
  person: PersonTable;
  person_identifier: PersonIdentifierTable;
  person_institution: PersonInstitutionTable;
  person_record: PersonRecordTable;
  person_block_key: PersonBlockKeyTable;
  mpi_review: MpiReviewTable;
  person_merge: PersonMergeTable;
  mpi_model: MpiModelTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  schema_migration: SchemaMigrationTable;
}
