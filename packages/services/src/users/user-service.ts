import { isRole, SCOPE_KINDS, type FieldError, type Role, type ScopeKind } from '@onconet/domain';
import type { DB } from '@onconet/storage';
import type { Kysely } from 'kysely';
import type { AuditWriter } from '../audit/audit-writer.ts';
import type { AuthService } from '../auth/auth-service.ts';
import { hashPassword } from '../auth/passwords.ts';
import { requirePermission, type Actor } from '../context.ts';
import { AppError, notFound, validationError } from '../errors.ts';

export interface UserView {
  id: number;
  username: string;
  displayName: string;
  institutionId: number;
  roles: Role[];
  scopeKind: string;
  scopeRegion: string | null;
  active: boolean;
  mustChangePassword: boolean;
  lockedUntil: Date | null;
}

/** Roles only a network-wide administrator may hand out. */
const NETWORK_ROLES: readonly Role[] = ['system_admin', 'network_admin', 'auditor'];

export class UserService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly audit: AuditWriter,
    private readonly auth: AuthService,
  ) {}

  /** Institution admins manage the users of their own institution only; network admins manage everyone. */
  private managesAll(actor: Actor): boolean {
    return actor.roles.includes('system_admin') || actor.roles.includes('network_admin');
  }

  async list(actor: Actor): Promise<UserView[]> {
    requirePermission(actor, 'users.read');
    let q = this.db.selectFrom('app_user').selectAll().orderBy('id');
    if (!this.managesAll(actor) && !actor.roles.includes('auditor')) q = q.where('institution_id', '=', actor.institutionId);
    const users = await q.execute();
    const roles = await this.db.selectFrom('user_role').select(['user_id', 'role']).execute();
    return users.map((u) => ({
      id: u.id,
      username: u.username,
      displayName: u.display_name,
      institutionId: u.institution_id,
      roles: roles.filter((r) => r.user_id === u.id).map((r) => r.role).filter(isRole),
      scopeKind: u.scope_kind,
      scopeRegion: u.scope_region,
      active: u.active,
      mustChangePassword: u.must_change_password,
      lockedUntil: u.locked_until,
    }));
  }

  private checkAssignment(actor: Actor, input: { roles?: unknown; scopeKind?: unknown; scopeRegion?: unknown; institutionId?: unknown }): FieldError[] {
    const errors: FieldError[] = [];
    if (input.roles !== undefined) {
      if (!Array.isArray(input.roles) || input.roles.length === 0 || !input.roles.every((r) => typeof r === 'string' && isRole(r))) {
        errors.push({ field: 'roles', code: 'enum', message: 'roles: a non-empty list of known roles' });
      } else if (!this.managesAll(actor) && (input.roles).some((r) => NETWORK_ROLES.includes(r))) {
        errors.push({ field: 'roles', code: 'forbidden', message: 'roles: only a network administrator may grant network roles' });
      }
    }
    if (input.scopeKind !== undefined && !(SCOPE_KINDS as readonly unknown[]).includes(input.scopeKind)) {
      errors.push({ field: 'scopeKind', code: 'enum', message: `scopeKind: one of ${SCOPE_KINDS.join(', ')}` });
    }
    if (!this.managesAll(actor) && (input.scopeKind === 'network' || input.scopeKind === 'region')) {
      errors.push({ field: 'scopeKind', code: 'forbidden', message: 'scopeKind: only a network administrator may grant network or region scope' });
    }
    if (input.scopeRegion !== undefined && input.scopeRegion !== null && (typeof input.scopeRegion !== 'string' || !/^\d{6}$/.test(input.scopeRegion))) {
      errors.push({ field: 'scopeRegion', code: 'format', message: 'scopeRegion: a 6-digit GB/T 2260 code' });
    }
    if (input.institutionId !== undefined && (typeof input.institutionId !== 'number' || (!this.managesAll(actor) && input.institutionId !== actor.institutionId))) {
      errors.push({ field: 'institutionId', code: 'forbidden', message: 'institutionId: you may manage users of your own institution only' });
    }
    return errors;
  }

  async create(actor: Actor, input: { username?: unknown; displayName?: unknown; institutionId?: unknown; roles?: unknown; scopeKind?: unknown; scopeRegion?: unknown; password?: unknown }): Promise<UserView> {
    requirePermission(actor, 'users.manage');
    const errors = this.checkAssignment(actor, { roles: input.roles ?? [], scopeKind: input.scopeKind ?? 'institution', scopeRegion: input.scopeRegion, institutionId: input.institutionId });
    if (typeof input.username !== 'string' || !/^[a-z0-9_.-]{3,64}$/.test(input.username)) errors.push({ field: 'username', code: 'format', message: 'username: 3–64 lower-case letters, digits, . _ -' });
    if (typeof input.displayName !== 'string' || input.displayName.trim() === '') errors.push({ field: 'displayName', code: 'required', message: 'displayName: is required' });
    if (errors.length > 0) throw validationError(errors);
    const password = this.auth.checkNewPassword(input.username as string, input.password);
    const hashed = await hashPassword(password, this.auth.config.hashCost);
    const roles = input.roles as Role[];
    const id = await this.db.transaction().execute(async (tx) => {
      const institution = await tx.selectFrom('institution').select('id').where('id', '=', input.institutionId as number).where('active', '=', true).executeTakeFirst();
      if (!institution) throw validationError([{ field: 'institutionId', code: 'unknown', message: 'institutionId: no such active institution' }]);
      const row = await tx
        .insertInto('app_user')
        .values({ username: input.username as string, display_name: (input.displayName as string).trim(), institution_id: institution.id, scope_kind: (input.scopeKind as ScopeKind | undefined) ?? 'institution', scope_region: (input.scopeRegion as string | undefined) ?? null, password_hash: hashed, must_change_password: true })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx.insertInto('user_role').values(roles.map((role) => ({ user_id: row.id, role }))).execute();
      await this.audit.appendInTransaction(tx, actor, [{ action: 'user.create', entityType: 'user', entityId: String(row.id), personId: null, institutionId: institution.id, detail: { username: input.username, roles, scopeKind: input.scopeKind ?? 'institution' } }]);
      return row.id;
    });
    return this.get(actor, id);
  }

  async get(actor: Actor, id: number): Promise<UserView> {
    const found = (await this.list(actor)).find((u) => u.id === id);
    if (!found) throw notFound('user');
    return found;
  }

  /** Role and scope changes are security events; the user's sessions end so the change applies at once. */
  async update(actor: Actor, id: number, patch: { displayName?: unknown; roles?: unknown; scopeKind?: unknown; scopeRegion?: unknown; active?: unknown }): Promise<UserView> {
    requirePermission(actor, 'users.manage');
    const current = await this.get(actor, id);
    const errors = this.checkAssignment(actor, patch);
    if (patch.active !== undefined && typeof patch.active !== 'boolean') errors.push({ field: 'active', code: 'type', message: 'active: true or false' });
    if (patch.displayName !== undefined && (typeof patch.displayName !== 'string' || patch.displayName.trim() === '')) errors.push({ field: 'displayName', code: 'required', message: 'displayName: is required' });
    if (!this.managesAll(actor) && current.roles.some((r) => NETWORK_ROLES.includes(r))) throw new AppError('forbidden', 'only a network administrator may change this user');
    if (id === actor.userId && (patch.active === false || patch.roles !== undefined)) errors.push({ field: 'roles', code: 'self', message: 'roles: you cannot change your own roles or deactivate yourself' });
    if (errors.length > 0) throw validationError(errors);
    await this.db.transaction().execute(async (tx) => {
      await tx
        .updateTable('app_user')
        .set({
          ...(patch.displayName !== undefined ? { display_name: (patch.displayName as string).trim() } : {}),
          ...(patch.scopeKind !== undefined ? { scope_kind: patch.scopeKind as string } : {}),
          ...(patch.scopeRegion !== undefined ? { scope_region: patch.scopeRegion as string | null } : {}),
          ...(patch.active !== undefined ? { active: patch.active as boolean } : {}),
          updated_at: new Date(),
        })
        .where('id', '=', id)
        .execute();
      if (patch.roles !== undefined) {
        await tx.deleteFrom('user_role').where('user_id', '=', id).execute();
        await tx.insertInto('user_role').values((patch.roles as Role[]).map((role) => ({ user_id: id, role }))).execute();
      }
      const events = [];
      if (patch.roles !== undefined) events.push({ action: 'user.roles_change', entityType: 'user', entityId: String(id), personId: null, institutionId: current.institutionId, detail: { from: current.roles, to: patch.roles } });
      if (patch.scopeKind !== undefined || patch.scopeRegion !== undefined) events.push({ action: 'user.scope_change', entityType: 'user', entityId: String(id), personId: null, institutionId: current.institutionId, detail: { from: [current.scopeKind, current.scopeRegion], to: [patch.scopeKind ?? current.scopeKind, patch.scopeRegion ?? current.scopeRegion] } });
      if (patch.active !== undefined || patch.displayName !== undefined) events.push({ action: 'user.update', entityType: 'user', entityId: String(id), personId: null, institutionId: current.institutionId, detail: { active: patch.active } });
      await this.audit.appendInTransaction(tx, actor, events);
    });
    await this.auth.endSessions(id);
    return this.get(actor, id);
  }

  async resetPassword(actor: Actor, id: number, password: unknown): Promise<void> {
    requirePermission(actor, 'users.manage');
    const current = await this.get(actor, id);
    if (!this.managesAll(actor) && current.roles.some((r) => NETWORK_ROLES.includes(r))) throw new AppError('forbidden', 'only a network administrator may reset this password');
    const hashed = await hashPassword(this.auth.checkNewPassword(current.username, password), this.auth.config.hashCost);
    await this.db.transaction().execute(async (tx) => {
      await tx.updateTable('app_user').set({ password_hash: hashed, must_change_password: true, failed_attempts: 0, locked_until: null, password_changed_at: new Date() }).where('id', '=', id).execute();
      await this.audit.appendInTransaction(tx, actor, [{ action: 'user.password_reset', entityType: 'user', entityId: String(id), personId: null, institutionId: current.institutionId, detail: null }]);
    });
    await this.auth.endSessions(id);
  }
}
