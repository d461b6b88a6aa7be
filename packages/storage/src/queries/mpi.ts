import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { ResolvedScope } from '@onconet/domain';
import type { DB, PersonRecordTable } from '../schema.ts';
import type { PersonRow } from './persons.ts';
import { personInScope } from './scope-filter.ts';

type Executor = Kysely<DB> | Transaction<DB>;
export type PersonRecordRow = Selectable<PersonRecordTable>;

/** The fields of a record that blocking keys are made of (the person's normalised values). */
export interface BlockingValues {
  readonly namePinyin: string;
  readonly birthDate: string;
  readonly residentId: string | null;
  readonly phone: string | null;
  readonly divisionCode: string | null;
}

/**
 * Active persons sharing at least one blocking key with the values, through the key index only
 * (mpi_block_keys is the same SQL function that indexed them). Capped: a key shared by thousands would
 * be a useless key, and the cap keeps one lookup bounded.
 */
export async function findCandidates(db: Executor, values: BlockingValues, limit: number): Promise<PersonRow[]> {
  const keys = sql`mpi_block_keys(${values.namePinyin}, ${values.birthDate}::date, ${values.residentId}, ${values.phone}, ${values.divisionCode})`;
  return db
    .selectFrom('person')
    .selectAll()
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('person_block_key')
        .select('person_id')
        .where(sql<boolean>`key = ANY(${keys})`)
        .limit(limit),
    )
    .where('merged_into', 'is', null)
    .execute();
}

/**
 * Advisory-lock space of the key index: the two-int4 form (apart from the one-bigint locks such as the audit's),
 * its first half a hash of the schema, since advisory locks are per database and each schema has its own index.
 */
export const KEY_LOCK_SPACE = sql<number>`hashtext('mpi_block_key:' || current_schema())`;
/** Keys lock by bucket (key & 1023): a registration takes at most four, a whole import file all of them at once. */
export const KEY_LOCK_BUCKETS = 1024;
/** The object id of the whole-index lock: shared by every registration, exclusive for a large batch. */
export const KEY_LOCK_ALL = -1;

/**
 * Serialises registrations that could match each other: a transaction takes the whole-index lock shared, then a
 * lock on the bucket of each of the incoming record's blocking keys (in bucket order, so two transactions cannot
 * deadlock), and holds them to commit. Without it, two reports of the same new person arriving together would
 * both find no candidate and both create one. A batch registration (mpi-batch.ts) takes the same bucket locks
 * when it is small and the whole-index lock exclusively when it is large (the lock table then holds one lock).
 */
