/**
 * Set-based queries of the master patient index for a batch registration (services mpi/register-batch.ts): the
 * blocking keys of thousands of records in one statement, every key's holders in one, and the rows a batch
 * registers written as one multi-row statement per table (arrays unnested on the server, so a statement has a
 * handful of parameters whatever the number of rows). All of it runs inside the caller's transaction.
 */
import type { IdentifierKind, PersonRecord } from '@onconet/domain';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../schema.ts';
import { KEY_LOCK_ALL, KEY_LOCK_BUCKETS, KEY_LOCK_SPACE, type BlockingValues } from './mpi.ts';
import type { PersonRow } from './persons.ts';
import { plainArray, textArray } from './array-rows.ts';
import { reserveSequenceIds } from './reserve-ids.ts';

type Executor = Kysely<DB> | Transaction<DB>;

/** Records per key statement (five arrays of this length). */
const KEY_CHUNK = 5000;

/**
 * The blocking keys of each record (mpi_block_keys, the same SQL function that indexes persons), as decimal
 * text: 64-bit hashes do not fit a JavaScript number. One statement per 5,000 records.
 */
export async function blockKeysOfMany(db: Executor, values: readonly BlockingValues[]): Promise<string[][]> {
  const keys: string[][] = values.map(() => []);
  for (let start = 0; start < values.length; start += KEY_CHUNK) {
    const part = values.slice(start, start + KEY_CHUNK);
    const { rows } = await sql<{ i: number; k: string }>`
      SELECT (t.i - 1)::int AS i, k::text AS k
      FROM unnest(${textArray(part.map((v) => v.namePinyin))}::text[], ${plainArray(part.map((v) => v.birthDate))}::date[], ${textArray(part.map((v) => v.residentId))}::text[],
                  ${textArray(part.map((v) => v.phone))}::text[], ${textArray(part.map((v) => v.divisionCode))}::text[]) WITH ORDINALITY AS t(n, b, r, p, d, i),
           unnest(mpi_block_keys(t.n, t.b, t.r, t.p, t.d)) k`.execute(db);
    for (const r of rows) keys[start + r.i]!.push(r.k);
  }
  return keys;
}

/** The lock a single registration takes (lockBlockingKeys), for the keys of a few records: shared whole-index lock, then buckets in order. */
export async function lockKeyBuckets(tx: Transaction<DB>, keys: readonly string[]): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock_shared(${KEY_LOCK_SPACE}, ${KEY_LOCK_ALL}::int)`.execute(tx);
  if (keys.length === 0) return;
  await sql`SELECT pg_advisory_xact_lock(${KEY_LOCK_SPACE}, s.b) FROM (SELECT DISTINCT (k & ${KEY_LOCK_BUCKETS - 1})::int AS b FROM unnest(${plainArray(keys)}::bigint[]) k ORDER BY b) s`.execute(tx);
}

/** The whole key index, exclusively, to commit: a large batch waits for registrations in flight and holds new ones back. */
export async function lockWholeKeyIndex(tx: Transaction<DB>): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${KEY_LOCK_SPACE}, ${KEY_LOCK_ALL}::int)`.execute(tx);
}

/** For each key, up to `perKey` persons holding it (through the primary key index), in one statement. */
export async function keyHolders(db: Executor, keys: readonly string[], perKey: number): Promise<Map<string, number[]>> {
  const holders = new Map<string, number[]>();
  if (keys.length === 0) return holders;
  const { rows } = await sql<{ key: string; person_id: number }>`
    SELECT k.k::text AS key, b.person_id FROM unnest((SELECT ${plainArray(keys)}::bigint[])) AS k(k)
    CROSS JOIN LATERAL (SELECT person_id FROM person_block_key WHERE key = k.k ORDER BY person_id LIMIT ${perKey}) b`.execute(db);
  for (const r of rows) {
    const list = holders.get(r.key);
    if (list) list.push(Number(r.person_id));
    else holders.set(r.key, [Number(r.person_id)]);
  }
  return holders;
}

