/**
 * Import of death records (cause-of-death surveillance, ICD-10 underlying cause): each death is linked to its
 * person through the MPI, the person's vital status becomes dead with the date, and a cancer death of a person
 * with no registered tumour opens a trace-back (follow-back) task to the certifying institution, due after the
 * registry's set period; unresolved when due, it is registered as a DCO tumour (./dco.ts).
 * Same guarantees as the notification import: same file twice changes nothing; one bad cell rejects the file; the
 * persons (MPI batch registration) and the deaths are written in one transaction.
 */
import { DEATH_COLUMNS, parseDeathRow, type DeathRow } from '@onconet/domain/registry/import/death-row';
import type { RowError } from '@onconet/domain/registry/import/row-error';
import { fromEpochDay, toEpochDay } from '@onconet/domain/common/dates';
import { registryDb, type RegistryDB } from '@onconet/storage/queries/registry-tables';
import { reserveIds } from '@onconet/storage/queries/registry-tumours';
import type { Kysely } from 'kysely';
import type { Actor } from '../context.ts';
import { findImported, institutionCodes, recordBatch, type ImportContext } from './import-batch.ts';
import { checkHeader, MAX_REPORTED_ERRORS, FileRefusal, sha256, type ProgressFn } from './notification-import.ts';
import { mpiRowError, type PersonMatcher } from './person-matcher.ts';
import { readTable, TableError, type Table } from './read-table.ts';

export interface DeathImportReport {
  readonly batchId: number | null;
  readonly status: 'imported' | 'rejected' | 'already_imported';
  readonly fileName: string;
  readonly sha256: string;
  readonly rowsTotal: number;
  readonly rowsLoaded: number;
  readonly errors: readonly RowError[];
  readonly warnings: readonly string[];
  readonly summary: { deaths: number; cancerDeaths: number; vitalStatusUpdated: number; tracebackTasks: number; alreadyReceived: number } | null;
}

const CHUNK = 500;

