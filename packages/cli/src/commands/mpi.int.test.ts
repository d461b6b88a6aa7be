import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseModel, type LinkModel } from '@onconet/domain/linkage/index';
import { createServices, systemActor } from '@onconet/services';
import { DEFAULT_MPI_MODEL } from '@onconet/services/mpi/default-model';
import type { ModelView } from '@onconet/services/mpi/model-admin';
import { loadSyntheticPersons } from '@onconet/services/demo/synthetic-persons';
import { migrate, openDatabase, type Database } from '@onconet/storage';
import { testDatabaseKind } from '@onconet/storage/testing/test-database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/run-cli.ts';

/** `onconet mpi model | train | use-model` against a real data folder (PGlite) or a PostgreSQL schema. */
describe(`onconet mpi (${testDatabaseKind()})`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'onconet-mpi-'));
  const schema = `cli_mpi_${Date.now().toString(36)}`;
  const url = process.env.ONCONET_TEST_DATABASE_URL;
  const env: Record<string, string> = { ONCONET_DATA: dir, ONCONET_AUDIT_KEY: 'cli-test-key', ...(url ? { DATABASE_URL: `${url}?options=${encodeURIComponent(`-c search_path=${schema}`)}` } : { DATABASE_URL: '' }) };
  const open = () => openDatabase(url ? { databaseUrl: url, schema } : { dataDir: join(dir, 'pglite') });
  const PERSONS = 1500;
  const viewOf = (stdout: string) => JSON.parse(stdout) as ModelView;
  let database: Database;
  let reported = 0;

  beforeAll(async () => {
    database = await open();
    await migrate(database);
    const services = createServices(database, { auditKey: 'cli-test-key' });
    const core = await services.network.create(systemActor(), { code: 'CORE', nameZh: '核心医院', nameEn: 'Core', tier: 'core', type: 'cancer_hospital', parentId: null, divisionCode: '500106' });
    const hub = await services.network.create(systemActor(), { code: 'HUBA', nameZh: '云阳县肿瘤医院', nameEn: 'Yunyang', tier: 'hub', type: 'county_tumour_hospital', parentId: core.id, divisionCode: '500235' });
    await loadSyntheticPersons(database, [core, hub], { seed: 11, count: PERSONS });
    // Second reports of some persons, as hospitals send them: the mobile missing, a moved address, no ID number.
    await database.exec(`
      INSERT INTO person_record (person_id, source, institution_id, name, name_pinyin, sex, birth_date, resident_id, phone, division_code, address, link_kind)
        SELECT id, 'hospital', registered_by, name, name_pinyin, sex, birth_date, CASE WHEN id % 3 = 0 THEN NULL ELSE resident_id END, NULL, division_code, NULL, 'auto'
        FROM person WHERE id % 4 = 0`);
    const count = await database.db.selectFrom('person_record').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const bare = await database.db.selectFrom('person').select((eb) => eb.fn.countAll<string>().as('n')).where('id', 'not in', (eb) => eb.selectFrom('person_record').select('person_id')).executeTakeFirstOrThrow();
    reported = Number(count.n) + Number(bare.n);
    await database.close();
  }, 120_000);
  afterAll(async () => {
    if (url) {
      const db = await open();
      await db.exec(`DROP SCHEMA "${schema}" CASCADE`);
      await db.close();
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the built-in model until one is saved', () => {
    const run = runCli(['mpi', 'model', '--format', 'json'], env);
    expect(run.status, run.stderr).toBe(0);
    const view = viewOf(run.stdout);
    expect(view).toMatchObject({ source: 'default', savedAt: null, lambda: DEFAULT_MPI_MODEL.lambda, thresholds: DEFAULT_MPI_MODEL.thresholds });
    expect(view.fields.map((f) => f.column)).toEqual(DEFAULT_MPI_MODEL.fields.map((f) => f.column));
    const table = runCli(['mpi', 'model'], env);
    expect(table.stdout).toContain('built-in defaults');
    expect(table.stdout).toMatch(/resident_id\s+exact/);
  });

  it('trains on every source record, keeps the prior, and puts the model in use', () => {
    const out = join(dir, 'trained.json');
    const run = runCli(['mpi', 'train', '--out', out, '--format', 'json'], env);
    expect(run.status, run.stderr).toBe(0);
    const view = viewOf(run.stdout);
    expect(view.source).toBe('trained');
    expect(view.training?.records).toBe(reported);
    const parsed = parseModel(readFileSync(out, 'utf8'));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.lambda).toBe(DEFAULT_MPI_MODEL.lambda);
    // Agreeing exactly must count for a match on every identifying field, and far more on the ID number than on sex.
    const exact = (column: string) => view.fields.find((f) => f.column === column)?.levels[0]?.weight ?? Number.NaN;
    for (const column of ['name', 'birth_date', 'resident_id']) expect(exact(column)).toBeGreaterThan(3);
    expect(exact('resident_id')).toBeGreaterThan(exact('sex') + 10);

    const used = runCli(['mpi', 'use-model', out, '--format', 'json'], env);
    expect(used.status, used.stderr).toBe(0);
    expect(viewOf(used.stdout)).toMatchObject({ source: 'saved', training: { records: reported } });
    const shown = viewOf(runCli(['mpi', 'model', '--format', 'json'], env).stdout);
    expect(shown.source).toBe('saved');
    expect(shown.fields).toEqual(view.fields);
  }, 120_000);

  it('audits training and saving', async () => {
    const db = await open();
    try {
      const actions = await db.db.selectFrom('audit_log').select(['action', 'detail']).where('action', 'like', 'mpi.model.%').orderBy('seq').execute();
      expect(actions.map((a) => a.action)).toEqual(['mpi.model.train', 'mpi.model.save']);
      expect(actions[0]?.detail).toMatchObject({ records: reported });
    } finally {
      await db.close();
    }
  });

  it('refuses a model that does not compare the index’s columns, naming the file and field, and keeps the one in use', () => {
    const trained = JSON.parse(readFileSync(join(dir, 'trained.json'), 'utf8')) as LinkModel;
    const bad = { ...trained, fields: trained.fields.map((f, i) => (i === 0 ? { ...f, column: 'full_name' } : f)), comparisons: trained.comparisons.map((c, i) => (i === 0 ? { ...c, column: 'full_name' } : c)) };
    const path = join(dir, 'bad.json');
    writeFileSync(path, JSON.stringify(bad));
    const run = runCli(['mpi', 'use-model', path], env);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`${path}: model.fields`);
    const garbage = join(dir, 'garbage.json');
    writeFileSync(garbage, '{ not json');
    const broken = runCli(['mpi', 'use-model', garbage], env);
    expect(broken.status).toBe(2);
    expect(broken.stderr).toContain(garbage);
    expect(viewOf(runCli(['mpi', 'model', '--format', 'json'], env).stdout).source).toBe('saved');
    expect(runCli(['mpi', 'use-model', join(dir, 'missing.json')], env).status).toBe(2);
  });

  it('needs somewhere to put the trained model', () => {
    const run = runCli(['mpi', 'train'], env);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--out or --save');
    expect(runCli(['mpi', 'train', '--save', '--max-records', 'ten'], env).status).toBe(2);
  });
});
