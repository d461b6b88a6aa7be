import { refreshBlockKeys, type DB } from '@onconet/storage';
import { sql, type Transaction } from 'kysely';

/** What a merge moved, kept with it so that unmerge puts back exactly that and nothing else. */
export interface MergeSnapshot {
  readonly records: readonly number[];
  readonly identifiers: readonly { readonly institutionId: number; readonly kind: string; readonly value: string }[];
  /** Institutions that held the merged person but not the survivor: the survivor gained them. */
  readonly institutionsAdded: readonly number[];
}

/**
 * Moves the merged person's source records and identifiers to the survivor, lets the survivor's
 * institutions include the merged person's, and retires the merged person (merged_into). The merged
 * person's own row and institution links stay as they were, so unmerge needs only the snapshot.
 */
export async function mergePersons(tx: Transaction<DB>, survivorId: number, mergedId: number): Promise<MergeSnapshot> {
  const records = await tx.selectFrom('person_record').select('id').where('person_id', '=', mergedId).orderBy('id').execute();
  const identifiers = await tx.selectFrom('person_identifier').select(['institution_id as institutionId', 'kind', 'value']).where('person_id', '=', mergedId).orderBy('institution_id').orderBy('kind').orderBy('value').execute();
  const held = await tx.selectFrom('person_institution').select(['person_id', 'institution_id']).where('person_id', 'in', [survivorId, mergedId]).execute();
  const survivorHeld = new Set(held.filter((h) => h.person_id === survivorId).map((h) => h.institution_id));
  const institutionsAdded = held.filter((h) => h.person_id === mergedId && !survivorHeld.has(h.institution_id)).map((h) => h.institution_id).sort((a, b) => a - b);

  await tx.updateTable('person_record').set({ person_id: survivorId }).where('person_id', '=', mergedId).execute();
  await tx.updateTable('person_identifier').set({ person_id: survivorId }).where('person_id', '=', mergedId).execute();
  if (institutionsAdded.length > 0) await tx.insertInto('person_institution').values(institutionsAdded.map((i) => ({ person_id: survivorId, institution_id: i }))).execute();
  await tx.updateTable('person').set({ merged_into: survivorId }).where('id', '=', mergedId).execute();
  await refreshBlockKeys(tx, [survivorId, mergedId]);
  return { records: records.map((r) => r.id), identifiers, institutionsAdded };
}

/**
 * Undoes a merge from its snapshot. An institution the survivor gained is given back only if the
 * survivor has no record of its own from there since (a later link may have made it hold the person).
 */
export async function unmergePersons(tx: Transaction<DB>, survivorId: number, mergedId: number, snapshot: MergeSnapshot): Promise<void> {
  if (snapshot.records.length > 0) await tx.updateTable('person_record').set({ person_id: mergedId }).where('id', 'in', snapshot.records).where('person_id', '=', survivorId).execute();
  for (const i of snapshot.identifiers) {
    await tx.updateTable('person_identifier').set({ person_id: mergedId }).where('person_id', '=', survivorId).where('institution_id', '=', i.institutionId).where('kind', '=', i.kind).where('value', '=', i.value).execute();
  }
  for (const institutionId of snapshot.institutionsAdded) {
    await tx
      .deleteFrom('person_institution')
      .where('person_id', '=', survivorId)
      .where('institution_id', '=', institutionId)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('person_record').select(sql`1`.as('one')).where('person_id', '=', survivorId).where('institution_id', '=', institutionId))))
      .where((eb) => eb.not(eb.exists(eb.selectFrom('person').select(sql`1`.as('one')).where('id', '=', survivorId).where('registered_by', '=', institutionId))))
      .execute();
  }
  await tx.updateTable('person').set({ merged_into: null }).where('id', '=', mergedId).execute();
  await refreshBlockKeys(tx, [survivorId, mergedId]);
}
