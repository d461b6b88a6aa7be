import type { Services } from '@onconet/services';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { currentActor } from '../auth-plugin.ts';
import { IdParams, Items, problems, User } from '../schemas.ts';

const Assignment = {
  roles: Type.Optional(Type.Array(Type.String({ maxLength: 32 }), { maxItems: 10 })),
  scopeKind: Type.Optional(Type.String({ maxLength: 16 })),
  scopeRegion: Type.Optional(Type.Union([Type.String({ maxLength: 6 }), Type.Null()])),
};

export const userRoutes = (services: Services): FastifyPluginAsyncTypebox => async (app) => {
  app.get(
    '/api/users',
    { config: { access: { permission: 'users.read' } }, schema: { tags: ['users'], response: { 200: Items(User), ...problems(401, 403) } } },
    async (request) => ({ items: await services.users.list(currentActor(request)) }),
  );
  app.post(
    '/api/users',
    {
      config: { access: { permission: 'users.manage' } },
      schema: {
        tags: ['users'],
        summary: 'Create a user (who must change the password at first sign-in)',
        body: Type.Object({ username: Type.String({ maxLength: 64 }), displayName: Type.String({ maxLength: 100 }), institutionId: Type.Integer(), password: Type.String({ maxLength: 256 }), ...Assignment }, { additionalProperties: false }),
        response: { 201: User, ...problems(400, 401, 403, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await services.users.create(currentActor(request), request.body)),
  );
  app.patch(
    '/api/users/:id',
    {
      config: { access: { permission: 'users.manage' } },
      schema: { tags: ['users'], params: IdParams, body: Type.Object({ displayName: Type.Optional(Type.String({ maxLength: 100 })), active: Type.Optional(Type.Boolean()), ...Assignment }, { additionalProperties: false }), response: { 200: User, ...problems(400, 401, 403, 404) } },
    },
    async (request) => services.users.update(currentActor(request), Number(request.params.id), request.body),
  );
  app.post(
    '/api/users/:id/reset-password',
    { config: { access: { permission: 'users.manage' } }, schema: { tags: ['users'], params: IdParams, body: Type.Object({ password: Type.String({ maxLength: 256 }) }, { additionalProperties: false }), response: { 204: Type.Null(), ...problems(400, 401, 403, 404) } } },
    async (request, reply) => {
      await services.users.resetPassword(currentActor(request), Number(request.params.id), request.body.password);
      return reply.status(204).send(null);
    },
  );
};
