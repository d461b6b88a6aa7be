/**
 * Foundation benchmark: authenticated person search by name prefix with 1,000,000 persons, driven by
 * autocannon with 50 connections against a real server process, on PostgreSQL and on PGlite.
 * Target on PostgreSQL: ≥ 1,500 requests/s with p99 ≤ 50 ms. The baseline is /healthz (same server,
 * same run, one trivial query), so the ratio shows what search and its audit cost over the bare stack.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { generatePersons } from '@onconet/domain/synthetic/population';
import { createServices } from '@onconet/services';
import { seedDemo } from '@onconet/services/demo/seed-demo';
import { DEMO_PASSWORD } from '@onconet/services/demo/demo-users';
import { loadSyntheticPersons } from '@onconet/services/demo/synthetic-persons';
import { migrate, openDatabase, type Database } from '@onconet/storage';
import { timed, writeResults } from './support.ts';

const PERSONS = Number(process.env.BENCH_PERSONS ?? 1_000_000);
const DURATION = Number(process.env.BENCH_SECONDS ?? 20);
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SCHEMA = 'bench_person_search';
const BIN = fileURLToPath(new URL('../bin/onconet.mjs', import.meta.url));
const SEED = 77;

async function prepare(database: Database): Promise<number> {
  await migrate(database);
  const services = createServices(database, { auditKey: 'bench' });
  await seedDemo(services, { persons: 0 });
  const network = await database.db.selectFrom('institution').select(['id', 'code', 'tier', 'parent_id as parentId', 'division_code as divisionCode']).execute();
  const { ms } = await timed(() => loadSyntheticPersons(database, network, { seed: SEED, count: PERSONS, rowsPerChunk: 50_000 }));
  return ms;
}

/** Two-character prefixes (surname + first given character) drawn from the same population. */
function prefixes(): string[] {
  const seen = new Set<string>();
  for (const p of generatePersons({ seed: SEED, count: 5000 })) seen.add([...p.name].slice(0, 2).join(''));
  return [...seen].slice(0, 500);
}

async function startServer(env: Record<string, string>, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [BIN, 'serve'], { env: { ...process.env, ...env, PORT: String(port), ONCONET_LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('listening')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return child;
}

async function login(base: string, username: string): Promise<string> {
  const response = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  if (!response.ok) throw new Error(`login failed: ${response.status}`);
  return response.headers.get('set-cookie')!.split(';')[0]!;
}

async function load(base: string, cookie: string, paths: string[]) {
  let i = 0;
  const result = await autocannon({
    url: base,
    connections: 50,
    duration: DURATION,
    headers: { cookie },
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length]! }) }],
  });
  return { requestsPerSecond: result.requests.average, p50Ms: result.latency.p50, p99Ms: result.latency.p99, errors: result.errors, non2xx: result.non2xx, total: result.requests.total };
}

async function measure(engine: 'postgres' | 'pglite', env: Record<string, string>, port: number) {
  const server = await startServer(env, port);
  try {
    const base = `http://127.0.0.1:${port}`;
    const cookie = await login(base, 'sysadmin');
    const regional = await login(base, 'registrar');
    const searchPaths = prefixes().map((p) => `/api/persons?q=${encodeURIComponent(p)}`);
    await load(base, cookie, searchPaths.slice(0, 50)); // warm caches
    const health = await load(base, cookie, ['/healthz']);
    const networkScope = await load(base, cookie, searchPaths);
    const hubScope = await load(base, regional, searchPaths);
    return { engine, baselineHealthz: health, searchNetworkScope: networkScope, searchHubScope: hubScope, ratioSearchToHealthz: networkScope.requestsPerSecond / health.requestsPerSecond };
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }
}

async function main() {
  const results = [];
  // PostgreSQL: a fresh schema in the machine's server.
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
  await admin.end();
  const pgDb = await openDatabase({ databaseUrl: PG_URL, schema: SCHEMA });
  const pgLoadMs = await prepare(pgDb);
  await pgDb.close();
  const pgUrl = `${PG_URL}?options=${encodeURIComponent(`-c search_path=${SCHEMA}`)}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'onconet-bench-'));
  results.push({ ...(await measure('postgres', { DATABASE_URL: pgUrl, ONCONET_DATA: dataDir, ONCONET_AUDIT_KEY: 'bench' }, 18081)), loadMs: pgLoadMs });

  // PGlite: the embedded default, in a data folder.
  const liteDb = await openDatabase({ dataDir: join(dataDir, 'pglite') });
  const liteLoadMs = await prepare(liteDb);
  await liteDb.close();
  results.push({ ...(await measure('pglite', { DATABASE_URL: '', ONCONET_DATA: dataDir, ONCONET_AUDIT_KEY: 'bench' }, 18082)), loadMs: liteLoadMs });
  rmSync(dataDir, { recursive: true, force: true });

  const postgres = results[0]!;
  writeResults('person-search', {
    persons: PERSONS,
    connections: 50,
    secondsPerRun: DURATION,
    target: { requestsPerSecond: 1500, p99Ms: 50, engine: 'postgres' },
    met: postgres.searchNetworkScope.requestsPerSecond >= 1500 && postgres.searchNetworkScope.p99Ms <= 50,
    results,
  });
}

await main();
