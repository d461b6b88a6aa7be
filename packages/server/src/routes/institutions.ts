import type { Services } from '@onconet/services';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { currentActor } from '../auth-plugin.ts';
import { IdParams, Institution, InstitutionInput, Items, problems } from '../schemas.ts';

export const institutionRoutes = (services: Services): FastifyPluginAsyncTypebox => async (app) => {
  const read = { access: { permission: 'network.read' as const } };
  const manage = { access: { permission: 'network.manage' as const } };

  app.get(
    '/api/institutions',
    { config: read, schema: { tags: ['network'], summary: 'All institutions of the network (flat; parentId builds the tree)', querystring: Type.Object({ includeInactive: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])) }), response: { 200: Items(Institution), ...problems(401, 403) } } },
    async (request) => ({ items: await services.network.list(currentActor(request), request.query.includeInactive === 'true') }),
  );
  app.get(
    '/api/institutions/:id',
    { config: read, schema: { tags: ['network'], params: IdParams, response: { 200: Institution, ...problems(401, 403, 404) } } },
    async (request) => services.network.get(currentActor(request), Number(request.params.id)),
  );
  app.post(
    '/api/institutions',
    { config: manage, schema: { tags: ['network'], summary: 'Create an institution', body: InstitutionInput, response: { 201: Institution, ...problems(400, 401, 403, 409) } } },
    async (request, reply) => reply.status(201).send(await services.network.create(currentActor(request), request.body)),
  );
  app.patch(
    '/api/institutions/:id',
    { config: manage, schema: { tags: ['network'], summary: 'Edit an institution', params: IdParams, body: InstitutionInput, response: { 200: Institution, ...problems(400, 401, 403, 404, 409) } } },
    async (request) => services.network.update(currentActor(request), Number(request.params.id), request.body),
  );
  for (const [verb, active] of [['deactivate', false], ['reactivate', true]] as const) {
    app.post(
      `/api/institutions/:id/${verb}`,
      { config: manage, schema: { tags: ['network'], summary: `${verb} an institution (never deleted)`, params: IdParams, response: { 200: Institution, ...problems(401, 403, 404, 409) } } },
      async (request) => services.network.setActive(currentActor(request), Number(request.params.id), active),
    );
  }
  app.get(
    '/api/divisions',
    { config: read, schema: { tags: ['network'], summary: 'GB/T 2260 administrative divisions for pickers', response: { 200: Items(Type.Object({ code: Type.String(), nameZh: Type.String(), nameEn: Type.String(), level: Type.String(), parent: Type.Union([Type.String(), Type.Null()]) })), ...problems(401, 403) } } },
    async (request) => ({ items: services.network.divisions(currentActor(request)) }),
  );
  app.get(
    '/api/alliances',
    { config: read, schema: { tags: ['network'], summary: 'Single-disease alliances and their members', response: { 200: Items(Type.Object({ id: Type.Integer(), code: Type.String(), nameZh: Type.String(), nameEn: Type.String(), site: Type.String(), memberIds: Type.Array(Type.Integer()) })), ...problems(401, 403) } } },
    async (request) => ({ items: await services.network.alliances(currentActor(request)) }),
  );
};