/*
 * Lookups of many values go through LATERAL subqueries, one index probe per value: an IN list or a join with an
 * unnested array is estimated from column statistics, which a table filled in the same transaction (a first import
 * into a new registry) does not have, and the planner then scans the whole table once per chunk. The LIMIT keeps
 * the planner from turning the LATERAL subquery back into such a join (it pulls up one without). The array is
 * passed through a scalar subquery so that the planner does not see its length: with thousands of values the
 * estimated cost passes jit_above_cost, and compiling the plan (14 ms) cost more than running it.
 */

/** What a batch reads of a candidate: the compared fields and the search copies person_institution keeps. */
export const CANDIDATE_COLUMNS = ['id', 'name', 'name_pinyin_compact', 'name_initials', 'sex', 'birth_date', 'resident_id', 'phone', 'division_code', 'address'] as const;
export type CandidateRow = Pick<PersonRow, (typeof CANDIDATE_COLUMNS)[number]>;

/** Active (not merged) persons by id. */
export async function activePersons(db: Executor, ids: readonly number[]): Promise<CandidateRow[]> {
  if (ids.length === 0) return [];
  const { rows } = await sql<CandidateRow>`
    SELECT p.* FROM unnest((SELECT ${plainArray(ids)}::bigint[])) AS i(id)
    CROSS JOIN LATERAL (SELECT ${sql.join(CANDIDATE_COLUMNS.map((c) => sql.ref(c)))} FROM person WHERE id = i.id AND merged_into IS NULL LIMIT 1) p`.execute(db);
  return rows;
}

/** Which of these resident ID numbers a person (active or merged) already holds. */
export async function heldResidentIds(db: Executor, residentIds: readonly string[]): Promise<Set<string>> {
  if (residentIds.length === 0) return new Set();
  const { rows } = await sql<{ resident_id: string }>`
    SELECT p.resident_id FROM unnest((SELECT ${textArray(residentIds)}::text[])) AS r(v) CROSS JOIN LATERAL (SELECT resident_id FROM person WHERE resident_id = r.v LIMIT 1) p`.execute(db);
  return new Set(rows.map((r) => r.resident_id));
}

export interface IdentifierKey {
  readonly institutionId: number;
  readonly kind: string;
  readonly value: string;
}
export const identifierKey = (i: IdentifierKey): string => `${i.institutionId}|${i.kind}|${i.value}`;

/** Which of these (institution, kind, value) identifiers are already held by a person; keys as identifierKey. */
export async function heldIdentifiers(db: Executor, identifiers: readonly IdentifierKey[]): Promise<Set<string>> {
  if (identifiers.length === 0) return new Set();
  const { rows } = await sql<{ institution_id: number; kind: string; value: string }>`
    SELECT pi.institution_id, pi.kind, pi.value
    FROM unnest((SELECT ${plainArray(identifiers.map((i) => i.institutionId))}::int[]), (SELECT ${textArray(identifiers.map((i) => i.kind))}::text[]), (SELECT ${textArray(identifiers.map((i) => i.value))}::text[])) AS t(i, k, v)
    CROSS JOIN LATERAL (SELECT institution_id, kind, value FROM person_identifier WHERE institution_id = t.i AND kind = t.k AND value = t.v LIMIT 1) pi`.execute(db);
  return new Set(rows.map((r) => identifierKey({ institutionId: r.institution_id, kind: r.kind, value: r.value })));
}

export interface SourceRefKey {
  readonly institutionId: number;
  readonly source: string;
  readonly sourceRef: string;
}
export const sourceRefKey = (r: SourceRefKey): string => `${r.institutionId}|${r.source}|${r.sourceRef}`;

/** Which of these (institution, source, source_ref) reports a person record already holds; keys as sourceRefKey. */
export async function heldSourceRefs(db: Executor, refs: readonly SourceRefKey[]): Promise<Set<string>> {
  if (refs.length === 0) return new Set();
  const { rows } = await sql<{ institution_id: number; source: string; source_ref: string }>`
    SELECT r.institution_id, r.source, r.source_ref
    FROM unnest((SELECT ${plainArray(refs.map((r) => r.institutionId))}::int[]), (SELECT ${textArray(refs.map((r) => r.source))}::text[]), (SELECT ${textArray(refs.map((r) => r.sourceRef))}::text[])) AS t(i, s, f)
    CROSS JOIN LATERAL (SELECT institution_id, source, source_ref FROM person_record WHERE institution_id = t.i AND source = t.s AND source_ref = t.f LIMIT 1) r`.execute(db);
  return new Set(rows.map((r) => sourceRefKey({ institutionId: r.institution_id, source: r.source, sourceRef: r.source_ref })));
}

