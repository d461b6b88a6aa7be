import type { Services } from '@onconet/services';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { currentActor } from '../auth-plugin.ts';
import { IdParams, Items, PersonSummary, problems } from '../schemas.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const DateTime = Type.Unsafe<Date>({ type: 'string', format: 'date-time' });
const NullableDateTime = Type.Unsafe<Date | null>({ type: ['string', 'null'], format: 'date-time' });

/** A report of a person as its source sent it, with provenance and how the index linked it. */
const SourceRecord = Type.Object({
  id: Type.Integer(),
  personId: Type.Integer(),
  source: Type.String({ description: 'registration, hospital, screening, pathology, death, import or notification' }),
  institutionId: Type.Integer(),
  institutionCode: Nullable(Type.String()),
  sourceRef: Nullable(Type.String()),
  name: Type.String(),
  sex: Nullable(Type.Integer()),
  birthDate: Nullable(Type.String()),
  residentId: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  divisionCode: Nullable(Type.String()),
  address: Nullable(Type.String()),
  identifiers: Type.Array(Type.Object({ kind: Type.String(), value: Type.String() })),
  linkKind: Type.String({ description: 'new, auto (linked above the threshold), review (waiting for a registrar) or existing (before the index)' }),
  matchProbability: Nullable(Type.Number()),
  receivedAt: DateTime,
});

const FieldContribution = Type.Object({
  column: Type.String(),
  left: Type.String({ description: 'the incoming record, normalised' }),
  right: Type.String({ description: 'the candidate, normalised' }),
  level: Type.String({ description: 'the comparison level reached, or "missing"' }),
  m: Nullable(Type.Number()),
  u: Nullable(Type.Number()),
  weight: Type.Number({ description: 'log2(m/u) in bits' }),
  termFrequencyAdjustment: Type.Number(),
});

const ReviewItem = Type.Object({
  id: Type.Integer(),
  status: Type.String(),
  matchProbability: Type.Number(),
  matchWeight: Type.Number(),
  createdAt: DateTime,
  decidedAt: NullableDateTime,
  mergeId: Nullable(Type.Integer()),
  record: Type.Object({ personId: Type.Integer(), name: Type.String(), sex: Nullable(Type.Integer()), birthDate: Nullable(Type.String()), source: Type.String(), institutionCode: Type.String() }),
  candidate: Type.Object({ personId: Type.Integer(), name: Type.String(), sex: Type.Integer(), birthDate: Type.String() }),
});

const Review = Type.Object({
  id: Type.Integer(),
  status: Type.String(),
  matchProbability: Type.Number(),
  matchWeight: Type.Number(),
  createdAt: DateTime,
  decidedAt: NullableDateTime,
  mergeId: Nullable(Type.Integer()),
  thresholds: Type.Object({ link: Type.Number(), review: Type.Number() }),
  record: SourceRecord,
  person: Type.Intersect([PersonSummary, Type.Object({ mergedInto: Nullable(Type.Integer()) })]),
  candidate: Type.Intersect([PersonSummary, Type.Object({ address: Nullable(Type.String()), mergedInto: Nullable(Type.Integer()), records: Type.Array(SourceRecord) })]),
  comparison: Nullable(Type.Object({ priorWeight: Type.Number(), matchWeight: Type.Number(), matchProbability: Type.Number(), decision: Type.String(), fields: Type.Array(FieldContribution) })),
});

const ModelView = Type.Object({
  source: Type.Union([Type.Literal('default'), Type.Literal('saved'), Type.Literal('trained')], { description: 'built-in defaults, or the newest saved model' }),
  savedAt: NullableDateTime,
  lambda: Type.Number({ description: 'λ, the prior that a report is one given resident' }),
  priorWeight: Type.Number({ description: 'log2(λ/(1−λ)) in bits' }),
  thresholds: Type.Object({ link: Type.Number(), review: Type.Number() }),
  training: Nullable(Type.Object({ records: Type.Integer(), candidatePairs: Type.Number() })),
  fields: Type.Array(
    Type.Object({
      column: Type.String(),
      type: Type.String(),
      termFrequencyAdjusted: Type.Boolean(),
      levels: Type.Array(Type.Object({ label: Type.String(), m: Type.Number(), u: Type.Number(), weight: Type.Number({ description: 'log2(m/u) in bits' }) })),
    }),
  ),
});

/** A trained model with its term-frequency tables runs to a few MB for a million records. */
const MODEL_BODY_LIMIT = 64 * 1024 * 1024;

