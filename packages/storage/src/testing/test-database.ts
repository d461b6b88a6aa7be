import { randomBytes } from 'node:crypto';
import { openDatabase, type Database } from '../database.ts';
import { loadMigrations, migrate } from '../migrate.ts';

/**
 * The integration suite runs on PGlite (in memory) by default and on a PostgreSQL server when
 * ONCONET_TEST_DATABASE_URL is set, each test file in a fresh schema of its own.
 */
export function testDatabaseKind(): 'pglite' | 'postgres' {
  return process.env.ONCONET_TEST_DATABASE_URL ? 'postgres' : 'pglite';
}

/** `upTo`: apply the migrations up to this version only (a migration's test fills the tables it changes first). */
export async function openTestDatabase(options: { readonly upTo?: number } = {}): Promise<Database> {
  const url = process.env.ONCONET_TEST_DATABASE_URL;
  const schema = url ? `test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}` : undefined;
  const database = await openDatabase({ databaseUrl: url ?? null, dataDir: null, ...(schema ? { schema, poolSize: 4 } : {}) });
  await migrate(database, loadMigrations().filter((m) => options.upTo === undefined || m.version <= options.upTo));
  if (!schema) return database;
  return {
    ...database,
    close: async () => {
      await database.exec(`DROP SCHEMA "${schema}" CASCADE`);
      await database.close();
    },
  };
}