/**
 * Reserves `count` ids of an identity column in one round trip, in order (the rows are then inserted with them).
 * The sequence is resolved once (in the select list it would be looked up in the catalogue for every id), and the
 * ids come back as runs of consecutive values, one row per run (one run unless another session drew ids meanwhile).
 */
export async function reserveMpiIds(db: Executor, table: 'person' | 'person_record' | 'mpi_review', count: number): Promise<number[]> {
  return reserveSequenceIds(db, table, count);
}

/** New persons with their reserved ids (golden record = the report that created them). */
export async function insertPersonsBulk(db: Executor, rows: ReadonlyArray<{ readonly id: number; readonly record: PersonRecord; readonly registeredBy: number }>): Promise<void> {
  if (rows.length === 0) return;
  const col = <T>(f: (r: PersonRecord) => T) => rows.map((r) => f(r.record));
  await sql`
    INSERT INTO person (id, name, name_pinyin, name_pinyin_compact, name_initials, sex, birth_date, resident_id, phone, division_code, address, vital_status, death_date, registered_by)
    OVERRIDING SYSTEM VALUE
    SELECT * FROM unnest(${plainArray(rows.map((r) => r.id))}::bigint[], ${textArray(col((r) => r.name))}::text[], ${textArray(col((r) => r.namePinyin))}::text[], ${textArray(col((r) => r.namePinyinCompact))}::text[],
      ${textArray(col((r) => r.nameInitials))}::text[], ${plainArray(col((r) => r.sex))}::smallint[], ${plainArray(col((r) => r.birthDate))}::date[], ${textArray(col((r) => r.residentId))}::text[], ${textArray(col((r) => r.phone))}::text[],
      ${textArray(col((r) => r.divisionCode))}::text[], ${textArray(col((r) => r.address))}::text[], ${textArray(col((r) => r.vitalStatus))}::text[], ${plainArray(col((r) => r.deathDate))}::date[], ${plainArray(rows.map((r) => r.registeredBy))}::int[])`.execute(db);
}

/** Institutions now holding persons (scope), with the person's search copies given (the fill trigger then reads nothing). */
export async function insertPersonInstitutions(
  db: Executor,
  pairs: ReadonlyArray<{ readonly personId: number; readonly institutionId: number; readonly name: string; readonly namePinyinCompact: string; readonly nameInitials: string }>,
): Promise<void> {
  if (pairs.length === 0) return;
  await sql`
    INSERT INTO person_institution (person_id, institution_id, name, name_pinyin_compact, name_initials)
    SELECT * FROM unnest(${plainArray(pairs.map((p) => p.personId))}::bigint[], ${plainArray(pairs.map((p) => p.institutionId))}::int[], ${textArray(pairs.map((p) => p.name))}::text[],
      ${textArray(pairs.map((p) => p.namePinyinCompact))}::text[], ${textArray(pairs.map((p) => p.nameInitials))}::text[])
    ON CONFLICT DO NOTHING`.execute(db);
}

