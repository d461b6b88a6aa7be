import { validatePerson, type PersonInput, type PersonRecord } from '@onconet/domain';
import { parseModel, scoreCandidates, serialiseModel, type FieldContribution, type LinkDecision, type LinkModel, type RawRecord, type ScoredCandidate } from '@onconet/domain/linkage/index';
import { findCandidates, insertPerson, lockBlockingKeys, refreshBlockKeys, type DB, type PersonRow } from '@onconet/storage';
import type { Kysely, Transaction } from 'kysely';
import type { AuditWriter } from '../audit/audit-writer.ts';
import type { Clock } from '../clock.ts';
import { requirePermission, type Actor } from '../context.ts';
import { AppError, validationError } from '../errors.ts';
import { DEFAULT_MPI_MODEL, MPI_FIELDS } from './default-model.ts';

/** Where a report of a person came from; later modules (notifications, screening, deaths) pass theirs. */
export const RECORD_SOURCES = ['registration', 'hospital', 'screening', 'pathology', 'death', 'import', 'notification'] as const;
export type RecordSource = (typeof RECORD_SOURCES)[number];

/** Candidates scored per lookup; keys shared by more persons than this are too common to help. */
export const CANDIDATE_LIMIT = 200;
/** Review pairs queued per incoming record (the best candidates between the thresholds). */
export const REVIEW_PAIRS = 3;

export interface MatchExplanation {
  readonly priorWeight: number;
  readonly matchWeight: number;
  readonly fields: readonly FieldContribution[];
}

export interface MatchResult {
  readonly decision: LinkDecision;
  /** The person linked to (decision link) or the best candidate (review); null when there is none. */
  readonly personId: number | null;
  readonly probability: number;
  readonly explanation: MatchExplanation | null;
  /** Every candidate between the thresholds, best first (the pairs a registrar will see). */
  readonly reviewCandidates: readonly { readonly personId: number; readonly probability: number; readonly weight: number }[];
  readonly candidatesCompared: number;
}

export interface RegisterResult {
  readonly personId: number;
  readonly recordId: number;
  readonly match: MatchResult;
  readonly reviewIds: readonly number[];
}

/** A record or golden row as the engine's raw cells (the MPI_FIELDS columns). */
export function rawOf(r: { name: string; sex: number | null; birth_date?: string | null; birthDate?: string | null; resident_id?: string | null; residentId?: string | null; phone: string | null; division_code?: string | null; divisionCode?: string | null; address: string | null }): RawRecord {
  return {
    name: r.name,
    birth_date: r.birth_date ?? r.birthDate ?? null,
    sex: r.sex === null ? null : String(r.sex),
    resident_id: r.resident_id ?? r.residentId ?? null,
    phone: r.phone,
    division_code: r.division_code ?? r.divisionCode ?? null,
    address: r.address,
  };
}

/**
 * The master patient index: every person reported by any source is matched against the persons
 * already known, by blocking keys in the database and a Fellegi–Sunter model (docs/mpi.md). Matching
 * looks across the whole network — a duplicate is a duplicate whoever registered it — but only the
 * decision and the caller's own record are returned; candidates' data reach registrars through the
 * scoped review queue.
 */
