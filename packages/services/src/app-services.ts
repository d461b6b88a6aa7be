import type { PasswordProfile } from '@onconet/domain';
import type { Database } from '@onconet/storage';
import { AuditService } from './audit/audit-service.ts';
import { AuditWriter } from './audit/audit-writer.ts';
import { AuthService } from './auth/auth-service.ts';
import { DEFAULT_HASH_COST, type HashCost } from './auth/passwords.ts';
import { systemClock, type Clock } from './clock.ts';
import { MpiService } from './mpi/mpi-service.ts';
import { MpiModelAdmin } from './mpi/model-admin.ts';
import { MpiReviewService } from './mpi/review-service.ts';
import { NetworkService } from './network/network-service.ts';
import { PersonService } from './persons/person-service.ts';
import { mpiMatcher } from './registry/mpi-matcher.ts';
import { RegistryService } from './registry/registry-service.ts';
import { ScreeningService } from './screening/screening-service.ts';
import { StatisticsService } from './statistics/statistics-service.ts';
import { UserService } from './users/user-service.ts';

export interface ServicesConfig {
  readonly auditKey: string;
  readonly sessionIdleMinutes?: number;
  readonly passwordProfile?: PasswordProfile;
  readonly hashCost?: HashCost;
  readonly clock?: Clock;
}

export interface Services {
  readonly database: Database;
  readonly clock: Clock;
  readonly audit: AuditWriter;
  readonly auditLog: AuditService;
  readonly auth: AuthService;
  readonly network: NetworkService;
  readonly users: UserService;
  readonly persons: PersonService;
  readonly statistics: StatisticsService;
  /** The master patient index: matching (later modules call mpi.match / mpi.register) and its review queue. */
  readonly mpi: MpiService;
  readonly mpiReviews: MpiReviewService;
  /** The linkage model in use: view it, put a trained one in use, train one on the network's source records. */
  readonly mpiModel: MpiModelAdmin;
  /** The population-based cancer registry (issue 4); its persons go through the MPI. */
  readonly registry: RegistryService;
  /** Screening programmes and campaigns (issue 6); target lists go through the MPI, cancers into the registry. */
  readonly screening: ScreeningService;
}

/** Wires the use cases over one database; every interface (HTTP, CLI, tests) builds its services here. */
export function createServices(database: Database, config: ServicesConfig): Services {
  const clock = config.clock ?? systemClock;
  const audit = new AuditWriter(database.db, config.auditKey, clock);
  const network = new NetworkService(database.db, audit);
  const auth = new AuthService(database.db, audit, network, clock, {
    sessionIdleMinutes: config.sessionIdleMinutes ?? 30,
    passwordProfile: config.passwordProfile ?? 'asvs',
    hashCost: config.hashCost ?? DEFAULT_HASH_COST,
  });
  const mpi = new MpiService(database.db, audit, clock);
  return {
    database,
    clock,
    audit,
    auditLog: new AuditService(database.db, audit),
    auth,
    network,
    users: new UserService(database.db, audit, auth),
    persons: new PersonService(database.db, audit, clock, mpi),
    mpi,
    mpiReviews: new MpiReviewService(database.db, audit, mpi),
    mpiModel: new MpiModelAdmin(database.db, audit, mpi),
    registry: new RegistryService(database.db, audit, clock, mpiMatcher(mpi), { bulkTransaction: database.bulkTransaction }),
    statistics: new StatisticsService(database.db, audit, clock),
    screening: new ScreeningService(database.db, audit, clock, mpi, database.bulkTransaction),
  };
}
