/**
 * The population-based cancer registry's use cases (issue 4): imports of notifications and deaths, the
 * registrar's worklists and decisions, trace-back and DCO, data quality and exports. Every read and write of
 * personal data is filtered by the actor's scope and audited; aggregates need only `stats.read`.
 */
import type { ResolvedScope } from '@onconet/domain';
import { TUMOUR_FIELDS, type TumourFieldName } from '@onconet/domain/registry/consolidate';
import { QUALITY_DIMENSIONS, type QualityDimension } from '@onconet/storage/queries/registry-quality';
import { plainBulkTransactions, type BulkTransaction } from '@onconet/storage/pipelined-transaction';
import { registryDb, type RegistryDB } from '@onconet/storage/queries/registry-tables';
import { tracebackWorklist, tumourDetail, tumourInScope, tumourWorklist, waitingNotifications, scopedPersons } from '@onconet/storage/queries/registry-worklists';
import type { DB } from '@onconet/storage';
import type { Kysely, Transaction } from 'kysely';
import type { AuditWriter } from '../audit/audit-writer.ts';
import type { Clock } from '../clock.ts';
import { requirePermission, type Actor } from '../context.ts';
import { AppError, notFound, validationError } from '../errors.ts';
import { consolidateChunk } from './consolidation.ts';
import { applyOverride, loadState, normaliseOverride, rewriteTumour } from './decisions.ts';
import { caseListing, ci5Table } from './export.ts';
import { qualityTable } from './quality.ts';
import { dcoNotification, parsedFromStored } from './stored-notification.ts';
import { importDeaths, type DeathImportReport } from './death-import.ts';
import type { ImportContext } from './import-batch.ts';
import { importNotifications, type ImportReport, type ProgressFn } from './notification-import.ts';
import type { PersonMatcher } from './person-matcher.ts';

export interface RegistryConfig {
  /** Days a trace-back task stays open before the death is registered as DCO (NCCR practice: follow back within the year). */
  readonly tracebackDays?: number;
  /** Rows a notification import reads, matches and consolidates at a time (memory per chunk vs statements per file). */
  readonly importChunkRows?: number;
  /** Imports' transactions: the database's bulk transaction (pipelined on PostgreSQL); by default an ordinary one. */
  readonly bulkTransaction?: BulkTransaction;
}

export const DEFAULT_TRACEBACK_DAYS = 90;

export function institutionAllowed(scope: ResolvedScope, institutionId: number): boolean {
  switch (scope.kind) {
    case 'network':
      return true;
    case 'aggregate':
      return false;
    case 'institutions':
      return scope.institutionIds.includes(institutionId);
  }
}

export class RegistryService {
  readonly db: Kysely<RegistryDB>;
  readonly tracebackDays: number;
  private readonly importChunkRows: number | undefined;
  private readonly bulk: BulkTransaction;

  constructor(
    db: Kysely<DB>,
    readonly audit: AuditWriter,
    readonly clock: Clock,
    readonly matcher: PersonMatcher,
    config: RegistryConfig = {},
  ) {
    this.db = registryDb(db);
    this.tracebackDays = config.tracebackDays ?? DEFAULT_TRACEBACK_DAYS;
    this.importChunkRows = config.importChunkRows;
    this.bulk = config.bulkTransaction ?? plainBulkTransactions(db);
  }

  today(): string {
    return this.clock.now().toISOString().slice(0, 10);
  }

  context(): ImportContext & { db: Kysely<RegistryDB>; matcher: PersonMatcher } {
    return { db: this.db, bulk: this.bulk, audit: this.audit, today: () => this.today(), institutionAllowed: (a, id) => institutionAllowed(a.scope, id), matcher: this.matcher };
  }

  private importingInstitution(actor: Actor, institutionId: number | undefined): number {
    requirePermission(actor, 'registry.write');
    const id = institutionId ?? actor.institutionId;
    if (!Number.isInteger(id) || id <= 0) throw new AppError('validation', 'institution: the importing institution is required', [{ field: 'institution', code: 'required', message: 'institution: the importing institution is required' }]);
    if (!institutionAllowed(actor.scope, id)) throw new AppError('forbidden', 'the importing institution is outside your data scope');
    return id;
  }

  async importNotifications(actor: Actor, file: { fileName: string; bytes: Uint8Array; institutionId?: number }, progress?: ProgressFn): Promise<ImportReport> {
    const institutionId = this.importingInstitution(actor, file.institutionId);
    return importNotifications({ ...this.context(), chunkRows: this.importChunkRows }, actor, { fileName: file.fileName, bytes: file.bytes, institutionId }, progress);
  }

