import type { Services } from '@onconet/services';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { currentActor } from '../auth-plugin.ts';
import { IdParams, Items, problems } from '../schemas.ts';

const Timestamp = Type.Union([Type.Unsafe<Date>({ type: 'string', format: 'date-time' }), Type.Null()]);

export const tokenRoutes = (services: Services): FastifyPluginAsyncTypebox => async (app) => {
  const access = { access: { permission: 'tokens.manage' as const } };
  app.get(
    '/api/tokens',
    { config: access, schema: { tags: ['tokens'], summary: 'The own API tokens (never their secret)', response: { 200: Items(Type.Object({ id: Type.Integer(), name: Type.String(), createdAt: Timestamp, lastUsedAt: Timestamp, revokedAt: Timestamp })), ...problems(401, 403) } } },
    async (request) => ({ items: await services.auth.listTokens(currentActor(request)) }),
  );
  app.post(
    '/api/tokens',
    { config: access, schema: { tags: ['tokens'], summary: 'Create an API token; the secret is shown only in this answer', body: Type.Object({ name: Type.String({ maxLength: 100 }) }, { additionalProperties: false }), response: { 201: Type.Object({ id: Type.Integer(), name: Type.String(), token: Type.String() }), ...problems(400, 401, 403) } } },
    async (request, reply) => reply.status(201).send(await services.auth.createToken(currentActor(request), request.body.name)),
  );
  app.delete(
    '/api/tokens/:id',
    { config: access, schema: { tags: ['tokens'], summary: 'Revoke an API token', params: IdParams, response: { 204: Type.Null(), ...problems(401, 403, 404) } } },
    async (request, reply) => {
      await services.auth.revokeToken(currentActor(request), Number(request.params.id));
      return reply.status(204).send(null);
    },
  );
};
