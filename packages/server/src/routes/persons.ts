import type { Services } from '@onconet/services';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { currentActor } from '../auth-plugin.ts';
import { IdParams, Items, Person, PersonInput, PersonSummary, problems } from '../schemas.ts';

export const personRoutes = (services: Services): FastifyPluginAsyncTypebox => async (app) => {
  app.get(
    '/api/persons',
    {
      config: { access: { permission: 'persons.read' } },
      schema: {
        tags: ['persons'],
        summary: 'Search persons in the data scope by name prefix, pinyin or initials, ID number, MRN or phone',
        querystring: Type.Object({ q: Type.String({ minLength: 1, maxLength: 64 }), limit: Type.Optional(Type.String({ pattern: '^[0-9]{1,3}$' })) }, { additionalProperties: false }),
        response: { 200: Items(PersonSummary), ...problems(400, 401, 403) },
      },
    },
    async (request) => ({ items: await services.persons.search(currentActor(request), request.query.q, request.query.limit ? Number(request.query.limit) : 20) }),
  );
  app.get(
    '/api/persons/:id',
    { config: { access: { permission: 'persons.read' } }, schema: { tags: ['persons'], params: IdParams, response: { 200: Person, ...problems(401, 403, 404) } } },
    async (request) => services.persons.get(currentActor(request), Number(request.params.id)),
  );
  app.post(
    '/api/persons',
    { config: { access: { permission: 'persons.write' } }, schema: { tags: ['persons'], summary: 'Register a person', body: PersonInput, response: { 201: Person, ...problems(400, 401, 403, 409) } } },
    async (request, reply) => reply.status(201).send(await services.persons.create(currentActor(request), request.body)),
  );
  app.patch(
    '/api/persons/:id',
    { config: { access: { permission: 'persons.write' } }, schema: { tags: ['persons'], summary: 'Edit a person', params: IdParams, body: PersonInput, response: { 200: Person, ...problems(400, 401, 403, 404, 409) } } },
    async (request) => services.persons.update(currentActor(request), Number(request.params.id), request.body),
  );
};
