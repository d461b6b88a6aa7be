/**
 * Set-based reads and writes of the registry's tumours, their fields and checks: an import consolidates a
 * chunk of notifications in memory and writes it back in a handful of multi-row statements.
 */
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import { insertArrayRows, plainArray, textArray, type ArrayColumnType } from './array-rows.ts';
import { updateJsonRows } from './bulk-insert.ts';
import { reserveSequenceIds } from './reserve-ids.ts';
import type { NotificationTable, RegistryExecutor, TumourCheckTable, TumourOverrideTable, TumourTable } from './registry-tables.ts';

export type TumourRow = Selectable<TumourTable>;
export type TumourOverrideRow = Selectable<TumourOverrideTable>;

/** json/jsonb columns are given as documents (objects), not serialised: an import writes hundreds of thousands. */
type WithDocuments<T, K extends keyof T> = Omit<T, K> & { readonly [C in K]?: unknown };
export type TumourInsert = WithDocuments<Insertable<TumourTable>, 'mp_explanation'>;
export type TumourUpdate = WithDocuments<Updateable<TumourTable>, 'mp_explanation'>;
export type NotificationInsert = WithDocuments<Insertable<NotificationTable>, 'mp_explanation' | 'received'>;

/** Reserves `count` ids of an identity column in one round trip (the ids are then given on insert). */
export async function reserveIds(db: RegistryExecutor, table: 'tumour' | 'notification' | 'death_record', count: number): Promise<number[]> {
  return reserveSequenceIds(db, table, count);
}

/**
 * The tumours of these persons and their registrars' overrides, one index probe per person and per tumour
 * (LATERAL). The ids sit behind a sub-select: a statement's plan is made with its parameters' values in view, so
 * the planner saw 4,000 ids, flattened the LATERAL into a hash or merge join and read the whole table (which an
 * import is filling) once per chunk — 4.4 s of a province-year's import; an unknown number of ids keeps the probes.
 */
export async function tumoursOfPersons(db: RegistryExecutor, personIds: readonly number[]): Promise<{ tumours: TumourRow[]; overrides: TumourOverrideRow[] }> {
  if (personIds.length === 0) return { tumours: [], overrides: [] };
  const { rows: tumours } = await sql<TumourRow>`
    SELECT t.* FROM unnest((SELECT ${plainArray(personIds)}::bigint[])) AS p(id) CROSS JOIN LATERAL (SELECT * FROM tumour WHERE person_id = p.id) t ORDER BY t.id`.execute(db);
  if (tumours.length === 0) return { tumours: [], overrides: [] };
  const { rows: overrides } = await sql<TumourOverrideRow>`
    SELECT o.* FROM unnest((SELECT ${plainArray(tumours.map((t) => t.id))}::bigint[])) AS t(id) CROSS JOIN LATERAL (SELECT * FROM tumour_override WHERE tumour_id = t.id) o`.execute(db);
  return { tumours, overrides };
}

/**
 * Keys `institution|kind|source_ref` already received: one probe of the unique index per key (a `source_ref IN`
 * list cannot use that index, whose first column is the institution, and scanned every notification per chunk).
 */
export async function existingNotificationKeys(db: RegistryExecutor, keys: ReadonlyArray<{ institutionId: number; kind: string; sourceRef: string }>): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const { rows } = await sql<{ institution_id: number; kind: string; source_ref: string }>`
    SELECT n.institution_id, n.kind, n.source_ref
    FROM unnest((SELECT ${plainArray(keys.map((k) => k.institutionId))}::int[]), (SELECT ${textArray(keys.map((k) => k.kind))}::text[]), (SELECT ${textArray(keys.map((k) => k.sourceRef))}::text[])) AS k(i, kind, ref)
    CROSS JOIN LATERAL (SELECT institution_id, kind, source_ref FROM notification WHERE institution_id = k.i AND kind = k.kind AND source_ref = k.ref LIMIT 1) n`.execute(db);
  return new Set(rows.map((r) => `${r.institution_id}|${r.kind}|${r.source_ref}`));
}