  async importDeaths(actor: Actor, file: { fileName: string; bytes: Uint8Array; institutionId?: number }, progress?: ProgressFn): Promise<DeathImportReport> {
    const institutionId = this.importingInstitution(actor, file.institutionId);
    return importDeaths({ ...this.context(), tracebackDays: this.tracebackDays }, actor, { fileName: file.fileName, bytes: file.bytes, institutionId }, progress);
  }

  private page(limit?: number, offset?: number) {
    return { limit: Math.min(Math.max(limit ?? 50, 1), 200), offset: Math.max(offset ?? 0, 0) };
  }

  private async auditRead(actor: Actor, action: string, personIds: readonly number[], detail: Record<string, unknown> = {}) {
    await this.audit.record(actor, { action, entityType: 'tumour', entityId: null, personId: personIds.length === 1 ? (personIds[0] ?? null) : null, institutionId: null, detail: { ...detail, persons: personIds } });
  }

  private async inTransaction<T>(fn: (tx: Transaction<RegistryDB>) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(fn);
  }

  private auditTx(tx: Transaction<RegistryDB>) {
    return tx as unknown as Transaction<DB>;
  }

  async worklist(actor: Actor, list: 'notifications' | 'checks' | 'primaries' | 'tracebacks', options: { limit?: number; offset?: number; status?: 'open' | 'resolved' | 'registered_dco' } = {}) {
    requirePermission(actor, 'registry.read');
    const page = this.page(options.limit, options.offset);
    const items =
      list === 'notifications' ? await waitingNotifications(this.db, actor.scope, page)
      : list === 'tracebacks' ? await tracebackWorklist(this.db, actor.scope, options.status ?? 'open', page)
      : await tumourWorklist(this.db, actor.scope, list, page);
    await this.auditRead(actor, `registry.worklist.${list}`, [...new Set(items.map((i) => i.personId))]);
    return items;
  }

  async batches(actor: Actor, limit = 20) {
    requirePermission(actor, 'registry.read');
    const q = this.db.selectFrom('import_batch as b').innerJoin('institution as i', 'i.id', 'b.institution_id')
      .select(['b.id', 'b.kind', 'b.file_name as fileName', 'b.status', 'b.rows_total as rowsTotal', 'b.rows_loaded as rowsLoaded', 'b.created_at as createdAt', 'i.code as institutionCode', 'b.report'])
      .orderBy('b.id', 'desc').limit(Math.min(Math.max(limit, 1), 100));
    const rows = actor.scope.kind === 'institutions' ? await q.where('b.institution_id', 'in', actor.scope.institutionIds.length > 0 ? actor.scope.institutionIds : [-1]).execute() : await q.execute();
    return rows.map((r) => ({ ...r, report: typeof r.report === 'string' ? (JSON.parse(r.report) as unknown) : r.report }));
  }

  private async scopedTumour(actor: Actor, id: number) {
    const row = await tumourInScope(this.db, actor.scope, id);
    if (!row) {
      await this.audit.record(actor, { action: 'tumour.read', outcome: 'denied', entityType: 'tumour', entityId: String(id), personId: null, institutionId: null, detail: null });
      throw notFound('tumour');
    }
    return row;
  }

  async tumour(actor: Actor, id: number) {
    requirePermission(actor, 'registry.read');
    const row = await this.scopedTumour(actor, id);
    const detail = await tumourDetail(this.db, id);
    const others = await this.db.selectFrom('tumour').select(['id', 'topography', 'morphology', 'incidence_date as incidenceDate', 'mp_status as mpStatus']).where('person_id', '=', row.person_id).where('id', '<>', id).orderBy('incidence_date').execute();
    await this.audit.record(actor, { action: 'tumour.read', entityType: 'tumour', entityId: String(id), personId: row.person_id, institutionId: null, detail: null });
    return { tumour: { ...row, mp_explanation: row.mp_explanation }, ...detail, otherTumours: others };
  }

  async override(actor: Actor, id: number, input: { field?: unknown; value?: unknown; reason?: unknown }) {
    requirePermission(actor, 'registry.write');
    const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
    if (reason.length < 2 || reason.length > 500) throw validationError([{ field: 'reason', code: 'required', message: 'reason: say why the value is overridden (2–500 characters)' }]);
    if (typeof input.field !== 'string' || !(TUMOUR_FIELDS as readonly string[]).includes(input.field)) throw validationError([{ field: 'field', code: 'enum', message: `field: must be one of ${TUMOUR_FIELDS.join(', ')}` }]);
    if (input.value !== null && typeof input.value !== 'string') throw validationError([{ field: 'value', code: 'type', message: 'value: must be a string or null' }]);
    const normalised = normaliseOverride(input.field, input.value, this.today());
    if ('field' in normalised) throw validationError([normalised]);
    const row = await this.scopedTumour(actor, id);
    await this.inTransaction(async (tx) => {
      const state = await loadState(tx, id, row.person_id);
      await applyOverride(tx, state, input.field as TumourFieldName, normalised.value, reason, actor.userId > 0 ? actor.userId : null, this.today());
      await this.audit.appendInTransaction(this.auditTx(tx), actor, [{ action: 'tumour.override', entityType: 'tumour', entityId: String(id), personId: row.person_id, institutionId: null, detail: { field: input.field, value: normalised.value, reason } }]);
    });
    return this.tumour(actor, id);
  }

