/** The import_batch row of a file: written once per file, found again by the file's SHA-256. */
import type { DB } from '@onconet/storage';
import type { RegistryDB, RegistryExecutor } from '@onconet/storage/queries/registry-tables';
import type { Transaction } from 'kysely';
import type { BulkTransaction } from '@onconet/storage/pipelined-transaction';
import type { AuditWriter } from '../audit/audit-writer.ts';
import type { Actor } from '../context.ts';

export interface ImportContext {
  readonly db: RegistryExecutor;
  /** The import's own transaction: pipelined on PostgreSQL, JIT off (pipelined-transaction.ts). */
  readonly bulk: BulkTransaction;
  readonly audit: AuditWriter;
  readonly today: () => string;
  /** Whether the actor may import on behalf of this institution (its data scope). */
  readonly institutionAllowed: (actor: Actor, institutionId: number) => boolean;
}

export async function findImported(db: RegistryExecutor, kind: 'notifications' | 'deaths', institutionId: number, sha256: string): Promise<unknown> {
  const row = await db
    .selectFrom('import_batch')
    .select(['id', 'report'])
    .where('kind', '=', kind)
    .where('institution_id', '=', institutionId)
    .where('sha256', '=', sha256)
    .where('status', '=', 'imported')
    .executeTakeFirst();
  if (!row) return null;
  const report = typeof row.report === 'string' ? (JSON.parse(row.report) as object) : (row.report as object);
  return { ...report, batchId: row.id };
}

export async function institutionCodes(db: RegistryExecutor): Promise<Map<string, number>> {
  const rows = await db.selectFrom('institution').select(['id', 'code']).execute();
  return new Map(rows.map((r) => [r.code, r.id]));
}

interface BatchReport {
  readonly status: string;
  readonly fileName: string;
  readonly sha256: string;
  readonly rowsTotal: number;
  readonly rowsLoaded: number;
  readonly errors: readonly unknown[];
}

/** Inserts the batch row and its audit record; inside the caller's transaction when given one. */
export async function recordBatch(ctx: ImportContext, actor: Actor, kind: 'notifications' | 'deaths', institutionId: number, report: BatchReport): Promise<number> {
  const write = async (tx: Transaction<RegistryDB>) => {
    const { id } = await tx
      .insertInto('import_batch')
      .values({
        kind, institution_id: institutionId, file_name: report.fileName.slice(0, 255) || 'upload', sha256: report.sha256, status: report.status === 'imported' ? 'imported' : 'rejected',
        rows_total: report.rowsTotal, rows_loaded: report.rowsLoaded, report: JSON.stringify(report), created_by: actor.userId > 0 ? actor.userId : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (report.status === 'rejected') {
      await ctx.audit.appendInTransaction(tx as unknown as Transaction<DB>, actor, [
        { action: 'registry.import', outcome: 'failure', entityType: 'import_batch', entityId: String(id), personId: null, institutionId, detail: { kind, file: report.fileName, sha256: report.sha256, errors: report.errors.length } },
      ]);
    }
    return id;
  };
  if (ctx.db.isTransaction) return write(ctx.db as Transaction<RegistryDB>);
  return ctx.db.transaction().execute(write);
}
