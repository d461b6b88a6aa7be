/**
 * One chunk of a batch registration (register-batch.ts): what it reads, and its decisions, made in memory as
 * `register` makes them one record at a time. The next chunk is read before this one's rows are written (so that
 * the database writes them while Node scores that next chunk); what those reads cannot see yet, the chunk's Carry
 * holds.
 */
import type { PersonRecord } from '@onconet/domain';
import { scoreCandidates, type LinkDecision, type LinkModel, type RawRecord } from '@onconet/domain/linkage/index';
import type { DB } from '@onconet/storage';
import {
  activePersons, blockKeysOfMany, heldIdentifiers, heldResidentIds, heldSourceRefs, identifierKey, keyHolders, sourceRefKey, type CandidateRow,
} from '@onconet/storage/queries/mpi-batch';
import type { Transaction } from 'kysely';
import { AppError } from '../errors.ts';
import { blockingValues, CANDIDATE_LIMIT, matchOf, rawOf, type RecordSource } from './mpi-service.ts';

/** A person a record may be scored against: its golden record as raw cells, and the name copies person_institution keeps. */
/** One report to register (register-batch.ts). */
export interface BatchItem {
  readonly record: PersonRecord;
  readonly source: RecordSource;
  readonly sourceRef: string | null;
  /** The reporting institution (it holds the person afterwards, as the actor's institution does in `register`). */
  readonly institutionId: number;
}

export interface Known {
  readonly id: number;
  readonly record: RawRecord;
  readonly name: string;
  readonly namePinyinCompact: string;
  readonly nameInitials: string;
}

/** What a chunk writes that the next chunk's reads, made before those writes run, cannot see. */
export interface Carry {
  /** Key → the persons the chunk gave it. */
  readonly added: ReadonlyMap<string, readonly number[]>;
  readonly created: ReadonlyMap<number, Known>;
}
export const NOTHING_CARRIED: Carry = { added: new Map(), created: new Map() };

export interface ChunkReads {
  /** Per record of the chunk. */
  readonly keys: readonly (readonly string[])[];
  /** Per key, its holders as findCandidates reads them: in person id order, at most CANDIDATE_LIMIT. */
  readonly holders: ReadonlyMap<string, readonly number[]>;
  readonly persons: ReadonlyMap<number, Known>;
  readonly heldIds: ReadonlySet<string>;
  readonly heldIdents: ReadonlySet<string>;
  readonly heldRefs: ReadonlySet<string>;
}

/** What the batch has taken so far (the reads hold what was written before the previous chunk). */
export interface Taken {
  readonly residentIds: Set<string>;
  readonly identifiers: Set<string>;
  readonly sourceRefs: Set<string>;
}

export interface Decided {
  /** Position in the chunk. */
  readonly index: number;
  readonly item: BatchItem;
  /** Negative (-1, -2, … in creation order) for a person the chunk creates, until ids are reserved. */
  readonly personId: number;
  readonly linked: boolean;
  readonly decision: LinkDecision;
  readonly probability: number;
  readonly matchedPersonId: number | null;
  readonly reviews: ReadonlyArray<{ readonly personId: number; readonly probability: number; readonly weight: number }>;
  readonly compared: number;
}

export interface ChunkDecisions {
  readonly decided: readonly Decided[];
  readonly refused: ReadonlyArray<{ readonly index: number; readonly error: AppError }>;
  /** In creation order: created[n] has the placeholder id -(n + 1). */
  readonly created: ReadonlyArray<{ readonly known: Known; readonly record: PersonRecord; readonly institutionId: number }>;
  /** The keys to write: a record's keys that its person does not hold already. */
  readonly keyRows: ReadonlyArray<{ readonly key: string; readonly personId: number }>;
}

const knownOf = (p: CandidateRow): Known => ({ id: p.id, record: rawOf(p), name: p.name, namePinyinCompact: p.name_pinyin_compact, nameInitials: p.name_initials });

/** A key's holders as the database will return them once the carried rows are written. */
function withCarried(read: readonly number[] | undefined, carried: readonly number[]): number[] {
  const all = [...new Set([...(read ?? []), ...carried])].sort((a, b) => a - b);
  return all.length > CANDIDATE_LIMIT ? all.slice(0, CANDIDATE_LIMIT) : all;
}

export async function readChunk(tx: Transaction<DB>, chunk: readonly BatchItem[], carry: Carry): Promise<ChunkReads> {
  // Reads that depend on nothing else are sent with the first: a pipelined transaction runs them back to back.
  const held = Promise.all([
    heldResidentIds(tx, [...new Set(chunk.flatMap((i) => (i.record.residentId === null ? [] : [i.record.residentId])))]),
    heldIdentifiers(tx, chunk.flatMap((i) => i.record.identifiers.map((x) => ({ institutionId: i.institutionId, kind: x.kind, value: x.value })))),
    heldSourceRefs(tx, chunk.flatMap((i) => (i.sourceRef === null ? [] : [{ institutionId: i.institutionId, source: i.source, sourceRef: i.sourceRef }]))),
  ]);
  // Awaited below; a failure must not count as unhandled meanwhile.
  held.catch(() => undefined);
  const keys = await blockKeysOfMany(tx, chunk.map((i) => blockingValues(i.record)));
  const distinct = [...new Set(keys.flat())];
  const holders = await keyHolders(tx, distinct, CANDIDATE_LIMIT);
  for (const key of distinct) {
    const carried = carry.added.get(key);
    if (carried) holders.set(key, withCarried(holders.get(key), carried));
  }
  const persons = new Map<number, Known>();
  const unread = new Set<number>();
  for (const ids of holders.values()) {
    for (const id of ids) {
      const mine = carry.created.get(id);
      if (mine) persons.set(id, mine);
      else unread.add(id);
    }
  }
  for (const p of await activePersons(tx, [...unread])) persons.set(p.id, knownOf(p));
  const [heldIds, heldIdents, heldRefs] = await held;
  return { keys, holders, persons, heldIds, heldIdents, heldRefs };
}

