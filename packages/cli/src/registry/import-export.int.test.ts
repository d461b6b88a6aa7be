import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeResidentId } from '@onconet/domain';
import { createServices, systemActor } from '@onconet/services';
import { migrate, openDatabase, type Database } from '@onconet/storage';
import { testDatabaseKind } from '@onconet/storage/testing/test-database';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/run-cli.ts';

/** `onconet registry import` / `export` against a real data folder (PGlite) or a PostgreSQL schema. */
describe(`onconet registry import and export (${testDatabaseKind()})`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'onconet-registry-'));
  const schema = `cli_reg_${Date.now().toString(36)}`;
  const url = process.env.ONCONET_TEST_DATABASE_URL;
  const env: Record<string, string> = { ONCONET_DATA: dir, ONCONET_AUDIT_KEY: 'cli-test-key', ...(url ? { DATABASE_URL: `${url}?options=${encodeURIComponent(`-c search_path=${schema}`)}` } : { DATABASE_URL: '' }) };
  const open = () => openDatabase(url ? { databaseUrl: url, schema } : { dataDir: join(dir, 'pglite') });
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const id = makeResidentId('500235', '1950-04-01', 21, 1);
  const good = `source_ref,kind,reported_on,name,sex,birth_date,resident_id,topography,morphology,behaviour,basis,histology_date
P-1,pathology,2024-03-02,王建国,1,1950-04-01,${id},C16.2,8140,3,7,2024-02-20
P-2,pathology,2024-03-05,李秀英,2,1962-08-15,,C50.4,8500,3,7,2024-01-15
`;
  let database: Database;

  beforeAll(async () => {
    database = await open();
    await migrate(database);
    const services = createServices(database, { auditKey: 'cli-test-key' });
    const core = await services.network.create(systemActor(), { code: 'CORE', nameZh: '核心医院', nameEn: 'Core', tier: 'core', type: 'cancer_hospital', parentId: null, divisionCode: '500106' });
    await services.network.create(systemActor(), { code: 'HUBA', nameZh: '云阳县肿瘤医院', nameEn: 'Yunyang', tier: 'hub', type: 'county_tumour_hospital', parentId: core.id, divisionCode: '500235' });
    await database.close();
  });
  afterAll(async () => {
    if (url) {
      const db = await open();
      await db.exec(`DROP SCHEMA "${schema}" CASCADE`);
      await db.close();
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports a file once: the second run changes nothing', () => {
    const path = file('march.csv', good);
    const first = runCli(['registry', 'import', path, '--institution', 'HUBA', '--format', 'json'], env);
    expect(first.status, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ status: 'imported', rowsLoaded: 2, summary: { newTumours: 2 } });
    const again = runCli(['registry', 'import', path, '--institution', 'HUBA'], env);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('already imported');
  });

  it('exits 2 naming the file, row and column of bad input, and imports nothing', () => {
    const path = file('bad.csv', good.replace('C50.4,8500', 'C50.4,9999').replace('P-1,', 'P-9,'));
    const run = runCli(['registry', 'import', path, '--institution', 'HUBA'], env);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`${path}, row 2, column morphology`);
    const gone = runCli(['registry', 'import', join(dir, 'missing.csv'), '--institution', 'HUBA'], env);
    expect(gone.status).toBe(2);
  });

  it('exports the case listing and the CI5 table', () => {
    const cases = runCli(['registry', 'export'], env);
    expect(cases.status, cases.stderr).toBe(0);
    const rows: Array<Record<string, string>> = parse(cases.stdout, { columns: true });
    expect(rows.map((r) => [r.topography, r.morphology, r.icd10, r.ci5_cancer, r.sources, r.institution])).toEqual([['C16.2', '8140', 'C16.2', '11', '1', 'HUBA'], ['C50.4', '8500', 'C50.4', '29', '1', 'HUBA']]);
    expect(runCli(['registry', 'export', '--layout', 'ci5'], env).status).toBe(2);
    const pop = file('pop.csv', 'sex,age_group,py\n1,70-74,52000\n2,60-64,61000\n');
    const out = join(dir, 'ci5.csv');
    const ci5 = runCli(['registry', 'export', '--layout', 'ci5', '--population', pop, '--registry', 'Yunyang', '--output', out], env);
    expect(ci5.status, ci5.stderr).toBe(0);
    const table: Array<Record<string, string>> = parse(readFileSync(out, 'utf8'), { columns: true });
    expect(table.find((r) => r.cancer === '11' && r.sex === '1' && r.age_group === '70-74')).toEqual({ registry: 'Yunyang', cancer: '11', sex: '1', age_group: '70-74', cases: '1', py: '52000' });
    expect(table.find((r) => r.cancer === '62' && r.sex === '2' && r.age_group === '60-64')).toMatchObject({ cases: '1', py: '61000' });
    const badPop = file('badpop.csv', 'sex,age_group,py\n1,70-75,5\n');
    const refused = runCli(['registry', 'export', '--layout', 'ci5', '--population', badPop], env);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain(`${badPop}, row 1, column age_group`);
  });
});