  async confirmWarning(actor: Actor, id: number, input: { rule?: unknown; reason?: unknown }) {
    requirePermission(actor, 'registry.write');
    const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
    if (reason.length < 2 || reason.length > 500) throw validationError([{ field: 'reason', code: 'required', message: 'reason: say why the warning is confirmed (2–500 characters)' }]);
    const row = await this.scopedTumour(actor, id);
    const check = typeof input.rule === 'string' ? await this.db.selectFrom('tumour_check').select(['rule', 'severity']).where('tumour_id', '=', id).where('rule', '=', input.rule).executeTakeFirst() : undefined;
    if (!check) throw validationError([{ field: 'rule', code: 'unknown', message: 'rule: not a check raised on this tumour' }]);
    if (check.severity !== 'warning') throw validationError([{ field: 'rule', code: 'error', message: 'rule: an error must be fixed (override the field), not confirmed' }]);
    await this.inTransaction(async (tx) => {
      await tx.updateTable('tumour_check').set({ confirmed_by: actor.userId > 0 ? actor.userId : null, confirmed_at: new Date(), confirm_reason: reason }).where('tumour_id', '=', id).where('rule', '=', check.rule).execute();
      await rewriteTumour(tx, await loadState(tx, id, row.person_id), this.today());
      await this.audit.appendInTransaction(this.auditTx(tx), actor, [{ action: 'tumour.confirm-warning', entityType: 'tumour', entityId: String(id), personId: row.person_id, institutionId: null, detail: { rule: check.rule, reason } }]);
    });
    return this.tumour(actor, id);
  }

  async confirmPrimary(actor: Actor, id: number) {
    requirePermission(actor, 'registry.write');
    const row = await this.scopedTumour(actor, id);
    if (row.mp_status !== 'pending') throw new AppError('conflict', 'this tumour has no multiple-primary decision waiting');
    await this.inTransaction(async (tx) => {
      await tx.updateTable('tumour').set({ mp_status: 'confirmed', updated_at: new Date() }).where('id', '=', id).execute();
      await this.audit.appendInTransaction(this.auditTx(tx), actor, [{ action: 'tumour.confirm-primary', entityType: 'tumour', entityId: String(id), personId: row.person_id, institutionId: null, detail: { rule: row.mp_rule } }]);
    });
    return this.tumour(actor, id);
  }

  /** Consolidates a notification that waited for the MPI (its person as the MPI now has it, after any merge). */
  async consolidateNotification(actor: Actor, id: number) {
    requirePermission(actor, 'registry.write');
    const n = await this.db.selectFrom('notification').selectAll().where('id', '=', id).where('person_id', 'in', scopedPersons(this.db, actor.scope)).executeTakeFirst();
    if (!n || n.person_id === null) throw notFound('notification');
    if (n.status !== 'new') throw new AppError('conflict', 'this notification is already consolidated');
    const parsed = parsedFromStored(n);
    if (!parsed) throw new AppError('conflict', 'this notification lacks the codes or dates to consolidate it; correct it at the source');
    let personId = n.person_id;
    for (let hops = 0; hops < 10; hops += 1) {
      const p = await this.db.selectFrom('person').selectAll().where('id', '=', personId).executeTakeFirstOrThrow();
      const merged = (p as { merged_into?: number | null }).merged_into;
      if (merged === undefined || merged === null) break;
      personId = merged;
    }
    const outcome = await this.inTransaction(async (tx) => {
      const result = await consolidateChunk(tx, [{ row: n.row_number ?? 0, institutionId: n.institution_id, parsed, existingId: id, received: {}, personId, decision: 'manual', probability: null, consolidate: true }], n.batch_id, this.today());
      await this.audit.appendInTransaction(this.auditTx(tx), actor, [{ action: 'notification.consolidate', entityType: 'notification', entityId: String(id), personId, institutionId: n.institution_id, detail: { ...result } }]);
      return result;
    });
    const updated = await this.db.selectFrom('notification').select(['tumour_id']).where('id', '=', id).executeTakeFirstOrThrow();
    return { notificationId: id, tumourId: updated.tumour_id, newTumour: outcome.newTumours === 1 };
  }

