/**
 * Batch registration in the master patient index: the set-based form of `MpiService.register` for imports
 * (registry notifications and deaths), inside the caller's transaction so that a failed import leaves nothing.
 *
 * Same decisions as registering the records one by one in their order (register-batch.int.test.ts compares the
 * rows both write): each record is scored by the same model (`scoreCandidates`, `matchOf`) against the persons
 * holding its blocking keys — the persons known before the batch and those the batch created or extended before
 * it — so reports of one new person in one file end as one person. Per chunk of records: keys in one statement,
 * every key's holders in one, those persons in one; scoring in memory; then persons, person_institution,
 * identifiers, source records, review pairs and the records' keys written in one statement per table.
 *
 * Locking: a batch of a few records takes the locks `register` takes (lockBlockingKeys); a larger one takes the
 * whole key index exclusively until the caller commits, so single registrations of the same persons wait for it
 * rather than miss the persons it is creating.
 *
 * A record the index refuses (a new person whose resident ID or identifier another person holds, a source
 * reference already registered — what makes `register` fail with a conflict) is reported in its outcome and not
 * written; the caller rolls the transaction back.
 */
import type { PersonRecord } from '@onconet/domain';
import { scoreCandidates, type LinkDecision, type LinkModel, type RawRecord } from '@onconet/domain/linkage/index';
import type { DB, PersonRow } from '@onconet/storage';
import {
  activePersons, blockKeysOfMany, heldIdentifiers, heldResidentIds, heldSourceRefs, identifierKey, insertPersonIdentifiers, insertPersonInstitutions,
  addBlockKeys, insertPersonRecordsBulk, insertPersonsBulk, insertReviewsBulk, keyHolders, lockKeyBuckets, lockWholeKeyIndex, reserveMpiIds, sourceRefKey,
  type PersonRecordInsert, type ReviewInsert,
} from '@onconet/storage/queries/mpi-batch';
import type { Transaction } from 'kysely';
import type { AuditEvent } from '../audit/audit-writer.ts';
import { requirePermission, type Actor } from '../context.ts';
import { AppError } from '../errors.ts';
import { blockingValues, CANDIDATE_LIMIT, matchOf, rawOf, type RecordSource } from './mpi-service.ts';

export interface BatchItem {
  readonly record: PersonRecord;
  readonly source: RecordSource;
  readonly sourceRef: string | null;
  /** The reporting institution (it holds the person afterwards, as the actor's institution does in `register`). */
  readonly institutionId: number;
}

export interface BatchRegistered {
  readonly personId: number;
  readonly recordId: number;
  readonly decision: LinkDecision;
  readonly probability: number;
  /** The person linked to, or the best candidate of a review; null for a new person with no candidate in the band. */
  readonly matchedPersonId: number | null;
  readonly reviewIds: readonly number[];
  readonly candidatesCompared: number;
}

export type BatchOutcome = { readonly ok: true; readonly value: BatchRegistered } | { readonly ok: false; readonly error: AppError };

export interface BatchResult {
  /** One per item, in order. */
  readonly outcomes: readonly BatchOutcome[];
  /** The audit rows `register` writes (person.create / mpi.link), for the caller to append in its transaction — last, to hold the audit lock briefly. */
  readonly audit: ReadonlyArray<{ readonly actor: Actor; readonly event: AuditEvent }>;
}

export interface BatchOptions {
  readonly chunkSize?: number;
  /** Awaited: a caller may use it to let the event loop send the progress on (see routes/registry.ts). */
  readonly progress?: (done: number, total: number) => void | Promise<void>;
}

/** Up to this many records lock their key buckets as `register` does; more take the whole index. */
const FEW = 16;
const CHUNK = 2000;

/** A person the batch has seen: golden record as raw cells (what candidates are scored on). */
interface Known {
  readonly id: number;
  readonly raw: RawRecord;
}

const conflict = (field: string, message: string) => new AppError('conflict', message, [{ field, code: 'mpi.conflict', message }]);

