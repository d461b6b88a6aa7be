import { makeResidentId, permissionsOf } from '@onconet/domain';
import { registryDb } from '@onconet/storage/queries/registry-tables';
import { openTestDatabase, testDatabaseKind } from '@onconet/storage/testing/test-database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, systemActor, type Actor, type Services } from '../index.ts';
import { mpiMatcher } from './mpi-matcher.ts';
import { RegistryService } from './registry-service.ts';

/**
 * A notification file is read, matched and consolidated a chunk at a time in one transaction (import-pipeline.ts).
 * Chunks of three rows against one chunk for the whole file: the same registry; a bad row or a broken CSV after
 * chunks were already registered: nothing of the file stays.
 */
const HEADER = 'source_ref,kind,reported_on,institution,name,sex,birth_date,resident_id,topography,morphology,behaviour,grade,basis,icd10,histology_date,admission_date,incidence_date,t,n,m,stage,detection';
const WANG = makeResidentId('500235', '1950-04-01', 11, 1);
const LI = makeResidentId('500235', '1962-08-15', 12, 2);
const ZHAO = makeResidentId('500235', '1958-01-09', 13, 1);
const ROWS = [
  `P-1,pathology,2024-03-02,,王建国,1,1950-04-01,${WANG},C16.2,8140,3,2,7,,2024-02-20,,,,,,,symptoms`,
  `P-2,pathology,2024-03-05,,李秀英,2,1962-08-15,${LI},C34.1,8070,3,,7,,2024-01-15,,,,,,,`,
  `H-9,hospital,2024-03-06,,赵志强,1,1958-01-09,${ZHAO},C22.0,8170,3,,2,,,2024-02-01,,,,,,`,
  `H-2,hospital,2024-03-08,,李秀英,2,1962-08-15,${LI},C34.9,8000,3,,2,,,2024-01-10,,T2a,N1,M0,IIB,`,
  // Wang again, from the clinic, two chunks after his pathology report: it must find the tumour chunk 1 wrote.
  `H-1,hospital,2024-03-10,CLINA,王建国,1,1950-04-01,${WANG},C16.9,8000,3,,2,,,2024-02-10,,T2,N0,M0,I,`,
  `P-3,pathology,2024-03-11,,赵志强,1,1958-01-09,${ZHAO},C22.0,8170,3,3,7,,2024-02-12,,,,,,,`,
  `P-4,pathology,2024-03-12,,王建国,1,1950-04-01,${WANG},C18.7,8140,3,,7,,2024-03-01,,,,,,,`,
];
const file = (rows: readonly string[]) => new TextEncoder().encode([HEADER, ...rows].join('\n') + '\n');

async function network(chunkRows: number) {
  const database = await openTestDatabase();
  const now = new Date('2024-06-30T08:00:00Z');
  const clock = { now: () => now };
  const services = createServices(database, { auditKey: 'k', clock });
  const core = await services.network.create(systemActor(), { code: 'CORE', nameZh: '核心医院', nameEn: 'Core', tier: 'core', type: 'cancer_hospital', parentId: null, divisionCode: '500106' });
  const hub = await services.network.create(systemActor(), { code: 'HUBA', nameZh: '云阳县肿瘤医院', nameEn: 'Yunyang', tier: 'hub', type: 'county_tumour_hospital', parentId: core.id, divisionCode: '500235' });
  const clinic = await services.network.create(systemActor(), { code: 'CLINA', nameZh: '云阳镇卫生院', nameEn: 'Clinic', tier: 'primary', type: 'township_health_centre', parentId: hub.id, divisionCode: '500235' });
  const registrar: Actor = { userId: 0, username: 'registrar', institutionId: hub.id, roles: ['registrar'], permissions: permissionsOf(['registrar']), scope: { kind: 'institutions', institutionIds: [hub.id, clinic.id], divisionPrefix: null }, requestId: null, ip: null };
  const registry = new RegistryService(database.db, services.audit, clock, mpiMatcher(services.mpi), { importChunkRows: chunkRows });
  return { database, services, registry, registrar };
}

