/**
 * Multi-row UPDATE of thousands of rows as one JSON parameter: `json_populate_recordset` turns it into rows of the
 * table's own type on the server, so a statement has one parameter whatever its rows and columns (a VALUES list has
 * one per cell, capped at 65,535). Same on PostgreSQL and PGlite. Inserts go as arrays instead (array-rows.ts):
 * PostgreSQL reads those faster, and the columns of an update vary with the caller.
 */
import { sql, type RawBuilder } from 'kysely';

type Executor = Parameters<RawBuilder<unknown>['execute']>[0];

/** Rows per statement. */
const ROWS = 5000;

const identifier = (name: string): string => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain SQL identifier: ${name}`);
  return `"${name}"`;
};

function givenColumns(rows: ReadonlyArray<Readonly<Record<string, unknown>>>): string[] {
  const given = new Set<string>();
  for (const r of rows) for (const c in r) if (r[c] !== undefined) given.add(c);
  return [...given];
}

/**
 * The rows as one JSON array. json/jsonb columns take the document itself; one given already serialised (as
 * Kysely takes them) is parsed first so that it is stored as the document, not as a string. Rows without such a
 * string are serialised as they are (no copy: this runs for millions of rows an import).
 */
function rowsJson(rows: ReadonlyArray<Readonly<Record<string, unknown>>>, jsonColumns: readonly string[]): string {
  const serialised = (r: Readonly<Record<string, unknown>>) => jsonColumns.some((c) => typeof r[c] === 'string');
  if (!rows.some(serialised)) return JSON.stringify(rows);
  return JSON.stringify(rows.map((r) => (serialised(r) ? { ...r, ...Object.fromEntries(jsonColumns.filter((c) => typeof r[c] === 'string').map((c) => [c, JSON.parse(r[c] as string) as unknown])) } : r)));
}

/**
 * Sets the given columns of the rows whose `key` column matches, one statement per 5,000 rows. Every row must give
 * the same columns: a column one row gives is set on all of them (NULL where a row leaves it out).
 */
export async function updateJsonRows(
  db: Executor,
  table: string,
  key: string,
  rows: ReadonlyArray<Readonly<Record<string, unknown>>>,
  options: { readonly jsonColumns?: readonly string[] } = {},
): Promise<void> {
  if (rows.length === 0) return;
  const target = sql.raw(identifier(table));
  const keyColumn = sql.raw(identifier(key));
  const columns = givenColumns(rows).filter((c) => c !== key);
  if (columns.length === 0) return;
  const assignments = sql.raw(columns.map((c) => `${identifier(c)} = s.${identifier(c)}`).join(', '));
  for (let i = 0; i < rows.length; i += ROWS) {
    const doc = rowsJson(rows.slice(i, i + ROWS), options.jsonColumns ?? []);
    await sql`UPDATE ${target} AS t SET ${assignments} FROM json_populate_recordset(NULL::${target}, ${doc}::json) AS s WHERE t.${keyColumn} = s.${keyColumn}`.execute(db);
  }
}
