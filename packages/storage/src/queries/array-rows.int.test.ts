import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../database.ts';
import { openTestDatabase, testDatabaseKind } from '../testing/test-database.ts';
import { insertArrayRows } from './array-rows.ts';

describe(`insertArrayRows on ${testDatabaseKind()}`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
    await sql`CREATE TABLE array_probe (id bigint PRIMARY KEY, note text, n double precision, d date, doc json, tags text[], small smallint DEFAULT 7)`.execute(database.db);
  });
  afterAll(async () => database.close());

  it('property: any text, number, date, document and text list arrives unchanged', async () => {
    let next = 0;
    const row = fc.record({
      note: fc.option(fc.string({ unit: 'binary' }).map((s) => s.replace(/\0/g, '')), { nil: null }),
      n: fc.option(fc.double({ noNaN: true, noDefaultInfinity: true }), { nil: null }),
      d: fc.option(fc.date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }).map((x) => x.toISOString().slice(0, 10)), { nil: null }),
      doc: fc.option(fc.dictionary(fc.string(), fc.string().map((s) => s.replace(/\0/g, ''))), { nil: null }),
      tags: fc.option(fc.array(fc.string().map((s) => s.replace(/\0/g, '')), { maxLength: 4 }), { nil: null }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 30 }), async (rows) => {
        const given = rows.map((r) => ({ ...r, id: ++next }));
        await insertArrayRows(database.db, 'array_probe', { id: 'bigint', note: 'text', n: 'double precision', d: 'date', doc: 'json', tags: 'text[]' }, given);
        const back = await sql<{ id: number; note: string | null; n: number | null; d: string | null; doc: unknown; tags: string[] | null; small: number }>`
          SELECT * FROM array_probe WHERE id >= ${given[0]!.id} ORDER BY id`.execute(database.db);
        expect(back.rows).toEqual(given.map((g) => ({ ...g, n: g.n === null ? null : g.n === 0 ? 0 : g.n, small: 7 })));
      }),
      { numRuns: 60 },
    );
  });

  it('refuses a table or column name that is not a plain identifier', async () => {
    await expect(insertArrayRows(database.db, 'array_probe; drop table person', { id: 'bigint' }, [{ id: 1 }])).rejects.toThrow(/identifier/);
  });
});
