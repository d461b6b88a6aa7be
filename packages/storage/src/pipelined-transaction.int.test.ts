import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './database.ts';
import { openTestDatabase, testDatabaseKind } from './testing/test-database.ts';

describe(`bulkTransaction on ${testDatabaseKind()}`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
    await sql`CREATE TABLE bulk_probe (id int PRIMARY KEY, note text NOT NULL)`.execute(database.db);
  });
  afterAll(async () => database.close());

  const notes = async () => (await sql<{ id: number; note: string }>`SELECT id, note FROM bulk_probe ORDER BY id`.execute(database.db)).rows;

  it('runs statements issued together in the order issued, and commits them', async () => {
    await database.bulkTransaction(async (tx) => {
      // Not awaited one by one: the second and third depend on the first having run before them.
      await Promise.all([
        sql`INSERT INTO bulk_probe VALUES (1, 'a'), (2, 'b')`.execute(tx),
        sql`UPDATE bulk_probe SET note = note || '+' WHERE id = 1`.execute(tx),
        sql`DELETE FROM bulk_probe WHERE id = 2`.execute(tx),
      ]);
      const inside = await tx.selectFrom('bulk_probe' as never).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
      expect(inside).toEqual({ n: 1 });
    });
    expect(await notes()).toEqual([{ id: 1, note: 'a+' }]);
  });

  it('reports affected rows as Kysely does', async () => {
    const result = await database.bulkTransaction((tx) => sql`UPDATE bulk_probe SET note = note WHERE id = 1`.execute(tx));
    expect(result.numAffectedRows).toBe(1n);
  });

  it('turns JIT off for its statements', async () => {
    const jit = await database.bulkTransaction(async (tx) => (await sql<{ jit: string }>`SELECT current_setting('jit') AS jit`.execute(tx)).rows[0]!.jit);
    expect(jit).toBe('off');
  });

  it('rolls everything back when a statement fails, statements sent after it included, and the pool stays usable', async () => {
    await expect(
      database.bulkTransaction(async (tx) => {
        const sent = [
          sql`INSERT INTO bulk_probe VALUES (10, 'kept?')`.execute(tx),
          sql`INSERT INTO bulk_probe VALUES (11, NULL)`.execute(tx),
          sql`INSERT INTO bulk_probe VALUES (12, 'after')`.execute(tx),
        ];
        const settled = await Promise.allSettled(sent);
        expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
        throw (settled[1] as PromiseRejectedResult).reason;
      }),
    ).rejects.toThrow(/null value in column "note"/);
    expect(await notes()).toEqual([{ id: 1, note: 'a+' }]);
    // Every connection of the bulk pool is still good for the next transaction.
    await Promise.all([1, 2, 3].map((n) => database.bulkTransaction((tx) => sql`INSERT INTO bulk_probe VALUES (${20 + n}, 'again')`.execute(tx))));
    expect((await notes()).map((r) => r.id)).toEqual([1, 21, 22, 23]);
  });

  it('rolls back when the callback throws', async () => {
    await expect(
      database.bulkTransaction(async (tx) => {
        await sql`INSERT INTO bulk_probe VALUES (30, 'lost')`.execute(tx);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect((await notes()).map((r) => r.id)).not.toContain(30);
  });

  it.runIf(testDatabaseKind() === 'postgres')('sends a statement without waiting for JavaScript to read the one before (pipeline mode)', async () => {
    const [first, second] = await database.bulkTransaction(async (tx) => {
      const a = sql<{ at: number }>`SELECT extract(epoch FROM clock_timestamp())::float8 * 1000 AS at`.execute(tx);
      const b = sql<{ at: number }>`SELECT extract(epoch FROM clock_timestamp())::float8 * 1000 AS at`.execute(tx);
      // Both reach the socket at the next turn; then the event loop is kept busy. One statement at a time would
      // send the second only after this block, 300 ms after the first ran.
      await new Promise<void>((resolve) => setImmediate(resolve));
      const until = Date.now() + 300;
      while (Date.now() < until);
      return Promise.all([a, b]);
    });
    const gapMs = second.rows[0]!.at - first.rows[0]!.at;
    expect(gapMs).toBeLessThan(300);
  });
});