export async function lockBlockingKeys(tx: Transaction<DB>, values: BlockingValues): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock_shared(${KEY_LOCK_SPACE}, ${KEY_LOCK_ALL}::int)`.execute(tx);
  await sql`SELECT pg_advisory_xact_lock(${KEY_LOCK_SPACE}, s.b) FROM (SELECT DISTINCT (k & ${KEY_LOCK_BUCKETS - 1})::int AS b FROM unnest(mpi_block_keys(${values.namePinyin}, ${values.birthDate}::date, ${values.residentId}, ${values.phone}, ${values.divisionCode})) k ORDER BY b) s`.execute(tx);
}

/** Recomputes the keys of the given persons from their golden record and all their source records. */
export async function refreshBlockKeys(db: Executor, personIds: readonly number[]): Promise<void> {
  if (personIds.length === 0) return;
  await db.deleteFrom('person_block_key').where('person_id', 'in', personIds).execute();
  await sql`
    INSERT INTO person_block_key (key, person_id)
    SELECT DISTINCT k, s.person_id FROM (
      SELECT id AS person_id, name_pinyin, birth_date, resident_id, phone, division_code FROM person WHERE id IN (${sql.join(personIds)}) AND merged_into IS NULL
      UNION ALL
      SELECT r.person_id, r.name_pinyin, r.birth_date, r.resident_id, r.phone, r.division_code
        FROM person_record r JOIN person p ON p.id = r.person_id
        WHERE r.person_id IN (${sql.join(personIds)}) AND p.merged_into IS NULL AND r.birth_date IS NOT NULL
    ) s, unnest(mpi_block_keys(s.name_pinyin, s.birth_date, s.resident_id, s.phone, s.division_code)) k`.execute(db);
}

/**
 * Rebuilds the whole key index set-based (bulk loads, the benchmark): keys of golden records are
 * inserted with the primary key dropped and the index built afterwards, which is far faster than
 * maintaining it row by row; then the source records add their keys. The four keys of one person
 * hash to distinct values unless two 64-bit hashes collide (about 10⁻¹² over millions of persons).
 */
export async function rebuildBlockKeys(exec: (script: string) => Promise<void>): Promise<void> {
  await exec(`
    TRUNCATE person_block_key;
    ALTER TABLE person_block_key DROP CONSTRAINT person_block_key_pkey;
    DROP INDEX person_block_key_person_idx;
    INSERT INTO person_block_key (key, person_id)
      SELECT k, p.id FROM person p, unnest(mpi_block_keys(p.name_pinyin, p.birth_date, p.resident_id, p.phone, p.division_code)) k
      WHERE p.merged_into IS NULL;
    ALTER TABLE person_block_key ADD PRIMARY KEY (key, person_id);
    CREATE INDEX person_block_key_person_idx ON person_block_key (person_id);
    INSERT INTO person_block_key (key, person_id)
      SELECT k, r.person_id FROM person_record r JOIN person p ON p.id = r.person_id,
        unnest(mpi_block_keys(r.name_pinyin, r.birth_date, r.resident_id, r.phone, r.division_code)) k
      WHERE p.merged_into IS NULL AND r.birth_date IS NOT NULL
      ON CONFLICT DO NOTHING;
    ANALYZE person_block_key;`);
}

/** Persons loaded in bulk (COPY) get their golden record as their first source record. */
export async function backfillPersonRecords(exec: (script: string) => Promise<void>): Promise<void> {
  await exec(`
    INSERT INTO person_record (person_id, source, institution_id, name, name_pinyin, sex, birth_date, resident_id, phone, division_code, address, vital_status, death_date, link_kind, received_at)
      SELECT p.id, 'registration', p.registered_by, p.name, p.name_pinyin, p.sex, p.birth_date, p.resident_id, p.phone, p.division_code, p.address, p.vital_status, p.death_date, 'existing', p.created_at
      FROM person p WHERE NOT EXISTS (SELECT 1 FROM person_record r WHERE r.person_id = p.id);
    ANALYZE person_record;`);
}

/** The persons of the scope, as a subquery: `where('x', 'in', personIdsInScope(db, scope))`. */
export function personIdsInScope(db: Executor, scope: ResolvedScope) {
  return db.selectFrom('person').select('person.id').where((eb) => personInScope(eb, scope));
}

export async function personRecords(db: Executor, personId: number) {
  return db
    .selectFrom('person_record as r')
    .innerJoin('institution as i', 'i.id', 'r.institution_id')
    .selectAll('r')
    .select(['i.code as institution_code', 'i.name_zh as institution_name_zh', 'i.name_en as institution_name_en'])
    .where('r.person_id', '=', personId)
    .orderBy('r.id')
    .execute();
}

export interface ReviewFilter {
  readonly status: 'open' | 'merged' | 'kept_apart';
  readonly limit: number;
  readonly offset: number;
}

/**
 * Review pairs whose two persons are both in the scope. Open pairs are listed only while both persons
 * are active: a pair whose person was merged elsewhere waits (and comes back if that merge is undone).
 */
export async function listReviews(db: Executor, scope: ResolvedScope, filter: ReviewFilter) {
  let q = db
    .selectFrom('mpi_review as v')
    .innerJoin('person_record as r', 'r.id', 'v.record_id')
    .innerJoin('institution as i', 'i.id', 'r.institution_id')
    .innerJoin('person as c', 'c.id', 'v.candidate_id')
    .innerJoin('person as p', 'p.id', 'v.person_id')
    .select([
      'v.id', 'v.status', 'v.match_probability', 'v.match_weight', 'v.created_at', 'v.decided_at', 'v.merge_id', 'v.person_id', 'v.candidate_id',
      'r.name as record_name', 'r.sex as record_sex', 'r.birth_date as record_birth_date', 'r.source as record_source', 'i.code as institution_code',
      'c.name as candidate_name', 'c.sex as candidate_sex', 'c.birth_date as candidate_birth_date',
    ])
    .where('v.status', '=', filter.status)
    .where('v.person_id', 'in', personIdsInScope(db, scope))
    .where('v.candidate_id', 'in', personIdsInScope(db, scope));
  if (filter.status === 'open') q = q.where('p.merged_into', 'is', null).where('c.merged_into', 'is', null);
  return q.orderBy('v.match_probability', 'desc').orderBy('v.id').limit(filter.limit).offset(filter.offset).execute();
}

/** One review pair if both its persons are in the scope; `forUpdate` locks it for a decision. */
export async function findReviewInScope(db: Executor, scope: ResolvedScope, id: number, forUpdate = false) {
  let q = db
    .selectFrom('mpi_review')
    .selectAll()
    .where('id', '=', id)
    .where('person_id', 'in', personIdsInScope(db, scope))
    .where('candidate_id', 'in', personIdsInScope(db, scope));
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function findMergeInScope(db: Executor, scope: ResolvedScope, id: number, forUpdate = false) {
  let q = db
    .selectFrom('person_merge')
    .selectAll()
    .where('id', '=', id)
    .where('survivor_id', 'in', personIdsInScope(db, scope))
    .where('merged_id', 'in', personIdsInScope(db, scope));
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}
