import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServices, systemActor } from '@onconet/services';
import { migrate, openDatabase, type Database } from '@onconet/storage';
import { testDatabaseKind } from '@onconet/storage/testing/test-database';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

/** `onconet audit verify` against a real data folder (PGlite) or a PostgreSQL schema, as operators run it. */
describe(`onconet audit verify (${testDatabaseKind()})`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'onconet-audit-'));
  const schema = `cli_${Date.now().toString(36)}`;
  const url = process.env.ONCONET_TEST_DATABASE_URL;
  const env: Record<string, string> = { ONCONET_DATA: dir, ONCONET_AUDIT_KEY: 'cli-test-key', ...(url ? { DATABASE_URL: `${url}?options=${encodeURIComponent(`-c search_path=${schema}`)}` } : { DATABASE_URL: '' }) };
  const open = () => openDatabase(url ? { databaseUrl: url, schema } : { dataDir: join(dir, 'pglite') });
  let database: Database;

  beforeAll(async () => {
    database = await open();
    await migrate(database);
    const services = createServices(database, { auditKey: 'cli-test-key' });
    for (let i = 0; i < 20; i++) await services.audit.record(systemActor(), { action: 'test.event', entityType: null, entityId: String(i), personId: null, institutionId: null, detail: { i } });
    await database.close();
  });
  afterAll(async () => {
    if (url) {
      const db = await open();
      await db.exec(`DROP SCHEMA "${schema}" CASCADE`);
      await db.close();
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('exits 0 and reports an intact chain', () => {
    const run = runCli(['audit', 'verify', '--format', 'json'], env);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ ok: true, checked: 20, problems: [] });
  });

  it('exits 1 and names the edited row after tampering', async () => {
    database = await open();
    await sql.raw(`ALTER TABLE audit_log DISABLE TRIGGER USER; UPDATE audit_log SET entity_id = '999' WHERE seq = 7; ALTER TABLE audit_log ENABLE TRIGGER USER;`).execute(database.db);
    await database.close();
    const run = runCli(['audit', 'verify'], env);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/seq 7: content does not match its hash/);
  });

  it('fails verification with the wrong key', () => {
    const run = runCli(['audit', 'verify', '--format', 'json'], { ...env, ONCONET_AUDIT_KEY: 'another-key' });
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: false });
  });
});
