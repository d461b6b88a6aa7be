/**
 * How the registry reaches the master patient index. Every person of a notification or a death record is
 * matched and registered by the MPI (issue 3) — the registry has no matcher of its own; this interface only
 * says which call it makes, so the registry can be tested and wired against the real service.
 */
import type { PersonRecord } from '@onconet/domain';
import type { RowError } from '@onconet/domain/registry/import/row-error';
import type { DB } from '@onconet/storage';
import type { Transaction } from 'kysely';
import type { AuditEvent } from '../audit/audit-writer.ts';
import { toAppError } from '../errors.ts';
import type { Actor } from '../context.ts';

export type RegistrySource = 'notification' | 'death';

export interface PersonMatch {
  readonly personId: number;
  /** The MPI's decision: 'link' (joined a known person), 'review' (provisional person, pairs queued), 'non-link' (new person). */
  readonly decision: string;
  readonly probability: number | null;
  /** Whether the MPI created the person for this report (a new or provisional person): nothing of theirs is stored yet. */
  readonly created?: boolean;
}

export interface PersonReport {
  readonly record: PersonRecord;
  readonly source: RegistrySource;
  readonly sourceRef: string;
  /** The reporting institution. */
  readonly institutionId: number;
}

export interface PersonBatch {
  /** One per report, in order: who it is, or why the MPI refused it. */
  readonly outcomes: ReadonlyArray<{ readonly ok: true; readonly value: PersonMatch } | { readonly ok: false; readonly error: unknown }>;
  /** The MPI's audit rows, for the caller to append last in the same transaction. */
  readonly audit: ReadonlyArray<{ readonly actor: Actor; readonly event: AuditEvent }>;
}

export interface PersonMatcher {
  /** Registers one report of a person from `institutionId` (the reporting institution) and says who it is. */
  register(actor: Actor, record: PersonRecord, source: RegistrySource, sourceRef: string, institutionId: number): Promise<PersonMatch>;
  /**
   * Registers a file's reports in the caller's transaction (the MPI's batch registration), with the same decisions
   * as registering them one by one in order; nothing stays if the caller rolls back.
   */
  registerBatch(tx: Transaction<DB>, actor: Actor, reports: readonly PersonReport[], progress?: (done: number, total: number) => void | Promise<void>): Promise<PersonBatch>;
}

/**
 * A person the MPI refused (e.g. an identity number already held by a person it did not link to): the row is
 * reported like any bad cell and the file is not registered (nothing of the file stays, persons included).
 */
export function mpiRowError(row: number, error: unknown): RowError {
  const e = toAppError(error);
  const detail = (error as { detail?: unknown } | null)?.detail;
  const column = typeof detail === 'string' && detail.includes('resident_id') ? 'resident_id' : (e.errors[0]?.field ?? 'name');
  const reason = e.code === 'internal' ? (error instanceof Error ? error.message : 'error') : e.message;
  return { row, column, code: 'mpi', message: `${column}: the master patient index could not register this person (${reason})`, messageZh: '人员主索引无法登记此人' };
}
