import { makeResidentId, permissionsOf } from '@onconet/domain';
import { registryDb } from '@onconet/storage/queries/registry-tables';
import { openTestDatabase, testDatabaseKind } from '@onconet/storage/testing/test-database';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, systemActor, type Actor, type Services } from '../index.ts';
import { AppError } from '../errors.ts';
import { mpiMatcher } from './mpi-matcher.ts';
import type { PersonMatcher } from './person-matcher.ts';
import { RegistryService } from './registry-service.ts';

const HEADER = 'source_ref,kind,reported_on,institution,name,sex,birth_date,resident_id,topography,morphology,behaviour,grade,basis,icd10,histology_date,admission_date,incidence_date,t,n,m,stage,detection';
const WANG = makeResidentId('500235', '1950-04-01', 11, 1);
const LI = makeResidentId('500235', '1962-08-15', 12, 2);
const csv = (...rows: string[]) => new TextEncoder().encode([HEADER, ...rows].join('\n') + '\n');

describe(`registry import: notifications and deaths through the MPI (${testDatabaseKind()})`, () => {
  let services: Services;
  let registry: RegistryService;
  let registrar: Actor;
  let close: () => Promise<void>;
  let now = new Date('2024-06-30T08:00:00Z');
  const clock = { now: () => now };

  beforeAll(async () => {
    const database = await openTestDatabase();
    close = () => database.close();
    services = createServices(database, { auditKey: 'k', clock });
    const core = await services.network.create(systemActor(), { code: 'CORE', nameZh: '核心医院', nameEn: 'Core', tier: 'core', type: 'cancer_hospital', parentId: null, divisionCode: '500106' });
    const hub = await services.network.create(systemActor(), { code: 'HUBA', nameZh: '云阳县肿瘤医院', nameEn: 'Yunyang', tier: 'hub', type: 'county_tumour_hospital', parentId: core.id, divisionCode: '500235' });
    await services.network.create(systemActor(), { code: 'CLINA', nameZh: '云阳镇卫生院', nameEn: 'Clinic', tier: 'primary', type: 'township_health_centre', parentId: hub.id, divisionCode: '500235' });
    await services.network.create(systemActor(), { code: 'OTHER', nameZh: '黔江区医院', nameEn: 'Other', tier: 'hub', type: 'county_tumour_hospital', parentId: core.id, divisionCode: '500114' });
    const ids = (await database.db.selectFrom('institution').select('id').where('code', 'in', ['HUBA', 'CLINA']).execute()).map((r) => r.id);
    registrar = { userId: 0, username: 'registrar', institutionId: hub.id, roles: ['registrar'], permissions: permissionsOf(['registrar']), scope: { kind: 'institutions', institutionIds: ids, divisionPrefix: null }, requestId: null, ip: null };
    registry = new RegistryService(database.db, services.audit, clock, mpiMatcher(services.mpi));
  });
  afterAll(async () => close());

  const db = () => registryDb(services.database.db);
  const count = async (table: 'tumour' | 'notification' | 'person' | 'death_record' | 'traceback_task') =>
    Number((await db().selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  it('consolidates two notifications of one stomach cancer into one tumour, each field remembering its source', async () => {
    const file = csv(
      `P-1,pathology,2024-03-02,,王建国,1,1950-04-01,${WANG},C16.2,8140,3,2,7,,2024-02-20,,,,,,,symptoms`,
      `H-1,hospital,2024-03-10,CLINA,王建国,1,1950-04-01,${WANG},C16.9,8000,3,,2,,,2024-02-10,,T2,N0,M0,I,`,
      `P-2,pathology,2024-03-05,,李秀英,2,1962-08-15,${LI},C34.1,8070,3,,7,,2024-01-15,,,,,,,`,
    );
    const report = await registry.importNotifications(registrar, { fileName: 'march.csv', bytes: file });
    expect(report.status, JSON.stringify(report.errors)).toBe('imported');
    expect(report.summary).toMatchObject({ notifications: 3, newTumours: 2, attached: 1 });
    const tumours = await db().selectFrom('tumour').selectAll().orderBy('id').execute();
    expect(tumours).toHaveLength(2);
    const stomach = tumours.find((t) => t.topography.startsWith('C16'))!;
    // ENCR: histology (priority 1) beats the earlier admission (priority 2); pathology's morphology beats 8000.
    expect(stomach).toMatchObject({ topography: 'C16.2', morphology: '8140', behaviour: 3, grade: 2, basis: 7, icd10: 'C16.2', incidence_date: '2024-02-20', incidence_rule: 'histology', stage_group: 'I', detection: 'symptoms', ci5_cancer: 11, sex: 1, age: 73 });
    const { fields } = await registry.tumour(registrar, stomach.id);
    const source = Object.fromEntries(fields.map((f) => [f.field, f.sourceRef]));
    expect(source).toMatchObject({ morphology: 'P-1', incidence_date: 'P-1', basis: 'P-1', stage_group: 'H-1', t_category: 'H-1', icd10: 'P-1' });
    expect(fields.find((f) => f.field === 'morphology')).toMatchObject({ value: '8140', sourceKind: 'pathology', overrideReason: null });
  });

  it('imports the same file twice without changing anything', async () => {
    const before = [await count('tumour'), await count('notification'), await count('person')];
    const file = csv(`P-1,pathology,2024-03-02,,王建国,1,1950-04-01,${WANG},C16.2,8140,3,2,7,,2024-02-20,,,,,,,symptoms`, `H-1,hospital,2024-03-10,CLINA,王建国,1,1950-04-01,${WANG},C16.9,8000,3,,2,,,2024-02-10,,T2,N0,M0,I,`, `P-2,pathology,2024-03-05,,李秀英,2,1962-08-15,${LI},C34.1,8070,3,,7,,2024-01-15,,,,,,,`);
    const again = await registry.importNotifications(registrar, { fileName: 'march.csv', bytes: file });
    expect(again.status).toBe('already_imported');
    // A different file repeating a row already received registers nothing for that row.
    const overlap = await registry.importNotifications(registrar, { fileName: 'march-again.csv', bytes: csv(`P-2,pathology,2024-03-05,,李秀英,2,1962-08-15,${LI},C34.1,8070,3,,7,,2024-01-15,,,,,,,`) });
    expect(overlap).toMatchObject({ status: 'imported', rowsLoaded: 0, summary: { alreadyReceived: 1 } });
    expect([await count('tumour'), await count('notification'), await count('person')]).toEqual(before);
  });

  it('rejects a bad file as a whole with a report naming each row and column', async () => {
    const before = [await count('tumour'), await count('notification'), await count('person')];
    const report = await registry.importNotifications(registrar, {
      fileName: 'bad.csv',
      bytes: csv(
        'X-1,pathology,2024-03-02,,张三,1,1950-04-01,,C16.2,8140,3,,7,,2024-02-20,,,,,,,',
        'X-2,pathology,2024-03-02,,张四,3,1950-04-01,,C99.9,9999,3,,7,,2099-01-01,,,,,,,',
        'X-3,autopsy,2024-03-02,NOPE,张五,2,1950-04-01,,C50.9,8500,3,,7,,2024-02-20,,,,,,,',
      ),
    });
    expect(report.status).toBe('rejected');
    const cells = report.errors.map((e) => `${e.row}:${e.column}`);
    expect(cells).toEqual(expect.arrayContaining(['2:sex', '2:topography', '2:morphology', '2:histology_date', '3:kind']));
    expect([await count('tumour'), await count('notification'), await count('person')]).toEqual(before);
    const missing = await registry.importNotifications(registrar, { fileName: 'nobasis.csv', bytes: new TextEncoder().encode('source_ref,kind,reported_on,name,sex,birth_date\nA,pathology,2024-01-01,王,1,1950-01-01\n') });
    expect(missing.errors).toContainEqual(expect.objectContaining({ row: 0, column: 'basis', code: 'column.missing' }));
    const binary = await registry.importNotifications(registrar, { fileName: 'x.csv', bytes: new Uint8Array([0xff, 0xfe, 0x00, 0x41, 0x00, 0x0a, 0x81]) });
    expect(binary.status).toBe('rejected');
  });

  it('leaves nothing behind, persons included, when the MPI refuses a row or the import fails after the matching', async () => {
    const rows = async (table: string) => Number((await sql.raw<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`).execute(services.database.db)).rows[0]!.n);
    const tables = ['person', 'person_record', 'person_block_key', 'mpi_review', 'notification', 'tumour'] as const;
    const counts = async () => Promise.all(tables.map(rows));
    const real = mpiMatcher(services.mpi);
    const file = csv('N-1,pathology,2024-04-01,,郑国庆,1,1966-10-01,,C18.7,8140,3,,7,,2024-03-20,,,,,,,', 'N-2,pathology,2024-04-01,,冯海燕,2,1971-02-03,,C50.1,8500,3,,7,,2024-03-21,,,,,,,');
    const before = await counts();
    const auditBefore = await rows('audit_log');

    // The MPI refuses the second person after registering the first: the file is rejected and the first person goes too.
    const refusing: PersonMatcher = {
      ...real,
      async registerBatch(tx, actor, reports, progress) {
        const result = await real.registerBatch(tx, actor, reports, progress);
        return { ...result, outcomes: [result.outcomes[0]!, { ok: false, error: new AppError('conflict', 'resident ID held by another person', [{ field: 'resident_id', code: 'mpi.conflict', message: 'held' }]) }] };
      },
    };
    const refused = await new RegistryService(services.database.db, services.audit, clock, refusing).importNotifications(registrar, { fileName: 'refused.csv', bytes: file });
    expect(refused).toMatchObject({ status: 'rejected', errors: [{ row: 2, column: 'resident_id', code: 'mpi' }] });
    expect(await counts()).toEqual(before);

    // A failure after the persons were matched (the database going away, say) rolls the persons back with the rest.
    const failing: PersonMatcher = {
      ...real,
      async registerBatch(tx, actor, reports, progress) {
        await real.registerBatch(tx, actor, reports, progress);
        throw new Error('connection lost');
      },
    };
    await expect(new RegistryService(services.database.db, services.audit, clock, failing).importNotifications(registrar, { fileName: 'lost.csv', bytes: file })).rejects.toThrow('connection lost');
    expect(await counts()).toEqual(before);
    // Only the rejection's own audit row was written (no person.create of the rolled-back persons).
    const actions = await services.database.db.selectFrom('audit_log').select('action').where('seq', '>', auditBefore).execute();
    expect(actions.map((a) => a.action)).toEqual(['registry.import']);
  });

  it('reads GBK-encoded CSV and Excel files', async () => {
    const gbk = iconv.encode([HEADER, 'G-1,pathology,2024-04-01,,赵丽华,2,1970-05-06,,C50.4,8500,3,2,7,,2024-03-20,,,,,,,screening'].join('\r\n'), 'gbk');
    const report = await registry.importNotifications(registrar, { fileName: 'gbk.csv', bytes: gbk });
    expect(report).toMatchObject({ status: 'imported', encoding: 'GB18030', summary: { newTumours: 1 } });
    expect((await db().selectFrom('person').select('name').where('name', '=', '赵丽华').execute()).length).toBe(1);

    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('notifications');
    sheet.addRow(HEADER.split(','));
    sheet.addRow(['E-1', 'hospital', new Date(Date.UTC(2024, 4, 2)), '', '钱卫东', 1, '1958-11-11', '', 'C22.0', 8170, 3, '', 2, '', '', '2024-04-20', '', '', '', '', '', '']);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const xlsx = await registry.importNotifications(registrar, { fileName: 'may.xlsx', bytes });
    expect(xlsx, JSON.stringify(xlsx.errors)).toMatchObject({ status: 'imported', format: 'xlsx', summary: { newTumours: 1 } });
  });

  it('applies the multiple-primary rules and stores the check results', async () => {
    const report = await registry.importNotifications(registrar, {
      fileName: 'mp.csv',
      bytes: csv(
        `P-10,pathology,2024-05-02,,王建国,1,1950-04-01,${WANG},C34.3,8140,3,,7,,2024-04-20,,,,,,,`,
        `P-11,pathology,2024-05-02,,王建国,1,1950-04-01,${WANG},C16.0,8000,3,,7,,2024-04-25,,,,,,,`,
        'P-12,pathology,2024-05-03,,孙志强,1,1960-01-01,,C53.9,8070,3,,7,,2024-04-25,,,,,,,',
      ),
    });
    expect(report.status, JSON.stringify(report.errors)).toBe('imported');
    expect(report.summary).toMatchObject({ newTumours: 2, attached: 1, multiplePrimariesToConfirm: 1 });
    const lung = await db().selectFrom('tumour').selectAll().where('topography', '=', 'C34.3').executeTakeFirstOrThrow();
    expect(lung).toMatchObject({ mp_status: 'pending', mp_rule: 'IARC/IACR 2004 rule 3' });
    const stomachNotice = await db().selectFrom('notification').select(['mp_rule', 'tumour_id']).where('source_ref', '=', 'P-11').executeTakeFirstOrThrow();
    expect(stomachNotice.mp_rule).toBe('IARC/IACR 2004 rule 3');
    const cervixInMan = await db().selectFrom('tumour').select(['id', 'check_status']).where('topography', '=', 'C53.9').executeTakeFirstOrThrow();
    expect(cervixInMan.check_status).toBe('errors');
    const checks = await db().selectFrom('tumour_check').select(['rule', 'severity']).where('tumour_id', '=', cervixInMan.id).execute();
    expect(checks).toContainEqual({ rule: 'sex.site', severity: 'error' });
  });

  it('links deaths through the MPI, updates vital status and opens a trace-back task for an unregistered cancer death', async () => {
    const header = 'source_ref,reported_on,name,sex,birth_date,death_date,underlying_cause,resident_id';
    const file = new TextEncoder().encode([header, `D-1,2024-06-01,李秀英,2,1962-08-15,2024-05-20,C34.1,${LI}`, 'D-2,2024-06-01,周大福,1,1940-02-02,2024-05-21,C22.0,', 'D-3,2024-06-01,吴小明,1,1945-03-03,2024-05-22,I21.9,'].join('\n'));
    const report = await registry.importDeaths(registrar, { fileName: 'deaths.csv', bytes: file });
    expect(report.status, JSON.stringify(report.errors)).toBe('imported');
    expect(report.summary).toMatchObject({ deaths: 3, cancerDeaths: 2, tracebackTasks: 1 });
    const li = await db().selectFrom('person').select(['vital_status', 'death_date']).where('name', '=', '李秀英').executeTakeFirstOrThrow();
    expect(li).toEqual({ vital_status: 'dead', death_date: '2024-05-20' });
    const task = await db().selectFrom('traceback_task as t').innerJoin('person as p', 'p.id', 't.person_id').select(['p.name', 't.status', 't.due_on']).executeTakeFirstOrThrow();
    expect(task).toEqual({ name: '周大福', status: 'open', due_on: '2024-08-30' });
    expect((await registry.importDeaths(registrar, { fileName: 'deaths.csv', bytes: file })).status).toBe('already_imported');
    const bad = await registry.importDeaths(registrar, { fileName: 'bad-deaths.csv', bytes: new TextEncoder().encode([header, 'D-9,2024-06-01,某人,1,1940-02-02,2024-05-21,XX,'].join('\n')) });
    expect(bad.errors).toContainEqual(expect.objectContaining({ row: 1, column: 'underlying_cause' }));
  });

  it('lets a registrar override a field with a reason and confirm a multiple-primary decision, within scope', async () => {
    const cervix = await db().selectFrom('tumour').select('id').where('topography', '=', 'C53.9').executeTakeFirstOrThrow();
    await expect(registry.override(registrar, cervix.id, { field: 'topography', value: 'C99.9', reason: 'coding error' })).rejects.toMatchObject({ code: 'validation', errors: [{ field: 'value' }] });
    await expect(registry.override(registrar, cervix.id, { field: 'topography', value: 'C61.9', reason: '' })).rejects.toMatchObject({ errors: [{ field: 'reason' }] });
    const fixed = await registry.override(registrar, cervix.id, { field: 'topography', value: 'C61.9', reason: 'pathology report says prostate' });
    expect(fixed.tumour).toMatchObject({ topography: 'C61.9', icd10: 'C61', check_status: 'passed' });
    expect(fixed.fields.find((f) => f.field === 'topography')).toMatchObject({ value: 'C61.9', overrideReason: 'pathology report says prostate' });
    const lung = await db().selectFrom('tumour').select('id').where('topography', '=', 'C34.3').executeTakeFirstOrThrow();
    expect((await registry.worklist(registrar, 'primaries')).map((t) => t.id)).toContain(lung.id);
    await registry.confirmPrimary(registrar, lung.id);
    expect((await registry.worklist(registrar, 'primaries')).map((t) => t.id)).not.toContain(lung.id);
    const outsider = { ...registrar, scope: { kind: 'institutions' as const, institutionIds: [999], divisionPrefix: null } };
    await expect(registry.tumour(outsider, lung.id)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('registers an unresolved trace-back as DCO after the set period, and computes the data-quality table', async () => {
    expect(await registry.registerOverdueDco(registrar)).toEqual({ registered: 0, skipped: 0 });
    now = new Date('2024-09-15T08:00:00Z');
    expect(await registry.registerOverdueDco(registrar)).toEqual({ registered: 1, skipped: 0 });
    const dco = await db().selectFrom('tumour as t').innerJoin('person as p', 'p.id', 't.person_id').select(['t.basis', 't.incidence_date', 't.icd10', 't.detection']).where('p.name', '=', '周大福').executeTakeFirstOrThrow();
    expect(dco).toEqual({ basis: 0, incidence_date: '2024-05-21', icd10: 'C22.0', detection: 'death_certificate' });
    const q = await registry.quality(registrar, { by: ['year'] });
    const tumours = await db().selectFrom('tumour').select(['basis', 'registry_scope']).execute();
    const reportable = tumours.filter((t) => t.registry_scope === 'reportable');
    expect(q.total.cases).toBe(reportable.length);
    expect(q.total.mvPercent).toBeCloseTo((100 * reportable.filter((t) => t.basis >= 5 && t.basis <= 8).length) / reportable.length, 10);
    expect(q.total.dcoPercent).toBeCloseTo((100 * reportable.filter((t) => t.basis === 0).length) / reportable.length, 10);
    expect(q.reference).toMatchObject({ mvPercent: 67.77, dcoPercent: 1.53, miRatio: 0.59 });
    await expect(registry.quality(registrar, { by: ['colour'] })).rejects.toMatchObject({ errors: [{ field: 'by' }] });
    const listing = [];
    for await (const row of registry.caseListing(registrar, {})) listing.push(row);
    expect(listing).toHaveLength(tumours.length);
    const ci5 = await registry.ci5(registrar, { registry: 'Test', population: new Map([['1|70-74', 1000]]) });
    expect(ci5.find((r) => r.cancer === 11 && r.sex === 1 && r.age_group === '70-74')).toEqual({ registry: 'Test', cancer: 11, sex: 1, age_group: '70-74', cases: 1, py: 1000 });
    expect(ci5).toHaveLength(63 * 2 * 19);
  });
});
