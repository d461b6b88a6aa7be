/**
 * Reserves `count` ids of a table's identity column in one statement, so that a bulk insert can give them (and
 * rows can refer to each other before they are written). The sequence is looked up once per statement, not once
 * per id, and the ids come back as runs (first id, length): a run is one row, whatever the count.
 */
import { sql, type RawBuilder } from 'kysely';

type Executor = Parameters<RawBuilder<unknown>['execute']>[0];

export async function reserveSequenceIds(db: Executor, table: string, count: number): Promise<number[]> {
  if (count === 0) return [];
  const { rows } = await sql<{ first: number; n: number }>`
    WITH s AS MATERIALIZED (SELECT pg_get_serial_sequence(${table}, 'id')::regclass AS seq),
         ids AS (SELECT nextval(s.seq) AS id FROM s, generate_series(1, ${count}::int))
    SELECT min(id) AS first, count(*)::int AS n FROM (SELECT id, id - row_number() OVER (ORDER BY id) AS run FROM ids) t GROUP BY run ORDER BY 1`.execute(db);
  const ids = new Array<number>(count);
  let i = 0;
  for (const r of rows) for (let k = 0; k < r.n; k++) ids[i++] = Number(r.first) + k;
  return ids;
}
