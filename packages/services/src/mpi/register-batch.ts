/**
 * Batch registration in the master patient index: the set-based form of `MpiService.register` for imports
 * (registry notifications and deaths), inside the caller's transaction so that a failed import leaves nothing.
 *
 * Same decisions as registering the records one by one in their order (register-batch.int.test.ts compares the
 * rows both write): each record is scored by the same model (`scoreCandidates`, `matchOf`) against the persons
 * holding its blocking keys — the persons known before the batch and those the batch created or extended before
 * it — so reports of one new person in one file end as one person. Per chunk of records: keys in one statement,
 * every key's holders in one, those persons in one; scoring in memory; then persons, person_institution,
 * identifiers, source records, review pairs and the records' keys written in one statement per table
 * (batch-chunk.ts, batch-rows.ts). The database writes one chunk while Node scores the next.
 *
 * Locking: a batch of a few records takes the locks `register` takes (lockBlockingKeys); a larger one takes the
 * whole key index exclusively until the caller commits, so single registrations of the same persons wait for it
 * rather than miss the persons it is creating.
 *
 * A record the index refuses (a new person whose resident ID or identifier another person holds, a source
 * reference already registered — what makes `register` fail with a conflict) is reported in its outcome and not
 * written; the caller rolls the transaction back.
 */
import type { LinkDecision, LinkModel } from '@onconet/domain/linkage/index';
import type { DB } from '@onconet/storage';
import { blockKeysOfMany, lockKeyBuckets, lockWholeKeyIndex } from '@onconet/storage/queries/mpi-batch';
import type { Transaction } from 'kysely';
import type { AuditEvent } from '../audit/audit-writer.ts';
import { requirePermission, type Actor } from '../context.ts';
import { AppError } from '../errors.ts';
import { decideChunk, NOTHING_CARRIED, readChunk, type BatchItem, type ChunkReads, type Taken } from './batch-chunk.ts';
import { chunkRows, reserveChunkIds, writeRows } from './batch-rows.ts';
import { blockingValues } from './mpi-service.ts';

export type { BatchItem } from './batch-chunk.ts';

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
  /** Records per chunk at most (chunks are of equal size). */
  readonly chunkSize?: number;
  /** Awaited: a caller may use it to let the event loop send the progress on (see routes/registry.ts). */
  readonly progress?: (done: number, total: number) => void | Promise<void>;
}

/** Up to this many records lock their key buckets as `register` does; more take the whole index. */
const FEW = 16;
const CHUNK = 2000;

export async function registerBatch(tx: Transaction<DB>, model: LinkModel, actor: Actor, items: readonly BatchItem[], options: BatchOptions = {}): Promise<BatchResult> {
  requirePermission(actor, 'persons.write');
  if (items.some((i) => !Number.isInteger(i.institutionId) || i.institutionId <= 0)) throw new AppError('forbidden', 'persons are registered by a user of an institution');
  // Chunks of equal size (at most the option's): a short last chunk would leave little scoring to do while the one before is written.
  const chunkSize = Math.ceil(items.length / Math.ceil(items.length / (options.chunkSize ?? CHUNK)));
  const outcomes: BatchOutcome[] = [];
  const audit: Array<{ actor: Actor; event: AuditEvent }> = [];
  if (items.length === 0) return { outcomes, audit };

  if (items.length <= FEW) {
    const keys = await blockKeysOfMany(tx, items.map((i) => blockingValues(i.record)));
    await lockKeyBuckets(tx, keys.flat());
  } else {
    await lockWholeKeyIndex(tx);
  }

  const taken: Taken = { residentIds: new Set(), identifiers: new Set(), sourceRefs: new Set() };
  const actors = new Map<number, Actor>();
  const actorFor = (institutionId: number) => {
    let a = actors.get(institutionId);
    if (!a) actors.set(institutionId, (a = { ...actor, institutionId }));
    return a;
  };

  // Chunk k + 1 is read before chunk k is written, and scored while the database writes chunk k: its reads do not
  // see chunk k's rows, which chunk k's carry adds (its keys and the persons it created; `taken` holds the rest).
  let reads: ChunkReads = await readChunk(tx, items.slice(0, chunkSize), NOTHING_CARRIED);
  let writing: Promise<void> = Promise.resolve();
  for (let start = 0; start < items.length; start += chunkSize) {
    await options.progress?.(start, items.length);
    const chunk = items.slice(start, start + chunkSize);
    const decisions = await decideChunk(model, chunk, reads, taken);
    await writing;
    const { rows, placed, carry } = chunkRows(decisions, reads, await reserveChunkIds(tx, decisions));
    const next = items.slice(start + chunkSize, start + 2 * chunkSize);
    if (next.length > 0) reads = await readChunk(tx, next, carry);
    writing = writeRows(tx, rows);
    // Awaited at the next chunk; until then a failure must not count as unhandled.
    writing.catch(() => undefined);

    const chunkOutcomes = new Array<BatchOutcome>(chunk.length);
    for (const r of decisions.refused) chunkOutcomes[r.index] = { ok: false, error: r.error };
    for (const { decided: p, personId, recordId, matchedPersonId, reviewIds } of placed) {
      chunkOutcomes[p.index] = {
        ok: true,
        value: { personId, recordId, decision: p.decision, probability: p.probability, matchedPersonId, reviewIds, candidatesCompared: p.compared },
      };
      audit.push({
        actor: actorFor(p.item.institutionId),
        event: {
          action: p.linked ? 'mpi.link' : 'person.create', entityType: 'person', entityId: String(personId), personId, institutionId: p.item.institutionId,
          detail: { source: p.item.source, record: recordId, decision: p.decision, probability: p.probability, compared: p.compared, reviews: reviewIds },
        },
      });
    }
    outcomes.push(...chunkOutcomes);
  }
  await writing;
  await options.progress?.(items.length, items.length);
  return { outcomes, audit };
}
