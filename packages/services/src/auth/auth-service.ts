import { createHash, randomBytes } from 'node:crypto';
import {
  checkPassword,
  isRole,
  lockoutAfterFailure,
  passwordExpired,
  permissionsOf,
  resolveScope,
  PASSWORD_POLICIES,
  type PasswordProfile,
  type Role,
  type ScopeKind,
} from '@onconet/domain';
import type { DB } from '@onconet/storage';
import type { Kysely } from 'kysely';
import type { AuditWriter } from '../audit/audit-writer.ts';
import type { Clock } from '../clock.ts';
import type { Actor } from '../context.ts';
import { AppError, validationError } from '../errors.ts';
import type { NetworkService } from '../network/network-service.ts';
import { commonPasswords, hashPassword, verifyPassword, type HashCost } from './passwords.ts';

export interface AuthConfig {
  readonly sessionIdleMinutes: number;
  readonly passwordProfile: PasswordProfile;
  readonly hashCost: HashCost;
}

export interface SignedIn {
  readonly actor: Actor;
  readonly mustChangePassword: boolean;
  readonly csrfToken: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const newSecret = (prefix = '') => prefix + randomBytes(32).toString('base64url');

/** A short cache of resolved sessions so that a busy endpoint does not query users and roles per request. */
const CACHE_MS = 5_000;

export class AuthService {
  private readonly cache = new Map<string, { signedIn: SignedIn; until: number }>();
  private dummyHash: Promise<string> | null = null;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly audit: AuditWriter,
    private readonly network: NetworkService,
    private readonly clock: Clock,
    readonly config: AuthConfig,
  ) {}

  async actorFor(userId: number, meta: { requestId: string | null; ip: string | null }): Promise<{ actor: Actor; mustChangePassword: boolean; locale: string } | null> {
    const user = await this.db.selectFrom('app_user').selectAll().where('id', '=', userId).where('active', '=', true).executeTakeFirst();
    if (!user) return null;
    const roles = (await this.db.selectFrom('user_role').select('role').where('user_id', '=', userId).execute()).map((r) => r.role).filter(isRole);
    const scope = resolveScope(user.scope_kind as ScopeKind, { institutionId: user.institution_id, regionCode: user.scope_region }, await this.network.scopeNodes());
    const policy = PASSWORD_POLICIES[this.config.passwordProfile];
    const mustChangePassword = user.must_change_password || passwordExpired(policy, new Date(user.password_changed_at), this.clock.now());
    const actor: Actor = { userId: user.id, username: user.username, institutionId: user.institution_id, roles, permissions: permissionsOf(roles), scope, requestId: meta.requestId, ip: meta.ip };
    return { actor, mustChangePassword, locale: user.locale };
  }

  /** Lockout after 5 failures for 15 minutes; each attempt, failure and lockout is a security event in the audit log. */
  async login(username: string, password: string, meta: { requestId: string | null; ip: string | null }): Promise<{ token: string; signedIn: SignedIn }> {
    const now = this.clock.now();
    const anonymous = { userId: 0, username, institutionId: 0, roles: [] as Role[], permissions: new Set<never>(), scope: { kind: 'aggregate' as const }, ...meta };
    const user = await this.db.selectFrom('app_user').selectAll().where('username', '=', username.trim().toLowerCase()).executeTakeFirst();
    if (!user || !user.active) {
      this.dummyHash ??= hashPassword('not-a-real-password', this.config.hashCost);
      await verifyPassword(await this.dummyHash, password); // same work as a real check, so timing does not reveal user names
      await this.audit.record(anonymous, { action: 'auth.login', outcome: 'failure', entityType: 'user', entityId: null, personId: null, institutionId: null, detail: { reason: 'unknown_user' } });
      throw new AppError('unauthenticated', 'wrong user name or password');
    }
    const who = { ...anonymous, userId: user.id, institutionId: user.institution_id };
    if (user.locked_until && new Date(user.locked_until) > now) {
      await this.audit.record(who, { action: 'auth.login', outcome: 'denied', entityType: 'user', entityId: String(user.id), personId: null, institutionId: user.institution_id, detail: { reason: 'locked' } });
      throw new AppError('locked', `the account is locked until ${new Date(user.locked_until).toISOString()} after repeated failed sign-ins`);
    }
    if (!(await verifyPassword(user.password_hash, password))) {
      const next = lockoutAfterFailure(user.failed_attempts, now);
      await this.db.transaction().execute(async (tx) => {
        await tx.updateTable('app_user').set({ failed_attempts: next.failures, locked_until: next.lockedUntil }).where('id', '=', user.id).execute();
        const events = [{ action: 'auth.login', outcome: 'failure' as const, entityType: 'user', entityId: String(user.id), personId: null, institutionId: user.institution_id, detail: { reason: 'bad_password' } }];
        if (next.lockedUntil) events.push({ action: 'auth.lockout', outcome: 'failure' as const, entityType: 'user', entityId: String(user.id), personId: null, institutionId: user.institution_id, detail: { reason: 'bad_password' } });
        await this.audit.appendInTransaction(tx, who, events);
      });
      if (next.lockedUntil) throw new AppError('locked', 'too many failed sign-ins: the account is locked for 15 minutes');
      throw new AppError('unauthenticated', 'wrong user name or password');
    }
    const token = newSecret();
    const csrfToken = newSecret();
    await this.db.transaction().execute(async (tx) => {
      await tx.updateTable('app_user').set({ failed_attempts: 0, locked_until: null }).where('id', '=', user.id).execute();
      await tx.insertInto('user_session').values({ token_hash: sha256(token), user_id: user.id, csrf_token: csrfToken, created_at: now, last_seen_at: now }).execute();
      await this.audit.appendInTransaction(tx, who, [{ action: 'auth.login', entityType: 'user', entityId: String(user.id), personId: null, institutionId: user.institution_id, detail: null }]);
    });
    const resolved = await this.actorFor(user.id, meta);
    if (!resolved) throw new AppError('unauthenticated', 'wrong user name or password');
    return { token, signedIn: { actor: resolved.actor, mustChangePassword: resolved.mustChangePassword, csrfToken } };
  }

