/**
 * The audit log is a hash chain: each row's hash covers its own content and the previous row's hash,
 * keyed with a secret (HMAC-SHA256) so that an editor of the table cannot recompute the chain.
 * Sequence numbers are gap-free, so a deleted row shows as a gap or a broken link; the chain head
 * is kept apart so that a truncated tail is detected too.
 */
export interface AuditEntry {
  readonly seq: number;
  readonly ts: string;
  readonly actorUserId: number | null;
  readonly actorUsername: string | null;
  readonly actorInstitutionId: number | null;
  readonly action: string;
  readonly outcome: 'success' | 'failure' | 'denied';
  readonly entityType: string | null;
  readonly entityId: string | null;
  readonly personId: number | null;
  readonly institutionId: number | null;
  readonly requestId: string | null;
  readonly ip: string | null;
  readonly detail: unknown;
}

export interface ChainedAuditEntry extends AuditEntry {
  readonly prevHash: string;
  readonly hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/** Key order made canonical so that a JSONB round trip (which reorders keys) hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  // Built by appending: an import chains hundreds of thousands of entries, and the intermediate arrays of
  // map/join and entries/sort were a sizeable part of its garbage.
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + canonicalJson(value[i]);
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  let out = '{';
  // Default sort order is UTF-16 code-unit order, the order `<` gives.
  for (const key of Object.keys(record).sort()) {
    const v = record[key];
    if (v !== undefined) out += (out.length === 1 ? '' : ',') + JSON.stringify(key) + ':' + canonicalJson(v);
  }
  return `${out}}`;
}

export function auditPayload(entry: AuditEntry, prevHash: string): string {
  return canonicalJson([
    prevHash,
    entry.seq,
    entry.ts,
    entry.actorUserId,
    entry.actorUsername,
    entry.actorInstitutionId,
    entry.action,
    entry.outcome,
    entry.entityType,
    entry.entityId,
    entry.personId,
    entry.institutionId,
    entry.requestId,
    entry.ip,
    entry.detail ?? null,
  ]);
}

/** The MAC is passed in: the domain does no cryptography I/O of its own. */
export type Mac = (payload: string) => string;

export function chain(entries: readonly Omit<AuditEntry, 'seq'>[], head: { seq: number; hash: string }, mac: Mac): ChainedAuditEntry[] {
  let prev = head.hash;
  let seq = head.seq;
  return entries.map((entry) => {
    seq += 1;
    const full: AuditEntry = { ...entry, seq };
    const hash = mac(auditPayload(full, prev));
    const chained = { ...full, prevHash: prev, hash };
    prev = hash;
    return chained;
  });
}

export type ChainProblem =
  | { readonly kind: 'gap'; readonly seq: number; readonly expected: number }
  | { readonly kind: 'link'; readonly seq: number }
  | { readonly kind: 'hash'; readonly seq: number }
  | { readonly kind: 'head'; readonly seq: number };

/** Streams through rows in seq order and reports each place where the chain does not hold. */
export class ChainVerifier {
  private prev = GENESIS_HASH;
  private expected = 1;
  readonly problems: ChainProblem[] = [];
  checked = 0;

  constructor(private readonly mac: Mac) {}

  push(row: ChainedAuditEntry): void {
    this.checked += 1;
    if (row.seq !== this.expected) this.problems.push({ kind: 'gap', seq: row.seq, expected: this.expected });
    if (row.prevHash !== this.prev) this.problems.push({ kind: 'link', seq: row.seq });
    if (this.mac(auditPayload(row, row.prevHash)) !== row.hash) this.problems.push({ kind: 'hash', seq: row.seq });
    this.prev = row.hash;
    this.expected = row.seq + 1;
  }

  finish(head: { seq: number; hash: string } | null): readonly ChainProblem[] {
    const lastSeq = this.expected - 1;
    if (head && (head.seq !== lastSeq || head.hash !== this.prev)) this.problems.push({ kind: 'head', seq: head.seq });
    return this.problems;
  }
}
