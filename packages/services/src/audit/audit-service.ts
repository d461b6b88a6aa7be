import { ChainVerifier, type ChainProblem, type ChainedAuditEntry } from '@onconet/domain/audit/audit-chain';
import type { Kysely, Selectable } from 'kysely';
import type { AuditLogTable, DB } from '@onconet/storage';
import { requirePermission, type Actor } from '../context.ts';
import type { AuditWriter } from './audit-writer.ts';

export interface AuditFilter {
  readonly userId?: number;
  readonly personId?: number;
  readonly institutionId?: number;
  readonly action?: string;
  readonly from?: string;
  readonly to?: string;
  readonly before?: number;
  readonly limit?: number;
}

export interface VerifyResult {
  readonly ok: boolean;
  readonly checked: number;
  readonly problems: readonly ChainProblem[];
}

export function toChained(row: Selectable<AuditLogTable>): ChainedAuditEntry {
  return {
    seq: Number(row.seq),
    ts: new Date(row.ts).toISOString(),
    actorUserId: row.actor_user_id,
    actorUsername: row.actor_username,
    actorInstitutionId: row.actor_institution_id,
    action: row.action,
    outcome: row.outcome as ChainedAuditEntry['outcome'],
    entityType: row.entity_type,
    entityId: row.entity_id,
    personId: row.person_id === null ? null : Number(row.person_id),
    institutionId: row.institution_id,
    requestId: row.request_id,
    ip: row.ip,
    detail: row.detail ?? null,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

export class AuditService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly writer: AuditWriter,
  ) {}

  /** The auditor's view; reading the log is itself audited. */
  async list(actor: Actor, filter: AuditFilter): Promise<{ items: ChainedAuditEntry[]; nextBefore: number | null }> {
    requirePermission(actor, 'audit.read');
    const limit = Math.min(Math.max(filter.limit ?? 50, 1), 500);
    let query = this.db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(limit + 1);
    if (filter.userId !== undefined) query = query.where('actor_user_id', '=', filter.userId);
    if (filter.personId !== undefined) query = query.where('person_id', '=', filter.personId);
    if (filter.institutionId !== undefined) {
      const id = filter.institutionId;
      query = query.where((eb) => eb.or([eb('institution_id', '=', id), eb('actor_institution_id', '=', id)]));
    }
    if (filter.action) query = query.where('action', 'like', `${filter.action.replace(/[%_\\]/g, '\\$&')}%`);
    if (filter.from) query = query.where('ts', '>=', new Date(filter.from));
    if (filter.to) query = query.where('ts', '<', new Date(filter.to));
    if (filter.before !== undefined) query = query.where('seq', '<', filter.before);
    const rows = (await query.execute()).map(toChained);
    const items = rows.slice(0, limit);
    await this.writer.record(actor, { action: 'audit.read', entityType: 'audit_log', entityId: null, personId: filter.personId ?? null, institutionId: filter.institutionId ?? null, detail: { filter, returned: items.length } });
    return { items, nextBefore: rows.length > limit ? (items[items.length - 1]?.seq ?? null) : null };
  }

  /** Walks the whole chain in seq order, page by page, so it runs in constant memory. */
  async verify(): Promise<VerifyResult> {
    const verifier = new ChainVerifier(this.writer.macFunction);
    let after = 0;
    for (;;) {
      const page = await this.db.selectFrom('audit_log').selectAll().where('seq', '>', after).orderBy('seq').limit(5000).execute();
      if (page.length === 0) break;
      for (const row of page) verifier.push(toChained(row));
      after = Number(page[page.length - 1]!.seq);
    }
    const head = await this.db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
    const problems = verifier.finish(head ? { seq: Number(head.seq), hash: head.hash } : null);
    return { ok: problems.length === 0, checked: verifier.checked, problems };
  }
}