export async function importDeaths(
  ctx: ImportContext & { readonly db: Kysely<RegistryDB>; readonly matcher: PersonMatcher; readonly tracebackDays: number },
  actor: Actor,
  file: { readonly fileName: string; readonly bytes: Uint8Array; readonly institutionId: number },
  progress: ProgressFn = () => {},
): Promise<DeathImportReport> {
  const hash = sha256(file.bytes);
  const previous = await findImported(ctx.db, 'deaths', file.institutionId, hash);
  if (previous) return { ...(previous as DeathImportReport), status: 'already_imported' };
  const reject = async (errors: readonly RowError[], table: Table | null): Promise<DeathImportReport> => {
    const report: DeathImportReport = {
      batchId: null, status: 'rejected', fileName: file.fileName, sha256: hash, rowsTotal: table?.rows.length ?? 0, rowsLoaded: 0,
      errors: errors.slice(0, MAX_REPORTED_ERRORS), warnings: errors.length > MAX_REPORTED_ERRORS ? [`${errors.length} errors in all`] : [], summary: null,
    };
    return { ...report, batchId: await recordBatch(ctx, actor, 'deaths', file.institutionId, report) };
  };

  let table: Table;
  try {
    table = await readTable(file.fileName, file.bytes);
  } catch (error) {
    if (error instanceof TableError) return reject(error.errors, null);
    throw error;
  }
  const header = checkHeader(table, DEATH_COLUMNS);
  if (header.errors.length > 0) return reject(header.errors, table);
  if (table.rows.length === 0) return reject([{ row: 0, column: 'file', code: 'empty', message: 'file: the file has no data rows' }], table);

  const codes = await institutionCodes(ctx.db);
  const errors: RowError[] = [];
  const valid: Array<{ row: number; institutionId: number; death: DeathRow; received: Readonly<Record<string, string>> }> = [];
  const seen = new Map<string, number>();
  for (const { row, values } of table.rows) {
    const result = parseDeathRow(values, row, ctx.today());
    if (!result.ok) {
      errors.push(...result.errors);
      continue;
    }
    const code = result.value.institutionCode;
    const institutionId = code === null ? file.institutionId : codes.get(code);
    if (institutionId === undefined || !ctx.institutionAllowed(actor, institutionId)) {
      errors.push({ row, column: 'institution', code: institutionId === undefined ? 'institution.unknown' : 'institution.scope', message: `institution: "${code}" is ${institutionId === undefined ? 'not an institution code of the network' : 'outside your data scope'}` });
      continue;
    }
    const key = `${institutionId}|${result.value.sourceRef}`;
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push({ row, column: 'source_ref', code: 'duplicate', message: `source_ref: "${result.value.sourceRef}" is already used on row ${first}` });
      continue;
    }
    seen.set(key, row);
    valid.push({ row, institutionId, death: result.value, received: values });
  }
  if (errors.length > 0) return reject(errors, table);

  const existing = new Set<string>();
  for (let i = 0; i < valid.length; i += CHUNK) {
    const refs = valid.slice(i, i + CHUNK).map((v) => v.death.sourceRef);
    const rows = await ctx.db.selectFrom('death_record').select(['institution_id', 'source_ref']).where('source_ref', 'in', refs).execute();
    for (const r of rows) existing.add(`${r.institution_id}|${r.source_ref}`);
  }
  const fresh = valid.filter((v) => !existing.has(`${v.institutionId}|${v.death.sourceRef}`));

  const summary = { deaths: 0, cancerDeaths: 0, vitalStatusUpdated: 0, tracebackTasks: 0, alreadyReceived: existing.size };
  const base: DeathImportReport = {
    batchId: null, status: 'imported', fileName: file.fileName, sha256: hash, rowsTotal: table.rows.length, rowsLoaded: fresh.length, errors: [],
    warnings: [...header.warnings, ...(existing.size > 0 ? [`${existing.size} death records were received before and were not registered again`] : [])], summary: null,
  };
  // Persons through the MPI and the deaths written in one transaction: a refused or failing file leaves nothing.
  let batchId: number;
  try {
    batchId = await ctx.bulk(async (dbTx) => {
      const tx = registryDb(dbTx);
      const mpiTx = dbTx;
      await progress('match', 0, fresh.length);
      const registered = await ctx.matcher.registerBatch(mpiTx, actor, fresh.map((v) => ({ record: v.death.person, source: 'death' as const, sourceRef: v.death.sourceRef, institutionId: v.institutionId })), (done, total) => progress('match', done, total));
      const matched: Array<(typeof fresh)[number] & { personId: number; decision: string; probability: number | null }> = [];
      const mpiErrors: RowError[] = [];
      fresh.forEach((v, i) => {
        const outcome = registered.outcomes[i]!;
        if (outcome.ok) matched.push({ ...v, personId: outcome.value.personId, decision: outcome.value.decision, probability: outcome.value.probability });
        else mpiErrors.push(mpiRowError(v.row, outcome.error));
      });
      if (mpiErrors.length > 0) throw new FileRefusal(mpiErrors);
      summary.deaths = matched.length;
      const id = await recordBatch({ ...ctx, db: tx }, actor, 'deaths', file.institutionId, base);
      for (let i = 0; i < matched.length; i += CHUNK) {
        await progress('consolidate', i, matched.length);
        const part = matched.slice(i, i + CHUNK);
        const ids = await reserveIds(tx, 'death_record', part.length);
        const persons = await tx.selectFrom('person').select(['id', 'division_code', 'vital_status', 'death_date']).where('id', 'in', part.map((p) => p.personId)).execute();
        const personById = new Map(persons.map((p) => [p.id, p]));
        await tx
          .insertInto('death_record')
          .values(part.map((p, j) => ({
            id: ids[j]!, institution_id: p.institutionId, source_ref: p.death.sourceRef, batch_id: id, row_number: p.row, person_id: p.personId, match_decision: p.decision,
            match_probability: p.probability, death_date: p.death.deathDate, underlying_cause: p.death.underlyingCause, cancer_death: p.death.cancerDeath, sex: p.death.person.sex,
            age: p.death.age, county_code: (personById.get(p.personId)?.division_code ?? p.death.person.divisionCode)?.slice(0, 6) ?? null, reported_on: p.death.reportedOn, received: JSON.stringify(p.received),
          })))
          .execute();
        for (const p of part) {
          const person = personById.get(p.personId);
          if (person && (person.vital_status !== 'dead' || person.death_date !== p.death.deathDate)) {
            await tx.updateTable('person').set({ vital_status: 'dead', death_date: p.death.deathDate, updated_at: new Date() }).where('id', '=', p.personId).execute();
            summary.vitalStatusUpdated += 1;
          }
        }
        const cancer = part.map((p, j) => ({ p, deathId: ids[j]! })).filter(({ p }) => p.death.cancerDeath);
        summary.cancerDeaths += cancer.length;
        if (cancer.length > 0) {
          const withTumour = new Set((await tx.selectFrom('tumour').select('person_id').where('person_id', 'in', cancer.map(({ p }) => p.personId)).execute()).map((r) => r.person_id));
          const open = new Set((await tx.selectFrom('traceback_task').select('person_id').where('status', '=', 'open').where('person_id', 'in', cancer.map(({ p }) => p.personId)).execute()).map((r) => r.person_id));
          const tasks = cancer.filter(({ p }) => !withTumour.has(p.personId) && !open.has(p.personId));
          const once = new Map(tasks.map((t) => [t.p.personId, t]));
          if (once.size > 0) {
            await tx
              .insertInto('traceback_task')
              .values([...once.values()].map(({ p, deathId }) => ({ death_record_id: deathId, person_id: p.personId, institution_id: p.institutionId, due_on: fromEpochDay(toEpochDay(p.death.reportedOn) + ctx.tracebackDays) })))
              .execute();
            summary.tracebackTasks += once.size;
          }
        }
      }
      const final: DeathImportReport = { ...base, batchId: id, summary };
      await tx.updateTable('import_batch').set({ report: JSON.stringify(final) }).where('id', '=', id).execute();
      // Audit last: the log's lock is held from here to commit only.
      await ctx.audit.appendManyInTransaction(mpiTx, [
        ...registered.audit,
        { actor, event: { action: 'registry.import', entityType: 'import_batch', entityId: String(id), personId: null, institutionId: file.institutionId, detail: { kind: 'deaths', file: file.fileName, sha256: hash, ...summary } } },
      ]);
      await progress('consolidate', matched.length, matched.length);
      return id;
    });
  } catch (error) {
    if (error instanceof FileRefusal) return reject(error.errors, table);
    throw error;
  }
  return { ...base, batchId, summary };
}
