import { makeResidentId } from '@onconet/domain';
import { systemActor, type Actor } from '@onconet/services';
import { testDatabaseKind } from '@onconet/storage/testing/test-database';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestNetwork, headers, login, type Session, type TestNetwork } from './test-network.ts';

describe(`master patient index: link, review, merge and unmerge (${testDatabaseKind()})`, () => {
  let net: TestNetwork;
  let registrar: Session;
  let admin: Session;
  const at = (institutionId: number): Actor => ({ ...systemActor(), institutionId });
  const reviewer: Actor = { ...systemActor(), permissions: new Set([...systemActor().permissions, 'mpi.review' as const]) };

  beforeAll(async () => {
    net = await createTestNetwork();
    registrar = await login(net.app, 'registrar');
    admin = await login(net.app, 'system-admin');
  });
  afterAll(async () => net.close());

  const api = (session: Session, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    net.app.inject({ method, url, headers: { ...headers(session), ...(payload === undefined ? {} : { 'content-type': 'application/json' }) }, ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }) });
  const db = () => net.services.database.db;

  /** Everything the index may touch for a set of persons, in a stable order, for exact before/after comparison. */
  async function state(ids: number[]) {
    return {
      persons: await db().selectFrom('person').selectAll().where('id', 'in', ids).orderBy('id').execute(),
      records: await db().selectFrom('person_record').selectAll().where('person_id', 'in', ids).orderBy('id').execute(),
      identifiers: await db().selectFrom('person_identifier').selectAll().where('person_id', 'in', ids).orderBy('institution_id').orderBy('value').execute(),
      institutions: await db().selectFrom('person_institution').selectAll().where('person_id', 'in', ids).orderBy('person_id').orderBy('institution_id').execute(),
      keys: await db().selectFrom('person_block_key').select([sql<string>`key::text`.as('key'), 'person_id']).where('person_id', 'in', ids).orderBy('person_id').orderBy('key').execute(),
    };
  }

  it('links a second report of the same person (traditional characters, same phone) to the existing person, keeping its record', async () => {
    const first = await net.services.persons.create(at(net.ids.hubA), { name: '张伟明', sex: 1, birthDate: '1958-04-12', phone: '13900001111', divisionCode: '500235', identifiers: [{ kind: 'mrn', value: 'HUBA-1' }] });
    const second = await net.services.mpi.register(at(net.ids.clinicA), net.services.mpi.validate({ name: '張偉明', sex: '男', birthDate: '19580412', phone: '139 0000 1111', identifiers: [{ kind: 'mrn', value: 'CLINA-7' }] }), 'hospital', 'ADM-0001');
    expect(second.match.decision).toBe('link');
    expect(second.personId).toBe(first.id);
    expect(second.match.probability).toBeGreaterThanOrEqual(0.9);
    const records = (await api(admin, 'GET', `/api/persons/${first.id}/records`)).json<{ records: Array<{ source: string; institutionId: number; linkKind: string; name: string; sourceRef: string | null }> }>().records;
    expect(records.map((r) => [r.source, r.institutionId, r.linkKind, r.name, r.sourceRef])).toEqual([
      ['registration', net.ids.hubA, 'new', '张伟明', null],
      ['hospital', net.ids.clinicA, 'auto', '張偉明', 'ADM-0001'],
    ]);
    const person = (await api(admin, 'GET', `/api/persons/${first.id}`)).json<{ identifiers: Array<{ value: string }> }>();
    expect(person.identifiers.map((i) => i.value).sort()).toEqual(['CLINA-7', 'HUBA-1']);
  });

  it('registers two simultaneous reports of the same new person as one person (blocking keys are locked)', async () => {
    const report = () => net.services.mpi.validate({ name: '欧阳春燕', sex: 2, birthDate: '1966-09-30', phone: '13711112222', divisionCode: '500235' });
    const results = await Promise.all([1, 2, 3].map(() => net.services.mpi.register(at(net.ids.hubA), report(), 'hospital')));
    expect(new Set(results.map((r) => r.personId)).size).toBe(1);
    expect(results.map((r) => r.match.decision).sort()).toEqual(['link', 'link', 'non-link']);
  });

  it('creates a new person below the review threshold', async () => {
    const result = await net.services.mpi.register(at(net.ids.hubA), net.services.mpi.validate({ name: '李秀英', sex: 2, birthDate: '1958-04-12', divisionCode: '500235' }), 'registration');
    expect(result.match.decision).toBe('non-link');
    expect(result.reviewIds).toEqual([]);
  });

  it('match() explains the decision per field without registering anything', async () => {
    const before = await db().selectFrom('person_record').select(db().fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const match = await net.services.mpi.match(at(net.ids.hubA), { name: '张伟明', sex: 1, birthDate: '1958-04-12', phone: '13900001111' }, 'screening');
    expect(match.decision).toBe('link');
    expect(match.explanation!.fields.find((f) => f.column === 'phone')).toMatchObject({ level: 'exact' });
    expect(match.explanation!.fields.find((f) => f.column === 'resident_id')).toMatchObject({ level: 'missing', weight: 0 });
    const after = await db().selectFrom('person_record').select(db().fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  let reviewId = 0;
  let candidateId = 0;
  let provisionalId = 0;

  it('queues a pair between the thresholds (same name, birth date and sex, nothing else) for review', async () => {
    const existing = await net.services.persons.create(at(net.ids.hubA), { name: '王丽华', sex: 2, birthDate: '1966-09-30', divisionCode: '500235', residentId: makeResidentId('500235', '1966-09-30', 34, 2), identifiers: [{ kind: 'mrn', value: 'HUBA-2' }] });
    const incoming = await api(registrar, 'POST', '/api/persons', { name: '王莉华', sex: 2, birthDate: '1966-09-30', divisionCode: '500235', identifiers: [{ kind: 'mrn', value: 'HUBA-3' }] });
    expect(incoming.statusCode, incoming.body).toBe(201);
    candidateId = existing.id;
    provisionalId = incoming.json<{ id: number }>().id;
    expect(provisionalId).not.toBe(candidateId);
    const list = await api(registrar, 'GET', '/api/mpi/reviews');
    expect(list.statusCode, list.body).toBe(200);
    const item = list.json<{ items: Array<{ id: number; record: { personId: number; name: string }; candidate: { personId: number }; matchProbability: number }> }>().items.find((i) => i.candidate.personId === candidateId);
    expect(item).toMatchObject({ record: { personId: provisionalId, name: '王莉华' } });
    expect(item!.matchProbability).toBeGreaterThanOrEqual(0.5);
    expect(item!.matchProbability).toBeLessThan(0.9);
    reviewId = item!.id;
  });

  it('shows the pair side by side with each field’s level and weight', async () => {
    const detail = await api(registrar, 'GET', `/api/mpi/reviews/${reviewId}`);
    expect(detail.statusCode, detail.body).toBe(200);
    const body = detail.json<{ record: { name: string }; candidate: { name: string; records: unknown[] }; comparison: { fields: Array<{ column: string; level: string; weight: number }>; matchWeight: number; priorWeight: number } }>();
    expect(body.record.name).toBe('王莉华');
    expect(body.candidate.name).toBe('王丽华');
    const byColumn = Object.fromEntries(body.comparison.fields.map((f) => [f.column, f]));
    expect(byColumn.name).toMatchObject({ level: 'same pinyin' });
    expect(byColumn.birth_date).toMatchObject({ level: 'exact' });
    expect(byColumn.resident_id).toMatchObject({ level: 'missing', weight: 0 });
    expect(byColumn.name!.weight).toBeGreaterThan(0);
    const sum = body.comparison.priorWeight + body.comparison.fields.reduce((s, f) => s + f.weight, 0);
    expect(body.comparison.matchWeight).toBeCloseTo(sum, 9);
  });

  it('merges and unmerges a pair round-trip without losing anything, MRNs included', async () => {
    const before = await state([candidateId, provisionalId]);
    const merged = await api(registrar, 'POST', `/api/mpi/reviews/${reviewId}/merge`);
    expect(merged.statusCode, merged.body).toBe(200);
    const { mergeId } = merged.json<{ mergeId: number }>();
    const during = await state([candidateId, provisionalId]);
    expect(during.persons.find((p) => p.id === provisionalId)!.merged_into).toBe(candidateId);
    expect(during.records.every((r) => r.person_id === candidateId)).toBe(true);
    expect(during.records).toHaveLength(before.records.length);
    expect(during.identifiers.filter((i) => i.person_id === candidateId).map((i) => i.value).sort()).toEqual(['HUBA-2', 'HUBA-3']);
    expect(during.keys.every((k) => k.person_id === candidateId)).toBe(true);
    // The merged person's MRN now finds the survivor; a second merge of the same pair is a conflict.
    expect((await api(registrar, 'GET', '/api/persons?q=HUBA-3')).json<{ items: Array<{ id: number }> }>().items.map((i) => i.id)).toEqual([candidateId]);
    expect((await api(registrar, 'POST', `/api/mpi/reviews/${reviewId}/merge`)).statusCode).toBe(409);
    expect((await api(registrar, 'GET', '/api/mpi/reviews')).json<{ items: Array<{ id: number }> }>().items.map((i) => i.id)).not.toContain(reviewId);

    const undone = await api(registrar, 'POST', `/api/mpi/merges/${mergeId}/unmerge`);
    expect(undone.statusCode, undone.body).toBe(200);
    expect(undone.json<{ review: { status: string } }>().review.status).toBe('kept_apart');
    expect(await state([candidateId, provisionalId])).toEqual(before);
    expect((await api(registrar, 'POST', `/api/mpi/merges/${mergeId}/unmerge`)).statusCode).toBe(409);

    const audit = await db().selectFrom('audit_log').select(['action', 'person_id']).where('action', 'in', ['mpi.merge', 'mpi.unmerge']).orderBy('seq').execute();
    expect(audit).toEqual([
      { action: 'mpi.merge', person_id: candidateId },
      { action: 'mpi.unmerge', person_id: candidateId },
    ]);
  });

  it('keeps a pair apart', async () => {
    await net.services.persons.create(at(net.ids.clinicA), { name: '刘建国', sex: 1, birthDate: '1949-10-01' });
    const second = await net.services.mpi.register(at(net.ids.clinicA), net.services.mpi.validate({ name: '刘建国', sex: 1, birthDate: '1949-10-01' }), 'screening');
    expect(second.reviewIds).toHaveLength(1);
    const kept = await api(registrar, 'POST', `/api/mpi/reviews/${second.reviewIds[0]}/keep-apart`);
    expect(kept.statusCode, kept.body).toBe(200);
    expect(kept.json<{ status: string }>().status).toBe('kept_apart');
    expect((await api(registrar, 'GET', '/api/mpi/reviews?status=kept_apart')).json<{ items: Array<{ id: number }> }>().items.map((i) => i.id)).toContain(second.reviewIds[0]);
  });

  it('answers 404 for pairs out of the registrar’s scope and lists none of them', async () => {
    await net.services.persons.create(at(net.ids.hubB), { name: '陈思远', sex: 1, birthDate: '1971-02-03' });
    const outside = await net.services.mpi.register(at(net.ids.hubB), net.services.mpi.validate({ name: '陈思远', sex: 1, birthDate: '1971-02-03' }), 'screening');
    const id = outside.reviewIds[0]!;
    for (const [method, url] of [['GET', `/api/mpi/reviews/${id}`], ['POST', `/api/mpi/reviews/${id}/merge`], ['POST', `/api/mpi/reviews/${id}/keep-apart`], ['GET', `/api/persons/${outside.personId}/records`]] as const) {
      const response = await api(registrar, method, url);
      expect(response.statusCode, `${method} ${url}`).toBe(404);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body).not.toContain('陈思远');
    }
    expect((await api(registrar, 'GET', '/api/mpi/reviews')).body).not.toContain('陈思远');
    expect((await api(admin, 'GET', `/api/mpi/reviews/${id}`)).statusCode).toBe(200);
  });

  it('rejects bad input with problem+json naming the field', async () => {
    const bad = await api(registrar, 'GET', '/api/mpi/reviews?status=maybe');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.body).toContain('status');
    await expect(net.services.mpi.saveModel(systemActor(), '{}')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(net.services.mpi.saveModel(reviewer, '{"format":"other"}')).rejects.toMatchObject({ code: 'validation', errors: [{ field: 'model' }] });
    const renamed = { ...(await net.services.mpi.currentModel()) };
    await expect(net.services.mpi.saveModel(reviewer, JSON.stringify({ ...renamed, fields: renamed.fields.map((f, i) => (i === 0 ? { ...f, column: 'full_name' } : f)), comparisons: renamed.comparisons.map((c, i) => (i === 0 ? { ...c, column: 'full_name' } : c)) }))).rejects.toMatchObject({ code: 'validation', errors: [{ field: 'model.fields' }] });
  });

  it('uses a saved model instead of the defaults', async () => {
    const model = { ...(await net.services.mpi.currentModel()), thresholds: { link: 0.999999, review: 0.99 } };
    await net.services.mpi.saveModel(reviewer, JSON.stringify(model));
    const match = await net.services.mpi.match(at(net.ids.hubA), { name: '张伟明', sex: 1, birthDate: '1958-04-12', divisionCode: '500235' }, 'screening');
    expect(match.decision).toBe('non-link');
    expect((await db().selectFrom('mpi_model').select('id').execute()).length).toBe(1);
  });

  it('shows the model in use and puts a new one in use over HTTP, naming the field of a bad one', async () => {
    const before = (await api(registrar, 'GET', '/api/mpi/model')).json<{ source: string; thresholds: { link: number }; fields: Array<{ column: string; levels: Array<{ label: string; weight: number }> }> }>();
    expect(before.source).toBe('saved');
    expect(before.thresholds.link).toBe(0.999999);
    const idExact = before.fields.find((f) => f.column === 'resident_id')?.levels[0];
    expect(idExact?.label).toBe('exact');
    expect(idExact?.weight).toBeGreaterThan(20);
    const model = { ...(await net.services.mpi.currentModel()), thresholds: { link: 0.95, review: 0.6 } };
    const put = await api(registrar, 'PUT', '/api/mpi/model', model);
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ source: 'saved', thresholds: { link: 0.95, review: 0.6 } });
    expect((await net.services.mpi.currentModel()).thresholds.link).toBe(0.95);
    const bad = await api(registrar, 'PUT', '/api/mpi/model', {
      ...model,
      fields: model.fields.map((f, i) => (i === 0 ? { ...f, column: 'full_name' } : f)),
      comparisons: model.comparisons.map((c, i) => (i === 0 ? { ...c, column: 'full_name' } : c)),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json<{ errors: Array<{ field: string }> }>().errors[0]?.field).toBe('model.fields');
    const notAModel = await api(registrar, 'PUT', '/api/mpi/model', { format: 'csv' });
    expect(notAModel.statusCode).toBe(400);
    expect((await net.services.mpi.currentModel()).thresholds.link).toBe(0.95);
  });
});
