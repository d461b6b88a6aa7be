export * from './app-services.ts';
export * from './context.ts';
export * from './errors.ts';
export * from './clock.ts';
export type { AuditFilter, VerifyResult } from './audit/audit-service.ts';
export { hashPassword, DEFAULT_HASH_COST, type HashCost } from './auth/passwords.ts';
export type { InstitutionInput } from './network/network-service.ts';
export { RECORD_SOURCES, type RecordSource, type MatchResult, type RegisterResult } from './mpi/mpi-service.ts';
export { REVIEW_STATUSES, type ReviewStatus } from './mpi/review-service.ts';
