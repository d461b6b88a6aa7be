/**
 * A transaction whose statements are pipelined, for bulk work on PostgreSQL (a province-year of notifications).
 *
 * Kysely runs a transaction's statements one at a time: each is sent only after the one before has come back and
 * JavaScript has had its turn. An import keeps two chains of statements going on its transaction (the MPI's and
 * consolidation's, import-pipeline.ts) while JavaScript scores and validates, so the server sat idle whenever the
 * event loop was busy — an import took about as long as the database's and JavaScript's work added up. Here every
 * statement goes on the wire as soon as it is issued (node-postgres's pipeline mode, the extended protocol with a
 * Sync after each statement), in the order issued; results come back in that order.
 *
 * What a caller must know: statements it issues without awaiting each other run in the order it issued them, and
 * a statement that fails aborts the transaction, so every statement sent after it fails too (the transaction is
 * rolled back when the callback throws). Cursors (streamQuery) are not available.
 */
import { sql, Transaction, type DatabaseConnection, type Dialect, type Kysely, type QueryResult } from 'kysely';
import type pg from 'pg';
import type { DB } from './schema.ts';

export type BulkTransaction = <T>(fn: (tx: Transaction<DB>) => Promise<T>) => Promise<T>;

/**
 * Settings of every bulk transaction. A bulk statement carries thousands of values, which lifts its estimated cost
 * over jit_above_cost: PostgreSQL spent more time compiling such statements than running them (a province-year of
 * notifications took 101 s with JIT, 74 s without).
 */
async function bulkSettings(tx: Transaction<DB>): Promise<void> {
  await sql`SET LOCAL jit = off`.execute(tx);
}

/** An ordinary transaction with the bulk settings (PGlite, and services given no pipelined one). */
export function plainBulkTransactions(db: Kysely<DB>): BulkTransaction {
  return (fn) =>
    db.transaction().execute(async (tx) => {
      await bulkSettings(tx);
      return fn(tx);
    });
}

const WRITES = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE']);

/** A transaction on a connection of `pool`, which must be created with `pipeline: true`. */
export function pipelinedTransactions(db: Kysely<DB>, dialect: Dialect, pool: pg.Pool): BulkTransaction {
  // Kysely's props want a driver; a transaction never calls it (its own begin/commit/release are refused).
  const driver = dialect.createDriver();
  return async <T>(fn: (tx: Transaction<DB>) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
    } catch (error) {
      client.release(error as Error);
      throw error;
    }
    const connection: DatabaseConnection = {
      async executeQuery<R>(query: { sql: string; parameters: readonly unknown[] }): Promise<QueryResult<R>> {
        const result = await client.query(query.sql, [...query.parameters]);
        return { rows: (result.rows ?? []) as R[], ...(WRITES.has(result.command) ? { numAffectedRows: BigInt(result.rowCount ?? 0) } : {}) };
      },
      // eslint-disable-next-line require-yield
      async *streamQuery() {
        throw new Error('cursors are not available in a pipelined transaction');
      },
    };
    const executor = db.getExecutor().withConnectionProvider({ provideConnection: (consume) => consume(connection) });
    const tx = new Transaction<DB>({ config: { dialect }, dialect, driver, executor });
    try {
      await bulkSettings(tx);
      const result = await fn(tx);
      await client.query('COMMIT');
      client.release();
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
        client.release();
      } catch (rollbackError) {
        // A connection that cannot roll back is not given back to the pool.
        client.release(rollbackError as Error);
      }
      throw error;
    }
  };
}
