/**
 * Set-based reads and writes of the registry's tumours, their fields and checks: an import consolidates a
 * chunk of notifications in memory and writes it back in a handful of multi-row statements.
 */
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import { insertJsonRows, updateJsonRows } from './bulk-insert.ts';
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
  if (count === 0) return [];
  const { rows } = await sql<{ id: number }>`select nextval(pg_get_serial_sequence(${table}, 'id'))::bigint as id from generate_series(1, ${count}::int)`.execute(db);
  return rows.map((r) => Number(r.id));
}

/**
 * The tumours of these persons and their registrars' overrides, one index probe per person and per tumour
 * (LATERAL): an IN list is estimated from statistics that a table filled in the same transaction does not have,
 * and the planner then walks the whole table once per chunk.
 */
export async function tumoursOfPersons(db: RegistryExecutor, personIds: readonly number[]): Promise<{ tumours: TumourRow[]; overrides: TumourOverrideRow[] }> {
  if (personIds.length === 0) return { tumours: [], overrides: [] };
  const { rows: tumours } = await sql<TumourRow>`
    SELECT t.* FROM unnest(${[...personIds]}::bigint[]) AS p(id) CROSS JOIN LATERAL (SELECT * FROM tumour WHERE person_id = p.id) t ORDER BY t.id`.execute(db);
  if (tumours.length === 0) return { tumours: [], overrides: [] };
  const { rows: overrides } = await sql<TumourOverrideRow>`
    SELECT o.* FROM unnest(${tumours.map((t) => t.id)}::bigint[]) AS t(id) CROSS JOIN LATERAL (SELECT * FROM tumour_override WHERE tumour_id = t.id) o`.execute(db);
  return { tumours, overrides };
}

/** Keys `institution|kind|source_ref` already received. */
export async function existingNotificationKeys(db: RegistryExecutor, keys: ReadonlyArray<{ institutionId: number; kind: string; sourceRef: string }>): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db
    .selectFrom('notification')
    .select(['institution_id', 'kind', 'source_ref'])
    .where('source_ref', 'in', [...new Set(keys.map((k) => k.sourceRef))])
    .execute();
  return new Set(rows.map((r) => `${r.institution_id}|${r.kind}|${r.source_ref}`));
}

const CHUNK = 400;
async function insertChunks<T>(rows: readonly T[], write: (part: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await write(rows.slice(i, i + CHUNK));
}

export async function insertTumours(db: RegistryExecutor, rows: readonly TumourInsert[]): Promise<void> {
  await insertJsonRows(db, 'tumour', rows, { jsonColumns: ['mp_explanation', 'field_sources'] });
}

export async function insertNotifications(db: RegistryExecutor, rows: readonly NotificationInsert[]): Promise<void> {
  await insertJsonRows(db, 'notification', rows, { jsonColumns: ['mp_explanation', 'received'] });
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
