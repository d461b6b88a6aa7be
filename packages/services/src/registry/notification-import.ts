/**
 * Import of a notification file (CSV or Excel template). In order:
 *  1. the same file (SHA-256 of its bytes) already imported for this institution → the first report, nothing changes;
 *  2. every row is validated; any bad cell rejects the whole file with a report naming each row and column;
 *  3. rows already received (same institution, kind and source_ref, from an earlier file) are skipped;
 *  4. the persons are matched and registered through the MPI as one batch (register-batch.ts), and
 *  5. the notifications are consolidated into tumours chunk by chunk with the checks — 4 and 5 in one transaction,
 *     so that a file refused or failing on the way leaves nothing behind, persons included.
 */
import { createHash } from 'node:crypto';
import { NOTIFICATION_COLUMNS, parseNotificationRow, type NotificationRow } from '@onconet/domain/registry/import/notification-row';
import type { RowError } from '@onconet/domain/registry/import/row-error';
import type { RegistryDB } from '@onconet/storage/queries/registry-tables';
import { existingNotificationKeys } from '@onconet/storage/queries/registry-tumours';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '@onconet/storage';
import type { Actor } from '../context.ts';
import { AppError } from '../errors.ts';
import { chunksByPerson, consolidateChunks, type ChunkOutcome, type MatchedNotification } from './consolidation.ts';
import { readTable, TableError, type Table } from './read-table.ts';
import { mpiRowError, type PersonMatcher, type PersonReport } from './person-matcher.ts';
import { findImported, institutionCodes, recordBatch, type ImportContext } from './import-batch.ts';

/** Awaited at chunk boundaries, so a caller can let the event loop run (stream the progress, serve other requests). */
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
const CHUNK = 2000;

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export function checkHeader(table: Table, columns: ReadonlyArray<{ name: string; required: boolean }>): { errors: RowError[]; warnings: string[] } {
  const known = new Set(columns.map((c) => c.name));
  const errors: RowError[] = columns
    .filter((c) => c.required && !table.columns.includes(c.name))
    .map((c) => ({ row: 0, column: c.name, code: 'column.missing', message: `${c.name}: the required column is missing from the header`, messageZh: `表头缺少必需列“${c.name}”` }));
  const extra = table.columns.filter((c) => !known.has(c));
  return { errors, warnings: extra.length > 0 ? [`columns not in the template were ignored: ${extra.join(', ')}`] : [] };
}

