import { scoreCandidates } from '@onconet/domain/linkage/index';
import { findMergeInScope, findPersonInScope, findReviewInScope, listReviews, personRecords, type DB, type PersonRecordRow } from '@onconet/storage';
import type { Kysely } from 'kysely';
import type { AuditWriter } from '../audit/audit-writer.ts';
import { requirePermission, type Actor } from '../context.ts';
import { AppError, notFound, validationError } from '../errors.ts';
import { summarise } from '../persons/person-service.ts';
import { mergePersons, unmergePersons, type MergeSnapshot } from './merge.ts';
import { rawOf, type MpiService } from './mpi-service.ts';

export const REVIEW_STATUSES = ['open', 'merged', 'kept_apart'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

const recordView = (r: PersonRecordRow & { institution_code?: string }) => ({
  id: r.id,
  personId: r.person_id,
  source: r.source,
  institutionId: r.institution_id,
  institutionCode: r.institution_code ?? null,
  sourceRef: r.source_ref,
  name: r.name,
  sex: r.sex,
  birthDate: r.birth_date,
  residentId: r.resident_id,
  phone: r.phone,
  divisionCode: r.division_code,
  address: r.address,
  identifiers: (typeof r.identifiers === 'string' ? JSON.parse(r.identifiers) : r.identifiers) as { kind: string; value: string }[],
  linkKind: r.link_kind,
  matchProbability: r.match_probability,
  receivedAt: r.received_at,
});

/**
 * The registrars' review queue: pairs between the thresholds, shown side by side with each field's
 * agreement level and weight, decided by merge or keep apart; merges can be undone. A pair is visible
 * only when both its persons are in the registrar's scope; anything else answers 404 like a missing row.
 */
export class MpiReviewService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly audit: AuditWriter,
    private readonly mpi: MpiService,
  ) {}

  async list(actor: Actor, status: unknown = 'open', limit = 50, offset = 0) {
    requirePermission(actor, 'mpi.review');
    if (typeof status !== 'string' || !(REVIEW_STATUSES as readonly string[]).includes(status)) {
      throw validationError([{ field: 'status', code: 'enum', message: `status: one of ${REVIEW_STATUSES.join(', ')}` }]);
    }
    const rows = await listReviews(this.db, actor.scope, { status: status as ReviewStatus, limit: Math.min(Math.max(limit, 1), 200), offset: Math.max(offset, 0) });
    await this.audit.record(actor, { action: 'mpi.review.list', entityType: 'mpi_review', entityId: null, personId: null, institutionId: null, detail: { status, returned: rows.map((r) => r.id) } });
    return rows.map((r) => ({
      id: r.id,
      status: r.status,
      matchProbability: r.match_probability,
      matchWeight: r.match_weight,
      createdAt: r.created_at,
      decidedAt: r.decided_at,
      mergeId: r.merge_id,
      record: { personId: r.person_id, name: r.record_name, sex: r.record_sex, birthDate: r.record_birth_date, source: r.record_source, institutionCode: r.institution_code },
      candidate: { personId: r.candidate_id, name: r.candidate_name, sex: r.candidate_sex, birthDate: r.candidate_birth_date },
    }));
  }

  /** One pair side by side: the incoming record against the candidate's golden record, re-explained with the current model. */
  async get(actor: Actor, id: number) {
    requirePermission(actor, 'mpi.review');
    const review = await findReviewInScope(this.db, actor.scope, id);
    if (!review) {
      await this.audit.record(actor, { action: 'mpi.review.read', outcome: 'denied', entityType: 'mpi_review', entityId: String(id), personId: null, institutionId: null, detail: null });
      throw notFound('review');
    }
    const [person, candidate] = await Promise.all([findPersonInScope(this.db, actor.scope, review.person_id), findPersonInScope(this.db, actor.scope, review.candidate_id)]);
    if (!person || !candidate) throw notFound('review');
    const record = (await personRecords(this.db, review.person_id)).find((r) => r.id === review.record_id) ?? (await personRecords(this.db, review.candidate_id)).find((r) => r.id === review.record_id);
    if (!record) throw notFound('review');
    const candidateRecords = await personRecords(this.db, candidate.id);
    const model = await this.mpi.currentModel();
    const [scored] = scoreCandidates(model, rawOf(record), [{ id: candidate.id, record: rawOf(candidate) }]);
    await this.audit.record(actor, { action: 'mpi.review.read', entityType: 'mpi_review', entityId: String(id), personId: candidate.id, institutionId: null, detail: { record: record.id, person: person.id } });
    return {
      id: review.id,
      status: review.status,
      matchProbability: review.match_probability,
      matchWeight: review.match_weight,
      createdAt: review.created_at,
      decidedAt: review.decided_at,
      mergeId: review.merge_id,
      thresholds: model.thresholds,
      record: recordView(record),
      person: { ...summarise(person), mergedInto: person.merged_into },
      candidate: { ...summarise(candidate), address: candidate.address, mergedInto: candidate.merged_into, records: candidateRecords.map(recordView) },
      comparison: scored ? { priorWeight: scored.explanation.priorWeight, matchWeight: scored.explanation.matchWeight, matchProbability: scored.matchProbability, decision: scored.decision, fields: [...scored.explanation.fields] } : null,
    };
  }

  /** Merges the pair's provisional person into the candidate, keeping every source record and identifier. */
  async merge(actor: Actor, id: number) {
    requirePermission(actor, 'mpi.review');
    const mergeId = await this.db.transaction().execute(async (tx) => {
      const review = await findReviewInScope(tx, actor.scope, id, true);
      if (!review) throw notFound('review');
      if (review.status !== 'open') throw new AppError('conflict', `review ${id} was already decided (${review.status})`);
      const persons = await tx.selectFrom('person').select(['id', 'merged_into']).where('id', 'in', [review.person_id, review.candidate_id]).forUpdate().execute();
      if (persons.length !== 2 || persons.some((p) => p.merged_into !== null)) throw new AppError('conflict', 'one of the two persons has been merged into another meanwhile');
      const snapshot = await mergePersons(tx, review.candidate_id, review.person_id);
      const merge = await tx
        .insertInto('person_merge')
        .values({ survivor_id: review.candidate_id, merged_id: review.person_id, review_id: review.id, snapshot: JSON.stringify(snapshot), merged_by: actor.userId > 0 ? actor.userId : null })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx.updateTable('mpi_review').set({ status: 'merged', merge_id: merge.id, decided_by: actor.userId > 0 ? actor.userId : null, decided_at: new Date() }).where('id', '=', id).execute();
      await this.audit.appendInTransaction(tx, actor, [
        { action: 'mpi.merge', entityType: 'person', entityId: String(review.candidate_id), personId: review.candidate_id, institutionId: null, detail: { review: id, merge: merge.id, merged: review.person_id, records: snapshot.records, identifiers: snapshot.identifiers.length } },
      ]);
      return merge.id;
    });
    return { review: await this.get(actor, id), mergeId };
  }

  async keepApart(actor: Actor, id: number) {
    requirePermission(actor, 'mpi.review');
    await this.db.transaction().execute(async (tx) => {
      const review = await findReviewInScope(tx, actor.scope, id, true);
      if (!review) throw notFound('review');
      if (review.status !== 'open') throw new AppError('conflict', `review ${id} was already decided (${review.status})`);
      await tx.updateTable('mpi_review').set({ status: 'kept_apart', decided_by: actor.userId > 0 ? actor.userId : null, decided_at: new Date() }).where('id', '=', id).execute();
      await this.audit.appendInTransaction(tx, actor, [{ action: 'mpi.keep_apart', entityType: 'mpi_review', entityId: String(id), personId: review.candidate_id, institutionId: null, detail: { person: review.person_id, candidate: review.candidate_id } }]);
    });
    return this.get(actor, id);
  }

  /**
   * Restores both persons exactly as they were before the merge. A survivor since merged elsewhere must
   * be unmerged first (merges are undone in reverse order). The pair is then marked kept apart.
   */
  async unmerge(actor: Actor, mergeId: number) {
    requirePermission(actor, 'mpi.review');
    const reviewId = await this.db.transaction().execute(async (tx) => {
      const merge = await findMergeInScope(tx, actor.scope, mergeId, true);
      if (!merge) throw notFound('merge');
      if (merge.unmerged_at !== null) throw new AppError('conflict', `merge ${mergeId} was already undone`);
      const persons = await tx.selectFrom('person').select(['id', 'merged_into']).where('id', 'in', [merge.survivor_id, merge.merged_id]).forUpdate().execute();
      const survivor = persons.find((p) => p.id === merge.survivor_id);
      const merged = persons.find((p) => p.id === merge.merged_id);
      if (survivor?.merged_into !== null) throw new AppError('conflict', `person ${merge.survivor_id} was merged again since; undo that merge first`);
      if (merged?.merged_into !== merge.survivor_id) throw new AppError('conflict', 'the merged person has changed since the merge');
      const snapshot = (typeof merge.snapshot === 'string' ? JSON.parse(merge.snapshot) : merge.snapshot) as MergeSnapshot;
      await unmergePersons(tx, merge.survivor_id, merge.merged_id, snapshot);
      const by = actor.userId > 0 ? actor.userId : null;
      await tx.updateTable('person_merge').set({ unmerged_by: by, unmerged_at: new Date() }).where('id', '=', mergeId).execute();
      if (merge.review_id !== null) await tx.updateTable('mpi_review').set({ status: 'kept_apart', decided_by: by, decided_at: new Date() }).where('id', '=', merge.review_id).execute();
      await this.audit.appendInTransaction(tx, actor, [
        { action: 'mpi.unmerge', entityType: 'person', entityId: String(merge.survivor_id), personId: merge.survivor_id, institutionId: null, detail: { merge: mergeId, restored: merge.merged_id, records: snapshot.records } },
      ]);
      return merge.review_id;
    });
    return { mergeId, reviewId, review: reviewId === null ? null : await this.get(actor, reviewId) };
  }

  /** A person's source records with their provenance (which source, which institution, how linked). */
  async records(actor: Actor, personId: number) {
    requirePermission(actor, 'persons.read');
    const person = await findPersonInScope(this.db, actor.scope, personId);
    if (!person) {
      await this.audit.record(actor, { action: 'person.records', outcome: 'denied', entityType: 'person', entityId: String(personId), personId: null, institutionId: null, detail: null });
      throw notFound('person');
    }
    const rows = await personRecords(this.db, personId);
    const merges = await this.db.selectFrom('person_merge').select(['id', 'survivor_id', 'merged_id', 'merged_at', 'unmerged_at']).where((eb) => eb.or([eb('survivor_id', '=', personId), eb('merged_id', '=', personId)])).orderBy('id').execute();
    await this.audit.record(actor, { action: 'person.records', entityType: 'person', entityId: String(personId), personId, institutionId: null, detail: { returned: rows.map((r) => r.id) } });
    return {
      personId,
      mergedInto: person.merged_into,
      records: rows.map(recordView),
      merges: merges.map((m) => ({ id: m.id, survivorId: m.survivor_id, mergedId: m.merged_id, mergedAt: m.merged_at, unmergedAt: m.unmerged_at })),
    };
  }
}