const CHUNK = 400;
async function insertChunks<T>(rows: readonly T[], write: (part: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await write(rows.slice(i, i + CHUNK));
}

const TUMOUR_COLUMNS: Readonly<Record<Extract<keyof TumourInsert, string>, ArrayColumnType>> = {
  id: 'bigint', person_id: 'bigint', incidence_date: 'date', incidence_rule: 'text', topography: 'text', morphology: 'text', behaviour: 'smallint',
  grade: 'smallint', laterality: 'smallint', basis: 'smallint', icd10: 'text', ci5_cancer: 'smallint', t_category: 'text', n_category: 'text',
  m_category: 'text', stage_group: 'text', detection: 'text', registry_scope: 'text', sex: 'smallint', age: 'smallint', county_code: 'text',
  institution_id: 'integer', first_reported_on: 'date', mp_status: 'text', mp_rule: 'text', mp_explanation: 'jsonb', check_status: 'text',
  field_sources: 'jsonb', created_at: 'timestamptz', updated_at: 'timestamptz',
};

const NOTIFICATION_COLUMNS: Readonly<Record<Extract<keyof NotificationInsert, string>, ArrayColumnType>> = {
  id: 'bigint', institution_id: 'integer', kind: 'text', source_ref: 'text', reported_on: 'date', batch_id: 'bigint', row_number: 'integer',
  person_id: 'bigint', match_decision: 'text', match_probability: 'double precision', tumour_id: 'bigint', status: 'text', mp_rule: 'text',
  mp_explanation: 'jsonb', received: 'json', topography: 'text', morphology: 'text', behaviour: 'smallint', grade: 'smallint', laterality: 'smallint',
  basis: 'smallint', icd10: 'text', incidence_date: 'date', histology_date: 'date', admission_date: 'date', outpatient_date: 'date',
  clinical_date: 'date', t_category: 'text', n_category: 'text', m_category: 'text', stage_group: 'text', detection: 'text', created_at: 'timestamptz',
};

/** The columns an insert sends: every typed column but the timestamps (their defaults are now()). */
const sent = <T extends string>(types: Readonly<Record<T, ArrayColumnType>>): Partial<Record<T, ArrayColumnType>> =>
  Object.fromEntries(Object.entries(types).filter(([c]) => c !== 'created_at' && c !== 'updated_at')) as Partial<Record<T, ArrayColumnType>>;
const TUMOUR_SENT = sent(TUMOUR_COLUMNS);
const NOTIFICATION_SENT = sent(NOTIFICATION_COLUMNS);

export async function insertTumours(db: RegistryExecutor, rows: readonly TumourInsert[]): Promise<void> {
  await insertArrayRows(db, 'tumour', TUMOUR_SENT, rows);
}

export async function insertNotifications(db: RegistryExecutor, rows: readonly NotificationInsert[]): Promise<void> {
  await insertArrayRows(db, 'notification', NOTIFICATION_SENT, rows);
}

/** Updates the consolidated columns of existing tumours (every row the same columns), in one statement. */
export async function updateTumours(db: RegistryExecutor, rows: ReadonlyArray<{ id: number; set: TumourUpdate }>): Promise<void> {
  const updatedAt = new Date();
  await updateJsonRows(db, 'tumour', 'id', rows.map((r) => ({ ...r.set, id: r.id, updated_at: updatedAt })), { jsonColumns: ['mp_explanation', 'field_sources'] });
}

/**
 * Replaces the open check results of these tumours. A warning a registrar confirmed stays confirmed (and is not
 * raised again) as long as the same rule still fires; confirmations of rules that no longer fire are dropped.
 */
export async function replaceTumourChecks(db: RegistryExecutor, tumourIds: readonly number[], rows: ReadonlyArray<Insertable<TumourCheckTable>>): Promise<void> {
  if (tumourIds.length === 0) return;
  const confirmed = await db.selectFrom('tumour_check').select(['tumour_id', 'rule']).where('tumour_id', 'in', [...tumourIds]).where('confirmed_at', 'is not', null).execute();
  const keep = new Set(confirmed.map((c) => `${c.tumour_id}|${c.rule}`));
  const fresh = new Set(rows.map((r) => `${r.tumour_id}|${r.rule}`));
  const stale = confirmed.filter((c) => !fresh.has(`${c.tumour_id}|${c.rule}`));
  await db.deleteFrom('tumour_check').where('tumour_id', 'in', [...tumourIds]).where('confirmed_at', 'is', null).execute();
  for (const s of stale) await db.deleteFrom('tumour_check').where('tumour_id', '=', s.tumour_id).where('rule', '=', s.rule).execute();
  await insertChunks(rows.filter((r) => !keep.has(`${r.tumour_id}|${r.rule}`)), (part) => db.insertInto('tumour_check').values(part).execute());
}

/** Resolves open trace-back tasks of persons who now have a registered tumour. */
export async function resolveTracebacks(db: RegistryExecutor, byPerson: ReadonlyMap<number, number>): Promise<number> {
  if (byPerson.size === 0) return 0;
  const open = await db.selectFrom('traceback_task').select(['id', 'person_id']).where('status', '=', 'open').where('person_id', 'in', [...byPerson.keys()]).execute();
  for (const t of open) {
    await db.updateTable('traceback_task').set({ status: 'resolved', tumour_id: byPerson.get(t.person_id) ?? null, resolved_at: new Date(), note: 'notification received' }).where('id', '=', t.id).execute();
  }
  return open.length;
}
