import { makeResidentId } from '@onconet/domain';
import { testDatabaseKind } from '@onconet/storage/testing/test-database';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestNetwork, headers, login, type Session, type TestNetwork } from './test-network.ts';

const id = makeResidentId('500235', '1955-05-05', 31, 1);
const CSV = `source_ref,kind,reported_on,name,sex,birth_date,resident_id,division_code,topography,morphology,behaviour,basis,histology_date,admission_date
R-1,pathology,2024-03-02,赵建华,1,1955-05-05,${id},500235,C16.2,8140,3,7,2024-02-20,
R-2,hospital,2024-03-09,赵建华,1,1955-05-05,${id},500235,C16.9,8000,3,2,,2024-02-25
R-3,pathology,2024-03-05,钱明,1,1970-08-15,,500235,C53.9,8070,3,7,2024-01-15,
`;

describe(`registry API: import, worklists, decisions, data quality (${testDatabaseKind()})`, () => {
  let net: TestNetwork;
  let registrar: Session;
  let analyst: Session;
  let clinician: Session;
  beforeAll(async () => {
    net = await createTestNetwork();
    registrar = await login(net.app, 'registrar');
    analyst = await login(net.app, 'analyst');
    clinician = await login(net.app, 'clinician');
  });
  afterAll(async () => net.close());

  const upload = (session: Session, body: Buffer | string, fileName = 'march.csv', kind = 'notifications') =>
    net.app.inject({ method: 'POST', url: `/api/registry/imports?kind=${kind}&fileName=${encodeURIComponent(fileName)}`, headers: { ...headers(session), 'content-type': 'text/csv' }, payload: body });

  it('imports a CSV once, and the same file again changes nothing', async () => {
    const first = await upload(registrar, CSV);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ status: 'imported', rowsLoaded: 3, summary: { newTumours: 2, attached: 1 } });
    const again = await upload(registrar, CSV);
    expect(again.json()).toMatchObject({ status: 'already_imported' });
    const batches = await net.app.inject({ url: '/api/registry/imports', headers: headers(registrar) });
    expect(batches.json<{ items: unknown[] }>().items).toHaveLength(1);
  });

  it('answers 400 problem+json naming each row and column of a bad file, and a GBK file is read', async () => {
    const bad = await upload(registrar, CSV.replace('C53.9,8070', 'C53.9,1234').replace(/R-/g, 'B-'), 'bad.csv');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json<{ errors: Array<{ field: string }> }>().errors).toContainEqual(expect.objectContaining({ field: 'row 3: morphology' }));
    const gbk = await upload(registrar, iconv.encode(CSV.replace(/R-/g, 'G-'), 'gbk'), 'gbk.csv');
    expect(gbk.statusCode, gbk.body).toBe(200);
    expect(gbk.json()).toMatchObject({ encoding: 'GB18030' });
    const template = await net.app.inject({ url: '/api/registry/templates/notifications.csv', headers: headers(registrar) });
    expect(template.body).toContain('source_ref,kind,reported_on');
  });

  it('shows the worklists and a tumour with each field’s source; a registrar fixes an error with a reason', async () => {
    const checks = await net.app.inject({ url: '/api/registry/worklists/checks', headers: headers(registrar) });
    const items = checks.json<{ items: Array<{ id: number; topography: string; checks: Array<{ rule: string }> }> }>().items;
    const cervix = items.find((t) => t.topography === 'C53.9')!;
    expect(cervix.checks.map((c) => c.rule)).toContain('sex.site');
    const bad = await net.app.inject({ method: 'POST', url: `/api/registry/tumours/${cervix.id}/override`, headers: headers(registrar), payload: { field: 'sex', value: '2', reason: 'x y' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ errors: [{ field: 'field' }] });
    const tumour = await net.app.inject({ url: `/api/registry/tumours/${cervix.id}`, headers: headers(registrar) });
    expect(tumour.json()).toMatchObject({ tumour: { topography: 'C53.9', check_status: 'errors' } });
    expect(tumour.json<{ notifications: Array<{ sourceRef: string }> }>().notifications.map((n) => n.sourceRef).sort()).toEqual(['G-3', 'R-3']);
    const fixed = await net.app.inject({ method: 'POST', url: `/api/registry/tumours/${cervix.id}/override`, headers: headers(registrar), payload: { field: 'topography', value: 'C61.9', reason: 'the report says prostate' } });
    expect(fixed.json()).toMatchObject({ tumour: { topography: 'C61.9', icd10: 'C61', check_status: 'passed' } });
    expect((await net.app.inject({ url: `/api/registry/tumours/${cervix.id}`, headers: headers(clinician) })).statusCode).toBe(403);
  });

  it('gives the data-quality table to analysts (aggregates only) with the national reference', async () => {
    const q = await net.app.inject({ url: '/api/registry/quality?by=year,sex', headers: headers(analyst) });
    expect(q.statusCode, q.body).toBe(200);
    const body = q.json<{ rows: Array<{ year: number; sex: number; indicators: { cases: number; mvPercent: number } }>; reference: { mvPercent: number }; total: { cases: number } }>();
    expect(body.reference.mvPercent).toBe(67.77);
    expect(body.total.cases).toBe(2); // the GBK file repeated the same tumours of the same persons: consolidated, not counted twice
    expect(body.rows.map((r) => [r.year, r.sex, r.indicators.cases])).toEqual([[2024, 1, 2]]);
    expect(q.body).not.toContain('赵建华');
    expect((await net.app.inject({ url: '/api/registry/quality?by=colour', headers: headers(analyst) })).statusCode).toBe(400);
    expect((await net.app.inject({ url: '/api/registry/worklists/checks', headers: headers(analyst) })).statusCode).toBe(403);
    const cases = await net.app.inject({ url: '/api/registry/export/cases.csv', headers: headers(registrar) });
    expect(cases.body.trim().split('\r\n')).toHaveLength(3);
    expect(cases.body).not.toContain('赵建华');
  });

  it('streams the server-side progress of an import, then the report or the problem', async () => {
    const stream = (body: string, fileName: string) =>
      net.app.inject({ method: 'POST', url: `/api/registry/imports?kind=notifications&fileName=${fileName}&progress=stream`, headers: { ...headers(registrar), 'content-type': 'text/csv' }, payload: body });
    const sent = await stream(CSV.replace(/R-/g, 'P-'), 'progress.csv');
    expect(sent.statusCode).toBe(200);
    expect(sent.headers['content-type']).toContain('application/x-ndjson');
    const lines = sent.body.trim().split('\n').map((l) => JSON.parse(l) as { phase?: string; done?: number; total?: number; report?: { status: string; rowsLoaded: number } });
    const phases = lines.filter((l) => l.phase !== undefined);
    expect(new Set(phases.map((l) => l.phase))).toEqual(new Set(['validate', 'match', 'consolidate']));
    for (const l of phases) expect(l.done).toBeLessThanOrEqual(l.total!);
    expect(lines.at(-1)?.report).toMatchObject({ status: 'imported', rowsLoaded: 3 });
    const bad = await stream(CSV.replace('C53.9,8070', 'C53.9,1234').replace(/R-/g, 'Q-'), 'bad-stream.csv');
    const last = JSON.parse(bad.body.trim().split('\n').at(-1)!) as { problem: { status: number; errors: Array<{ field: string }> } };
    expect(last.problem.status).toBe(400);
    expect(last.problem.errors).toContainEqual(expect.objectContaining({ field: 'row 3: morphology' }));
  });
});