  /** Resolves a session cookie; sessions idle longer than the configured timeout are ended. */
  async session(token: string, meta: { requestId: string | null; ip: string | null }): Promise<SignedIn | null> {
    const key = sha256(token);
    const now = this.clock.now();
    const cached = this.cache.get(key);
    if (cached && cached.until > now.getTime()) return { ...cached.signedIn, actor: { ...cached.signedIn.actor, ...meta } };
    const session = await this.db.selectFrom('user_session').selectAll().where('token_hash', '=', key).where('ended_at', 'is', null).executeTakeFirst();
    if (!session) return null;
    const idleMs = this.config.sessionIdleMinutes * 60_000;
    if (now.getTime() - new Date(session.last_seen_at).getTime() > idleMs) {
      await this.db.updateTable('user_session').set({ ended_at: now }).where('token_hash', '=', key).execute();
      await this.audit.record({ ...meta, userId: session.user_id, username: '', institutionId: 0, roles: [], permissions: new Set(), scope: { kind: 'aggregate' } }, { action: 'auth.session_timeout', entityType: 'user', entityId: String(session.user_id), personId: null, institutionId: null, detail: null });
      return null;
    }
    const resolved = await this.actorFor(session.user_id, meta);
    if (!resolved) return null;
    await this.db.updateTable('user_session').set({ last_seen_at: now }).where('token_hash', '=', key).execute();
    const signedIn = { actor: resolved.actor, mustChangePassword: resolved.mustChangePassword, csrfToken: session.csrf_token };
    this.cache.set(key, { signedIn, until: now.getTime() + Math.min(CACHE_MS, idleMs) });
    return signedIn;
  }

  async logout(token: string, actor: Actor): Promise<void> {
    const key = sha256(token);
    this.cache.delete(key);
    await this.db.transaction().execute(async (tx) => {
      await tx.updateTable('user_session').set({ ended_at: this.clock.now() }).where('token_hash', '=', key).execute();
      await this.audit.appendInTransaction(tx, actor, [{ action: 'auth.logout', entityType: 'user', entityId: String(actor.userId), personId: null, institutionId: null, detail: null }]);
    });
  }

  /** Ends every session of a user (after a role, scope or password change) so the change takes effect at once. */
  async endSessions(userId: number): Promise<void> {
    this.cache.clear();
    await this.db.updateTable('user_session').set({ ended_at: this.clock.now() }).where('user_id', '=', userId).where('ended_at', 'is', null).execute();
  }

  checkNewPassword(username: string, password: unknown): string {
    if (typeof password !== 'string') throw validationError([{ field: 'password', code: 'type', message: 'password: must be a string' }]);
    const problem = checkPassword(password, PASSWORD_POLICIES[this.config.passwordProfile], { username, commonPasswords: commonPasswords() });
    if (problem) throw validationError([problem]);
    return password;
  }

