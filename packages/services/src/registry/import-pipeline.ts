/**
 * The registering half of a notification import, one chunk of valid rows at a time inside the import's
 * transaction: rows received before are skipped, persons go through the MPI (the same person in several rows of
 * the file is one report: registered once, the answer shared), then the chunk is consolidated.
 *
 * The database and JavaScript overlap. Statements on the transaction's connection run in the order they are sent,
 * so two chains of work share it: the MPI registers chunk after chunk (each chunk's reads sent once the chunk
 * before is written: its persons are the next one's candidates), and consolidation follows one chunk behind
 * (a chunk's tumours are read once its persons are registered and the chunk before is consolidated: a person may
 * be in both). While the database runs one chain's statements, JavaScript scores the other's candidates, plans
 * its tumours or validates the next rows.
 */
import type { RowError } from '@onconet/domain/registry/import/row-error';
import type { DB } from '@onconet/storage';
import type { RegistryDB } from '@onconet/storage/queries/registry-tables';
import { existingNotificationKeys } from '@onconet/storage/queries/registry-tumours';
import type { Transaction } from 'kysely';
import type { AuditEvent } from '../audit/audit-writer.ts';
import type { Actor } from '../context.ts';
import { loadChunk, planChunk, writeChunk, type MatchedNotification } from './consolidation.ts';
import type { ValidRow } from './row-validator.ts';
import { mpiRowError, type PersonMatch, type PersonMatcher, type PersonReport } from './person-matcher.ts';

type Progress = (phase: 'match' | 'consolidate', done: number) => void | Promise<void>;

const keyOf = (v: ValidRow) => `${v.institutionId}|${v.parsed.kind}|${v.parsed.sourceRef}`;
const sourceRefOf = (v: ValidRow) => `${v.parsed.kind}:${v.parsed.sourceRef}`;
/** Rows of one file describing the very same person: same institution, identity number, name, sex and birth date. */
const samePersonKey = (v: ValidRow) => {
  const p = v.parsed.person;
  return p.residentId === null ? null : `${v.institutionId}|${p.residentId}|${p.name}|${p.sex}|${p.birthDate}`;
};

export type { ValidRow } from './row-validator.ts';

export class ImportPipeline {
  readonly totals = { notifications: 0, newTumours: 0, attached: 0, waiting: 0, multiplePrimariesToConfirm: 0, tracebacksResolved: 0 };
  alreadyReceived = 0;
  loaded = 0;
  /** Rows the MPI refused: the file is then refused; later chunks are still matched, to report every such row. */
  readonly mpiErrors: RowError[] = [];
  readonly audit: Array<{ actor: Actor; event: AuditEvent }> = [];
  private readonly persons = new Map<string, PersonMatch>();
  private matching: Promise<unknown> = Promise.resolve();
  private consolidating: Promise<unknown> = Promise.resolve();
  /** Work sent and not settled yet (a settled chunk's rows are let go: a file is not held in memory). */
  private readonly running = new Set<Promise<unknown>>();
  private failure: { readonly reason: unknown } | null = null;
  private matched = 0;

  constructor(
    private readonly tx: Transaction<RegistryDB>,
    private readonly matcher: PersonMatcher,
    private readonly actor: Actor,
    private readonly batchId: number,
    private readonly today: string,
    private readonly progress: Progress,
  ) {}

  /**
   * Sends a chunk down both chains and returns once the chunk before it is consolidated, so that at most two
   * chunks are in flight (memory) while the caller reads the next.
   */
  async push(rows: readonly ValidRow[]): Promise<void> {
    // One chunk ahead only: a second lifted peak RSS over 1 GiB and gained nothing measurable.
    const previous = this.consolidating;
    const matched = this.matching.then(() => this.match(rows));
    const consolidated = Promise.all([matched, previous]).then(([m]) => this.consolidate(m));
    this.matching = matched;
    this.consolidating = consolidated;
    for (const p of [matched, consolidated]) {
      this.running.add(p);
      p.then(
        () => this.running.delete(p),
        (reason: unknown) => {
          this.running.delete(p);
          this.failure ??= { reason };
        },
      );
    }
    await previous.catch(() => {});
  }

  /** Whether a chunk failed: the caller stops reading, and finish() throws the failure. */
  get failed(): boolean {
    return this.failure !== null;
  }

  /** Waits for every chunk; on a failure, for every statement sent (the transaction is then rolled back). */
  async finish(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
    if (this.failure) throw this.failure.reason;
  }

  private async consolidate(matched: readonly MatchedNotification[]): Promise<void> {
    if (this.mpiErrors.length > 0 || matched.length === 0) return;
    const input = await loadChunk(this.tx, matched);
    const outcome = await writeChunk(this.tx, planChunk(input, matched, this.batchId, this.today));
    this.loaded += matched.length;
    for (const k of Object.keys(this.totals) as (keyof typeof this.totals)[]) this.totals[k] += outcome[k];
    // Rows registered is the import's progress; the stages before run a chunk or two ahead of it.
    await this.progress('consolidate', this.totals.notifications);
  }

  private async match(rows: readonly ValidRow[]): Promise<MatchedNotification[]> {
    if (this.totals.notifications === 0) await this.progress('match', this.matched);
    const received = await existingNotificationKeys(this.tx, rows.map((v) => ({ institutionId: v.institutionId, kind: v.parsed.kind, sourceRef: v.parsed.sourceRef })));
    const fresh = rows.filter((v) => !received.has(keyOf(v)));
    this.alreadyReceived += rows.length - fresh.length;
    this.matched += rows.length;
    const reports: PersonReport[] = [];
    const reportOf: Array<number | PersonMatch> = [];
    const inChunk = new Map<string, number>();
    for (const v of fresh) {
      const key = samePersonKey(v);
      const known = key === null ? undefined : (this.persons.get(key) ?? inChunk.get(key));
      if (known !== undefined) {
        reportOf.push(known);
        continue;
      }
      if (key !== null) inChunk.set(key, reports.length);
      reportOf.push(reports.length);
      reports.push({ record: v.parsed.person, source: 'notification', sourceRef: sourceRefOf(v), institutionId: v.institutionId });
    }
    const batch = await this.matcher.registerBatch(this.tx as unknown as Transaction<DB>, this.actor, reports);
    this.audit.push(...batch.audit);
    const matched: MatchedNotification[] = [];
    fresh.forEach((v, i) => {
      const of = reportOf[i]!;
      const outcome = typeof of === 'number' ? batch.outcomes[of]! : ({ ok: true, value: of } as const);
      if (!outcome.ok) {
        // A repeated person's rows share the refusal; it is reported on the row that made the report.
        if (typeof of === 'number' && reports[of]!.sourceRef === sourceRefOf(v)) this.mpiErrors.push(mpiRowError(v.row, outcome.error));
        return;
      }
      const m = outcome.value;
      const key = samePersonKey(v);
      if (key !== null) this.persons.set(key, m);
      // Created by this chunk's registration (a row of an earlier chunk's person is not).
      const newPerson = typeof of === 'number' && m.created === true;
      matched.push({ ...v, personId: m.personId, decision: m.decision, probability: m.probability, consolidate: m.decision !== 'review', newPerson });
    });
    return matched;
  }
}