export const mpiRoutes = (services: Services): FastifyPluginAsyncTypebox => async (app) => {
  const review = { config: { access: { permission: 'mpi.review' as const } } };
  app.get(
    '/api/mpi/model',
    { ...review, schema: { tags: ['mpi'], summary: 'The linkage model in use: λ, thresholds and, per field, each agreement level with its m, u and weight', response: { 200: ModelView, ...problems(401, 403) } } },
    async (request) => services.mpiModel.view(currentActor(request)),
  );
  app.put(
    '/api/mpi/model',
    {
      ...review,
      bodyLimit: MODEL_BODY_LIMIT,
      schema: {
        tags: ['mpi'],
        summary: 'Put a trained model (the JSON `onconet link dedupe --save-model` or `onconet mpi train` writes) in use for every match from now on',
        body: Type.Object({ format: Type.Literal('onconet-link-model') }, { additionalProperties: true }),
        response: { 200: ModelView, ...problems(400, 401, 403) },
      },
    },
    async (request) => services.mpiModel.use(currentActor(request), JSON.stringify(request.body)),
  );
  app.get(
    '/api/mpi/reviews',
    {
      ...review,
      schema: {
        tags: ['mpi'],
        summary: 'Review queue of the master patient index: pairs between the link and review thresholds whose persons are both in the data scope',
        querystring: Type.Object(
          {
            status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('merged'), Type.Literal('kept_apart')])),
            limit: Type.Optional(Type.String({ pattern: '^[0-9]{1,3}$' })),
            offset: Type.Optional(Type.String({ pattern: '^[0-9]{1,7}$' })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Items(ReviewItem), ...problems(400, 401, 403) },
      },
    },
    async (request) => ({ items: await services.mpiReviews.list(currentActor(request), request.query.status ?? 'open', request.query.limit ? Number(request.query.limit) : 50, request.query.offset ? Number(request.query.offset) : 0) }),
  );
  app.get(
    '/api/mpi/reviews/:id',
    { ...review, schema: { tags: ['mpi'], summary: 'One pair side by side, with each field’s agreement level and weight', params: IdParams, response: { 200: Review, ...problems(401, 403, 404) } } },
    async (request) => services.mpiReviews.get(currentActor(request), Number(request.params.id)),
  );
  app.post(
    '/api/mpi/reviews/:id/merge',
    {
      ...review,
      schema: { tags: ['mpi'], summary: 'Merge the incoming person into the candidate, keeping every source record, identifier and provenance', params: IdParams, response: { 200: Type.Object({ mergeId: Type.Integer(), review: Review }), ...problems(401, 403, 404, 409) } },
    },
    async (request) => services.mpiReviews.merge(currentActor(request), Number(request.params.id)),
  );
  app.post(
    '/api/mpi/reviews/:id/keep-apart',
    { ...review, schema: { tags: ['mpi'], summary: 'Decide that the pair are two different persons', params: IdParams, response: { 200: Review, ...problems(401, 403, 404, 409) } } },
    async (request) => services.mpiReviews.keepApart(currentActor(request), Number(request.params.id)),
  );
  app.post(
    '/api/mpi/merges/:id/unmerge',
    {
      ...review,
      schema: { tags: ['mpi'], summary: 'Undo a merge: both persons are restored exactly as before it', params: IdParams, response: { 200: Type.Object({ mergeId: Type.Integer(), reviewId: Nullable(Type.Integer()), review: Nullable(Review) }), ...problems(401, 403, 404, 409) } },
    },
    async (request) => services.mpiReviews.unmerge(currentActor(request), Number(request.params.id)),
  );
  app.get(
    '/api/persons/:id/records',
    {
      config: { access: { permission: 'persons.read' } },
      schema: {
        tags: ['mpi'],
        summary: 'The source records of a person with their provenance, and the merges that concern it',
        params: IdParams,
        response: {
          200: Type.Object({
            personId: Type.Integer(),
            mergedInto: Nullable(Type.Integer()),
            records: Type.Array(SourceRecord),
            merges: Type.Array(Type.Object({ id: Type.Integer(), survivorId: Type.Integer(), mergedId: Type.Integer(), mergedAt: DateTime, unmergedAt: NullableDateTime })),
          }),
          ...problems(401, 403, 404),
        },
      },
    },
    async (request) => services.mpiReviews.records(currentActor(request), Number(request.params.id)),
  );
};
