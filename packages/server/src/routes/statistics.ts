import type { Services } from '@onconet/services';
import { exportIncidence } from '@onconet/services/statistics/incidence-export';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { currentActor } from '../auth-plugin.ts';
import { problems } from '../schemas.ts';
import { csvCell } from '../csv-cell.ts';

const num = Type.Union([Type.Number(), Type.Null()]);
const Cell = Type.Object({
  cases: num,
  suppression: Type.String(),
  crudeRate: num,
  proportion: num,
  asrChina: num,
  asrChinaLower: num,
  asrChinaUpper: num,
  asrWorld: num,
  cumRate0to74: num,
  ageSpecific: Type.Array(num),
});
const Site = Type.Object({ id: Type.String(), zh: Type.String(), en: Type.String(), icd10: Type.String() });
const Catchment = Type.Object({ divisionCode: Type.String(), nameZh: Type.String(), nameEn: Type.String() });
const Incidence = Type.Object({
  catchment: Catchment,
  suppressBelow: Type.Union([Type.Integer(), Type.Null()]),
  years: Type.Array(Type.Integer()),
  personYears: Type.Object({ both: Type.Number(), male: Type.Number(), female: Type.Number() }),
  ageGroups: Type.Array(Type.String()),
  rows: Type.Array(Type.Object({ site: Site, total: Type.Boolean(), cells: Type.Object({ both: Cell, male: Cell, female: Cell }) })),
  trend: Type.Array(Type.Object({ year: Type.Integer(), cases: num, asrChina: num, asrWorld: num })),
  eapc: Type.Union([Type.Object({ eapc: Type.Number(), lower: Type.Number(), upper: Type.Number(), slope: Type.Number(), se: Type.Number() }), Type.Null()]),
  excludedCases: Type.Integer(),
});

const year = Type.String({ pattern: '^(19[5-9][0-9]|20[0-9]{2})$' });
const IncidenceQuery = Type.Object(
  {
    division: Type.Optional(Type.String({ pattern: '^[0-9]{6}$' })),
    institution: Type.Optional(Type.String({ pattern: '^[0-9]{1,9}$' })),
    from: year,
    to: year,
    scheme: Type.Optional(Type.Union([Type.Literal('nccr'), Type.Literal('ci5'), Type.Literal('icd10')])),
  },
  { additionalProperties: false },
);

const SurvivalAt = Type.Object({ years: Type.Number(), n_risk: Type.Number(), survival: num, se: num, lower: num, upper: num });
const Survival = Type.Object({
  catchment: Catchment,
  closingDate: Type.String(),
  lifeTable: Type.Union([Type.String(), Type.Null()]),
  minimumPatients: Type.Union([Type.Integer(), Type.Null()]),
  method: Type.Union([Type.Literal('km'), Type.Literal('pohar-perme')]),
  excluded: Type.Object({ dco: Type.Integer(), zeroTime: Type.Integer(), unknownAge: Type.Integer() }),
  strata: Type.Array(
    Type.Object({
      key: Type.Union([Type.Literal('all'), Type.Literal('male'), Type.Literal('female')]),
      n: Type.Integer(),
      deaths: Type.Integer(),
      suppressed: Type.Boolean(),
      times: Type.Array(SurvivalAt),
      medianYears: num,
      curve: Type.Array(Type.Object({ years: Type.Number(), survival: Type.Number(), lower: num, upper: num })),
    }),
  ),
});
const SurvivalQuery = Type.Object(
  {
    ...IncidenceQuery.properties,
    site: Type.String({ pattern: '^[A-Za-z0-9_-]{1,32}$' }),
    method: Type.Optional(Type.Union([Type.Literal('km'), Type.Literal('pohar-perme')])),
    by: Type.Optional(Type.Union([Type.Literal('none'), Type.Literal('sex')])),
  },
  { additionalProperties: false },
);

