import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Services } from '@onconet/services';
import { AppError } from '@onconet/services/errors';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { registerAuth } from './auth-plugin.ts';
import { sendProblem } from './problem.ts';
import { auditRoutes } from './routes/audit.ts';
import { authRoutes } from './routes/auth.ts';
import { healthRoutes } from './routes/health.ts';
import { institutionRoutes } from './routes/institutions.ts';
import { mpiRoutes } from './routes/mpi.ts';
import { personRoutes } from './routes/persons.ts';
import { registryRoutes } from './routes/registry.ts';
import { screeningRoutes } from './routes/screening.ts';
import { statisticsRoutes } from './routes/statistics.ts';
import { tokenRoutes } from './routes/tokens.ts';
import { userRoutes } from './routes/users.ts';

export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../web/dist/', import.meta.url));

export interface AppOptions {
  readonly services: Services;
  /** pino options, or false for silence in tests. */
  readonly logger?: FastifyServerOptions['logger'];
  readonly webRoot?: string | null;
  readonly secureCookies?: boolean;
  readonly bodyLimit?: number;
}

/**
 * Logs carry method, path and status but never query strings or bodies: a search for a name or an
 * ID number must not end up in a log file (personal data stays in the audited database).
 */
const serializers = {
  req: (req: { method: string; url: string; id: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
};

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger === undefined ? { level: 'info', serializers } : options.logger === false ? false : { ...(options.logger as object), serializers },
    bodyLimit: options.bodyLimit ?? 1_048_576,
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, allErrors: true } },
    genReqId: () => crypto.randomUUID(),
    trustProxy: false,
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setErrorHandler((error, request, reply) => sendProblem(error, request, reply));
  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'OncoNet API', version: '0.1.0', description: 'Regional cancer prevention-and-treatment network. Errors are RFC 9457 problem+json.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'onconet_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
  });
  // The interactive docs are public pages like the OpenAPI document they render.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/docs')) route.config = { ...route.config, access: { public: true } };
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });
  app.get('/api/openapi.json', { config: { access: { public: true } }, schema: { hide: true } }, async () => app.swagger());

  registerAuth(app, options.services);
  await app.register(healthRoutes(options.services));
  await app.register(authRoutes(options.services, options.secureCookies ?? false));
  await app.register(institutionRoutes(options.services));
  await app.register(userRoutes(options.services));
  await app.register(personRoutes(options.services));
  await app.register(mpiRoutes(options.services));
  await app.register(statisticsRoutes(options.services));
  await app.register(registryRoutes(options.services));
  await app.register(screeningRoutes(options.services));
  await app.register(auditRoutes(options.services));
  await app.register(tokenRoutes(options.services));

  const webRoot = options.webRoot === undefined ? DEFAULT_WEB_ROOT : options.webRoot;
  const hasWeb = webRoot !== null && existsSync(`${webRoot}/index.html`);
  if (hasWeb) await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: ['index.html'] });
  app.setNotFoundHandler((request, reply) => {
    // The web app routes on the client: unknown non-API GETs get its index page.
    if (hasWeb && request.method === 'GET' && !request.url.startsWith('/api/')) return reply.type('text/html').sendFile('index.html');
    return sendProblem(new AppError('not_found', `no route ${request.method} ${request.url.split('?')[0]}`), request, reply);
  });
  return app;
}
