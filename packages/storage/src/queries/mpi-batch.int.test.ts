import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../database.ts';
import { openTestDatabase, testDatabaseKind } from '../testing/test-database.ts';
import { plainArray, textArray } from './array-rows.ts';

describe(`array parameters of the MPI batch queries (${testDatabaseKind()})`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => database.close());

  it('reach the server as the values they were, whatever characters the text holds', async () => {
    const texts = ['张三', '', 'NULL', null, 'a,b', '{x}', ' padded ', 'say "hi"', 'back\\slash', '\\"', '[{"kind":"mrn","value":"M-1"}]', 'line\nbreak'];
    const numbers = [1, -2, 9007199254740991, 0.125, 1e-7, null];
    const keys = ['-9223372036854775808', '9223372036854775807', '0'];
    const dates = ['2024-02-29', null];
    const { rows } = await sql<{ t: Array<string | null>; n: Array<number | null>; k: string[]; d: Array<string | null> }>`
      SELECT ${textArray(texts)}::text[] AS t, ${plainArray(numbers)}::float8[] AS n, (${plainArray(keys)}::bigint[])::text[] AS k, ${plainArray(dates)}::date[]::text[] AS d`.execute(database.db);
    expect(rows[0]).toEqual({ t: texts, n: numbers, k: keys, d: dates });
  });
});