export async function importNotifications(
  ctx: ImportContext & { readonly db: Kysely<RegistryDB>; readonly matcher: PersonMatcher },
  actor: Actor,
  file: { readonly fileName: string; readonly bytes: Uint8Array; readonly institutionId: number },
  progress: ProgressFn = () => {},
): Promise<ImportReport> {
  const hash = sha256(file.bytes);
  const base = { fileName: file.fileName, sha256: hash };
  const previous = await findImported(ctx.db, 'notifications', file.institutionId, hash);
  if (previous) return { ...(previous as ImportReport), status: 'already_imported' };

  const reject = async (errors: readonly RowError[], table: Table | null, warnings: string[] = []): Promise<ImportReport> => {
    const report: ImportReport = {
      ...base, batchId: null, status: 'rejected', format: table?.format ?? null, encoding: table?.encoding ?? null, rowsTotal: table?.rows.length ?? 0, rowsLoaded: 0,
      errors: errors.slice(0, MAX_REPORTED_ERRORS), warnings: errors.length > MAX_REPORTED_ERRORS ? [...warnings, `${errors.length} errors in all; the first ${MAX_REPORTED_ERRORS} are listed`] : warnings, summary: null,
    };
    const batchId = await recordBatch(ctx, actor, 'notifications', file.institutionId, report);
    return { ...report, batchId };
  };

  let table: Table;
  try {
    table = await readTable(file.fileName, file.bytes);
  } catch (error) {
    if (error instanceof TableError) return reject(error.errors, null);
    throw error;
  }
  const header = checkHeader(table, NOTIFICATION_COLUMNS);
  if (header.errors.length > 0) return reject(header.errors, table, header.warnings);
  if (table.rows.length === 0) return reject([{ row: 0, column: 'file', code: 'empty', message: 'file: the file has no data rows', messageZh: '文件没有数据行' }], table);

  // 2. Validate every row before anything is written.
  const codes = await institutionCodes(ctx.db);
  const errors: RowError[] = [];
  const valid: Array<{ row: number; institutionId: number; parsed: NotificationRow; received: Readonly<Record<string, string>> }> = [];
  const seen = new Map<string, number>();
  for (const [i, { row, values }] of table.rows.entries()) {
    if (i % 1000 === 0) await progress('validate', i, table.rows.length);
    const result = parseNotificationRow(values, row, ctx.today());
    if (!result.ok) {
      errors.push(...result.errors);
      continue;
    }
    const code = result.value.institutionCode;
    const institutionId = code === null ? file.institutionId : codes.get(code);
    if (institutionId === undefined) {
      errors.push({ row, column: 'institution', code: 'institution.unknown', message: `institution: "${code}" is not an institution code of the network`, messageZh: `机构代码“${code}”不存在` });
      continue;
    }
    if (!ctx.institutionAllowed(actor, institutionId)) {
      errors.push({ row, column: 'institution', code: 'institution.scope', message: `institution: "${code}" is outside your data scope`, messageZh: `机构“${code}”不在您的数据范围内` });
      continue;
    }
    const key = `${institutionId}|${result.value.kind}|${result.value.sourceRef}`;
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push({ row, column: 'source_ref', code: 'duplicate', message: `source_ref: "${result.value.sourceRef}" is already used on row ${first}`, messageZh: `报告编号“${result.value.sourceRef}”与第${first}行重复` });
      continue;
    }
    seen.set(key, row);
    valid.push({ row, institutionId, parsed: result.value, received: values });
  }
  await progress('validate', table.rows.length, table.rows.length);
  if (errors.length > 0) return reject(errors, table, header.warnings);

  // 3. Rows received before (another file) are not registered twice.
  const already = new Set<string>();
  for (let i = 0; i < valid.length; i += CHUNK) {
    const part = valid.slice(i, i + CHUNK).map((v) => ({ institutionId: v.institutionId, kind: v.parsed.kind, sourceRef: v.parsed.sourceRef }));
    for (const k of await existingNotificationKeys(ctx.db, part)) already.add(k);
  }
  const fresh = valid.filter((v) => !already.has(`${v.institutionId}|${v.parsed.kind}|${v.parsed.sourceRef}`));

  // 4–5. Persons through the MPI, then consolidation, in one transaction: a file is registered whole or not at all,
  // persons included. Rows of one file describing the very same person (same institution, identity number, name,
  // sex and birth date) are one report of that person to the MPI: registered once, the answer shared.
  const reportOf: number[] = [];
  const reports: PersonReport[] = [];
  const samePerson = new Map<string, number>();
  for (const v of fresh) {
    const p = v.parsed.person;
    const key = p.residentId === null ? null : `${v.institutionId}|${p.residentId}|${p.name}|${p.sex}|${p.birthDate}`;
    const known = key === null ? undefined : samePerson.get(key);
    if (known !== undefined) {
      reportOf.push(known);
      continue;
    }
    if (key !== null) samePerson.set(key, reports.length);
    reportOf.push(reports.length);
    reports.push({ record: p, source: 'notification', sourceRef: `${v.parsed.kind}:${v.parsed.sourceRef}`, institutionId: v.institutionId });
  }

  const totals = { notifications: 0, newTumours: 0, attached: 0, waiting: 0, multiplePrimariesToConfirm: 0, tracebacksResolved: 0 };
  const report: ImportReport = {
    ...base, batchId: null, status: 'imported', format: table.format, encoding: table.encoding, rowsTotal: table.rows.length, rowsLoaded: fresh.length,
    errors: [], warnings: [...header.warnings, ...(already.size > 0 ? [`${already.size} rows were received before (same institution, kind and source_ref) and were not registered again`] : [])],
    summary: null,
  };
  let batchId: number;
  try {
    batchId = await ctx.db.transaction().execute(async (tx) => {
      const mpiTx = tx as unknown as Transaction<DB>;
      await progress('match', 0, reports.length);
      const persons = await ctx.matcher.registerBatch(mpiTx, actor, reports, (done, total) => progress('match', done, total));
      const mpiErrors: RowError[] = [];
      const matched: MatchedNotification[] = [];
      fresh.forEach((v, i) => {
        const outcome = persons.outcomes[reportOf[i]!]!;
        if (!outcome.ok) {
          // A repeated person's rows share the refusal; it is reported on the row that made the report.
          if (reports[reportOf[i]!]!.sourceRef === `${v.parsed.kind}:${v.parsed.sourceRef}`) mpiErrors.push(mpiRowError(v.row, outcome.error));
          return;
        }
        const m = outcome.value;
        matched.push({ ...v, personId: m.personId, decision: m.decision, probability: m.probability, consolidate: m.decision !== 'review' });
      });
      if (mpiErrors.length > 0) throw new MpiRefusal(mpiErrors);

      const id = await recordBatch({ ...ctx, db: tx }, actor, 'notifications', file.institutionId, report);
      // Each person's notifications in one chunk, so that a chunk is decided while the previous one is written.
      await progress('consolidate', 0, matched.length);
      const outcome = await consolidateChunks(tx, chunksByPerson(matched, CHUNK), id, ctx.today(), (done, total) => progress('consolidate', done, total));
      for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += outcome[k];
      const final: ImportReport = { ...report, batchId: id, summary: { ...totals, alreadyReceived: already.size } };
      await tx.updateTable('import_batch').set({ report: JSON.stringify(final) }).where('id', '=', id).execute();
      // Audit last: the log's lock is held from here to commit only.
      await ctx.audit.appendManyInTransaction(mpiTx, [
        ...persons.audit,
        { actor, event: { action: 'registry.import', entityType: 'import_batch', entityId: String(id), personId: null, institutionId: file.institutionId, detail: { kind: 'notifications', file: file.fileName, sha256: hash, ...totals } } },
      ]);
      return id;
    });
  } catch (error) {
    if (error instanceof MpiRefusal) return reject(error.errors, table, header.warnings);
    throw error;
  }
  return { ...report, batchId, summary: { ...totals, alreadyReceived: already.size } };
}

/** Rows the MPI refused: thrown inside the import's transaction to roll it back, reported as a rejected file. */
export class MpiRefusal extends Error {
  constructor(readonly errors: readonly RowError[]) {
    super(`the master patient index refused ${errors.length} rows`);
  }
}

export function assertImportable(actor: Actor, institutionId: number): void {
  if (!Number.isInteger(institutionId) || institutionId <= 0) throw new AppError('validation', 'institution: the importing institution is required', [{ field: 'institution', code: 'required', message: 'institution: the importing institution is required' }]);
}
