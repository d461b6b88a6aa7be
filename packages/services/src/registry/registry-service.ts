/**
 * The population-based cancer registry's use cases (issue 4): imports of notifications and deaths, the
 * registrar's worklists and decisions, trace-back and DCO, data quality and exports. Every read and write of
 * personal data is filtered by the actor's scope and audited; aggregates need only `stats.read`.
 */
import type { ResolvedScope } from '@onconet/domain';
import { registryDb, type RegistryDB } from '@onconet/storage/queries/registry-tables';
import type { DB } from '@onconet/storage';
import type { Kysely } from 'kysely';
import type { AuditWriter } from '../audit/audit-writer.ts';
import type { Clock } from '../clock.ts';
import { requirePermission, type Actor } from '../context.ts';
import { AppError } from '../errors.ts';
import { importDeaths, type DeathImportReport } from './death-import.ts';
import type { ImportContext } from './import-batch.ts';
import { importNotifications, type ImportReport, type ProgressFn } from './notification-import.ts';
import type { PersonMatcher } from './person-matcher.ts';

export interface RegistryConfig {
  /** Days a trace-back task stays open before the death is registered as DCO (NCCR practice: follow back within the year). */
  readonly tracebackDays?: number;
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

  constructor(
    db: Kysely<DB>,
    readonly audit: AuditWriter,
    readonly clock: Clock,
    readonly matcher: PersonMatcher,
    config: RegistryConfig = {},
  ) {
    this.db = registryDb(db);
    this.tracebackDays = config.tracebackDays ?? DEFAULT_TRACEBACK_DAYS;
  }

  today(): string {
    return this.clock.now().toISOString().slice(0, 10);
  }

  context(): ImportContext & { db: Kysely<RegistryDB>; matcher: PersonMatcher } {
    return { db: this.db, audit: this.audit, today: () => this.today(), institutionAllowed: (a, id) => institutionAllowed(a.scope, id), matcher: this.matcher };
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
    return importNotifications(this.context(), actor, { fileName: file.fileName, bytes: file.bytes, institutionId }, progress);
  }

  async importDeaths(actor: Actor, file: { fileName: string; bytes: Uint8Array; institutionId?: number }, progress?: ProgressFn): Promise<DeathImportReport> {
    const institutionId = this.importingInstitution(actor, file.institutionId);
    return importDeaths({ ...this.context(), tracebackDays: this.tracebackDays }, actor, { fileName: file.fileName, bytes: file.bytes, institutionId }, progress);
  }
}