const conflict = (field: string, message: string) => new AppError('conflict', message, [{ field, code: 'mpi.conflict', message }]);

/** Records scored between two turns of the event loop, which sends the previous chunk's statements one by one. */
const SLICE = 64;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Each record in order, against the persons holding its keys: those read, and those the chunk created or extended before it. */
export async function decideChunk(model: LinkModel, chunk: readonly BatchItem[], reads: ChunkReads, taken: Taken): Promise<ChunkDecisions> {
  const decided: Decided[] = [];
  const refused: Array<{ index: number; error: AppError }> = [];
  const created: Array<{ known: Known; record: PersonRecord; institutionId: number }> = [];
  const createdKnown = new Map<number, Known>();
  /** Keys the chunk gave persons (new persons, and persons a record linked to), beyond those read. */
  const addedHolders = new Map<string, number[]>();
  const keyRows: Array<{ key: string; personId: number }> = [];

  for (let i = 0; i < chunk.length; i++) {
    if (i % SLICE === SLICE - 1) await nextTurn();
    const item = chunk[i]!;
    const record = item.record;
    const recordKeys = reads.keys[i]!;
    // Key holders as `findCandidates` reads them: up to CANDIDATE_LIMIT (key, person) rows, then active persons.
    const ids = new Set<number>();
    let rows = 0;
    for (const k of recordKeys) {
      for (const list of [reads.holders.get(k), addedHolders.get(k)]) {
        for (const id of list ?? []) {
          if (rows >= CANDIDATE_LIMIT) break;
          rows += 1;
          ids.add(id);
        }
      }
    }
    const candidates: Known[] = [];
    for (const id of ids) {
      const known = createdKnown.get(id) ?? reads.persons.get(id);
      if (known) candidates.push(known);
    }
    const raw = rawOf(record);
    const match = matchOf(candidates.length === 0 ? [] : scoreCandidates(model, raw, candidates));
    const linkedTo = match.decision === 'link' ? match.personId : null;

    const refKey = item.sourceRef === null ? null : sourceRefKey({ institutionId: item.institutionId, source: item.source, sourceRef: item.sourceRef });
    if (refKey !== null && (reads.heldRefs.has(refKey) || taken.sourceRefs.has(refKey))) {
      refused.push({ index: i, error: conflict('source_ref', `${item.source} ${item.sourceRef} of this institution is already registered`) });
      continue;
    }
    const identKeys = record.identifiers.map((x) => identifierKey({ institutionId: item.institutionId, kind: x.kind, value: x.value }));
    if (linkedTo === null) {
      if (record.residentId !== null && (reads.heldIds.has(record.residentId) || taken.residentIds.has(record.residentId))) {
        refused.push({ index: i, error: conflict('resident_id', 'a person with this resident ID is already registered and the record did not link to them') });
        continue;
      }
      const at = identKeys.findIndex((k) => reads.heldIdents.has(k) || taken.identifiers.has(k));
      if (at >= 0) {
        const x = record.identifiers[at]!;
        refused.push({ index: i, error: conflict('identifiers', `identifier ${x.kind} ${x.value} of this institution belongs to another person`) });
        continue;
      }
    }
    if (refKey !== null) taken.sourceRefs.add(refKey);
    // A linked record's identifiers are held from now on too (by its person, or by whoever held them already).
    for (const k of identKeys) taken.identifiers.add(k);
    let personId: number;
    if (linkedTo !== null) personId = linkedTo;
    else {
      personId = -(created.length + 1);
      const known: Known = { id: personId, record: raw, name: record.name, namePinyinCompact: record.namePinyinCompact, nameInitials: record.nameInitials };
      created.push({ known, record, institutionId: item.institutionId });
      createdKnown.set(personId, known);
      if (record.residentId !== null) taken.residentIds.add(record.residentId);
    }
    for (const k of recordKeys) {
      const list = addedHolders.get(k);
      if (!list) addedHolders.set(k, [personId]);
      else if (!list.includes(personId)) list.push(personId);
      else continue;
      // A key the linked person was read holding is not sent again (one beyond the read's cap still is: the insert skips it).
      if (linkedTo === null || !reads.holders.get(k)?.includes(personId)) keyRows.push({ key: k, personId });
    }
    decided.push({
      index: i, item, personId, linked: linkedTo !== null, decision: match.decision, probability: match.probability, matchedPersonId: match.personId,
      reviews: linkedTo === null ? match.reviewCandidates : [], compared: match.candidatesCompared,
    });
  }
  return { decided, refused, created, keyRows };
}
