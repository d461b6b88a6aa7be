import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Database } from './database.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations/', import.meta.url));

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** Migrations are `NNNN_name.sql`, forward-only, applied in order; a file once applied is never edited. */
export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => ({ version: Number(file.slice(0, 4)), name: file.replace(/\.sql$/, ''), sql: readFileSync(dir + file, 'utf8') }));
}

/** Applies pending migrations, each in its own transaction, under an advisory lock so two servers cannot race. */
export async function migrate(database: Database, migrations = loadMigrations()): Promise<number[]> {
  await database.exec(`CREATE TABLE IF NOT EXISTS schema_migration (
    version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  const applied: number[] = [];
  await database.db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(7301001)`.execute(conn);
    try {
      const done = new Set((await conn.selectFrom('schema_migration').select('version').execute()).map((r) => r.version));
      for (const migration of migrations) {
        if (done.has(migration.version)) continue;
        await sql.raw('BEGIN').execute(conn);
        try {
          await sql.raw(migration.sql).execute(conn);
          await conn.insertInto('schema_migration').values({ version: migration.version, name: migration.name }).execute();
          await sql.raw('COMMIT').execute(conn);
        } catch (error) {
          await sql.raw('ROLLBACK').execute(conn);
          throw new Error(`migration ${migration.name} failed: ${(error as Error).message}`, { cause: error });
        }
        applied.push(migration.version);
      }
    } finally {
      await sql`select pg_advisory_unlock(7301001)`.execute(conn);
    }
  });
  return applied;
}
