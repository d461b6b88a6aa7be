import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DEATH_COLUMNS } from '@onconet/domain/registry/import/death-row';
import { NOTIFICATION_COLUMNS } from '@onconet/domain/registry/import/notification-row';
import type { Services } from '@onconet/services';
import { AppError } from '@onconet/services/errors';
import type { ProgressFn } from '@onconet/services/registry/notification-import';
import { CASE_LISTING_COLUMNS } from '@onconet/services/registry/export';
import { Type } from 'typebox';
import { currentActor } from '../auth-plugin.ts';
import { IdParams, problems } from '../schemas.ts';
import { csvCell } from '../csv-cell.ts';
import { problemOf } from '../problem.ts';

/** Free-form JSON documents (reports, tumour records): documented as objects, serialised as they are. */
const Json = Type.Object({}, { additionalProperties: true });
const Page = Type.Object(
  {
    limit: Type.Optional(Type.String({ pattern: '^[0-9]{1,3}$' })),
    offset: Type.Optional(Type.String({ pattern: '^[0-9]{1,7}$' })),
    status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('resolved'), Type.Literal('registered_dco')])),
  },
  { additionalProperties: false },
);
/** Import files: up to 50 MB of CSV or Excel, sent as the raw request body. */
const IMPORT_LIMIT = 50 * 1024 * 1024;

