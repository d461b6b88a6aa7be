/**
 * Multi-row INSERT of thousands of rows as one JSON parameter: `json_populate_recordset` turns it into rows of the
 * table's own type on the server, so a statement has one parameter whatever its rows and columns (a VALUES list
 * has one per cell, capped at 65,535, and costs far more to build and parse). Same on PostgreSQL and PGlite.
 */
import { sql, type RawBuilder } from 'kysely';

type Executor = Parameters<RawBuilder<unknown>['execute']>[0];

/** Rows per statement. */
const ROWS = 5000;

/**
 * Inserts `rows`: the columns are those any row gives (a row without one gives NULL; a column no row gives takes
 * its default).
 * `jsonColumns` are json/jsonb columns whose values are given already serialised (as Kysely takes them).
 * `suffix` is appended to each statement (e.g. an ON CONFLICT clause).
 */
export async function insertJsonRows(
  db: Executor,
  table: string,
  rows: ReadonlyArray<Readonly<Record<string, unknown>>>,
  options: { readonly jsonColumns?: readonly string[]; readonly suffix?: RawBuilder<unknown> } = {},
): Promise<void> {
  if (rows.length === 0) return;
  if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new Error(`not a plain SQL identifier: ${table}`);
  const given = new Set<string>();
  for (const r of rows) for (const c in r) if (r[c] !== undefined) given.add(c);
  const columns = [...given];
  for (const c of columns) if (!/^[a-z_][a-z0-9_]*$/.test(c)) throw new Error(`not a plain SQL identifier: ${c}`);
  const json = new Set(options.jsonColumns ?? []);
  const list = sql.raw(columns.map((c) => `"${c}"`).join(', '));
  for (let i = 0; i < rows.length; i += ROWS) {
    const part = rows.slice(i, i + ROWS);
    const doc = JSON.stringify(
      part.map((r) => {
        const o: Record<string, unknown> = {};
        for (const c of columns) {
          const v = r[c];
          // A json column's value arrives serialised; embedded as JSON it is stored as the document, not as a string.
          o[c] = json.has(c) && typeof v === 'string' ? (JSON.parse(v) as unknown) : v instanceof Date ? v.toISOString() : (v ?? null);
        }
        return o;
      }),
    );
    await sql`INSERT INTO ${sql.raw(`"${table}"`)} (${list}) SELECT ${list} FROM json_populate_recordset(NULL::${sql.raw(`"${table}"`)}, ${doc}::json) ${options.suffix ?? sql``}`.execute(db);
  }
}
