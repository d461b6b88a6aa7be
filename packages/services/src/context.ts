import type { Permission, ResolvedScope, Role } from '@onconet/domain';
import { AppError } from './errors.ts';

/** Who is acting: resolved once per request from the session or API token. */
export interface Actor {
  readonly userId: number;
  readonly username: string;
  readonly institutionId: number;
  readonly roles: readonly Role[];
  readonly permissions: ReadonlySet<Permission>;
  readonly scope: ResolvedScope;
  readonly requestId: string | null;
  readonly ip: string | null;
}

/** For the command line and the demo loader, which act as the system itself. */
export function systemActor(requestId: string | null = null): Actor {
  return {
    userId: 0,
    username: 'system',
    institutionId: 0,
    roles: ['system_admin'],
    permissions: new Set<Permission>(['network.read', 'network.manage', 'users.read', 'users.manage', 'persons.read', 'persons.write', 'audit.read', 'stats.read', 'tokens.manage']),
    scope: { kind: 'network' },
    requestId,
    ip: null,
  };
}

export function requirePermission(actor: Actor, permission: Permission): void {
  if (!actor.permissions.has(permission)) throw new AppError('forbidden', `this action needs the ${permission} permission`);
}
