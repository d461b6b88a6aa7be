import { systemActor } from '@onconet/services';
import { testDatabaseKind } from '@onconet/storage/testing/test-database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestNetwork, headers, login, TEST_PASSWORD, type TestNetwork } from './test-network.ts';

describe(`sign-in, sessions, CSRF and tokens (${testDatabaseKind()})`, () => {
  let net: TestNetwork;
  beforeAll(async () => {
    net = await createTestNetwork({ sessionIdleMinutes: 30 });
  });
  afterAll(async () => net.close());

  const attempt = (username: string, password: string) => net.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  const actions = async (action: string) =>
    (await net.services.database.db.selectFrom('audit_log').select(['action', 'outcome']).where('action', '=', action).execute()).map((r) => r.outcome);

  it('sets an HttpOnly SameSite=Strict session cookie and answers problem+json on bad credentials', async () => {
    const ok = await attempt('clinician', TEST_PASSWORD);
    expect(ok.statusCode).toBe(200);
    const cookie = ok.headers['set-cookie'] as string;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const bad = await attempt('clinician', 'not-the-password');
    expect(bad.statusCode).toBe(401);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    const unknown = await attempt('nobody-here', 'whatever-password');
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json()).toMatchObject({ detail: bad.json<{ detail: string }>().detail });
  });

  it('locks the account after 5 failures for 15 minutes, and audits failures and the lockout', async () => {
    for (let i = 0; i < 4; i++) expect((await attempt('mdt-coordinator', 'wrong-password-0')).statusCode).toBe(401);
    expect((await attempt('mdt-coordinator', 'wrong-password-0')).statusCode).toBe(423);
    expect((await attempt('mdt-coordinator', TEST_PASSWORD)).statusCode).toBe(423);
    net.clock.advance(14 * 60_000);
    expect((await attempt('mdt-coordinator', TEST_PASSWORD)).statusCode).toBe(423);
    net.clock.advance(2 * 60_000);
    expect((await attempt('mdt-coordinator', TEST_PASSWORD)).statusCode).toBe(200);
    expect(await actions('auth.lockout')).toEqual(['failure']);
    expect((await actions('auth.login')).filter((o) => o === 'denied').length).toBeGreaterThanOrEqual(2);
  });

  it('ends a session after the idle timeout', async () => {
    const session = await login(net.app, 'followup-nurse');
    expect((await net.app.inject({ url: '/api/auth/me', headers: headers(session) })).statusCode).toBe(200);
    net.clock.advance(31 * 60_000);
    const after = await net.app.inject({ url: '/api/auth/me', headers: headers(session) });
    expect(after.statusCode).toBe(401);
    expect(await actions('auth.session_timeout')).toContain('success');
  });

  it('refuses cookie-authenticated writes without the CSRF token', async () => {
    const session = await login(net.app, 'registrar');
    const payload = { name: '测试', sex: 1, birthDate: '1980-01-01' };
    const without = await net.app.inject({ method: 'POST', url: '/api/persons', headers: { cookie: session.cookie }, payload });
    expect(without.statusCode).toBe(403);
    expect(without.json()).toMatchObject({ code: 'csrf' });
    const wrong = await net.app.inject({ method: 'POST', url: '/api/persons', headers: { cookie: session.cookie, 'x-csrf-token': 'forged' }, payload });
    expect(wrong.statusCode).toBe(403);
    const right = await net.app.inject({ method: 'POST', url: '/api/persons', headers: headers(session), payload });
    expect(right.statusCode).toBe(201);
  });

  it('makes a created user change the password at first sign-in, under the password policy', async () => {
    const admin = await login(net.app, 'system-admin');
    const weak = await net.app.inject({ method: 'POST', url: '/api/users', headers: headers(admin), payload: { username: 'newbie', displayName: 'Newbie', institutionId: net.ids.hubA, roles: ['clinician'], scopeKind: 'institution', password: 'password1234' } });
    expect(weak.statusCode).toBe(400);
    expect(weak.json()).toMatchObject({ errors: [{ field: 'password', code: 'password.common' }] });
    const short = await net.app.inject({ method: 'POST', url: '/api/users', headers: headers(admin), payload: { username: 'newbie', displayName: 'Newbie', institutionId: net.ids.hubA, roles: ['clinician'], scopeKind: 'institution', password: 'Sh0rt!' } });
    expect(short.json()).toMatchObject({ errors: [{ field: 'password', code: 'password.tooShort' }] });
    const created = await net.app.inject({ method: 'POST', url: '/api/users', headers: headers(admin), payload: { username: 'newbie', displayName: 'Newbie', institutionId: net.ids.hubA, roles: ['clinician'], scopeKind: 'institution', password: 'First-Password-Here-1' } });
    expect(created.statusCode).toBe(201);
    const session = await login(net.app, 'newbie', 'First-Password-Here-1');
    const me = await net.app.inject({ url: '/api/auth/me', headers: headers(session) });
    expect(me.json()).toMatchObject({ user: { mustChangePassword: true } });
    expect((await net.app.inject({ url: '/api/persons?q=abc', headers: headers(session) })).json()).toMatchObject({ code: 'password_change_required' });
    const change = await net.app.inject({ method: 'POST', url: '/api/auth/password', headers: headers(session), payload: { currentPassword: 'First-Password-Here-1', newPassword: 'Second-Password-Here-2' } });
    expect(change.statusCode).toBe(204);
    const again = await login(net.app, 'newbie', 'Second-Password-Here-2');
    expect((await net.app.inject({ url: '/api/persons?q=abc', headers: headers(again) })).statusCode).toBe(200);
  });

  it('records role and scope changes as security events and applies them at once', async () => {
    const admin = await login(net.app, 'network-admin');
    const target = await net.services.users.create(systemActor(), { username: 'rolechange', displayName: 'R', institutionId: net.ids.hubA, roles: ['analyst'], scopeKind: 'aggregate', password: TEST_PASSWORD });
    await net.services.database.db.updateTable('app_user').set({ must_change_password: false }).where('id', '=', target.id).execute();
    const session = await login(net.app, 'rolechange');
    expect((await net.app.inject({ url: '/api/persons?q=abc', headers: headers(session) })).json()).toMatchObject({ status: 403, code: 'forbidden' });
    const patched = await net.app.inject({ method: 'PATCH', url: `/api/users/${target.id}`, headers: headers(admin), payload: { roles: ['clinician'], scopeKind: 'hub' } });
    expect(patched.statusCode).toBe(200);
    expect(await actions('user.roles_change')).toContain('success');
    expect(await actions('user.scope_change')).toContain('success');
    expect((await net.app.inject({ url: '/api/auth/me', headers: headers(session) })).statusCode).toBe(401);
    const fresh = await login(net.app, 'rolechange');
    expect((await net.app.inject({ url: '/api/persons?q=abc', headers: headers(fresh) })).statusCode).toBe(200);
  });

  it('accepts revocable API tokens as bearer credentials, without CSRF', async () => {
    const admin = await login(net.app, 'system-admin');
    const created = await net.app.inject({ method: 'POST', url: '/api/tokens', headers: headers(admin), payload: { name: 'lab system' } });
    const { id, token } = created.json<{ id: number; token: string }>();
    const bearer = { authorization: `Bearer ${token}` };
    expect((await net.app.inject({ method: 'POST', url: '/api/persons', headers: bearer, payload: { name: '接口病人', sex: 2, birthDate: '1990-02-03' } })).statusCode).toBe(201);
    const listed = await net.app.inject({ url: '/api/tokens', headers: headers(admin) });
    expect(listed.body).not.toContain(token);
    expect((await net.app.inject({ method: 'DELETE', url: `/api/tokens/${id}`, headers: headers(admin) })).statusCode).toBe(204);
    await new Promise((r) => setTimeout(r, 5));
    net.clock.advance(6_000);
    expect((await net.app.inject({ url: '/api/persons?q=abc', headers: bearer })).statusCode).toBe(401);
  });

  it('logout ends the session', async () => {
    const session = await login(net.app, 'screening-coordinator');
    expect((await net.app.inject({ method: 'POST', url: '/api/auth/logout', headers: headers(session) })).statusCode).toBe(204);
    expect((await net.app.inject({ url: '/api/auth/me', headers: headers(session) })).statusCode).toBe(401);
  });
});
