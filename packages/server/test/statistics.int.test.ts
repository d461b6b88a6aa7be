import ExcelJS from 'exceljs';
import { demoPopulation } from '@onconet/domain/synthetic/demo-population';
import { ci5CancerOf } from '@onconet/domain/registry/ci5-cancers';
import { registryDb } from '@onconet/storage/queries/registry-tables';
import { upsertPopulation } from '@onconet/storage/queries/statistics';
import { testDatabaseKind } from '@onconet/storage/testing/test-database';
import type { IncidenceAnswer, SurvivalAnswer } from '@onconet/services/statistics/statistics-service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestNetwork, headers, login, type Session, type TestNetwork } from './test-network.ts';

const SEXES = ['male', 'female'] as const;
type Problem = { errors: Array<{ field: string }> };

/** Tumours of the test persons in Yunyang (500235) and Qianjiang (500114), with a few small cells. */
const TUMOURS: Array<{ icd10: string; topography: string; morphology: string; sex: 1 | 2; age: number; county: string; year: number; n: number }> = [
  { icd10: 'C34', topography: 'C34.1', morphology: '8140', sex: 1, age: 66, county: '500235', year: 2019, n: 24 },
  { icd10: 'C34', topography: 'C34.1', morphology: '8140', sex: 2, age: 70, county: '500235', year: 2020, n: 12 },
  { icd10: 'C16', topography: 'C16.9', morphology: '8140', sex: 1, age: 59, county: '500235', year: 2020, n: 15 },
  { icd10: 'C16', topography: 'C16.9', morphology: '8140', sex: 2, age: 61, county: '500235', year: 2019, n: 3 },
  { icd10: 'C15', topography: 'C15.5', morphology: '8070', sex: 1, age: 63, county: '500235', year: 2019, n: 4 },
  { icd10: 'C15', topography: 'C15.5', morphology: '8070', sex: 2, age: 68, county: '500235', year: 2020, n: 11 },
  { icd10: 'C22', topography: 'C22.0', morphology: '8170', sex: 1, age: 52, county: '500114', year: 2020, n: 9 },
];