async function snapshot(services: Services) {
  const db = registryDb(services.database.db);
  const persons = await db.selectFrom('person').select(['name', 'birth_date']).orderBy('name').execute();
  const tumours = await db
    .selectFrom('tumour as t')
    .innerJoin('person as p', 'p.id', 't.person_id')
    .select(['p.name', 't.topography', 't.morphology', 't.basis', 't.incidence_date', 't.incidence_rule', 't.stage_group', 't.mp_status', 't.check_status', 't.field_sources'])
    .orderBy('p.name')
    .orderBy('t.topography')
    .execute();
  const notifications = await db.selectFrom('notification as n').leftJoin('tumour as t', 't.id', 'n.tumour_id').select(['n.source_ref', 'n.status', 't.topography']).orderBy('n.source_ref').execute();
  // Notification ids differ between the two runs' reservations; which notification a field came from is compared by its reference.
  const refs = new Map((await db.selectFrom('notification').select(['id', 'source_ref']).execute()).map((n) => [n.id, n.source_ref]));
  return {
    persons,
    notifications,
    tumours: tumours.map((t) => ({ ...t, field_sources: Object.fromEntries(Object.entries(t.field_sources).map(([f, s]) => [f, { value: s.value, ref: refs.get(s.notification) }])) })),
  };
}

describe(`notification import chunk by chunk (${testDatabaseKind()})`, () => {
  let small: Awaited<ReturnType<typeof network>>;
  let whole: Awaited<ReturnType<typeof network>>;
  beforeAll(async () => {
    small = await network(3);
    whole = await network(10_000);
  });
  afterAll(async () => {
    await small.database.close();
    await whole.database.close();
  });

  it('registers the same persons, tumours and field sources in chunks of three rows as in one chunk', async () => {
    const progress: string[] = [];
    const a = await small.registry.importNotifications(small.registrar, { fileName: 'march.csv', bytes: file(ROWS) }, (phase) => void progress.push(phase));
    const b = await whole.registry.importNotifications(whole.registrar, { fileName: 'march.csv', bytes: file(ROWS) });
    expect(a.status, JSON.stringify(a.errors)).toBe('imported');
    expect(a.summary).toEqual(b.summary);
    expect(a.summary).toMatchObject({ notifications: 7, newTumours: 4, attached: 3 });
    const snap = await snapshot(small.services);
    expect(snap).toEqual(await snapshot(whole.services));
    expect(snap.persons).toHaveLength(3);
    // Wang's clinic report (chunk 2) joined the stomach tumour his pathology report (chunk 1) created.
    expect(snap.tumours.find((t) => t.topography === 'C16.2')).toMatchObject({ stage_group: 'I', field_sources: { morphology: { ref: 'P-1' }, stage_group: { ref: 'H-1' } } });
    expect(progress[0]).toBe('validate');
    expect(progress.filter((p) => p === 'consolidate')).toHaveLength(3);
    expect(progress).toContain('match');
    expect(progress).toContain('consolidate');
  });

  it('rolls back chunks already registered when a later row is bad, and names every bad row', async () => {
    const before = await snapshot(small.services);
    const rows = [...ROWS.map((r) => r.replace(/^(\w)-/, '$1B-')), 'Z-1,pathology,2024-03-12,,钱多多,1,1950-04-01,,C99.9,8140,3,,7,,2024-03-01,,,,,,,', 'Z-2,pathology,2099-03-12,,孙小美,2,1980-04-01,,C50.1,8500,3,,7,,2024-03-01,,,,,,,'];
    const report = await small.registry.importNotifications(small.registrar, { fileName: 'april.csv', bytes: file(rows) });
    expect(report.status).toBe('rejected');
    expect(report.rowsTotal).toBe(9);
    expect(report.errors.map((e) => [e.row, e.column])).toEqual([[8, 'topography'], [9, 'reported_on']]);
    expect(await snapshot(small.services)).toEqual(before);
  });

  it('rolls back chunks already registered when the CSV breaks further down, naming the row', async () => {
    const before = await snapshot(small.services);
    const broken = new TextEncoder().encode([HEADER, ...ROWS.map((r) => r.replace(/^(\w)-/, '$1C-')), 'Q-1,pathology,"2024-03-12,unclosed'].join('\n') + '\n');
    const report = await small.registry.importNotifications(small.registrar, { fileName: 'broken.csv', bytes: broken });
    expect(report).toMatchObject({ status: 'rejected', errors: [{ column: 'row', code: 'csv' }] });
    expect(report.errors[0]!.message).toMatch(/broken\.csv, row \d+: malformed CSV/);
    expect(await snapshot(small.services)).toEqual(before);
  });
});
