import type { Services } from '@onconet/services';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import { Type } from 'typebox';

export const healthRoutes = (services: Services): FastifyPluginAsyncTypebox => async (app) => {
  app.get(
    '/healthz',
    { config: { access: { public: true } }, schema: { tags: ['health'], summary: 'Liveness and database reachability', response: { 200: Type.Object({ status: Type.String(), database: Type.String() }) } } },
    async () => {
      await sql`select 1`.execute(services.database.db);
      return { status: 'ok', database: services.database.kind };
    },
  );
};
