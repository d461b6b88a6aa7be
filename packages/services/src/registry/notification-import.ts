/**
 * Import of a notification file (CSV or Excel template). In order:
 *  1. the same file (SHA-256 of its bytes) already imported for this institution → the first report, nothing changes;
 *  2. the file is read chunk by chunk (memory stays that of a chunk, whatever the file's size); every row is
 *     validated, and while no row has failed, each chunk's valid rows are registered as they come
 *     (import-pipeline.ts): rows received before (same institution, kind and source_ref, from an earlier file) are
 *     skipped, persons are matched and registered through the MPI, notifications consolidated into tumours with
 *     the checks;
 *  3. all of it in one transaction: a bad cell anywhere (the rest of the file is still read, to report every bad
 *     row and column) or a person the MPI refuses rolls the whole file back, persons included.
 */
import { createHash } from 'node:crypto';
import { NOTIFICATION_COLUMNS } from '@onconet/domain/registry/import/notification-row';
import type { RowError } from '@onconet/domain/registry/import/row-error';
import { registryDb, type RegistryDB } from '@onconet/storage/queries/registry-tables';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '@onconet/storage';
import type { Actor } from '../context.ts';
import { AppError } from '../errors.ts';
import type { ChunkOutcome } from './consolidation.ts';
import { ImportPipeline } from './import-pipeline.ts';
import { TableError, type OpenedTable } from './read-table.ts';
import { openValidatedFile, type ValidatedFile } from './validated-file.ts';
import type { PersonMatcher } from './person-matcher.ts';
import { findImported, institutionCodes, recordBatch, type ImportContext } from './import-batch.ts';

/**
 * Awaited at chunk boundaries, so a caller can let the event loop run (stream the progress, serve other requests).
 * A notification import reports 'validate' as it starts, 'match' until the first chunk is registered, then
 * 'consolidate' with the rows registered (and 'validate' with the rows read once a bad row has stopped registering).
 */
export type ProgressFn = (phase: 'validate' | 'match' | 'consolidate', done: number, total: number) => void | Promise<void>;

export interface ImportSummary extends ChunkOutcome {
  readonly alreadyReceived: number;
}

export interface ImportReport {
  readonly batchId: number | null;
  readonly status: 'imported' | 'rejected' | 'already_imported';
  readonly fileName: string;
  readonly sha256: string;
  readonly format: string | null;
  readonly encoding: string | null;
  readonly rowsTotal: number;
  readonly rowsLoaded: number;
  readonly errors: readonly RowError[];
  readonly warnings: readonly string[];
  readonly summary: ImportSummary | null;
}

/** A report lists at most this many row errors (and says how many there were). */
export const MAX_REPORTED_ERRORS = 500;
/** Rows per chunk: large enough for few statements, small enough that a chunk's objects stay a few MB. */
const CHUNK = 4000;

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export function checkHeader(table: Pick<OpenedTable, 'columns'>, columns: ReadonlyArray<{ name: string; required: boolean }>): { errors: RowError[]; warnings: string[] } {
  const known = new Set(columns.map((c) => c.name));
  const errors: RowError[] = columns
    .filter((c) => c.required && !table.columns.includes(c.name))
    .map((c) => ({ row: 0, column: c.name, code: 'column.missing', message: `${c.name}: the required column is missing from the header`, messageZh: `表头缺少必需列“${c.name}”` }));
  const extra = table.columns.filter((c) => !known.has(c));
  return { errors, warnings: extra.length > 0 ? [`columns not in the template were ignored: ${extra.join(', ')}`] : [] };
}

