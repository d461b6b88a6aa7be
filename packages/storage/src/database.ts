import { mkdirSync } from 'node:fs';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { PGliteDialect } from './pglite-dialect.ts';
import { pipelinedTransactions, plainBulkTransactions, type BulkTransaction } from './pipelined-transaction.ts';
import type { DB } from './schema.ts';

export type DatabaseKind = 'pglite' | 'postgres';

export interface DatabaseConfig {
  /** postgres://… selects a PostgreSQL server; otherwise PGlite in `dataDir` (or in memory when null). */
  readonly databaseUrl?: string | null;
  readonly dataDir?: string | null;
  /** Schema to use on PostgreSQL (tests use a fresh one per run); created when missing. */
  readonly schema?: string;
  readonly poolSize?: number;
}

export interface Database {
  readonly kind: DatabaseKind;
  readonly db: Kysely<DB>;
  /** Runs a multi-statement SQL script (migrations, demo loading). */
  exec(script: string): Promise<void>;
  /**
   * Bulk-loads CSV text (no header) with COPY, the fastest way in on both engines. Chunks are fed as
   * they come, so a caller can stream millions of rows without holding them; returns the rows loaded.
   */
  copyCsv(table: string, columns: readonly string[], chunks: AsyncIterable<string> | Iterable<string>): Promise<number>;
  /**
   * A transaction for bulk work (imports): on PostgreSQL its statements are pipelined (pipelined-transaction.ts);
   * PGlite runs in this process, so there it is an ordinary transaction.
   */
  readonly bulkTransaction: BulkTransaction;
  close(): Promise<void>;
}

const INT8 = 20;
const DATE = 1082;

/** Same value shapes from both engines: bigint ids as numbers (ids stay below 2^53), dates as 'YYYY-MM-DD'. */
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8) return (value: string) => Number(value);
    if (oid === DATE) return (value: string) => value;
    return pg.types.getTypeParser(oid, format) as (value: string) => unknown;
  },
};

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl, config.schema, config.poolSize ?? 10);
  return openPGlite(config.dataDir ?? null);
}

async function openPGlite(dataDir: string | null): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    parsers: { [pgliteTypes.INT8]: (v: string) => Number(v), [pgliteTypes.DATE]: (v: string) => v },
  });
  const db = new Kysely<DB>({ dialect: new PGliteDialect(client) });
  return {
    kind: 'pglite',
    db,
    bulkTransaction: plainBulkTransactions(db),
    exec: async (script) => {
      // Through Kysely's connection so the script waits its turn on PGlite's single connection.
      await db.connection().execute(async (conn) => {
        await sql.raw(script).execute(conn);
      });
    },
    copyCsv: async (table, columns, chunks) => {
      // PGlite reads COPY input from a Blob; one COPY per chunk keeps memory bounded.
      let rows = 0;
      const statement = `COPY ${ident(table)} (${columns.map(ident).join(', ')}) FROM '/dev/blob' WITH (FORMAT csv)`;
      await db.connection().execute(async () => {
        for await (const chunk of chunks) {
          if (chunk.length === 0) continue;
          const result = await client.query(statement, [], { blob: new Blob([chunk]) });
          rows += result.affectedRows ?? 0;
        }
      });
      return rows;
    },
    close: async () => {
      await db.destroy();
      await client.close();
    },
  };
}

async function openPostgres(url: string, schema: string | undefined, poolSize: number): Promise<Database> {
  if (schema) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA IF NOT EXISTS "${schema.replace(/"/g, '')}"`);
    await admin.end();
  }
  const options = {
    connectionString: url,
    types: pgTypes,
    ...(schema ? { options: `-c search_path="${schema.replace(/"/g, '')}",public` } : {}),
  };
  const pool = new pg.Pool({ ...options, max: poolSize });
  // Imports are few at a time and long: a small pool of their own, its connections in pipeline mode.
  const bulkPool = new pg.Pool({ ...options, max: 2, pipeline: true });
  const dialect = new PostgresDialect({ pool });
  const db = new Kysely<DB>({ dialect });
  return {
    kind: 'postgres',
    db,
    bulkTransaction: pipelinedTransactions(db, dialect, bulkPool),
    exec: async (script) => {
      const client = await pool.connect();
      try {
        await client.query(script);
      } finally {
        client.release();
      }
    },
    copyCsv: async (table, columns, chunks) => {
      const client = await pool.connect();
      try {
        const stream = client.query(copyFrom(`COPY ${ident(table)} (${columns.map(ident).join(', ')}) FROM STDIN WITH (FORMAT csv)`));
        const done = new Promise<void>((resolve, reject) => {
          stream.on('finish', resolve);
          stream.on('error', reject);
        });
        for await (const chunk of chunks) {
          if (!stream.write(chunk)) await new Promise<void>((resolve) => stream.once('drain', resolve));
        }
        stream.end();
        await done;
        return Number(stream.rowCount ?? 0);
      } finally {
        client.release();
      }
    },
    close: async () => {
      await db.destroy();
      await bulkPool.end();
    },
  };
}

/** Table and column names in COPY statements come from code, never from input; quoting keeps them exact. */
function ident(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain SQL identifier: ${name}`);
  return `"${name}"`;
}

/** Quotes one CSV field for COPY (FORMAT csv): empty unquoted means NULL, "" means the empty string. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) || text === '' ? `"${text.replace(/"/g, '""')}"` : text;
}