  async resolveTraceback(actor: Actor, id: number, input: { note?: unknown }) {
    requirePermission(actor, 'registry.write');
    const note = typeof input.note === 'string' ? input.note.trim() : '';
    if (note.length < 2 || note.length > 500) throw validationError([{ field: 'note', code: 'required', message: 'note: what the certifying institution answered (2–500 characters)' }]);
    const task = await this.db.selectFrom('traceback_task').selectAll().where('id', '=', id).where('person_id', 'in', scopedPersons(this.db, actor.scope)).executeTakeFirst();
    if (!task) throw notFound('trace-back task');
    if (task.status !== 'open') throw new AppError('conflict', 'this trace-back task is already closed');
    await this.inTransaction(async (tx) => {
      await tx.updateTable('traceback_task').set({ status: 'resolved', note, resolved_by: actor.userId > 0 ? actor.userId : null, resolved_at: new Date() }).where('id', '=', id).execute();
      await this.audit.appendInTransaction(this.auditTx(tx), actor, [{ action: 'traceback.resolve', entityType: 'traceback_task', entityId: String(id), personId: task.person_id, institutionId: task.institution_id, detail: { note } }]);
    });
    return { id, status: 'resolved' };
  }

  /** Registers as DCO every cancer death whose trace-back is still open after its due date (scope: the actor's). */
  async registerOverdueDco(actor: Actor): Promise<{ registered: number; skipped: number }> {
    requirePermission(actor, 'registry.write');
    const today = this.today();
    const due = await this.db
      .selectFrom('traceback_task as t').innerJoin('death_record as d', 'd.id', 't.death_record_id')
      .select(['t.id', 't.person_id', 't.institution_id', 'd.source_ref', 'd.death_date', 'd.underlying_cause'])
      .where('t.status', '=', 'open').where('t.due_on', '<', today).where('t.person_id', 'in', scopedPersons(this.db, actor.scope))
      .orderBy('t.id').execute();
    let registered = 0;
    let skipped = 0;
    await this.inTransaction(async (tx) => {
      for (const t of due) {
        const parsed = dcoNotification({ sourceRef: t.source_ref, deathDate: t.death_date, underlyingCause: t.underlying_cause }, today);
        if (!parsed) {
          skipped += 1;
          continue;
        }
        await consolidateChunk(tx, [{ row: 0, institutionId: t.institution_id, parsed, received: { death_record: t.source_ref }, personId: t.person_id, decision: 'link', probability: null, consolidate: true }], null, today);
        const n = await tx.selectFrom('notification').select('tumour_id').where('institution_id', '=', t.institution_id).where('kind', '=', 'death_certificate').where('source_ref', '=', parsed.sourceRef).executeTakeFirstOrThrow();
        await tx.updateTable('traceback_task').set({ status: 'registered_dco', tumour_id: n.tumour_id, resolved_at: new Date(), note: 'unresolved when due: registered as DCO' }).where('id', '=', t.id).execute();
        registered += 1;
      }
      if (registered > 0) await this.audit.appendInTransaction(this.auditTx(tx), actor, [{ action: 'registry.dco', entityType: 'traceback_task', entityId: null, personId: null, institutionId: null, detail: { registered, tasks: due.map((t) => t.id) } }]);
    });
    return { registered, skipped };
  }

  /** Aggregates only: `stats.read` (analysts) or `registry.read`. */
  async quality(actor: Actor, options: { by?: readonly string[]; fromYear?: number; toYear?: number }) {
    if (!actor.permissions.has('stats.read')) requirePermission(actor, 'registry.read');
    const by = options.by ?? [];
    const bad = by.find((d) => !(QUALITY_DIMENSIONS as readonly string[]).includes(d));
    if (bad !== undefined) throw validationError([{ field: 'by', code: 'enum', message: `by: "${bad}" is not one of ${QUALITY_DIMENSIONS.join(', ')}` }]);
    return qualityTable(this.db, actor.scope, [...new Set(by)] as QualityDimension[], options);
  }

  caseListing(actor: Actor, range: { fromYear?: number; toYear?: number }) {
    requirePermission(actor, 'registry.read');
    return caseListing(this.db, actor.scope, range);
  }

  async ci5(actor: Actor, options: { registry: string; fromYear?: number; toYear?: number; population: ReadonlyMap<string, number> }) {
    if (!actor.permissions.has('stats.read')) requirePermission(actor, 'registry.read');
    return ci5Table(this.db, actor.scope.kind === 'aggregate' ? { kind: 'network' } : actor.scope, options);
  }
}
