/**
 * The rows one chunk of a batch registration writes (register-batch.ts), from its decisions (batch-chunk.ts) and
 * the ids reserved for them, and what the next chunk must be told of them before they are written.
 */
import type { PersonRecord } from '@onconet/domain';
import type { DB } from '@onconet/storage';
import {
  addBlockKeys, insertPersonIdentifiers, insertPersonInstitutions, insertPersonRecordsBulk, insertPersonsBulk, insertReviewsBulk, reserveMpiIds,
  type PersonRecordInsert, type ReviewInsert,
} from '@onconet/storage/queries/mpi-batch';
import type { Transaction } from 'kysely';
import type { ChunkDecisions, ChunkReads, Carry, Decided, Known } from './batch-chunk.ts';

export interface ChunkIds {
  readonly persons: readonly number[];
  readonly records: readonly number[];
  readonly reviews: readonly number[];
}

/** Ids in creation order, as one-by-one registration would have drawn them. */
export async function reserveChunkIds(tx: Transaction<DB>, d: ChunkDecisions): Promise<ChunkIds> {
  return {
    persons: await reserveMpiIds(tx, 'person', d.created.length),
    records: await reserveMpiIds(tx, 'person_record', d.decided.length),
    reviews: await reserveMpiIds(tx, 'mpi_review', d.decided.reduce((n, p) => n + p.reviews.length, 0)),
  };
}

export interface ChunkRows {
  readonly persons: Array<{ id: number; record: PersonRecord; registeredBy: number }>;
  readonly institutions: Array<{ personId: number; institutionId: number; name: string; namePinyinCompact: string; nameInitials: string }>;
  readonly identifiers: Array<{ personId: number; institutionId: number; kind: PersonRecord['identifiers'][number]['kind']; value: string }>;
  readonly records: PersonRecordInsert[];
  readonly reviews: ReviewInsert[];
  readonly keys: Array<{ key: string; personId: number }>;
}

/** A registered record with its real ids, as the caller's outcome. */
export interface Placed {
  readonly decided: Decided;
  readonly personId: number;
  readonly recordId: number;
  readonly matchedPersonId: number | null;
  readonly reviewIds: readonly number[];
}

const NO_REVIEWS: readonly number[] = Object.freeze([]);

export function chunkRows(d: ChunkDecisions, reads: ChunkReads, ids: ChunkIds): { rows: ChunkRows; placed: Placed[]; carry: Carry } {
  const realId = (id: number) => (id < 0 ? ids.persons[-id - 1]! : id);
  const created = new Map<number, Known>();
  const persons = d.created.map((c, n) => {
    const id = ids.persons[n]!;
    created.set(id, { ...c.known, id });
    return { id, record: c.record, registeredBy: c.institutionId };
  });
  /** The search copies person_institution keeps: the golden record's name, pinyin and initials. */
  const namesOf = (placeholderOrId: number) => (placeholderOrId < 0 ? d.created[-placeholderOrId - 1]!.known : reads.persons.get(placeholderOrId)!);
  const rows: ChunkRows = { persons, institutions: [], identifiers: [], records: [], reviews: [], keys: [] };
  const placed: Placed[] = [];
  let nextReview = 0;
  d.decided.forEach((p, j) => {
    const personId = realId(p.personId);
    const recordId = ids.records[j]!;
    const matched = p.matchedPersonId === null ? null : realId(p.matchedPersonId);
    const { item } = p;
    const names = namesOf(p.personId);
    rows.institutions.push({ personId, institutionId: item.institutionId, name: names.name, namePinyinCompact: names.namePinyinCompact, nameInitials: names.nameInitials });
    for (const x of item.record.identifiers) rows.identifiers.push({ personId, institutionId: item.institutionId, kind: x.kind, value: x.value });
    rows.records.push({
      id: recordId, personId, source: item.source, institutionId: item.institutionId, sourceRef: item.sourceRef, record: item.record,
      linkKind: p.linked ? 'auto' : p.decision === 'review' ? 'review' : 'new', matchProbability: matched === null ? null : p.probability,
    });
    let reviewIds = NO_REVIEWS;
    if (p.reviews.length > 0) {
      const mine: number[] = [];
      for (const r of p.reviews) {
        const id = ids.reviews[nextReview++]!;
        rows.reviews.push({ id, recordId, personId, candidateId: realId(r.personId), probability: r.probability, weight: r.weight });
        mine.push(id);
      }
      reviewIds = mine;
    }
    placed.push({ decided: p, personId, recordId, matchedPersonId: matched, reviewIds });
  });
  const added = new Map<string, number[]>();
  for (const k of d.keyRows) {
    const personId = realId(k.personId);
    rows.keys.push({ key: k.key, personId });
    const list = added.get(k.key);
    if (list) list.push(personId);
    else added.set(k.key, [personId]);
  }
  return { rows, placed, carry: { added, created } };
}

/** Persons first (the other rows refer to them), then the rows that refer to persons only, sent together; reviews last (they refer to records). */
export async function writeRows(tx: Transaction<DB>, rows: ChunkRows): Promise<void> {
  await insertPersonsBulk(tx, rows.persons);
  await Promise.all([insertPersonInstitutions(tx, rows.institutions), insertPersonIdentifiers(tx, rows.identifiers), insertPersonRecordsBulk(tx, rows.records), addBlockKeys(tx, rows.keys)]);
  await insertReviewsBulk(tx, rows.reviews);
}
