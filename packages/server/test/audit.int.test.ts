import { sql } from 'kysely';
import { testDatabaseKind } from '@onconet/storage/testing/test-database';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestNetwork, headers, login, type TestNetwork } from './test-network.ts';

/** Tampering needs the append-only trigger out of the way, as a DBA with table rights could do. */
async function tamper(net: TestNetwork, statement: string): Promise<void> {
  await sql.raw(`ALTER TABLE audit_log DISABLE TRIGGER USER; ${statement}; ALTER TABLE audit_log ENABLE TRIGGER USER;`).execute(net.services.database.db);
}

describe(`audit hash chain (${testDatabaseKind()})`, () => {
  let net: TestNetwork;
  beforeEach(async () => {
    net = await createTestNetwork();
  });
  afterEach(async () => net.close());

  const verify = () => net.services.auditLog.verify();

  it('records reads and writes of persons and verifies intact', async () => {
    const session = await login(net.app, 'registrar');
    await net.app.inject({ url: `/api/persons/${net.persons.hubA}`, headers: headers(session) });
    await net.app.inject({ url: `/api/persons?q=${encodeURIComponent('云阳')}`, headers: headers(session) });
    const rows = await net.services.database.db.selectFrom('audit_log').select(['action', 'person_id', 'actor_username']).where('actor_username', '=', 'registrar').execute();
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['auth.login', 'person.read', 'person.search']));
    expect(rows.find((r) => r.action === 'person.read')?.person_id).toBe(net.persons.hubA);
    const result = await verify();
    expect(result).toMatchObject({ ok: true, problems: [] });
    expect(result.checked).toBeGreaterThan(10);
  });

  it('detects an edited row', async () => {
    await tamper(net, `UPDATE audit_log SET actor_username = 'someone-else' WHERE seq = 3`);
    expect((await verify()).problems).toContainEqual({ kind: 'hash', seq: 3 });
  });

  it('detects an edited detail even when keys are reordered by JSONB', async () => {
    await tamper(net, `UPDATE audit_log SET detail = '{"code":"FORGED"}' WHERE seq = 1`);
    expect((await verify()).problems).toContainEqual({ kind: 'hash', seq: 1 });
  });

  it('detects a deleted row', async () => {
    await tamper(net, `DELETE FROM audit_log WHERE seq = 4`);
    const problems = (await verify()).problems;
    expect(problems).toContainEqual({ kind: 'gap', seq: 5, expected: 4 });
    expect(problems).toContainEqual({ kind: 'link', seq: 5 });
  });

  it('detects a deleted tail', async () => {
    const head = await net.services.database.db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow();
    await tamper(net, `DELETE FROM audit_log WHERE seq = ${Number(head.seq)}`);
    expect((await verify()).problems).toContainEqual({ kind: 'head', seq: Number(head.seq) });
  });

  it('detects an inserted row, even one with a recomputed plain SHA-256 link', async () => {
    const row = await net.services.database.db.selectFrom('audit_log').selectAll().where('seq', '=', 2).executeTakeFirstOrThrow();
    await tamper(net, `UPDATE audit_log SET seq = seq + 1000000 WHERE seq >= 3`);
    await tamper(
      net,
      `INSERT INTO audit_log (seq, ts, action, outcome, prev_hash, hash) VALUES (3, now(), 'forged', 'success', '${row.hash}', encode(sha256('x'::bytea), 'hex'))`,
    );
    const problems = (await verify()).problems;
    expect(problems).toContainEqual({ kind: 'hash', seq: 3 });
  });

  it('lets an auditor page through and filter the log over HTTP', async () => {
    const auditor = await login(net.app, 'auditor');
    const first = await net.app.inject({ url: '/api/audit?limit=3&action=person', headers: headers(auditor) });
    const page = first.json<{ items: Array<{ seq: number; action: string }>; nextBefore: number }>();
    expect(page.items).toHaveLength(3);
    expect(page.items.every((i) => i.action.startsWith('person'))).toBe(true);
    const second = await net.app.inject({ url: `/api/audit?limit=3&action=person&before=${page.nextBefore}`, headers: headers(auditor) });
    expect(second.json<{ items: Array<{ seq: number }> }>().items.every((i) => i.seq < page.nextBefore)).toBe(true);
    const byPerson = await net.app.inject({ url: `/api/audit?personId=${net.persons.core}`, headers: headers(auditor) });
    expect(byPerson.json<{ items: Array<{ personId: number }> }>().items.every((i) => i.personId === net.persons.core)).toBe(true);
    expect((await net.app.inject({ url: '/api/audit/verify', headers: headers(auditor) })).json()).toMatchObject({ ok: true });
  });
});
