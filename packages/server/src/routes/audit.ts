import type { Services } from '@onconet/services';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { currentActor } from '../auth-plugin.ts';
import { problems } from '../schemas.ts';

const AuditRow = Type.Object({
  seq: Type.Integer(),
  ts: Type.String(),
  actorUserId: Type.Union([Type.Integer(), Type.Null()]),
  actorUsername: Type.Union([Type.String(), Type.Null()]),
  actorInstitutionId: Type.Union([Type.Integer(), Type.Null()]),
  action: Type.String(),
  outcome: Type.String(),
  entityType: Type.Union([Type.String(), Type.Null()]),
  entityId: Type.Union([Type.String(), Type.Null()]),
  personId: Type.Union([Type.Integer(), Type.Null()]),
  institutionId: Type.Union([Type.Integer(), Type.Null()]),
  requestId: Type.Union([Type.String(), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
  detail: Type.Unknown(),
});

const int = Type.Optional(Type.String({ pattern: '^[0-9]{1,12}$' }));
const isoTime = Type.Optional(Type.String({ format: 'date-time' }));

export const auditRoutes = (services: Services): FastifyPluginAsyncTypebox => async (app) => {
  app.get(
    '/api/audit',
    {
      config: { access: { permission: 'audit.read' } },
      schema: {
        tags: ['audit'],
        summary: 'The audit log, newest first, filtered by user, person, institution, action prefix and time',
        querystring: Type.Object({ userId: int, personId: int, institutionId: int, action: Type.Optional(Type.String({ maxLength: 64 })), from: isoTime, to: isoTime, before: int, limit: int }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(AuditRow), nextBefore: Type.Union([Type.Integer(), Type.Null()]) }), ...problems(400, 401, 403) },
      },
    },
    async (request) => {
      const q = request.query;
      const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
      return services.auditLog.list(currentActor(request), { userId: num(q.userId), personId: num(q.personId), institutionId: num(q.institutionId), action: q.action, from: q.from, to: q.to, before: num(q.before), limit: num(q.limit) });
    },
  );
  app.get(
    '/api/audit/verify',
    {
      config: { access: { permission: 'audit.read' } },
      schema: { tags: ['audit'], summary: 'Verify the hash chain of the whole audit log', response: { 200: Type.Object({ ok: Type.Boolean(), checked: Type.Integer(), problems: Type.Array(Type.Object({ kind: Type.String(), seq: Type.Integer() })) }), ...problems(401, 403) } },
    },
    async () => {
      const result = await services.auditLog.verify();
      return { ok: result.ok, checked: result.checked, problems: result.problems.map((p) => ({ kind: p.kind, seq: p.seq })) };
    },
  );
};
