import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Services } from '@onconet/services';
import { AppError } from '@onconet/services/errors';
import { Type } from 'typebox';
import { currentActor } from '../auth-plugin.ts';
import { IdParams, problems } from '../schemas.ts';

/** Screening documents (programmes, campaigns, participants): documented as objects, serialised as they are. */
const Json = Type.Object({}, { additionalProperties: true });
const Items = Type.Object({ items: Type.Array(Json) }, { additionalProperties: true });
const ItemsTotal = Type.Object({ items: Type.Array(Json), total: Type.Integer() });
const Paging = {
  limit: Type.Optional(Type.String({ pattern: '^[0-9]{1,3}$' })),
  offset: Type.Optional(Type.String({ pattern: '^[0-9]{1,7}$' })),
};
const Programme = Type.Union(['upper_gi', 'lung', 'colorectal', 'liver', 'breast', 'cervical'].map((c) => Type.Literal(c)));
const IsoDay = Type.String({ maxLength: 10 });
const Stage = Type.Union(['targeted', 'invited', 'booked', 'checked_in', 'assessed', 'screened', 'positive', 'diagnosed', 'closed'].map((c) => Type.Literal(c)));
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
/** Attachments are sent as base64 inside JSON: 5 MB of file is about 6.7 MB of text. */
const ATTACHMENT_BODY_LIMIT = 8 * 1024 * 1024;
/** Target lists: up to 50,000 rows of CSV or Excel as base64. */
const LIST_BODY_LIMIT = 20 * 1024 * 1024;