export const statisticsRoutes = (services: Services): FastifyPluginAsyncTypebox => async (app) => {
  app.get(
    '/api/stats/catchments',
    {
      config: { access: { permission: 'stats.read' } },
      schema: {
        tags: ['statistics'],
        summary: 'Catchments statistics can be asked for (Chongqing and its districts and counties) and the years with population data',
        response: { 200: Type.Object({ catchments: Type.Array(Catchment), years: Type.Array(Type.Integer()) }), ...problems(401, 403) },
      },
    },
    async (request) => {
      const actor = currentActor(request);
      return { catchments: services.statistics.catchments(actor), years: await services.statistics.years(actor) };
    },
  );
  app.get(
    '/api/stats/incidence',
    {
      config: { access: { permission: 'stats.read' } },
      schema: {
        tags: ['statistics'],
        summary: "NCCR annual-report incidence table of a catchment: cases, crude rate, proportion, ASR China 2000 and world (Segi), cumulative rate 0–74, by sex; age-specific rates; yearly trend with EAPC. Small cells are suppressed for readers without the whole network's scope.",
        querystring: IncidenceQuery,
        response: { 200: Incidence, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => {
      // The domain's answer is deeply readonly; the schema's static type is the same shape, mutable.
      return (await incidenceOf(services, request)) as unknown as Static<typeof Incidence>;
    },
  );
  app.get(
    '/api/stats/survival',
    {
      config: { access: { permission: 'stats.read' } },
      schema: {
        tags: ['statistics'],
        summary: "Observed (Kaplan–Meier, log interval) or net (Pohar-Perme) survival of a site's registered tumours in a catchment, followed to death or censored today; 1-, 3- and 5-year survival, median and the curve. DCO cases are left out; strata under 10 patients are hidden from readers without the whole network's scope.",
        querystring: SurvivalQuery,
        response: { 200: Survival, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const q = request.query;
      const answer = await services.statistics.survival(currentActor(request), {
        division: q.division,
        institutionId: q.institution === undefined ? undefined : Number(q.institution),
        fromYear: Number(q.from),
        toYear: Number(q.to),
        scheme: q.scheme ?? 'nccr',
        site: q.site,
        method: q.method ?? 'km',
        groupBy: q.by ?? 'none',
      });
      return answer as unknown as Static<typeof Survival>;
    },
  );
  app.get(
    '/api/stats/incidence/export',
    {
      config: { access: { permission: 'stats.read' } },
      schema: {
        tags: ['statistics'],
        summary: 'The incidence table as a file: format=csv (UTF-8 with BOM) or xlsx, headings in Chinese or English; the same suppression as the table',
        querystring: Type.Object({ ...IncidenceQuery.properties, format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]), lang: Type.Optional(Type.Union([Type.Literal('zh'), Type.Literal('en')])) }, { additionalProperties: false }),
        // A Buffer is sent as it is (Fastify does not serialize it); the schema documents a file.
        response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }), ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const answer = await incidenceOf(services, request);
      const file = await exportIncidence(answer, q.format, q.lang ?? 'zh');
      const type = q.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
      return reply.header('content-disposition', `attachment; filename="incidence-${answer.catchment.divisionCode}-${q.from}-${q.to}.${q.format}"`).type(type).send(file);
    },
  );
  app.get(
    '/api/stats/ci5.csv',
    {
      config: { access: { permission: 'stats.read' } },
      schema: {
        tags: ['statistics'],
        summary: 'Cases and person-years of the catchment in the CI5 layout (registry, cancer, sex, age_group, cases, py); suppressed cells are NA',
        querystring: Type.Object({ ...IncidenceQuery.properties }, { additionalProperties: false }),
        response: { 200: Type.String(), ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const { catchment, rows } = await services.statistics.ci5(currentActor(request), { division: q.division, institutionId: q.institution === undefined ? undefined : Number(q.institution), fromYear: Number(q.from), toYear: Number(q.to), scheme: 'ci5' });
      const lines = [CI5_COLUMNS.join(','), ...rows.map((r) => [r.registry, r.cancer, r.sex, r.age_group, r.cases ?? 'NA', r.py].map(csvCell).join(','))];
      return reply.header('content-disposition', `attachment; filename="ci5-${catchment.divisionCode}-${q.from}-${q.to}.csv"`).type('text/csv; charset=utf-8').send(`${lines.join('\r\n')}\r\n`);
    },
  );
};

const CI5_COLUMNS = ['registry', 'cancer', 'sex', 'age_group', 'cases', 'py'] as const;

async function incidenceOf(services: Services, request: FastifyRequest & { query: Static<typeof IncidenceQuery> }) {
  const q = request.query;
  return services.statistics.incidence(currentActor(request), {
    division: q.division,
    institutionId: q.institution === undefined ? undefined : Number(q.institution),
    fromYear: Number(q.from),
    toYear: Number(q.to),
    scheme: q.scheme ?? 'nccr',
  });
}
