import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './database.ts';
import { loadMigrations, migrate } from './migrate.ts';
import { openTestDatabase, testDatabaseKind } from './testing/test-database.ts';

describe(`migrations on ${testDatabaseKind()}`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => database.close());

  it('applies every migration once and is idempotent on a second run', async () => {
    const versions = (await database.db.selectFrom('schema_migration').select('version').orderBy('version').execute()).map((r) => r.version);
    expect(versions).toEqual(loadMigrations().map((m) => m.version));
    expect(await migrate(database)).toEqual([]);
  });

  it('refuses to update or delete audit rows', async () => {
    await sql`insert into audit_log (seq, ts, action, outcome, prev_hash, hash) values (1, now(), 'test', 'success', 'a', 'b')`.execute(database.db);
    await expect(sql`update audit_log set action = 'edited'`.execute(database.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(database.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_log`.execute(database.db)).rejects.toThrow(/append-only/);
  });

  it('returns bigint ids as numbers and dates as ISO strings on both engines', async () => {
    const row = await sql<{ n: number; d: string }>`select 9007199254740::bigint as n, date '2024-02-29' as d`.execute(database.db);
    expect(row.rows[0]).toEqual({ n: 9007199254740, d: '2024-02-29' });
  });
});
