import type { Permission } from '@onconet/domain';
import type { Actor, Services } from '@onconet/services';
import { AppError } from '@onconet/services/errors';
import type { FastifyInstance, FastifyRequest } from 'fastify';

export const SESSION_COOKIE = 'onconet_session';

/** What a route declares about access; the hook enforces it before the handler runs. */
export interface RouteAccess {
  /** Reachable without signing in (login, health, API docs, the web app). */
  readonly public?: boolean;
  readonly permission?: Permission;
  /** Still reachable while the user must change their password. */
  readonly duringPasswordChange?: boolean;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    actor: Actor | null;
    sessionToken: string | null;
    csrfToken: string | null;
    mustChangePassword: boolean;
  }
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function currentActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('unauthenticated', 'sign in first');
  return request.actor;
}

export function registerAuth(app: FastifyInstance, services: Services): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionToken', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('mustChangePassword', false);

  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access;
    if (!request.routeOptions.url || !request.url.startsWith('/api/') || access?.public) return;
    const meta = { requestId: request.id, ip: request.ip };
    const authorization = request.headers.authorization;
    if (authorization?.startsWith('Bearer ')) {
      request.actor = await services.auth.bearer(authorization.slice(7).trim(), meta);
      if (!request.actor) throw new AppError('unauthenticated', 'the API token is unknown or revoked');
    } else {
      const token = request.cookies[SESSION_COOKIE];
      const signedIn = token ? await services.auth.session(token, meta) : null;
      if (!signedIn || !token) throw new AppError('unauthenticated', 'sign in first (the session is missing or has expired)');
      request.actor = signedIn.actor;
      request.sessionToken = token;
      request.csrfToken = signedIn.csrfToken;
      request.mustChangePassword = signedIn.mustChangePassword;
      // Cookies ride along on cross-site requests; a write must prove it comes from our page (double-submit token).
      if (WRITES.has(request.method) && request.headers['x-csrf-token'] !== signedIn.csrfToken) {
        throw new AppError('csrf', 'missing or wrong x-csrf-token header');
      }
    }
    if (request.mustChangePassword && !access?.duringPasswordChange) {
      throw new AppError('password_change_required', 'change your password before doing anything else');
    }
    if (access?.permission && !request.actor.permissions.has(access.permission)) {
      await services.audit.record(request.actor, { action: 'access.denied', outcome: 'denied', entityType: 'route', entityId: `${request.method} ${request.routeOptions.url}`, personId: null, institutionId: null, detail: { permission: access.permission } });
      throw new AppError('forbidden', `this needs the ${access.permission} permission`);
    }
  });
}