/** Identifiers (MRNs…) of the persons; one already there is left as it is. */
export async function insertPersonIdentifiers(db: Executor, rows: ReadonlyArray<{ readonly personId: number; readonly institutionId: number; readonly kind: IdentifierKind; readonly value: string }>): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    INSERT INTO person_identifier (person_id, institution_id, kind, value)
    SELECT * FROM unnest(${plainArray(rows.map((r) => r.personId))}::bigint[], ${plainArray(rows.map((r) => r.institutionId))}::int[], ${textArray(rows.map((r) => r.kind))}::text[], ${textArray(rows.map((r) => r.value))}::text[])
    ON CONFLICT DO NOTHING`.execute(db);
}

export interface PersonRecordInsert {
  readonly id: number;
  readonly personId: number;
  readonly source: string;
  readonly institutionId: number;
  readonly sourceRef: string | null;
  readonly record: PersonRecord;
  readonly linkKind: 'new' | 'auto' | 'review';
  readonly matchProbability: number | null;
}

/** Source records with their reserved ids: the values as received, provenance and the decision that placed them. */
export async function insertPersonRecordsBulk(db: Executor, rows: readonly PersonRecordInsert[]): Promise<void> {
  if (rows.length === 0) return;
  const col = <T>(f: (r: PersonRecord) => T) => rows.map((r) => f(r.record));
  await sql`
    INSERT INTO person_record (id, person_id, source, institution_id, source_ref, name, name_pinyin, sex, birth_date, resident_id, phone, division_code, address,
      vital_status, death_date, identifiers, link_kind, match_probability)
    OVERRIDING SYSTEM VALUE
    SELECT t.id, t.person_id, t.source, t.institution_id, t.source_ref, t.name, t.name_pinyin, t.sex, t.birth_date, t.resident_id, t.phone, t.division_code, t.address,
      t.vital_status, t.death_date, t.identifiers::jsonb, t.link_kind, t.match_probability
    FROM unnest(${plainArray(rows.map((r) => r.id))}::bigint[], ${plainArray(rows.map((r) => r.personId))}::bigint[], ${textArray(rows.map((r) => r.source))}::text[], ${plainArray(rows.map((r) => r.institutionId))}::int[],
      ${textArray(rows.map((r) => r.sourceRef))}::text[], ${textArray(col((r) => r.name))}::text[], ${textArray(col((r) => r.namePinyin))}::text[], ${plainArray(col((r) => r.sex))}::smallint[], ${plainArray(col((r) => r.birthDate))}::date[],
      ${textArray(col((r) => r.residentId))}::text[], ${textArray(col((r) => r.phone))}::text[], ${textArray(col((r) => r.divisionCode))}::text[], ${textArray(col((r) => r.address))}::text[], ${textArray(col((r) => r.vitalStatus))}::text[],
      ${plainArray(col((r) => r.deathDate))}::date[], ${textArray(col((r) => JSON.stringify(r.identifiers)))}::text[], ${textArray(rows.map((r) => r.linkKind))}::text[], ${plainArray(rows.map((r) => r.matchProbability))}::float8[])
      AS t(id, person_id, source, institution_id, source_ref, name, name_pinyin, sex, birth_date, resident_id, phone, division_code, address, vital_status, death_date, identifiers, link_kind, match_probability)`.execute(db);
}

export interface ReviewInsert {
  readonly id: number;
  readonly recordId: number;
  readonly personId: number;
  readonly candidateId: number;
  readonly probability: number;
  readonly weight: number;
}

/** Review pairs with their reserved ids. */
export async function insertReviewsBulk(db: Executor, rows: readonly ReviewInsert[]): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    INSERT INTO mpi_review (id, record_id, person_id, candidate_id, match_probability, match_weight)
    OVERRIDING SYSTEM VALUE
    SELECT * FROM unnest(${plainArray(rows.map((r) => r.id))}::bigint[], ${plainArray(rows.map((r) => r.recordId))}::bigint[], ${plainArray(rows.map((r) => r.personId))}::bigint[], ${plainArray(rows.map((r) => r.candidateId))}::bigint[],
      ${plainArray(rows.map((r) => r.probability))}::float8[], ${plainArray(rows.map((r) => r.weight))}::float8[])`.execute(db);
}

/**
 * Adds keys to persons (a new report's keys to the person it created or joined): the same rows refreshBlockKeys
 * would add, since a person's keys are those of its golden record and of each of its source records.
 */
export async function addBlockKeys(db: Executor, rows: ReadonlyArray<{ readonly key: string; readonly personId: number }>): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    INSERT INTO person_block_key (key, person_id)
    SELECT * FROM unnest(${plainArray(rows.map((r) => r.key))}::bigint[], ${plainArray(rows.map((r) => r.personId))}::bigint[])
    ON CONFLICT DO NOTHING`.execute(db);
}