export async function registerBatch(tx: Transaction<DB>, model: LinkModel, actor: Actor, items: readonly BatchItem[], options: BatchOptions = {}): Promise<BatchResult> {
  requirePermission(actor, 'persons.write');
  if (items.some((i) => !Number.isInteger(i.institutionId) || i.institutionId <= 0)) throw new AppError('forbidden', 'persons are registered by a user of an institution');
  const chunkSize = options.chunkSize ?? CHUNK;
  const outcomes: BatchOutcome[] = [];
  const audit: Array<{ actor: Actor; event: AuditEvent }> = [];
  if (items.length === 0) return { outcomes, audit };

  if (items.length <= FEW) {
    const keys = await blockKeysOfMany(tx, items.map((i) => blockingValues(i.record)));
    await lockKeyBuckets(tx, keys.flat());
  } else {
    await lockWholeKeyIndex(tx);
  }

  // What the batch itself has taken, for the records after it (the database holds what came before).
  const residentIdsTaken = new Set<string>();
  const identifiersTaken = new Set<string>();
  const sourceRefsTaken = new Set<string>();
  const actors = new Map<number, Actor>();
  const actorFor = (institutionId: number) => {
    let a = actors.get(institutionId);
    if (!a) actors.set(institutionId, (a = { ...actor, institutionId }));
    return a;
  };

  for (let start = 0; start < items.length; start += chunkSize) {
    await options.progress?.(start, items.length);
    const chunk = items.slice(start, start + chunkSize);
    const keys = await blockKeysOfMany(tx, chunk.map((i) => blockingValues(i.record)));
    const holders = await keyHolders(tx, [...new Set(keys.flat())], CANDIDATE_LIMIT);
    const dbPersons = new Map<number, PersonRow>();
    for (const p of await activePersons(tx, [...new Set([...holders.values()].flat())])) dbPersons.set(p.id, p);
    const heldIds = await heldResidentIds(tx, [...new Set(chunk.flatMap((i) => (i.record.residentId === null ? [] : [i.record.residentId])))]);
    const heldIdents = await heldIdentifiers(tx, chunk.flatMap((i) => i.record.identifiers.map((x) => ({ institutionId: i.institutionId, kind: x.kind, value: x.value }))));
    const heldRefs = await heldSourceRefs(tx, chunk.flatMap((i) => (i.sourceRef === null ? [] : [{ institutionId: i.institutionId, source: i.source, sourceRef: i.sourceRef }])));

    // Persons created in this chunk get placeholder ids (-1, -2, …) until their ids are reserved, in creation order.
    const created: Array<{ placeholder: number; record: PersonRecord; institutionId: number }> = [];
    const createdRaw = new Map<number, Known>();
    /** Keys the chunk added to persons (new persons, and persons a record linked to), beyond the database's. */
    const addedHolders = new Map<string, number[]>();
    interface Pending {
      readonly index: number;
      readonly item: BatchItem;
      readonly personId: number;
      readonly linked: boolean;
      readonly decision: LinkDecision;
      readonly probability: number;
      readonly matchedPersonId: number | null;
      readonly reviews: ReadonlyArray<{ personId: number; probability: number; weight: number }>;
      readonly compared: number;
    }
    const pending: Pending[] = [];
    const chunkOutcomes: BatchOutcome[] = new Array<BatchOutcome>(chunk.length);

    chunk.forEach((item, i) => {
      const record = item.record;
      const recordKeys = keys[i]!;
      // Key holders as `findCandidates` reads them: up to CANDIDATE_LIMIT (key, person) rows, then active persons.
      const ids = new Set<number>();
      let rows = 0;
      for (const k of recordKeys) {
        for (const list of [holders.get(k), addedHolders.get(k)]) {
          for (const id of list ?? []) {
            if (rows >= CANDIDATE_LIMIT) break;
            rows += 1;
            ids.add(id);
          }
        }
      }
      const candidates: Known[] = [];
      for (const id of ids) {
        const mine = createdRaw.get(id);
        if (mine) candidates.push(mine);
        else {
          const row = dbPersons.get(id);
          if (row) candidates.push({ id, raw: rawOf(row) });
        }
      }
      const raw = rawOf(record);
      const match = matchOf(candidates.length === 0 ? [] : scoreCandidates(model, raw, candidates.map((c) => ({ id: c.id, record: c.raw }))));
      const linkedTo = match.decision === 'link' ? match.personId : null;

      const refKey = item.sourceRef === null ? null : sourceRefKey({ institutionId: item.institutionId, source: item.source, sourceRef: item.sourceRef });
      if (refKey !== null && (heldRefs.has(refKey) || sourceRefsTaken.has(refKey))) {
        chunkOutcomes[i] = { ok: false, error: conflict('source_ref', `${item.source} ${item.sourceRef} of this institution is already registered`) };
        return;
      }
      if (linkedTo === null) {
        if (record.residentId !== null && (heldIds.has(record.residentId) || residentIdsTaken.has(record.residentId))) {
          chunkOutcomes[i] = { ok: false, error: conflict('resident_id', 'a person with this resident ID is already registered and the record did not link to them') };
          return;
        }
        const taken = record.identifiers.find((x) => {
          const k = identifierKey({ institutionId: item.institutionId, kind: x.kind, value: x.value });
          return heldIdents.has(k) || identifiersTaken.has(k);
        });
        if (taken) {
          chunkOutcomes[i] = { ok: false, error: conflict('identifiers', `identifier ${taken.kind} ${taken.value} of this institution belongs to another person`) };
          return;
        }
      }
      if (refKey !== null) sourceRefsTaken.add(refKey);
      let personId: number;
      if (linkedTo !== null) personId = linkedTo;
      else {
        personId = -(created.length + 1);
        created.push({ placeholder: personId, record, institutionId: item.institutionId });
        createdRaw.set(personId, { id: personId, raw });
        if (record.residentId !== null) residentIdsTaken.add(record.residentId);
        for (const x of record.identifiers) identifiersTaken.add(identifierKey({ institutionId: item.institutionId, kind: x.kind, value: x.value }));
      }
      for (const k of recordKeys) {
        const list = addedHolders.get(k);
        if (!list) addedHolders.set(k, [personId]);
        else if (!list.includes(personId)) list.push(personId);
      }
      pending.push({
        index: i, item, personId, linked: linkedTo !== null, decision: match.decision, probability: match.probability, matchedPersonId: match.personId,
        reviews: linkedTo === null ? match.reviewCandidates : [], compared: match.candidatesCompared,
      });
    });

    // Ids in creation order, as one-by-one registration would have drawn them.
    const personIds = await reserveMpiIds(tx, 'person', created.length);
    const realId = (id: number) => (id < 0 ? personIds[-id - 1]! : id);
    const recordIds = await reserveMpiIds(tx, 'person_record', pending.length);
    const reviewIds = await reserveMpiIds(tx, 'mpi_review', pending.reduce((n, p) => n + p.reviews.length, 0));

    const institutions: Array<{ personId: number; institutionId: number; name: string; namePinyinCompact: string; nameInitials: string }> = [];
    const createdRecords = new Map(created.map((c) => [c.placeholder, c.record]));
    /** The search copies person_institution keeps: the golden record's name, pinyin and initials. */
    const namesOf = (id: number) => {
      const mine = createdRecords.get(id);
      if (mine) return { name: mine.name, namePinyinCompact: mine.namePinyinCompact, nameInitials: mine.nameInitials };
      const row = dbPersons.get(id)!;
      return { name: row.name, namePinyinCompact: row.name_pinyin_compact, nameInitials: row.name_initials };
    };
    const identifiers: Array<{ personId: number; institutionId: number; kind: PersonRecord['identifiers'][number]['kind']; value: string }> = [];
    const records: PersonRecordInsert[] = [];
    const reviews: ReviewInsert[] = [];
    let nextReview = 0;
    pending.forEach((p, j) => {
      const personId = realId(p.personId);
      const recordId = recordIds[j]!;
      const matched = p.matchedPersonId === null ? null : realId(p.matchedPersonId);
      institutions.push({ personId, institutionId: p.item.institutionId, ...namesOf(p.personId) });
      for (const x of p.item.record.identifiers) identifiers.push({ personId, institutionId: p.item.institutionId, kind: x.kind, value: x.value });
      records.push({
        id: recordId, personId, source: p.item.source, institutionId: p.item.institutionId, sourceRef: p.item.sourceRef, record: p.item.record,
        linkKind: p.linked ? 'auto' : p.decision === 'review' ? 'review' : 'new', matchProbability: matched === null ? null : p.probability,
      });
      const mine: number[] = [];
      for (const r of p.reviews) {
        const id = reviewIds[nextReview++]!;
        reviews.push({ id, recordId, personId, candidateId: realId(r.personId), probability: r.probability, weight: r.weight });
        mine.push(id);
      }
      chunkOutcomes[p.index] = {
        ok: true,
        value: { personId, recordId, decision: p.decision, probability: p.probability, matchedPersonId: matched, reviewIds: mine, candidatesCompared: p.compared },
      };
      audit.push({
        actor: actorFor(p.item.institutionId),
        event: {
          action: p.linked ? 'mpi.link' : 'person.create', entityType: 'person', entityId: String(personId), personId, institutionId: p.item.institutionId,
          detail: { source: p.item.source, record: recordId, decision: p.decision, probability: p.probability, compared: p.compared, reviews: mine },
        },
      });
    });

    await insertPersonsBulk(tx, created.map((c) => ({ id: realId(c.placeholder), record: c.record, registeredBy: c.institutionId })));
    await insertPersonInstitutions(tx, institutions);
    await insertPersonIdentifiers(tx, identifiers);
    await insertPersonRecordsBulk(tx, records);
    await insertReviewsBulk(tx, reviews);
    await addBlockKeys(tx, pending.flatMap((p) => keys[p.index]!.map((key) => ({ key, personId: realId(p.personId) }))));
    outcomes.push(...chunkOutcomes);
  }
  await options.progress?.(items.length, items.length);
  return { outcomes, audit };
}