/** The population-based cancer registry (issue 4): imports, worklists, decisions, data quality, exports. */
export const registryRoutes = (services: Services): FastifyPluginAsyncTypebox => async (app) => {
  const registry = services.registry;
  for (const type of ['text/csv', 'application/octet-stream', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']) {
    app.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: IMPORT_LIMIT }, (_request, body, done) => done(null, body));
  }

  app.post(
    '/api/registry/imports',
    {
      config: { access: { permission: 'registry.write' } },
      bodyLimit: IMPORT_LIMIT,
      schema: {
        tags: ['registry'],
        summary: 'Import a notification or death-record file (CSV, UTF-8 or GBK, or Excel .xlsx) as the raw body; all or nothing; the same file twice changes nothing',
        querystring: Type.Object({ kind: Type.Union([Type.Literal('notifications'), Type.Literal('deaths')]), fileName: Type.String({ minLength: 1, maxLength: 255 }), progress: Type.Optional(Type.Literal('stream', { description: 'answer application/x-ndjson: a line {phase, done, total} as the server works, then {report} or {problem}' })) }, { additionalProperties: false }),
        response: { 200: Json, ...problems(400, 401, 403, 413, 415) },
      },
    },
    async (request, reply) => {
      // A CSV sent as text/plain arrives as a string (UTF-8 by HTTP's own decoding); files as bytes.
      const bytes = Buffer.isBuffer(request.body) ? request.body : typeof request.body === 'string' ? Buffer.from(request.body, 'utf8') : null;
      if (bytes === null) throw new AppError('unsupported_media_type', 'send the file as text/csv, application/octet-stream or an .xlsx media type');
      const actor = currentActor(request);
      const input = { fileName: request.query.fileName, bytes };
      const run = async (progress?: ProgressFn) => {
        const report = request.query.kind === 'deaths' ? await registry.importDeaths(actor, input, progress) : await registry.importNotifications(actor, input, progress);
        if (report.status === 'rejected') {
          throw new AppError(
            'validation',
            `${report.fileName}: ${report.errors.length} problem(s); nothing was imported`,
            report.errors.map((e) => ({ field: e.row === 0 ? e.column : `row ${e.row}: ${e.column}`, code: e.code, message: e.messageZh ? `${e.message} / ${e.messageZh}` : e.message })),
          );
        }
        return report;
      };
      if (request.query.progress !== 'stream') return run();
      // The server's own progress travels on the answer itself: on the embedded database a second request would
      // wait behind the import's transaction, so polling could not show it.
      reply.hijack();
      reply.raw.writeHead(200, { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
      const line = (value: unknown) => reply.raw.write(`${JSON.stringify(value)}\n`);
      try {
        // Each step yields to the event loop: on the embedded database the import's work would otherwise hold it
        // until the end, and the lines (and every other request) would wait.
        line({ report: await run(async (phase, done, total) => {
          line({ phase, done, total });
          await new Promise<void>((resolve) => setImmediate(resolve));
        }) });
      } catch (error) {
        line({ problem: problemOf(error, request) });
      } finally {
        reply.raw.end();
      }
      return reply;
    },
  );
  app.get(
    '/api/registry/imports',
    { config: { access: { permission: 'registry.read' } }, schema: { tags: ['registry'], summary: 'Recent import files of the institutions in scope, with their reports', response: { 200: Type.Object({ items: Type.Array(Json) }), ...problems(401, 403) } } },
    async (request) => ({ items: await registry.batches(currentActor(request)) }),
  );
  app.get(
    '/api/registry/templates/:kind',
    {
      config: { access: { permission: 'registry.read' } },
      schema: { tags: ['registry'], summary: 'The CSV template of an import (header row; UTF-8 with BOM so Excel opens it)', params: Type.Object({ kind: Type.Union([Type.Literal('notifications.csv'), Type.Literal('deaths.csv')]) }, { additionalProperties: false }), response: { 200: Type.String(), ...problems(401, 403) } },
    },
    async (request, reply) => {
      const columns = request.params.kind === 'deaths.csv' ? DEATH_COLUMNS : NOTIFICATION_COLUMNS;
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${request.params.kind}"`).send(`\uFEFF${columns.map((c) => c.name).join(',')}\r\n`);
    },
  );
  app.get(
    '/api/registry/worklists/:list',
    {
      config: { access: { permission: 'registry.read' } },
      schema: { tags: ['registry'], summary: 'A registrar worklist: notifications waiting, check failures, multiple primaries to confirm, trace-backs', params: Type.Object({ list: Type.Union([Type.Literal('notifications'), Type.Literal('checks'), Type.Literal('primaries'), Type.Literal('tracebacks')]) }, { additionalProperties: false }), querystring: Page, response: { 200: Type.Object({ items: Type.Array(Json) }), ...problems(400, 401, 403) } },
    },
    async (request) => {
      const q = request.query;
      return { items: await registry.worklist(currentActor(request), request.params.list, { ...(q.limit ? { limit: Number(q.limit) } : {}), ...(q.offset ? { offset: Number(q.offset) } : {}), ...(q.status ? { status: q.status } : {}) }) };
    },
  );
  app.get(
    '/api/registry/tumours/:id',
    { config: { access: { permission: 'registry.read' } }, schema: { tags: ['registry'], summary: 'A tumour: consolidated fields with their sources, checks, notifications and the other tumours of the person', params: IdParams, response: { 200: Json, ...problems(401, 403, 404) } } },
    async (request) => registry.tumour(currentActor(request), Number(request.params.id)),
  );
  app.post(
    '/api/registry/tumours/:id/override',
    {
      config: { access: { permission: 'registry.write' } },
      schema: { tags: ['registry'], summary: "Override a tumour field with a reason (kept over every later notification)", params: IdParams, body: Type.Object({ field: Type.String({ maxLength: 32 }), value: Type.Union([Type.String({ maxLength: 32 }), Type.Null()]), reason: Type.String({ maxLength: 500 }) }, { additionalProperties: false }), response: { 200: Json, ...problems(400, 401, 403, 404) } },
    },
    async (request) => registry.override(currentActor(request), Number(request.params.id), request.body),
  );
  app.post(
    '/api/registry/tumours/:id/confirm-warning',
    {
      config: { access: { permission: 'registry.write' } },
      schema: { tags: ['registry'], summary: 'Confirm a check warning with a reason', params: IdParams, body: Type.Object({ rule: Type.String({ maxLength: 64 }), reason: Type.String({ maxLength: 500 }) }, { additionalProperties: false }), response: { 200: Json, ...problems(400, 401, 403, 404) } },
    },
    async (request) => registry.confirmWarning(currentActor(request), Number(request.params.id), request.body),
  );
  app.post(
    '/api/registry/tumours/:id/confirm-primary',
    { config: { access: { permission: 'registry.write' } }, schema: { tags: ['registry'], summary: 'Confirm the multiple-primary decision (IARC/IACR 2004) of a new primary tumour', params: IdParams, response: { 200: Json, ...problems(401, 403, 404, 409) } } },
    async (request) => registry.confirmPrimary(currentActor(request), Number(request.params.id)),
  );
  app.post(
    '/api/registry/notifications/:id/consolidate',
    { config: { access: { permission: 'registry.write' } }, schema: { tags: ['registry'], summary: 'Consolidate a notification that waited for the MPI into an existing or a new tumour', params: IdParams, response: { 200: Json, ...problems(401, 403, 404, 409) } } },
    async (request) => registry.consolidateNotification(currentActor(request), Number(request.params.id)),
  );
  app.post(
    '/api/registry/tracebacks/:id/resolve',
    { config: { access: { permission: 'registry.write' } }, schema: { tags: ['registry'], summary: 'Close a trace-back task with what the certifying institution answered', params: IdParams, body: Type.Object({ note: Type.String({ maxLength: 500 }) }, { additionalProperties: false }), response: { 200: Json, ...problems(400, 401, 403, 404, 409) } } },
    async (request) => registry.resolveTraceback(currentActor(request), Number(request.params.id), request.body),
  );
  app.post(
    '/api/registry/dco',
    { config: { access: { permission: 'registry.write' } }, schema: { tags: ['registry'], summary: 'Register as DCO every cancer death whose trace-back is still open after its due date', response: { 200: Json, ...problems(401, 403) } } },
    async (request) => registry.registerOverdueDco(currentActor(request)),
  );
  app.get(
    '/api/registry/quality',
    {
      config: { access: { permission: 'stats.read' } },
      schema: {
        tags: ['registry'],
        summary: 'Data-quality indicators (MV%, DCO%, clinical only, unknown basis, C80, M/I, 8000/8001, unknown age, timeliness) with the China 2017 reference values',
        querystring: Type.Object({ by: Type.Optional(Type.String({ maxLength: 64, pattern: '^[a-z,]*$' })), from: Type.Optional(Type.String({ pattern: '^[0-9]{4}$' })), to: Type.Optional(Type.String({ pattern: '^[0-9]{4}$' })) }, { additionalProperties: false }),
        response: { 200: Json, ...problems(400, 401, 403) },
      },
    },
    async (request) => {
      const q = request.query;
      return registry.quality(currentActor(request), { by: q.by ? q.by.split(',').filter(Boolean) : [], ...(q.from ? { fromYear: Number(q.from) } : {}), ...(q.to ? { toYear: Number(q.to) } : {}) });
    },
  );
  app.get(
    '/api/registry/export/cases.csv',
    {
      config: { access: { permission: 'registry.read' } },
      schema: { tags: ['registry'], summary: 'The case listing: one row per tumour in scope (docs/registry.md), no names or identity numbers', querystring: Type.Object({ from: Type.Optional(Type.String({ pattern: '^[0-9]{4}$' })), to: Type.Optional(Type.String({ pattern: '^[0-9]{4}$' })) }, { additionalProperties: false }), response: { 200: Type.String(), ...problems(401, 403) } },
    },
    async (request, reply) => {
      const actor = currentActor(request);
      const lines = [CASE_LISTING_COLUMNS.join(',')];
      let count = 0;
      for await (const row of registry.caseListing(actor, { ...(request.query.from ? { fromYear: Number(request.query.from) } : {}), ...(request.query.to ? { toYear: Number(request.query.to) } : {}) })) {
        lines.push(CASE_LISTING_COLUMNS.map((c) => csvCell(row[c])).join(','));
        count += 1;
      }
      await services.audit.record(actor, { action: 'registry.export', entityType: 'tumour', entityId: null, personId: null, institutionId: null, detail: { layout: 'cases', rows: count } });
      return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="cases.csv"').send(`${lines.join('\r\n')}\r\n`);
    },
  );
};
