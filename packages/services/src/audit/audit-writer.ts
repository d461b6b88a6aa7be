import { createHmac } from 'node:crypto';
import { chain, type AuditEntry, type Mac } from '@onconet/domain/audit/audit-chain';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '@onconet/storage';
import { insertArrayRows, type ArrayColumnType } from '@onconet/storage/queries/array-rows';

/** An import appends hundreds of thousands of rows at once: sent as one array per column (array-rows.ts). */
const AUDIT_COLUMNS: Readonly<Record<string, ArrayColumnType>> = {
  seq: 'bigint', ts: 'timestamptz', actor_user_id: 'integer', actor_username: 'text', actor_institution_id: 'integer', action: 'text', outcome: 'text',
  entity_type: 'text', entity_id: 'text', person_id: 'bigint', institution_id: 'integer', request_id: 'text', ip: 'text', detail: 'jsonb',
  prev_hash: 'text', hash: 'text',
};
import type { Actor } from '../context.ts';
import type { Clock } from '../clock.ts';

export type AuditEvent = Omit<AuditEntry, 'seq' | 'ts' | 'actorUserId' | 'actorUsername' | 'actorInstitutionId' | 'requestId' | 'ip' | 'outcome'> & {
  readonly outcome?: AuditEntry['outcome'];
};

const AUDIT_LOCK = 7301002;
const APPEND_SLICE = 5000;

export function hmacSha256(key: string): Mac {
  return (payload) => createHmac('sha256', key).update(payload).digest('hex');
}

/**
 * Appends to the hash-chained audit log. Writes of personal data append inside their own transaction
 * (`appendInTransaction`), so the change and its audit row commit together. Reads are audited through
 * `record`, which group-commits: concurrent requests share one transaction, so audit keeps up with
 * a busy search endpoint while each response still waits until its audit row is durable.
 */
export class AuditWriter {
  private pending: Array<{ entry: Omit<AuditEntry, 'seq'>; resolve: () => void; reject: (e: unknown) => void }> = [];
  private flushing: Promise<void> | null = null;
  private readonly mac: Mac;

  constructor(
    private readonly db: Kysely<DB>,
    key: string,
    private readonly clock: Clock,
  ) {
    this.mac = hmacSha256(key);
  }

  get macFunction(): Mac {
    return this.mac;
  }

  entryFor(actor: Actor | null, event: AuditEvent): Omit<AuditEntry, 'seq'> {
    return {
      ts: this.clock.now().toISOString(),
      actorUserId: actor && actor.userId > 0 ? actor.userId : null,
      actorUsername: actor?.username ?? null,
      actorInstitutionId: actor && actor.institutionId > 0 ? actor.institutionId : null,
      requestId: actor?.requestId ?? null,
      ip: actor?.ip ?? null,
      outcome: event.outcome ?? 'success',
      action: event.action,
      entityType: event.entityType,
      entityId: event.entityId,
      personId: event.personId,
      institutionId: event.institutionId,
      detail: event.detail ?? null,
    };
  }

  async appendInTransaction(tx: Transaction<DB>, actor: Actor | null, events: readonly AuditEvent[]): Promise<void> {
    await this.appendEntries(tx, events.map((e) => this.entryFor(actor, e)));
  }

  /** Events of several actors (e.g. a batch registration, one per reporting institution) appended in order in one go. */
  async appendManyInTransaction(tx: Transaction<DB>, items: ReadonlyArray<{ readonly actor: Actor | null; readonly event: AuditEvent }>): Promise<void> {
    // In slices, so that a file's hundreds of thousands of events are not chained and serialised all at once.
    for (let i = 0; i < items.length; i += APPEND_SLICE) await this.appendEntries(tx, items.slice(i, i + APPEND_SLICE).map((e) => this.entryFor(e.actor, e.event)));
  }

  /** Durable before it resolves; batched with whatever else is waiting. */
  record(actor: Actor | null, event: AuditEvent): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ entry: this.entryFor(actor, event), resolve, reject });
      this.flushing ??= this.flushLoop();
    });
  }

  private async flushLoop(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const batch = this.pending.splice(0, 500);
        try {
          await this.db.transaction().execute((tx) => this.appendEntries(tx, batch.map((b) => b.entry)));
          for (const b of batch) b.resolve();
        } catch (error) {
          for (const b of batch) b.reject(error);
        }
      }
    } finally {
      this.flushing = null;
    }
  }

  private async appendEntries(tx: Transaction<DB>, entries: readonly Omit<AuditEntry, 'seq'>[]): Promise<void> {
    if (entries.length === 0) return;
    await sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`.execute(tx);
    const head = await tx.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
    const rows = chain(entries, { seq: Number(head.seq), hash: head.hash }, this.mac);
    await this.insertRows(tx, rows);
    const last = rows[rows.length - 1]!;
    await tx.updateTable('audit_head').set({ seq: last.seq, hash: last.hash }).where('id', '=', 1).execute();
  }

  private async insertRows(tx: Transaction<DB>, rows: ReturnType<typeof chain>): Promise<void> {
    await insertArrayRows(
      tx,
      'audit_log',
      AUDIT_COLUMNS,
      rows.map((r) => ({
        seq: r.seq,
        ts: r.ts,
        actor_user_id: r.actorUserId,
        actor_username: r.actorUsername,
        actor_institution_id: r.actorInstitutionId,
        action: r.action,
        outcome: r.outcome,
        entity_type: r.entityType,
        entity_id: r.entityId,
        person_id: r.personId,
        institution_id: r.institutionId,
        request_id: r.requestId,
        ip: r.ip,
        detail: r.detail,
        prev_hash: r.prevHash,
        hash: r.hash,
      })),
    );
  }
}
