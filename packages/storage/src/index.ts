export * from './database.ts';
export * from './migrate.ts';
export type * from './schema.ts';
export * from './queries/scope-filter.ts';
export * from './queries/persons.ts';
export * from './queries/institutions.ts';
export * from './queries/mpi.ts';