export class MpiService {
  private model: LinkModel | null = null;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
  ) {}

  /** The newest saved model, else the defaults; cached until a new one is saved. `db`: a caller's transaction. */
  async currentModel(db: Kysely<DB> | Transaction<DB> = this.db): Promise<LinkModel> {
    if (this.model) return this.model;
    const row = await db.selectFrom('mpi_model').select('model').orderBy('id', 'desc').limit(1).executeTakeFirst();
    if (row) {
      const parsed = parseModel(typeof row.model === 'string' ? row.model : JSON.stringify(row.model));
      if (!parsed.ok) throw new AppError('internal', 'the saved linkage model is invalid');
      this.model = parsed.value;
    } else {
      this.model = DEFAULT_MPI_MODEL;
    }
    return this.model;
  }

  /** Saves a trained model (e.g. `onconet link dedupe --save-model` over a person export) for reuse. */
  async saveModel(actor: Actor, text: string): Promise<void> {
    requirePermission(actor, 'mpi.review');
    const parsed = parseModel(text);
    if (!parsed.ok) throw validationError([parsed.error]);
    const known = new Map(MPI_FIELDS.map((f) => [f.column, f.type]));
    const stray = parsed.value.fields.find((f) => known.get(f.column) !== f.type);
    if (stray) throw validationError([{ field: 'model.fields', code: 'mpi.columns', message: `model field ${stray.column} (${stray.type}) is not one the index compares: ${MPI_FIELDS.map((f) => `${f.column} (${f.type})`).join(', ')}` }]);
    await this.db.transaction().execute(async (tx) => {
      await tx.insertInto('mpi_model').values({ model: serialiseModel(parsed.value) }).execute();
      await this.audit.appendInTransaction(tx, actor, [{ action: 'mpi.model.save', entityType: 'mpi_model', entityId: null, personId: null, institutionId: null, detail: { lambda: parsed.value.lambda, thresholds: parsed.value.thresholds } }]);
    });
    this.model = parsed.value;
  }

  /** Candidates by key lookup, scored by the engine, best first. */
  async score(db: Kysely<DB> | Transaction<DB>, record: PersonRecord) {
    const model = await this.currentModel();
    const candidates: PersonRow[] = await findCandidates(db, blockingValues(record), CANDIDATE_LIMIT);
    const scored = scoreCandidates(model, rawOf(record), candidates.map((c) => ({ id: c.id, record: rawOf(c) })));
    return { model, scored };
  }

  private async decide(db: Kysely<DB> | Transaction<DB>, record: PersonRecord): Promise<MatchResult> {
    const { scored } = await this.score(db, record);
    return matchOf(scored);
  }

  /**
   * What the index would decide for an incoming record, without registering it (the call later modules
   * make before they attach their data). The explanation holds the caller's values against the best
   * candidate's, so it is returned only for a link (the person then becomes the caller's anyway).
   */
  async match(actor: Actor, input: PersonInput, source: RecordSource): Promise<MatchResult> {
    requirePermission(actor, 'persons.write');
    const record = this.validate(input);
    const result = await this.decide(this.db, record);
    await this.audit.record(actor, { action: 'mpi.match', entityType: 'person', entityId: null, personId: result.decision === 'link' ? result.personId : null, institutionId: actor.institutionId > 0 ? actor.institutionId : null, detail: { source, decision: result.decision, probability: result.probability, compared: result.candidatesCompared } });
    return result.decision === 'link' ? result : { ...result, personId: null, explanation: null };
  }

  validate(input: PersonInput): PersonRecord {
    const checked = validatePerson(input, this.clock.now().toISOString().slice(0, 10));
    if (!checked.ok) throw validationError(checked.errors);
    return checked.value;
  }

  /**
   * Registers a report of a person: above the link threshold it joins the person found (kept as a
   * source record with its provenance); between the thresholds a provisional person is created and the
   * pairs go to the review queue; below, a new person. One transaction, audited with the decision.
   */
  async register(actor: Actor, record: PersonRecord, source: RecordSource, sourceRef: string | null = null): Promise<RegisterResult> {
    requirePermission(actor, 'persons.write');
    if (actor.institutionId <= 0) throw new AppError('forbidden', 'persons are registered by a user of an institution');
    // Loaded before the transaction: PGlite has one connection, which the transaction holds.
    await this.currentModel();
    return this.db.transaction().execute(async (tx) => {
      await lockBlockingKeys(tx, blockingValues(record));
      const match = await this.decide(tx, record);
      const linkedTo = match.decision === 'link' ? match.personId : null;
      const linked = linkedTo !== null;
      const personId = linkedTo ?? (await insertPerson(tx, record, actor.institutionId));
      if (linked) {
        await tx.insertInto('person_institution').values({ person_id: personId, institution_id: actor.institutionId }).onConflict((oc) => oc.doNothing()).execute();
        if (record.identifiers.length > 0) {
          await tx
            .insertInto('person_identifier')
            .values(record.identifiers.map((i) => ({ person_id: personId, institution_id: actor.institutionId, kind: i.kind, value: i.value })))
            .onConflict((oc) => oc.doNothing())
            .execute();
        }
      }
      const { id: recordId } = await tx
        .insertInto('person_record')
        .values({
          person_id: personId,
          source,
          institution_id: actor.institutionId,
          source_ref: sourceRef,
          name: record.name,
          name_pinyin: record.namePinyin,
          sex: record.sex,
          birth_date: record.birthDate,
          resident_id: record.residentId,
          phone: record.phone,
          division_code: record.divisionCode,
          address: record.address,
          vital_status: record.vitalStatus,
          death_date: record.deathDate,
          identifiers: JSON.stringify(record.identifiers),
          link_kind: linked ? 'auto' : match.decision === 'review' ? 'review' : 'new',
          match_probability: match.personId === null ? null : match.probability,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const reviewIds: number[] = [];
      if (!linked) {
        for (const c of match.reviewCandidates) {
          const row = await tx
            .insertInto('mpi_review')
            .values({ record_id: recordId, person_id: personId, candidate_id: c.personId, match_probability: c.probability, match_weight: c.weight })
            .returning('id')
            .executeTakeFirstOrThrow();
          reviewIds.push(row.id);
        }
      }
      await refreshBlockKeys(tx, [personId]);
      await this.audit.appendInTransaction(tx, actor, [
        {
          action: linked ? 'mpi.link' : 'person.create',
          entityType: 'person',
          entityId: String(personId),
          personId,
          institutionId: actor.institutionId,
          detail: { source, record: recordId, decision: match.decision, probability: match.probability, compared: match.candidatesCompared, reviews: reviewIds },
        },
      ]);
      return { personId, recordId, match, reviewIds };
    });
  }
}

/**
 * The decision for a record from its scored candidates (best first): shared by `register` and the batch
 * registration (register-batch.ts), so both decide alike.
 */
export function matchOf(scored: readonly ScoredCandidate<number>[]): MatchResult {
  const best = scored[0];
  if (!best) return { decision: 'non-link', personId: null, probability: 0, explanation: null, reviewCandidates: [], candidatesCompared: 0 };
  const { priorWeight, matchWeight, fields } = best.explanation;
  return {
    decision: best.decision,
    personId: best.decision === 'non-link' ? null : best.id,
    probability: best.matchProbability,
    explanation: { priorWeight, matchWeight, fields },
    reviewCandidates: scored.filter((s) => s.decision === 'review').slice(0, REVIEW_PAIRS).map((s) => ({ personId: s.id, probability: s.matchProbability, weight: s.matchWeight })),
    candidatesCompared: scored.length,
  };
}

export const blockingValues = (record: PersonRecord) => ({ namePinyin: record.namePinyin, birthDate: record.birthDate, residentId: record.residentId, phone: record.phone, divisionCode: record.divisionCode });