const csvCell = (text: string): string => (/[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
const page = (q: { limit?: string; offset?: string }) => ({ ...(q.limit ? { limit: Number(q.limit) } : {}), ...(q.offset ? { offset: Number(q.offset) } : {}) });

/** Screening programmes and campaigns (issue 6): the path from invitation to diagnosis, remote reading, indicators. */
export const screeningRoutes = (services: Services): FastifyPluginAsyncTypebox => async (app) => {
  const screening = services.screening;
  const tags = ['screening'];

  // ---- programmes ----
  app.get(
    '/api/screening/programmes',
    { config: { access: { permission: 'screening.read' } }, schema: { tags, summary: "The six programmes after the network's overrides: eligibility, questionnaire, risk rule, exams, result categories, follow-up rules with their guidelines", response: { 200: Items, ...problems(401, 403) } } },
    async (request) => screening.listProgrammes(currentActor(request)),
  );
  app.put(
    '/api/screening/programmes/:code/config',
    {
      config: { access: { permission: 'screening.manage' } },
      schema: {
        tags,
        summary: "Change a programme's age range, follow-up intervals or rescreening interval (validated by the domain)",
        params: Type.Object({ code: Programme }, { additionalProperties: false }),
        body: Type.Object(
          {
            minAge: Type.Optional(Type.Integer({ minimum: 0, maximum: 120 })),
            maxAge: Type.Optional(Type.Integer({ minimum: 0, maximum: 120 })),
            followUpDays: Type.Optional(Type.Record(Type.String({ maxLength: 40 }), Type.Record(Type.String({ maxLength: 40 }), Type.Integer({ minimum: 0, maximum: 3650 })))),
            rescreenIntervalMonths: Type.Optional(Type.Integer({ minimum: 1, maximum: 240 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Json, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => screening.configure(currentActor(request), request.params.code, request.body),
  );

  // ---- campaigns ----
  app.get(
    '/api/screening/campaigns',
    {
      config: { access: { permission: 'screening.read' } },
      schema: {
        tags,
        summary: 'Campaigns in scope (their institution is in scope or they have participants in scope) with their counts',
        querystring: Type.Object({ programme: Type.Optional(Programme), status: Type.Optional(Type.Union([Type.Literal('planned'), Type.Literal('active'), Type.Literal('closed')])) }, { additionalProperties: false }),
        response: { 200: Items, ...problems(400, 401, 403) },
      },
    },
    async (request) => screening.campaigns(currentActor(request), request.query),
  );
  app.post(
    '/api/screening/campaigns',
    {
      config: { access: { permission: 'screening.manage' } },
      schema: {
        tags,
        summary: 'Create a campaign: a programme run by an institution in a catchment over dates',
        body: Type.Object(
          {
            name: Type.String({ maxLength: 200 }),
            series: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
            programmeCode: Type.String({ maxLength: 20 }),
            institutionId: Type.Integer(),
            startDate: IsoDay,
            endDate: IsoDay,
            catchment: Type.Array(Type.String({ maxLength: 9 }), { maxItems: 200 }),
          },
          { additionalProperties: false },
        ),
        response: { 201: Json, ...problems(400, 401, 403, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await screening.createCampaign(currentActor(request), request.body)),
  );
  app.get(
    '/api/screening/campaigns/:id',
    { config: { access: { permission: 'screening.read' } }, schema: { tags, summary: 'A campaign with its counts, sites and slots', params: IdParams, response: { 200: Json, ...problems(401, 403, 404) } } },
    async (request) => screening.campaign(currentActor(request), Number(request.params.id)),
  );
  app.post(
    '/api/screening/campaigns/:id/sites',
    {
      config: { access: { permission: 'screening.manage' } },
      schema: { tags, summary: 'Add a screening site to a campaign', params: IdParams, body: Type.Object({ name: Type.String({ maxLength: 200 }), institutionId: Type.Integer(), address: Type.Optional(Nullable(Type.String({ maxLength: 200 }))) }, { additionalProperties: false }), response: { 201: Json, ...problems(400, 401, 403, 404) } },
    },
    async (request, reply) => reply.status(201).send(await screening.addSite(currentActor(request), Number(request.params.id), request.body)),
  );
  app.post(
    '/api/screening/sites/:id/slots',
    {
      config: { access: { permission: 'screening.manage' } },
      schema: { tags, summary: 'Add an appointment slot with its capacity to a site', params: IdParams, body: Type.Object({ startsAt: Type.String({ maxLength: 40 }), capacity: Type.Integer() }, { additionalProperties: false }), response: { 201: Json, ...problems(400, 401, 403, 404) } },
    },
    async (request, reply) => reply.status(201).send(await screening.addSlot(currentActor(request), Number(request.params.id), request.body)),
  );
  app.post(
    '/api/screening/campaigns/:id/target',
    {
      config: { access: { permission: 'screening.manage' } },
      schema: { tags, summary: "Draw the eligible residents of the catchment from the master patient index into the campaign", params: IdParams, body: Type.Optional(Type.Object({ limit: Type.Optional(Type.Integer()) }, { additionalProperties: false })), response: { 200: Type.Object({ added: Type.Integer(), ineligible: Type.Integer(), alreadyIn: Type.Integer() }), ...problems(400, 401, 403, 404) } },
    },
    async (request) => screening.target(currentActor(request), Number(request.params.id), request.body ?? {}),
  );
  app.post(
    '/api/screening/campaigns/:id/import',
    {
      config: { access: { permission: 'screening.manage' } },
      bodyLimit: LIST_BODY_LIMIT,
      schema: {
        tags,
        summary: 'Import a target list (CSV UTF-8/GBK or .xlsx: name, sex, birth_date, resident_id, phone, division_code), each row through the MPI; all or nothing, 400 naming row and column',
        params: IdParams,
        body: Type.Object({ fileName: Type.String({ minLength: 1, maxLength: 255 }), contentBase64: Type.String({ maxLength: LIST_BODY_LIMIT }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ added: Type.Integer(), alreadyIn: Type.Integer(), linked: Type.Integer(), created: Type.Integer(), errors: Type.Array(Type.Object({ row: Type.Integer(), column: Type.String(), message: Type.String() })) }), ...problems(400, 401, 403, 404, 413) },
      },
    },
    async (request) => {
      const report = await screening.importList(currentActor(request), Number(request.params.id), { fileName: request.body.fileName, bytes: Buffer.from(request.body.contentBase64, 'base64') });
      if (report.errors.length > 0) {
        throw new AppError('validation', `${request.body.fileName}: ${report.errors.length} problem(s); nothing was imported`, report.errors.map((e) => ({ field: e.row === 0 ? e.column : `row ${e.row}: ${e.column}`, code: 'row', message: `row ${e.row}, ${e.column}: ${e.message}` })));
      }
      return { ...report, errors: [] };
    },
  );
  app.post(
    '/api/screening/campaigns/:id/invitations',
    {
      config: { access: { permission: 'screening.manage' } },
      schema: { tags, summary: 'Invite participants (none listed: everyone not yet invited); inviting a person twice is refused (409)', params: IdParams, body: Type.Optional(Type.Object({ participantIds: Type.Optional(Type.Array(Type.Integer(), { maxItems: 200000 })) }, { additionalProperties: false })), response: { 200: Type.Object({ invited: Type.Integer() }), ...problems(400, 401, 403, 404, 409) } },
    },
    async (request) => screening.invite(currentActor(request), Number(request.params.id), request.body ?? {}),
  );
  app.get(
    '/api/screening/campaigns/:id/invitations/export',
    {
      config: { access: { permission: 'screening.manage' } },
      schema: { tags, summary: 'The invitations as a printable list or SMS texts (CSV, UTF-8 with BOM); audited', params: IdParams, querystring: Type.Object({ kind: Type.Union([Type.Literal('print'), Type.Literal('sms')]) }, { additionalProperties: false }), response: { 200: Type.String(), ...problems(400, 401, 403, 404) } },
    },
    async (request, reply) => {
      const { header, rows } = await screening.invitationRows(currentActor(request), Number(request.params.id), request.query.kind);
      const body = `\uFEFF${[header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="invitations-${request.params.id}-${request.query.kind}.csv"`).send(body);
    },
  );
  app.get(
    '/api/screening/campaigns/:id/participants',
    {
      config: { access: { permission: 'screening.read' } },
      schema: { tags, summary: "A campaign's participants in scope, with their stage; search by name prefix, resident ID or phone", params: IdParams, querystring: Type.Object({ status: Type.Optional(Stage), q: Type.Optional(Type.String({ maxLength: 40 })), ...Paging }, { additionalProperties: false }), response: { 200: ItemsTotal, ...problems(400, 401, 403, 404) } },
    },
    async (request) => {
      const q = request.query;
      return screening.participants(currentActor(request), Number(request.params.id), { ...(q.status ? { status: q.status } : {}), ...(q.q ? { q: q.q } : {}), ...page(q) });
    },
  );
  app.post(
    '/api/screening/campaigns/:id/results',
    {
      config: { access: { permission: 'screening.write' } },
      bodyLimit: 4 * 1024 * 1024,
      schema: {
        tags,
        summary: 'A batch of results for participants of the campaign (by resident ID or person id); all or nothing, 400 naming rows[i].field',
        params: IdParams,
        body: Type.Object(
          { rows: Type.Array(Type.Object({ residentId: Type.Optional(Type.String({ maxLength: 18 })), personId: Type.Optional(Type.Integer()), examCode: Type.String({ maxLength: 40 }), category: Type.String({ maxLength: 40 }), performedOn: IsoDay }, { additionalProperties: false }), { maxItems: 10000 }) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ recorded: Type.Integer() }), ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => screening.importResults(currentActor(request), Number(request.params.id), request.body),
  );

  // ---- participants ----
  app.get(
    '/api/screening/participants/:id',
    { config: { access: { permission: 'screening.read' } }, schema: { tags, summary: "A participant's path: invitation, slot, check-in, questionnaire and risk, exams with attachments and remote reads, follow-up, diagnosis", params: IdParams, response: { 200: Json, ...problems(401, 403, 404) } } },
    async (request) => screening.participant(currentActor(request), Number(request.params.id)),
  );
  app.post(
    '/api/screening/participants/:id/book',
    { config: { access: { permission: 'screening.write' } }, schema: { tags, summary: 'Book a slot (409 when it is full)', params: IdParams, body: Type.Object({ slotId: Type.Integer() }, { additionalProperties: false }), response: { 200: Json, ...problems(400, 401, 403, 404, 409) } } },
    async (request) => screening.book(currentActor(request), Number(request.params.id), request.body),
  );
  app.post(
    '/api/screening/participants/:id/check-in',
    { config: { access: { permission: 'screening.write' } }, schema: { tags, summary: 'Check the participant in at the site (today)', params: IdParams, body: Type.Optional(Type.Object({}, { additionalProperties: false })), response: { 200: Json, ...problems(401, 403, 404, 409) } } },
    async (request) => screening.checkIn(currentActor(request), Number(request.params.id)),
  );
  app.put(
    '/api/screening/participants/:id/questionnaire',
    {
      config: { access: { permission: 'screening.write' } },
      schema: { tags, summary: "Record the risk questionnaire; answers are checked against the programme's questions (400 answers.<question>) and the risk assessed", params: IdParams, body: Type.Object({ answers: Type.Object({}, { additionalProperties: true }) }, { additionalProperties: false }), response: { 200: Json, ...problems(400, 401, 403, 404) } },
    },
    async (request) => screening.questionnaire(currentActor(request), Number(request.params.id), request.body),
  );
  app.post(
    '/api/screening/participants/:id/exams',
    {
      config: { access: { permission: 'screening.write' } },
      schema: {
        tags,
        summary: 'Enter an exam result (a category of the exam; none while it waits for a remote reading); a second result for the same exam is refused (409)',
        params: IdParams,
        body: Type.Object({ examCode: Type.String({ maxLength: 40 }), category: Type.Optional(Nullable(Type.String({ maxLength: 40 }))), performedOn: IsoDay, findings: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))) }, { additionalProperties: false }),
        response: { 201: Json, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await screening.addExam(currentActor(request), Number(request.params.id), request.body)),
  );
  app.post(
    '/api/screening/participants/:id/follow-up',
    {
      config: { access: { permission: 'screening.write' } },
      schema: { tags, summary: 'Record a contact of the diagnostic follow-up of a positive result', params: IdParams, body: Type.Object({ event: Type.Union([Type.Literal('attempt'), Type.Literal('unreachable'), Type.Literal('done')]), note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))) }, { additionalProperties: false }), response: { 200: Json, ...problems(400, 401, 403, 404, 409) } },
    },
    async (request) => screening.followUp(currentActor(request), Number(request.params.id), request.body),
  );
  app.post(
    '/api/screening/participants/:id/diagnosis',
    {
      config: { access: { permission: 'screening.write' } },
      schema: {
        tags,
        summary: 'Record the diagnosis; a cancer becomes a registry notification (method of detection: screening) and its stage decides whether it was found early',
        params: IdParams,
        body: Type.Object(
          {
            kind: Type.Union(['no_lesion', 'benign', 'low_grade_precancer', 'high_grade_precancer', 'cancer'].map((c) => Type.Literal(c))),
            date: IsoDay,
            stageGroup: Type.Optional(Nullable(Type.String({ maxLength: 8 }))),
            topography: Type.Optional(Nullable(Type.String({ maxLength: 8 }))),
            morphology: Type.Optional(Nullable(Type.String({ maxLength: 8 }))),
          },
          { additionalProperties: false },
        ),
        response: { 200: Json, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => screening.diagnosis(currentActor(request), Number(request.params.id), request.body),
  );

  // ---- attachments ----
  app.post(
    '/api/screening/exams/:id/attachments',
    {
      config: { access: { permission: 'screening.write' } },
      bodyLimit: ATTACHMENT_BODY_LIMIT,
      schema: { tags, summary: 'Attach a file to an exam (JPEG, PNG, WebP, PDF or DICOM, at most 5 MB)', params: IdParams, body: Type.Object({ fileName: Type.String({ maxLength: 255 }), mediaType: Type.String({ maxLength: 100 }), contentBase64: Type.String({ maxLength: ATTACHMENT_BODY_LIMIT }) }, { additionalProperties: false }), response: { 201: Json, ...problems(400, 401, 403, 404, 413) } },
    },
    async (request, reply) => reply.status(201).send(await screening.addAttachment(currentActor(request), Number(request.params.id), request.body)),
  );
  app.get(
    '/api/screening/attachments/:id',
    { config: { access: { permission: 'screening.read' } }, schema: { tags, summary: 'An attachment (audited)', params: IdParams, response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }), ...problems(401, 403, 404) } } },
    async (request, reply) => {
      const file = await screening.attachment(currentActor(request), Number(request.params.id));
      return reply.type(file.mediaType).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`).header('cache-control', 'no-store').send(file.content);
    },
  );

  // ---- remote reading ----
  app.post(
    '/api/screening/exams/:id/remote-read',
    { config: { access: { permission: 'screening.write' } }, schema: { tags, summary: 'Send an exam for reading by a specialist at another institution (远程超声/心电/内镜)', params: IdParams, body: Type.Object({ readingInstitutionId: Type.Integer() }, { additionalProperties: false }), response: { 201: Json, ...problems(400, 401, 403, 404, 409) } } },
    async (request, reply) => reply.status(201).send(await screening.requestRemoteRead(currentActor(request), Number(request.params.id), request.body)),
  );
  app.get(
    '/api/screening/remote-reads',
    {
      config: { access: { permission: 'screening.read' } },
      schema: { tags, summary: 'Remote reads requested by (side=requested) or waiting at (side=to_read) the institutions in scope, with turnaround', querystring: Type.Object({ side: Type.Optional(Type.Union([Type.Literal('requested'), Type.Literal('to_read')])), status: Type.Optional(Type.Union(['requested', 'assigned', 'reported', 'returned'].map((c) => Type.Literal(c)))), ...Paging }, { additionalProperties: false }), response: { 200: Items, ...problems(400, 401, 403) } },
    },
    async (request) => {
      const q = request.query;
      return screening.remoteReads(currentActor(request), { ...(q.side ? { side: q.side } : {}), ...(q.status ? { status: q.status } : {}), ...page(q) });
    },
  );
  app.post(
    '/api/screening/remote-reads/:id/assign',
    { config: { access: { permission: 'screening.write' } }, schema: { tags, summary: 'Take a remote read (the caller becomes its reader)', params: IdParams, body: Type.Optional(Type.Object({}, { additionalProperties: false })), response: { 200: Json, ...problems(401, 403, 404, 409) } } },
    async (request) => screening.assignRemoteRead(currentActor(request), Number(request.params.id)),
  );
  app.post(
    '/api/screening/remote-reads/:id/report',
    { config: { access: { permission: 'screening.write' } }, schema: { tags, summary: "Report a remote read; its category becomes the exam's result", params: IdParams, body: Type.Object({ category: Type.String({ maxLength: 40 }), report: Type.String({ maxLength: 4000 }) }, { additionalProperties: false }), response: { 200: Json, ...problems(400, 401, 403, 404, 409) } } },
    async (request) => screening.reportRemoteRead(currentActor(request), Number(request.params.id), request.body),
  );
  app.post(
    '/api/screening/remote-reads/:id/acknowledge',
    { config: { access: { permission: 'screening.write' } }, schema: { tags, summary: 'The requesting site has the report back', params: IdParams, body: Type.Optional(Type.Object({}, { additionalProperties: false })), response: { 200: Json, ...problems(401, 403, 404, 409) } } },
    async (request) => screening.acknowledgeRemoteRead(currentActor(request), Number(request.params.id)),
  );

  // ---- worklists and indicators ----
  app.get(
    '/api/screening/worklists/:list',
    {
      config: { access: { permission: 'screening.read' } },
      schema: { tags, summary: 'Positives awaiting diagnostic follow-up, overdue, or unreachable', params: Type.Object({ list: Type.Union([Type.Literal('awaiting_follow_up'), Type.Literal('overdue'), Type.Literal('unreachable')]) }, { additionalProperties: false }), querystring: Type.Object({ campaignId: Type.Optional(Type.String({ pattern: '^[0-9]{1,12}$' })), ...Paging }, { additionalProperties: false }), response: { 200: ItemsTotal, ...problems(400, 401, 403, 404) } },
    },
    async (request) => {
      const q = request.query;
      return screening.worklist(currentActor(request), request.params.list, { ...(q.campaignId ? { campaignId: Number(q.campaignId) } : {}), ...page(q) });
    },
  );
  app.get(
    '/api/screening/indicators',
    {
      config: { access: { permission: 'stats.read' } },
      schema: {
        tags,
        summary: 'Every screening indicator with numerator, denominator and Wilson interval, by campaign, programme, institution, area or period',
        querystring: Type.Object(
          {
            by: Type.Optional(Type.Union(['campaign', 'programme', 'institution', 'area', 'period'].map((c) => Type.Literal(c)))),
            programme: Type.Optional(Programme),
            campaignId: Type.Optional(Type.String({ pattern: '^[0-9]{1,12}$' })),
            from: Type.Optional(IsoDay),
            to: Type.Optional(IsoDay),
            period: Type.Optional(Type.Union([Type.Literal('year'), Type.Literal('month')])),
          },
          { additionalProperties: false },
        ),
        response: { 200: Json, ...problems(400, 401, 403) },
      },
    },
    async (request) => {
      const q = request.query;
      return screening.indicators(currentActor(request), { ...(q.by ? { by: q.by } : {}), ...(q.programme ? { programme: q.programme } : {}), ...(q.campaignId ? { campaignId: Number(q.campaignId) } : {}), ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}), ...(q.period ? { period: q.period } : {}) });
    },
  );
};
