/**
 * Master patient index, incremental: checking one new person against an index of 5,000,000 persons
 * through the service (MpiService.match: blocking-key lookup in SQL, scoring by the Fellegi–Sunter engine,
 * audit row) on PostgreSQL. Target: median ≤ 20 ms. Baseline in the same run: a plain primary-key lookup
 * of a person through the same Kysely connection pool, so the ratio shows what matching adds to the
 * cheapest query the stack can make. The index is built set-based in SQL after a COPY load.
 */
import pg from 'pg';
import { namePinyin } from '@onconet/domain';
import { generatePersons } from '@onconet/domain/synthetic/population';
import { createServices, systemActor } from '@onconet/services';
import { seedDemo } from '@onconet/services/demo/seed-demo';
import { loadSyntheticPersons } from '@onconet/services/demo/synthetic-persons';
import { migrate, openDatabase, rebuildBlockKeys } from '@onconet/storage';
import { sql } from 'kysely';
import { timed, writeResults } from './support.ts';

// Sizes run one after another, each in a fresh schema; figures are written after each, so a run cut
// short still reports the sizes it finished (BENCH_PERSONS=1000000 for a quick run).
const SIZES = (process.env.BENCH_PERSONS ?? '1000000,5000000').split(',').map(Number);
const PROBES = Number(process.env.BENCH_PROBES ?? 400);
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SCHEMA = 'bench_mpi_incremental';
const SEED = 31;

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const summary = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  return { n: s.length, medianMs: quantile(s, 0.5), p95Ms: quantile(s, 0.95), p99Ms: quantile(s, 0.99), maxMs: s[s.length - 1]! };
};

async function run(PERSONS: number) {
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
  const database = await openDatabase({ databaseUrl: PG_URL, schema: SCHEMA });
  try {
    await migrate(database);
    const services = createServices(database, { auditKey: 'bench' });
    await seedDemo(services, { persons: 0 });
    const network = await database.db.selectFrom('institution').select(['id', 'code', 'tier', 'parent_id as parentId', 'division_code as divisionCode']).execute();
    const load = await timed(() => loadSyntheticPersons(database, network, { seed: SEED, count: PERSONS, rowsPerChunk: 50_000 }));
    process.stderr.write(`loaded ${PERSONS} persons in ${(load.ms / 1000).toFixed(0)} s\n`);
    const keys = await timed(() => rebuildBlockKeys((script) => database.exec(script)));
    const keyRows = await database.db.selectFrom('person_block_key').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    process.stderr.write(`block keys: ${keyRows.n} in ${(keys.ms / 1000).toFixed(0)} s\n`);

    // Probes: half are new persons (another seed), half re-reports of indexed persons (same seed, so
    // their keys hit and candidates are scored): both paths of a real registration.
    const fresh = [...generatePersons({ seed: SEED + 1, count: PROBES / 2 })];
    const known = [...generatePersons({ seed: SEED, count: PROBES / 2, startIndex: Math.floor(PERSONS / 3) })];
    const probes = fresh.flatMap((p, i) => [p, known[i]!]).map((p) => ({ name: p.name, sex: p.sex, birthDate: p.birthDate, residentId: p.residentId, phone: p.phone, divisionCode: p.divisionCode, address: p.address }));
    const actor = { ...systemActor(), institutionId: network.find((i) => i.tier === 'core')!.id };
    const maxId = Number((await database.db.selectFrom('person').select(sql<number>`max(id)`.as('m')).executeTakeFirstOrThrow()).m);

    for (const p of probes.slice(0, 20)) await services.mpi.match(actor, p, 'registration'); // warm caches and the JIT
    const matchMs: number[] = [];
    const decisions: Record<string, number> = {};
    for (const p of probes) {
      const { value, ms } = await timed(() => services.mpi.match(actor, p, 'registration'));
      matchMs.push(ms);
      decisions[value.decision] = (decisions[value.decision] ?? 0) + 1;
    }
    const lookupMs: number[] = [];
    for (let i = 0; i < probes.length; i++) {
      const id = 1 + Math.floor(((i * 2654435761) % 2 ** 32) / 2 ** 32 * maxId);
      lookupMs.push((await timed(() => database.db.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirst())).ms);
    }
    const plan = await sql<{ 'QUERY PLAN': string }>`EXPLAIN SELECT * FROM person WHERE id IN (SELECT person_id FROM person_block_key WHERE key = ANY(mpi_block_keys(${namePinyin(probes[1]!.name).full}, ${probes[1]!.birthDate}::date, ${probes[1]!.residentId}, ${probes[1]!.phone}, ${probes[1]!.divisionCode})) LIMIT 200) AND merged_into IS NULL`.execute(database.db);
    const planText = plan.rows.map((r) => r['QUERY PLAN']).join('\n');
    const match = summary(matchMs);
    const baseline = summary(lookupMs);
    return {
      engine: 'postgres',
      persons: PERSONS,
      probes: probes.length,
      loadSeconds: load.ms / 1000,
      blockKeys: Number(keyRows.n),
      blockKeySeconds: keys.ms / 1000,
      match,
      decisions,
      baselinePrimaryKeyLookup: baseline,
      ratioMedianMatchToLookup: match.medianMs / baseline.medianMs,
      candidateQueryUsesIndexOnly: !/Seq Scan/.test(planText),
      candidateQueryPlan: planText.split('\n'),
    };
  } finally {
    await database.close();
    await admin.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    await admin.end();
  }
}

const runs = [];
for (const size of SIZES) {
  runs.push(await run(size));
  const largest = runs[runs.length - 1]!;
  writeResults('mpi-incremental', { target: { persons: 5_000_000, medianMs: 20, engine: 'postgres' }, met: largest.persons >= 5_000_000 && largest.match.medianMs <= 20, runs });
}
