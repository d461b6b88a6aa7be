/**
 * The MPI's linkage model as registrars and integrators manage it: read the model in use (field by field,
 * with the weight each agreement level carries), put a trained model in use, and train one on the network's
 * own source records with the same engine as `onconet link dedupe`.
 */
import { bayesFactorWeight, buildDataset, linkDataset, priorWeight, type LinkModel } from '@onconet/domain/linkage/index';
import { sql, type Kysely } from 'kysely';
import type { DB } from '@onconet/storage';
import type { AuditWriter } from '../audit/audit-writer.ts';
import { requirePermission, type Actor } from '../context.ts';
import { DEFAULT_MPI_MODEL, MPI_FIELDS } from './default-model.ts';
import type { MpiService } from './mpi-service.ts';

export interface ModelLevelView {
  readonly label: string;
  readonly m: number;
  readonly u: number;
  /** log2(m/u) in bits; what agreeing at this level adds to a pair's match weight. */
  readonly weight: number;
}

export interface ModelView {
  /** The built-in defaults, the newest saved model, or a model just trained and not (yet) saved. */
  readonly source: 'default' | 'saved' | 'trained';
  readonly savedAt: Date | null;
  readonly lambda: number;
  readonly priorWeight: number;
  readonly thresholds: { readonly link: number; readonly review: number };
  readonly training: { readonly records: number; readonly candidatePairs: number } | null;
  readonly fields: { readonly column: string; readonly type: string; readonly termFrequencyAdjusted: boolean; readonly levels: ModelLevelView[] }[];
}

export function viewModel(model: LinkModel, source: ModelView['source'], savedAt: Date | null): ModelView {
  return {
    source,
    savedAt,
    lambda: model.lambda,
    priorWeight: priorWeight(model.lambda),
    thresholds: model.thresholds,
    training: model.training.records > 0 ? { records: model.training.records, candidatePairs: model.training.candidatePairs } : null,
    fields: model.comparisons.map((c) => ({
      column: c.column,
      type: c.type,
      termFrequencyAdjusted: c.termFrequencies.length > 0,
      levels: c.levels.map((label, i) => ({ label, m: c.m[i] ?? 0, u: c.u[i] ?? 0, weight: bayesFactorWeight(c.m[i] ?? 0, c.u[i] ?? 1) })),
    })),
  };
}

/** At most this many source records are read to train (1 M took ~30 s and ~2 GiB in the linkage benchmark). */
export const DEFAULT_TRAINING_RECORDS = 1_000_000;

export class MpiModelAdmin {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly audit: AuditWriter,
    private readonly mpi: MpiService,
  ) {}

  async view(actor: Actor): Promise<ModelView> {
    requirePermission(actor, 'mpi.review');
    const model = await this.mpi.currentModel();
    const row = await this.db.selectFrom('mpi_model').select('created_at').orderBy('id', 'desc').limit(1).executeTakeFirst();
    return viewModel(model, row ? 'saved' : 'default', row ? new Date(row.created_at) : null);
  }

  /** Validates and saves a model (JSON text); it is used for every match from then on. */
  async use(actor: Actor, text: string): Promise<ModelView> {
    await this.mpi.saveModel(actor, text);
    return this.view(actor);
  }

  /**
   * Trains m, u and the term frequencies on what the sources reported (every person_record, and the golden
   * record of persons that have none), where the duplicates are. λ and the thresholds stay those of the model
   * in use: the trained λ is the share of matching pairs inside the training file, whereas the index needs
   * the chance that a new report is one given resident (about one over the region's population).
   */
  async train(actor: Actor, options: { maxRecords?: number; seed?: number } = {}): Promise<{ model: LinkModel; view: ModelView }> {
    requirePermission(actor, 'mpi.review');
    const limit = options.maxRecords ?? DEFAULT_TRAINING_RECORDS;
    const rows = await sql<Record<string, string | number | null>>`
      SELECT name, to_char(birth_date, 'YYYY-MM-DD') AS birth_date, sex, resident_id, phone, division_code, address FROM (
        SELECT name, birth_date, sex, resident_id, phone, division_code, address FROM person_record
        UNION ALL
        SELECT p.name, p.birth_date, p.sex, p.resident_id, p.phone, p.division_code, p.address FROM person p
        WHERE p.merged_into IS NULL AND NOT EXISTS (SELECT 1 FROM person_record r WHERE r.person_id = p.id)
      ) AS reported
      LIMIT ${limit}`.execute(this.db);
    await this.audit.record(actor, { action: 'mpi.model.train', entityType: 'mpi_model', entityId: null, personId: null, institutionId: null, detail: { records: rows.rows.length } });
    const current = await this.mpi.currentModel();
    const cell = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v));
    const dataset = buildDataset(MPI_FIELDS, rows.rows.map((r) => MPI_FIELDS.map((f) => cell(r[f.column]))));
    const trained = linkDataset(dataset, { rules: DEFAULT_MPI_MODEL.blocking, thresholds: current.thresholds, ...(options.seed === undefined ? {} : { seed: options.seed }) }).model;
    const model: LinkModel = { ...trained, lambda: current.lambda, blocking: DEFAULT_MPI_MODEL.blocking };
    return { model, view: viewModel(model, 'trained', null) };
  }
}