  async changePassword(actor: Actor, currentPassword: unknown, newPassword: unknown): Promise<void> {
    const user = await this.db.selectFrom('app_user').select(['password_hash']).where('id', '=', actor.userId).executeTakeFirstOrThrow();
    if (typeof currentPassword !== 'string' || !(await verifyPassword(user.password_hash, currentPassword))) {
      await this.audit.record(actor, { action: 'auth.password_change', outcome: 'failure', entityType: 'user', entityId: String(actor.userId), personId: null, institutionId: null, detail: { reason: 'bad_current_password' } });
      throw validationError([{ field: 'currentPassword', code: 'wrong', message: 'currentPassword: is not the current password' }]);
    }
    const fresh = this.checkNewPassword(actor.username, newPassword);
    if (await verifyPassword(user.password_hash, fresh)) throw validationError([{ field: 'newPassword', code: 'reused', message: 'newPassword: must differ from the current password' }]);
    const hashed = await hashPassword(fresh, this.config.hashCost);
    await this.db.transaction().execute(async (tx) => {
      await tx.updateTable('app_user').set({ password_hash: hashed, password_changed_at: this.clock.now(), must_change_password: false, updated_at: this.clock.now() }).where('id', '=', actor.userId).execute();
      await this.audit.appendInTransaction(tx, actor, [{ action: 'auth.password_change', entityType: 'user', entityId: String(actor.userId), personId: null, institutionId: null, detail: null }]);
    });
    this.cache.clear();
  }

  /** The signed-in user's own profile, as the web app shows it. */
  async me(actor: Actor, mustChangePassword: boolean) {
    const row = await this.db
      .selectFrom('app_user as u')
      .innerJoin('institution as i', 'i.id', 'u.institution_id')
      .select(['u.display_name', 'u.scope_kind', 'u.scope_region', 'u.locale', 'i.id', 'i.code', 'i.name_zh', 'i.name_en', 'i.tier'])
      .where('u.id', '=', actor.userId)
      .executeTakeFirstOrThrow();
    return {
      id: actor.userId,
      username: actor.username,
      displayName: row.display_name,
      institution: { id: row.id, code: row.code, nameZh: row.name_zh, nameEn: row.name_en, tier: row.tier },
      roles: [...actor.roles],
      permissions: [...actor.permissions].sort(),
      scope: { kind: row.scope_kind, region: row.scope_region },
      mustChangePassword,
      locale: row.locale,
    };
  }

  // ---- API tokens for system-to-system use ----

  async createToken(actor: Actor, name: unknown): Promise<{ id: number; name: string; token: string }> {
    if (typeof name !== 'string' || name.trim() === '' || name.length > 100) throw validationError([{ field: 'name', code: 'required', message: 'name: 1–100 characters' }]);
    const token = newSecret('onc_');
    const id = await this.db.transaction().execute(async (tx) => {
      const row = await tx.insertInto('api_token').values({ user_id: actor.userId, name: name.trim(), token_hash: sha256(token) }).returning('id').executeTakeFirstOrThrow();
      await this.audit.appendInTransaction(tx, actor, [{ action: 'token.create', entityType: 'api_token', entityId: String(row.id), personId: null, institutionId: null, detail: { name: name.trim() } }]);
      return row.id;
    });
    return { id, name: name.trim(), token };
  }

  async listTokens(actor: Actor) {
    return this.db.selectFrom('api_token').select(['id', 'name', 'created_at as createdAt', 'last_used_at as lastUsedAt', 'revoked_at as revokedAt']).where('user_id', '=', actor.userId).orderBy('id').execute();
  }

  async revokeToken(actor: Actor, id: number): Promise<void> {
    const done = await this.db.transaction().execute(async (tx) => {
      const res = await tx.updateTable('api_token').set({ revoked_at: this.clock.now() }).where('id', '=', id).where('user_id', '=', actor.userId).where('revoked_at', 'is', null).executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0) return false;
      await this.audit.appendInTransaction(tx, actor, [{ action: 'token.revoke', entityType: 'api_token', entityId: String(id), personId: null, institutionId: null, detail: null }]);
      return true;
    });
    this.cache.clear();
    if (!done) throw new AppError('not_found', 'token not found');
  }

  async bearer(token: string, meta: { requestId: string | null; ip: string | null }): Promise<Actor | null> {
    const key = `bearer:${sha256(token)}`;
    const now = this.clock.now();
    const cached = this.cache.get(key);
    if (cached && cached.until > now.getTime()) return { ...cached.signedIn.actor, ...meta };
    const row = await this.db.selectFrom('api_token').select(['id', 'user_id', 'last_used_at']).where('token_hash', '=', sha256(token)).where('revoked_at', 'is', null).executeTakeFirst();
    if (!row) return null;
    const resolved = await this.actorFor(row.user_id, meta);
    if (!resolved) return null;
    if (!row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() > 60_000) {
      await this.db.updateTable('api_token').set({ last_used_at: now }).where('id', '=', row.id).execute();
    }
    this.cache.set(key, { signedIn: { actor: resolved.actor, mustChangePassword: false, csrfToken: '' }, until: now.getTime() + CACHE_MS });
    return resolved.actor;
  }
}
