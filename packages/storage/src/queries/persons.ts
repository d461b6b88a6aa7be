import type { PersonQuery, PersonRecord, ResolvedScope } from '@onconet/domain';
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { DB, PersonTable } from '../schema.ts';
import { personInScope } from './scope-filter.ts';

export type PersonRow = Selectable<PersonTable>;
type Executor = Kysely<DB> | Transaction<DB>;

const escapeLike = (text: string) => text.replace(/[%_\\]/g, '\\$&');

/** What a search result shows; reading only these keeps a busy search endpoint from parsing unused columns. */
export const PERSON_SUMMARY_COLUMNS = ['id', 'name', 'name_pinyin', 'sex', 'birth_date', 'resident_id', 'phone', 'division_code', 'vital_status'] as const;
export type PersonSummaryRow = Pick<PersonRow, (typeof PERSON_SUMMARY_COLUMNS)[number]>;

/** Search by the kind of query string; every branch is an index range scan, ordered and limited in SQL. */
export async function searchPersons(db: Executor, scope: ResolvedScope, query: PersonQuery, limit: number): Promise<PersonSummaryRow[]> {
  if (scope.kind === 'institutions' && scope.divisionPrefix === null && (query.kind === 'name' || query.kind === 'pinyin')) {
    return searchNamesHeldBy(db, scope.institutionIds, query, limit);
  }
  // A person merged into another is retired: searches find the survivor only.
  let q = db.selectFrom('person').select(PERSON_SUMMARY_COLUMNS).where('merged_into', 'is', null).where((eb) => personInScope(eb, scope));
  switch (query.kind) {
    case 'residentId':
      q = q.where('resident_id', '=', query.value);
      break;
    case 'phone':
      q = q.where('phone', '=', query.value);
      break;
    case 'name':
      q = q.where(sql<boolean>`name COLLATE "C" LIKE ${escapeLike(query.value) + '%'}`).orderBy(sql`name COLLATE "C"`).orderBy('id');
      break;
    case 'pinyin':
      q = q
        .where((eb) =>
          eb.or([
            sql<boolean>`name_pinyin_compact COLLATE "C" LIKE ${escapeLike(query.value) + '%'}`,
            sql<boolean>`name_initials COLLATE "C" = ${query.value}`,
          ]),
        )
        .orderBy('name_pinyin_compact')
        .orderBy('id');
      break;
    case 'identifier':
      q = q.where('id', 'in', db.selectFrom('person_identifier').select('person_id').where('value', '=', query.value));
      break;
  }
  return q.limit(limit).execute();
}

/**
 * Name or pinyin search within a set of institutions, through the name copies on person_institution:
 * one range scan per institution in scope, so the rows read are about the rows in scope that match.
 */
function searchNamesHeldBy(db: Executor, institutionIds: readonly number[], query: PersonQuery & { kind: 'name' | 'pinyin' }, limit: number): Promise<PersonSummaryRow[]> {
  const ids = institutionIds.length > 0 ? [...institutionIds] : [-1];
  const prefix = `${escapeLike(query.value)}%`;
  const held = db
    .selectFrom('person_institution')
    .select('person_id')
    .where('institution_id', 'in', ids)
    .where((eb) =>
      query.kind === 'name'
        ? sql<boolean>`name COLLATE "C" LIKE ${prefix}`
        : eb.or([sql<boolean>`name_pinyin_compact COLLATE "C" LIKE ${prefix}`, sql<boolean>`name_initials COLLATE "C" = ${query.value}`]),
    );
  const order = query.kind === 'name' ? sql`name COLLATE "C"` : sql`name_pinyin_compact`;
  return db.selectFrom('person').select(PERSON_SUMMARY_COLUMNS).where('id', 'in', held).where('merged_into', 'is', null).orderBy(order).orderBy('id').limit(limit).execute();
}

export async function findPersonInScope(db: Executor, scope: ResolvedScope, id: number): Promise<PersonRow | undefined> {
  return db.selectFrom('person').selectAll().where('id', '=', id).where((eb) => personInScope(eb, scope)).executeTakeFirst();
}

export async function personIdentifiers(db: Executor, personId: number) {
  return db
    .selectFrom('person_identifier as pi')
    .innerJoin('institution as i', 'i.id', 'pi.institution_id')
    .select(['pi.institution_id as institutionId', 'i.code as institutionCode', 'pi.kind', 'pi.value'])
    .where('pi.person_id', '=', personId)
    .orderBy('i.code')
    .execute();
}

export function personValues(record: PersonRecord) {
  return {
    name: record.name,
    name_pinyin: record.namePinyin,
    name_pinyin_compact: record.namePinyinCompact,
    name_initials: record.nameInitials,
    sex: record.sex,
    birth_date: record.birthDate,
    resident_id: record.residentId,
    phone: record.phone,
    division_code: record.divisionCode,
    address: record.address,
    vital_status: record.vitalStatus,
    death_date: record.deathDate,
  };
}

export async function insertPerson(tx: Transaction<DB>, record: PersonRecord, institutionId: number): Promise<number> {
  const { id } = await tx
    .insertInto('person')
    .values({ ...personValues(record), registered_by: institutionId })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx.insertInto('person_institution').values({ person_id: id, institution_id: institutionId }).onConflict((oc) => oc.doNothing()).execute();
  if (record.identifiers.length > 0) {
    await tx
      .insertInto('person_identifier')
      .values(record.identifiers.map((i) => ({ person_id: id, institution_id: institutionId, kind: i.kind, value: i.value })))
      .execute();
  }
  return id;
}