describe(`statistics API: NCCR incidence table (${testDatabaseKind()})`, () => {
  let net: TestNetwork;
  let sysadmin: Session;
  let analyst: Session;
  let auditor: Session;

  beforeAll(async () => {
    net = await createTestNetwork();
    const db = net.services.database.db;
    await upsertPopulation(db, demoPopulation([2019, 2020]).map((r) => ({ division_code: r.divisionCode, year: r.year, sex: r.sex, age_group: r.ageGroup, population: r.population, source: 'test' })));
    const rows = TUMOURS.flatMap((t) =>
      Array.from({ length: t.n }, () => ({
        grade: 9,
        laterality: 0,
        detection: 'unknown',
        person_id: net.persons.hubA,
        incidence_date: `${t.year}-06-01`,
        incidence_rule: 'histology',
        topography: t.topography,
        morphology: t.morphology,
        behaviour: 3,
        basis: 7,
        icd10: t.icd10,
        ci5_cancer: 0,
        registry_scope: 'reportable',
        sex: t.sex,
        age: t.age,
        county_code: t.county,
        institution_id: net.ids.hubA,
        first_reported_on: `${t.year}-07-01`,
      })),
    );
    await registryDb(db).insertInto('tumour').values(rows).execute();
    sysadmin = await login(net.app, 'system-admin');
    analyst = await login(net.app, 'analyst');
    auditor = await login(net.app, 'auditor');
  });
  afterAll(async () => net.close());

  const get = (session: Session, url: string) => net.app.inject({ method: 'GET', url, headers: headers(session) });

  it('answers the whole-network reader with exact counts, rates and the yearly trend', async () => {
    const response = await get(sysadmin, '/api/stats/incidence?division=500235&from=2019&to=2020');
    expect(response.statusCode).toBe(200);
    const body = response.json<IncidenceAnswer>();
    expect(body.catchment).toMatchObject({ divisionCode: '500235', nameZh: '云阳县' });
    expect(body.suppressBelow).toBeNull();
    const all = body.rows.find((r: { site: { id: string } }) => r.site.id === 'all')!;
    expect(all.cells.both.cases).toBe(24 + 12 + 15 + 3 + 4 + 11);
    expect(all.cells.male.cases).toBe(24 + 15 + 4);
    expect(all.cells.both.crudeRate).toBeCloseTo((100_000 * 69) / body.personYears.both, 9);
    expect(body.trend.map((t) => [t.year, t.cases])).toEqual([
      [2019, 31],
      [2020, 38],
    ]);
    // Qianjiang's liver cancers are outside Yunyang's catchment.
    expect(body.rows.some((r: { site: { icd10: string } }) => r.site.icd10.startsWith('C22'))).toBe(false);
  });

  it('suppresses small cells with complements for the aggregate-only analyst', async () => {
    const body = (await get(analyst, '/api/stats/incidence?division=500235&from=2019&to=2020')).json<IncidenceAnswer>();
    expect(body.suppressBelow).toBe(10);
    for (const row of body.rows) for (const sex of SEXES) {
      const cases = row.cells[sex].cases;
      if (cases !== null) expect(cases === 0 || cases >= 10).toBe(true);
    }
    const stomach = body.rows.find((r: { site: { icd10: string } }) => r.site.icd10.startsWith('C16'))!;
    expect(stomach.cells.female.cases).toBeNull();
    // With the row total published, the 3 would follow from the men's 15: a complement hides it too.
    expect(stomach.cells.male.cases).toBeNull();
    expect(stomach.cells.both.cases).toBe(18);
    for (const row of body.rows.filter((r: { total: boolean }) => !r.total)) {
      const hidden = SEXES.filter((sex) => row.cells[sex].cases === null).length;
      if (row.cells.both.cases !== null) expect(hidden).not.toBe(1);
    }
    expect(JSON.stringify(body)).not.toContain('云阳乙'); // aggregates only, never a name
  });

  it('exports the same table as CSV (UTF-8 with BOM) and Excel', async () => {
    const csv = await get(sysadmin, '/api/stats/incidence/export?division=500235&from=2019&to=2020&format=csv&lang=zh');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect([...csv.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.rawPayload.toString('utf8')).toContain('中标率');
    const xlsx = await get(analyst, '/api/stats/incidence/export?division=500235&from=2019&to=2020&format=xlsx&lang=en');
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Incidence')!;
    expect(sheet.getRow(1).getCell(7).value).toBe('ASR China 2000');
    const values = sheet.getSheetValues().flat().map(String);
    expect(values).toContain('suppressed');
  });

  it('gives the catchment in the CI5 layout, named after it, with NA for the cells hidden from the analyst', async () => {
    const parse = (text: string) => text.trim().split('\r\n').map((l) => l.split(','));
    const full = await get(sysadmin, '/api/stats/ci5.csv?division=500235&from=2019&to=2020');
    expect(full.statusCode).toBe(200);
    expect(full.headers['content-disposition']).toContain('ci5-500235-2019-2020.csv');
    const [header, ...rows] = parse(full.body);
    expect(header).toEqual(['registry', 'cancer', 'sex', 'age_group', 'cases', 'py']);
    const find = (table: string[][], cancer: number, sex: number, group: string) => table.find((r) => r[1] === String(cancer) && r[2] === String(sex) && r[3] === group);
    const lung = ci5CancerOf('C34')!;
    const stomach = ci5CancerOf('C16')!;
    const males6569 = demoPopulation([2019, 2020]).filter((r) => r.divisionCode.startsWith('500235') && r.sex === 1 && r.ageGroup === 14).reduce((sum, r) => sum + r.population, 0);
    expect(find(rows, lung, 1, '65-69')).toEqual(['Yunyang', String(lung), '1', '65-69', '24', String(males6569)]);
    expect(find(rows, stomach, 2, '60-64')?.[4]).toBe('3');
    expect(find(rows, 62, 1, '55-59')?.[4]).toBe('15');
    expect(rows.every((r) => r[4] !== 'NA')).toBe(true);

    const hidden = parse((await get(analyst, '/api/stats/ci5.csv?division=500235&from=2019&to=2020')).body).slice(1);
    expect(hidden).toHaveLength(rows.length);
    expect(find(hidden, stomach, 2, '60-64')?.[4]).toBe('NA');
    expect(find(hidden, lung, 1, '65-69')?.[4]).toBe('24');
    for (const r of hidden) expect(r[4] === 'NA' || Number(r[4]) === 0 || Number(r[4]) >= 10).toBe(true);
    expect((await get(auditor, '/api/stats/ci5.csv?division=500235&from=2019&to=2020')).statusCode).toBe(403);
    const bad = await get(analyst, '/api/stats/ci5.csv?division=999999&from=2019&to=2020');
    expect(bad.statusCode).toBe(400);
    expect(bad.json<Problem>().errors[0]?.field).toBe('division');
  });

  it('names the field of bad input and refuses readers without stats.read', async () => {
    const unknown = await get(sysadmin, '/api/stats/incidence?division=110101&from=2019&to=2020');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    expect(unknown.json<Problem>().errors[0]!.field).toBe('division');
    const reversed = await get(sysadmin, '/api/stats/incidence?division=500235&from=2021&to=2019');
    expect(reversed.json<Problem>().errors[0]!.field).toBe('to');
    const badYear = await get(sysadmin, '/api/stats/incidence?from=19&to=2020');
    expect(badYear.statusCode).toBe(400);
    expect((await get(auditor, '/api/stats/incidence?from=2019&to=2020')).statusCode).toBe(403);
  });

  it('gives survival of a site from the death dates of its persons, by sex, and hides small strata from the analyst', async () => {
    await net.services.database.db.updateTable('person').set({ vital_status: 'dead', death_date: '2022-12-01' }).where('id', '=', net.persons.hubA).execute();
    const km = (await get(sysadmin, '/api/stats/survival?division=500235&from=2019&to=2020&site=lung&by=sex')).json<SurvivalAnswer>();
    expect(km.method).toBe('km');
    const [male, female] = km.strata as [SurvivalAnswer['strata'][number], SurvivalAnswer['strata'][number]];
    expect([male.key, male.n, male.deaths, female.key, female.n]).toEqual(['male', 24, 24, 'female', 12]);
    // Men diagnosed 2019-06-01 die 3.5 years later, women diagnosed 2020-06-01 2.5 years later; past the last
    // follow-up time survival is not estimated (survfit drops those rows).
    expect(male.times.map((t) => t.survival)).toEqual([1, 1, null]);
    expect(female.times.map((t) => t.survival)).toEqual([1, null, null]);
    expect(male.medianYears).toBeCloseTo(1279 / 365.241, 9);
    expect(male.curve[0]).toEqual({ years: 0, survival: 1, lower: 1, upper: 1 });

    const stomach = (await get(analyst, '/api/stats/survival?division=500235&from=2019&to=2020&site=stomach&by=sex')).json<SurvivalAnswer>();
    expect(stomach.minimumPatients).toBe(10);
    expect(stomach.strata.map((s) => [s.key, s.suppressed])).toEqual([
      ['male', false],
      ['female', true],
    ]);
    const netSurvival = (await get(sysadmin, '/api/stats/survival?division=500235&from=2019&to=2020&site=all&method=pohar-perme')).json<SurvivalAnswer>();
    expect(netSurvival.lifeTable).toContain('model');
    expect(netSurvival.strata[0]!.n).toBe(69);
    const bad = await get(sysadmin, '/api/stats/survival?division=500235&from=2019&to=2020&site=C99');
    expect(bad.statusCode).toBe(400);
    expect(bad.json<Problem>().errors[0]!.field).toBe('site');
  });

  it('lists the catchments and the years with population data', async () => {
    const body = (await get(analyst, '/api/stats/catchments')).json<{ years: number[]; catchments: Array<{ divisionCode: string }> }>();
    expect(body.years).toEqual([2019, 2020]);
    expect(body.catchments.map((c) => c.divisionCode)).toContain('500235');
  });
});
