import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { ApiClient, queryString } from './client.ts';
import { endpoints } from './endpoints.ts';
import { ApiError, normaliseField, parseProblem } from './problem.ts';

interface Call {
  readonly url: string;
  readonly init: RequestInit;
}

function stubFetch(answer: (call: Call) => Response) {
  const calls: Call[] = [];
  const fetchStub = vi.fn((input: RequestInfo | URL, init?: RequestInit) => {
    const call = { url: input instanceof Request ? input.url : input.toString(), init: init ?? {} };
    calls.push(call);
    return Promise.resolve(answer(call));
  });
  return { calls, fetch: fetchStub as unknown as typeof fetch };
}

const problem = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/problem+json' } });
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const headersOf = (call: Call | undefined) => (call?.init.headers ?? {}) as Record<string, string>;

describe('parseProblem', () => {
  it('reads code, detail and the named fields of a problem+json body', () => {
    const error = parseProblem(400, {
      type: 'https://onconet.example/problems/validation',
      title: 'validation',
      status: 400,
      detail: 'residentId: the check digit is wrong',
      code: 'validation',
      errors: [{ field: 'residentId', code: 'residentId.checkDigit', message: 'residentId: the check digit is wrong' }],
    });
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.code).toBe('validation');
    expect(error.detail).toBe('residentId: the check digit is wrong');
    expect(error.forField('residentId').map((e) => e.code)).toEqual(['residentId.checkDigit']);
    expect(error.forField('birthDate')).toEqual([]);
  });

  it('falls back on the status when the body is not a problem', () => {
    expect(parseProblem(423, '<html>locked</html>').code).toBe('locked');
    expect(parseProblem(502, '').code).toBe('internal');
    expect(parseProblem(502, '').detail).toBe('HTTP 502');
    expect(parseProblem(418, null).code).toBe('http_418');
  });

  it('skips malformed entries of errors[] instead of failing', () => {
    const error = parseProblem(400, { code: 'validation', detail: 'x', errors: [null, 3, { code: 'a' }, { field: 'body/sex', code: 'type' }] });
    expect(error.fieldErrors).toEqual([{ field: 'sex', code: 'type', message: '' }]);
  });

  it('never throws, whatever JSON the server sends', () => {
    fc.assert(
      fc.property(fc.integer({ min: 400, max: 599 }), fc.jsonValue(), (status, body) => {
        const error = parseProblem(status, body);
        expect(error.status).toBe(status);
        expect(typeof error.code).toBe('string');
        expect(typeof error.detail).toBe('string');
      }),
    );
  });
});

describe('normaliseField', () => {
  it('drops body prefixes and leading slashes and uses / as separator', () => {
    expect(normaliseField('body/residentId')).toBe('residentId');
    expect(normaliseField('body.sex')).toBe('sex');
    expect(normaliseField('/identifiers/0/value')).toBe('identifiers/0/value');
    expect(normaliseField('body')).toBe('');
    expect(normaliseField('bodyweight')).toBe('bodyweight');
  });
});

describe('queryString', () => {
  it('leaves out empty values and encodes the rest', () => {
    expect(queryString({ q: '张 三', limit: 20, before: undefined, action: '', x: null })).toBe('?q=%E5%BC%A0+%E4%B8%89&limit=20');
    expect(queryString({})).toBe('');
    expect(queryString(undefined)).toBe('');
  });
});

describe('ApiClient', () => {
  it('sends the CSRF token on writes only, and cookies with every request', async () => {
    const stub = stubFetch(() => json({ items: [] }));
    const client = new ApiClient({ fetch: stub.fetch });
    client.setCsrfToken('tok-1');
    await client.get('/api/persons', { q: 'zhang' });
    await client.post('/api/persons', { name: '张三' });
    expect(stub.calls[0]?.url).toBe('/api/persons?q=zhang');
    expect(headersOf(stub.calls[0])['x-csrf-token']).toBeUndefined();
    expect(headersOf(stub.calls[1])['x-csrf-token']).toBe('tok-1');
    expect(headersOf(stub.calls[1])['content-type']).toBe('application/json');
    expect(stub.calls[1]?.init.body).toBe('{"name":"张三"}');
    for (const call of stub.calls) expect(call.init.credentials).toBe('same-origin');
  });

  it('turns problem+json answers into ApiErrors with the field errors', async () => {
    const stub = stubFetch(() =>
      problem(400, { code: 'validation', detail: 'birthDate: lies in the future', errors: [{ field: 'birthDate', code: 'future', message: 'birthDate: lies in the future' }] }),
    );
    const api = endpoints(new ApiClient({ fetch: stub.fetch }));
    const error = await api.createPerson({ name: '李四', sex: 1, birthDate: '2999-01-01' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).forField('birthDate')[0]?.code).toBe('future');
  });

  it('tells listeners about a 401 from an ordinary route and forgets the CSRF token', async () => {
    const stub = stubFetch(() => problem(401, { code: 'unauthenticated', detail: 'sign in first' }));
    const client = new ApiClient({ fetch: stub.fetch });
    client.setCsrfToken('tok-2');
    const heard: string[] = [];
    client.onUnauthorized((e) => heard.push(e.code));
    await expect(client.get('/api/auth/me')).rejects.toMatchObject({ status: 401, code: 'unauthenticated' });
    expect(heard).toEqual(['unauthenticated']);
    await client.post('/api/auth/logout').catch(() => undefined);
    expect(headersOf(stub.calls[1])['x-csrf-token']).toBeUndefined();
  });

  it('does not treat a wrong password at sign-in as an expired session', async () => {
    const stub = stubFetch(() => problem(401, { code: 'unauthenticated', detail: 'wrong user name or password' }));
    const client = new ApiClient({ fetch: stub.fetch });
    const heard: string[] = [];
    client.onUnauthorized((e) => heard.push(e.code));
    const error = await endpoints(client).login('a', 'b').catch((e: unknown) => e);
    expect((error as ApiError).detail).toBe('wrong user name or password');
    expect(heard).toEqual([]);
  });

  it('reports lockout with its code', async () => {
    const stub = stubFetch(() => problem(423, { code: 'locked', detail: 'too many failed sign-ins: the account is locked for 15 minutes' }));
    const error = await endpoints(new ApiClient({ fetch: stub.fetch })).login('a', 'b').catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 423, code: 'locked' });
  });

  it('answers undefined for 204 and becomes a network error when fetch rejects', async () => {
    const ok = new ApiClient({ fetch: stubFetch(() => new Response(null, { status: 204 })).fetch });
    await expect(ok.post('/api/auth/logout')).resolves.toBeUndefined();
    const down = new ApiClient({ fetch: () => Promise.reject(new TypeError('Failed to fetch')) });
    await expect(down.get('/api/auth/me')).rejects.toMatchObject({ status: 0, code: 'network' });
  });

  it('builds the audit query with keyset paging and the chosen filters only', async () => {
    const stub = stubFetch(() => json({ items: [], nextBefore: null }));
    await endpoints(new ApiClient({ fetch: stub.fetch })).audit({ userId: 3, action: 'person.', before: 120, limit: 50 });
    expect(stub.calls[0]?.url).toBe('/api/audit?userId=3&action=person.&before=120&limit=50');
  });
});
