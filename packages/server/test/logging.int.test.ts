import { Writable } from 'node:stream';
import { createServices } from '@onconet/services';
import { openTestDatabase, testDatabaseKind } from '@onconet/storage/testing/test-database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { createTestNetwork, headers, login, TEST_HASH_COST, TEST_PASSWORD, type TestNetwork } from './test-network.ts';

describe(`logs carry no personal data or secrets (${testDatabaseKind()})`, () => {
  let net: TestNetwork;
  const lines: string[] = [];
  let app: Awaited<ReturnType<typeof buildApp>>;

  beforeAll(async () => {
    net = await createTestNetwork();
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    // A second app over the same services, logging at trace level into memory.
    app = await buildApp({ services: net.services, logger: { level: 'trace', stream }, webRoot: null });
  });
  afterAll(async () => {
    await app.close();
    await net.close();
  });

  it('logs method, path and status, never the query string, the body or the password', async () => {
    const session = await login(app, 'system-admin');
    await app.inject({ url: `/api/persons?q=${encodeURIComponent('云阳乙')}`, headers: headers(session) });
    await app.inject({ method: 'POST', url: '/api/persons', headers: headers(session), payload: { name: '秘密病人', sex: 1, birthDate: '1970-01-01', residentId: '11010519491231002X' } });
    const log = lines.join('');
    expect(log).toContain('/api/persons');
    expect(log).toContain('"statusCode"');
    for (const secret of ['云阳乙', encodeURIComponent('云阳乙'), '秘密病人', '11010519491231002X', TEST_PASSWORD, session.cookie.split('=')[1]!]) {
      expect(log).not.toContain(secret);
    }
  });

  it('answers a 500 as problem+json without internals', async () => {
    const database = await openTestDatabase();
    const services = createServices(database, { auditKey: 'k', hashCost: TEST_HASH_COST });
    const broken = await buildApp({ services, logger: false, webRoot: null });
    await database.close(); // every query now fails
    const response = await broken.inject({ url: '/healthz' });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toMatchObject({ status: 500, detail: 'internal error', code: 'internal' });
    await broken.close();
  });
});
