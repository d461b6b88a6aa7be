import { testDatabaseKind } from '@onconet/storage/testing/test-database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestNetwork, type TestNetwork } from './test-network.ts';

describe(`OpenAPI document, API docs and health (${testDatabaseKind()})`, () => {
  let net: TestNetwork;
  beforeAll(async () => {
    net = await createTestNetwork();
  });
  afterAll(async () => net.close());

  it('publishes an OpenAPI 3.1 document with request and response schemas', async () => {
    const doc = (await net.app.inject({ url: '/api/openapi.json' })).json<{ openapi: string; paths: Record<string, Record<string, { requestBody?: unknown; responses: Record<string, unknown> }>> }>();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/api/persons']?.post?.requestBody).toBeDefined();
    expect(Object.keys(doc.paths['/api/persons']?.post?.responses ?? {})).toEqual(expect.arrayContaining(['201', '400', '403']));
  });

  it('serves the interactive docs', async () => {
    const response = await net.app.inject({ url: '/api/docs/' });
    expect([200, 302]).toContain(response.statusCode);
    const page = response.statusCode === 302 ? await net.app.inject({ url: response.headers.location as string }) : response;
    expect(page.body).toMatch(/swagger/i);
  });

  it('answers /healthz and problem+json 404s for unknown API routes', async () => {
    expect((await net.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok', database: testDatabaseKind() });
    const missing = await net.app.inject({ url: '/api/nothing-here' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
  });
});
