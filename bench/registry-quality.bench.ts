/**
 * Data-quality table benchmark (issue 4): 2,000,000 tumours — 10 years × 30 sites × 2 sexes × 100 reporting
 * institutions — on PostgreSQL; the table by each dimension and by all of them must answer in ≤ 500 ms.
 * Baseline: `select count(*) from tumour` in the same run (one bare scan of the same rows).
 * BENCH_TUMOURS sets the size; BENCH_DATABASE_URL the server.
 */
import { createServices, systemActor } from '@onconet/services';
import { seedDemo } from '@onconet/services/demo/seed-demo';
import { loadSyntheticPersons } from '@onconet/services/demo/synthetic-persons';
import { migrate, openDatabase } from '@onconet/storage';
import { sql } from 'kysely';
import { timed, writeResults } from './support.ts';

const TUMOURS = Number(process.env.BENCH_TUMOURS ?? 2_000_000);
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SCHEMA = 'bench_registry_quality';
/** The 30 CI5 groups drawn (the common ones). */
const SITES = [3, 7, 10, 11, 13, 14, 16, 17, 18, 20, 21, 23, 28, 29, 32, 33, 35, 39, 42, 45, 48, 49, 52, 53, 55, 56, 57, 61, 24, 40];
const ICD10 = ['C06.9', 'C11.9', 'C15.9', 'C16.9', 'C18.9', 'C20', 'C22.0', 'C23', 'C25.9', 'C32.9', 'C34.9', 'C41.9', 'C49.9', 'C50.9', 'C53.9', 'C54.1', 'C56', 'C61', 'C64', 'C67.9', 'C71.9', 'C73', 'C81.9', 'C83.3', 'C90.0', 'C91.1', 'C92.0', 'C80.9', 'C43.9', 'C62.9'];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const admin = await openDatabase({ databaseUrl: PG_URL, schema: SCHEMA });
  await admin.exec(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
  await admin.close();
  const database = await openDatabase({ databaseUrl: PG_URL, schema: SCHEMA, poolSize: 4 });
  await migrate(database);
  const services = createServices(database, { auditKey: 'bench' });
  await seedDemo(services, { persons: 0 });
  const network = await database.db.selectFrom('institution').select(['id', 'code', 'tier', 'parent_id as parentId', 'division_code as divisionCode']).execute();
  await loadSyntheticPersons(database, network, { seed: 9, count: 20_000 });
  // Up to 100 reporting institutions: the demo network plus township clinics under the first hub.
  const hub = network.find((i) => i.tier === 'hub')!;
  await database.exec(`INSERT INTO institution (code, name_zh, name_en, tier, type, parent_id, division_code)
    SELECT 'BENCH-' || g, '卫生院' || g, 'Clinic ' || g, 'primary', 'township_health_centre', ${hub.id}, '${hub.divisionCode}' FROM generate_series(1, greatest(0, 100 - ${network.length})) g`);
  const sites = `array[${SITES.join(',')}]`;
  const icd = `array[${ICD10.map((c) => `'${c}'`).join(',')}]`;
  const { ms: loadMs } = await timed(() =>
    database.exec(`
      WITH inst AS (SELECT array_agg(id ORDER BY id) a FROM (SELECT id FROM institution ORDER BY id LIMIT 100) x),
           pers AS (SELECT min(id) lo, max(id) hi FROM person)
      INSERT INTO tumour (person_id, incidence_date, incidence_rule, topography, morphology, behaviour, basis, icd10, ci5_cancer, registry_scope, sex, age, county_code, institution_id, first_reported_on)
      SELECT pers.lo + (g * 7919) % (pers.hi - pers.lo + 1),
             make_date((2014 + g % 10)::int, (1 + (g / 10) % 12)::int, (1 + (g / 120) % 28)::int),
             'histology', 'C16.9',
             CASE WHEN g % 37 = 0 THEN '8000' ELSE '8140' END, 3,
             (array[7,7,7,7,7,7,5,6,2,1,4,0,9])[(1 + (g * 31) % 13)::int],
             (${icd})[(1 + (g / 1200) % 30)::int], (${sites})[(1 + (g / 1200) % 30)::int], 'reportable',
             1 + (g / 36000) % 2,
             CASE WHEN g % 211 = 0 THEN NULL ELSE (20 + (g * 13) % 70)::int END,
             -- Patients mostly live in their hospital's county (9 in 10 here), the rest anywhere in the 40 counties.
             '500' || lpad((100 + CASE WHEN g % 10 = 0 THEN (g * 17) % 40 ELSE (g % 100) % 40 END)::text, 3, '0'),
             inst.a[(1 + g % array_length(inst.a, 1))::int],
             make_date((2014 + g % 10)::int, (1 + (g / 10) % 12)::int, (1 + (g / 120) % 28)::int) + ((g * 7) % 500)::int
      FROM (SELECT gi::bigint AS g FROM generate_series(0, ${TUMOURS - 1}) gi) s, inst, pers;
      ANALYZE tumour;`),
  );
  const actor = { ...systemActor(), roles: ['analyst' as const], scope: { kind: 'aggregate' as const } };
  // The first read after the load rebuilds the cube (one grouped scan of the 2,000,000 tumours).
  const { ms: firstMs } = await timed(() => services.registry.quality(actor, { by: ['year'] }));
  const cubeRows = Number((await sql<{ n: number }>`select count(*)::int as n from registry_quality_cube`.execute(database.db)).rows[0]?.n ?? 0);
  const shapes: Array<readonly string[]> = [[], ['year'], ['site'], ['sex'], ['institution'], ['county'], ['year', 'site', 'sex'], ['year', 'site', 'sex', 'institution']];
  const figures: Record<string, { medianMs: number; rows: number }> = {};
  for (const by of shapes) {
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < 5; i += 1) {
      const { value, ms } = await timed(() => services.registry.quality(actor, { by }));
      times.push(ms);
      rows = value.rows.length;
    }
    figures[by.length === 0 ? 'total' : by.join('+')] = { medianMs: median(times), rows };
  }
  const baseline: number[] = [];
  for (let i = 0; i < 5; i += 1) baseline.push((await timed(() => database.exec('select count(*) from tumour'))).ms);
  writeResults('registry-quality', {
    engine: 'postgres',
    tumours: TUMOURS,
    loadSeconds: loadMs / 1000,
    firstReadWithCubeRebuildMs: firstMs,
    cubeRows,
    countScanMedianMs: median(baseline),
    quality: figures,
    worstMs: Math.max(...Object.values(figures).map((f) => f.medianMs)),
    targetMs: 500,
  });
  await database.close();
}

await main();