export async function importNotifications(
  ctx: ImportContext & { readonly db: Kysely<RegistryDB>; readonly matcher: PersonMatcher; readonly chunkRows?: number | undefined },
  actor: Actor,
  file: { readonly fileName: string; readonly bytes: Uint8Array; readonly institutionId: number },
  progress: ProgressFn = () => {},
): Promise<ImportReport> {
  const hash = sha256(file.bytes);
  const base = { fileName: file.fileName, sha256: hash };
  const previous = await findImported(ctx.db, 'notifications', file.institutionId, hash);
  if (previous) return { ...(previous as ImportReport), status: 'already_imported' };

  const reject = async (errors: readonly RowError[], table: Pick<OpenedTable, 'format' | 'encoding'> | null, rowsTotal: number, warnings: string[] = []): Promise<ImportReport> => {
    const report: ImportReport = {
      ...base, batchId: null, status: 'rejected', format: table?.format ?? null, encoding: table?.encoding ?? null, rowsTotal, rowsLoaded: 0,
      errors: errors.slice(0, MAX_REPORTED_ERRORS), warnings: errors.length > MAX_REPORTED_ERRORS ? [...warnings, `${errors.length} errors in all; the first ${MAX_REPORTED_ERRORS} are listed`] : warnings, summary: null,
    };
    const batchId = await recordBatch(ctx, actor, 'notifications', file.institutionId, report);
    return { ...report, batchId };
  };

  const codes = await institutionCodes(ctx.db);
  const inScope = [...new Set([...codes.values(), file.institutionId])].filter((id) => ctx.institutionAllowed(actor, id));
  let table: ValidatedFile;
  try {
    table = await openValidatedFile({ fileName: file.fileName, bytes: file.bytes, chunkRows: ctx.chunkRows ?? CHUNK, today: ctx.today(), importingInstitution: file.institutionId, codes: [...codes], inScope });
  } catch (error) {
    if (error instanceof TableError) return reject(error.errors, null, 0);
    throw error;
  }
  const header = checkHeader(table, NOTIFICATION_COLUMNS);
  if (header.errors.length > 0) {
    await table.close();
    return reject(header.errors, table, 0, header.warnings);
  }

  const errors: RowError[] = [];
  let rowsTotal = 0;
  const total = () => Math.max(table.estimatedRows, rowsTotal);
  try {
    return await ctx.bulk(async (dbTx) => {
      const tx = registryDb(dbTx);
      const batchId = await recordBatch({ ...ctx, db: tx }, actor, 'notifications', file.institutionId, { ...base, status: 'imported', rowsTotal: 0, rowsLoaded: 0, errors: [] });
      const pipeline = new ImportPipeline(tx, ctx.matcher, actor, batchId, ctx.today(), (phase, done) => progress(phase, done, total()));
      try {
        await progress('validate', 0, total());
        for await (const chunk of table.chunks) {
          // Once a row has failed, reading the rest for its errors is all that goes on.
          if (errors.length > 0) await progress('validate', rowsTotal, total());
          rowsTotal += chunk.rowsRead;
          errors.push(...chunk.errors);
          // After a bad row nothing more is registered: the rest of the file is read for its errors only.
          if (errors.length === 0) await pipeline.push(chunk.valid);
          if (pipeline.failed) break;
        }
      } finally {
        // Every statement sent is waited for, whatever happened, before the transaction ends.
        await Promise.all([pipeline.finish(), table.close()]);
      }
      if (rowsTotal === 0) throw new FileRefusal([{ row: 0, column: 'file', code: 'empty', message: 'file: the file has no data rows', messageZh: '文件没有数据行' }]);
      if (errors.length > 0) throw new FileRefusal(errors);
      if (pipeline.mpiErrors.length > 0) throw new FileRefusal(pipeline.mpiErrors);
      const final: ImportReport = {
        ...base, batchId, status: 'imported', format: table.format, encoding: table.encoding, rowsTotal, rowsLoaded: pipeline.loaded, errors: [],
        warnings: [...header.warnings, ...(pipeline.alreadyReceived > 0 ? [`${pipeline.alreadyReceived} rows were received before (same institution, kind and source_ref) and were not registered again`] : [])],
        summary: { ...pipeline.totals, alreadyReceived: pipeline.alreadyReceived },
      };
      await tx.updateTable('import_batch').set({ rows_total: rowsTotal, rows_loaded: pipeline.loaded, report: JSON.stringify(final) }).where('id', '=', batchId).execute();
      // Audit last: the log's lock is held from here to commit only.
      await ctx.audit.appendManyInTransaction(tx as unknown as Transaction<DB>, [
        ...pipeline.audit,
        { actor, event: { action: 'registry.import', entityType: 'import_batch', entityId: String(batchId), personId: null, institutionId: file.institutionId, detail: { kind: 'notifications', file: file.fileName, sha256: hash, ...pipeline.totals } } },
      ]);
      return final;
    });
  } catch (error) {
    if (error instanceof FileRefusal || error instanceof TableError) return reject(error.errors, table, rowsTotal, header.warnings);
    throw error;
  }
}

/** Rows refused (bad cells, or persons the MPI refused): thrown inside the import's transaction to roll it back. */
export class FileRefusal extends Error {
  constructor(readonly errors: readonly RowError[]) {
    super(`${errors.length} rows were refused`);
  }
}

export function assertImportable(actor: Actor, institutionId: number): void {
  if (!Number.isInteger(institutionId) || institutionId <= 0) throw new AppError('validation', 'institution: the importing institution is required', [{ field: 'institution', code: 'required', message: 'institution: the importing institution is required' }]);
}
