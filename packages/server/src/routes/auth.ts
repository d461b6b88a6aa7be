import type { Services } from '@onconet/services';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { currentActor, SESSION_COOKIE } from '../auth-plugin.ts';
import { Me, problems } from '../schemas.ts';

export const authRoutes = (services: Services, secureCookies: boolean): FastifyPluginAsyncTypebox => async (app) => {
  app.post(
    '/api/auth/login',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with user name and password; sets the session cookie',
        body: Type.Object({ username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 256 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ user: Me, csrfToken: Type.String() }), ...problems(400, 401, 423) },
      },
    },
    async (request, reply) => {
      const { token, signedIn } = await services.auth.login(request.body.username, request.body.password, { requestId: request.id, ip: request.ip });
      reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: secureCookies, path: '/' });
      return { user: await services.auth.me(signedIn.actor, signedIn.mustChangePassword), csrfToken: signedIn.csrfToken };
    },
  );

  app.post(
    '/api/auth/logout',
    { config: { access: { duringPasswordChange: true } }, schema: { tags: ['auth'], summary: 'End the session', response: { 204: Type.Null() } } },
    async (request, reply) => {
      if (request.sessionToken) await services.auth.logout(request.sessionToken, currentActor(request));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/auth/me',
    { config: { access: { duringPasswordChange: true } }, schema: { tags: ['auth'], summary: 'The signed-in user', response: { 200: Type.Object({ user: Me, csrfToken: Type.String() }), ...problems(401) } } },
    async (request) => ({ user: await services.auth.me(currentActor(request), request.mustChangePassword), csrfToken: request.csrfToken ?? '' }),
  );

  app.post(
    '/api/auth/password',
    {
      config: { access: { duringPasswordChange: true } },
      schema: {
        tags: ['auth'],
        summary: 'Change the own password (required at first sign-in)',
        body: Type.Object({ currentPassword: Type.String({ maxLength: 256 }), newPassword: Type.String({ maxLength: 256 }) }, { additionalProperties: false }),
        response: { 204: Type.Null(), ...problems(400, 401) },
      },
    },
    async (request, reply) => {
      await services.auth.changePassword(currentActor(request), request.body.currentPassword, request.body.newPassword);
      return reply.status(204).send(null);
    },
  );
};
