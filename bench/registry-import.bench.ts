/**
 * Registry import benchmark (issue 4): one province-year of notifications (default 200,000) imported and
 * consolidated on PostgreSQL — every row validated and checked, every person matched through the MPI, every
 * tumour decided by the IARC/IACR multiple-primary rules — against a plain COPY of the same rows into a table
 * of text columns, measured in the same run. Target: ≤ 60 s and ≤ 1 GiB resident memory.
 * BENCH_NOTIFICATIONS sets the size; BENCH_DATABASE_URL the server; BENCH_SCHEMA the schema (two runs side by side).
 */
// The heap policy the `onconet` command runs with (bin/heap-policy.mjs), first, as there.
import '../bin/heap-policy.mjs';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generatePersons } from '@onconet/domain/synthetic/population';
import { createRng } from '@onconet/domain/synthetic/random';
import { ci5Rates, generateRegistryData, NOTIFICATION_TEMPLATE_COLUMNS, templateLine, type Ci5Row } from '@onconet/domain/synthetic/tumours';
import { createServices, systemActor, type Actor } from '@onconet/services';
import { seedDemo } from '@onconet/services/demo/seed-demo';
import { migrate, openDatabase } from '@onconet/storage';
import { cpuSeconds, timed, writeResults } from './support.ts';

const N = Number(process.env.BENCH_NOTIFICATIONS ?? 200_000);
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SCHEMA = process.env.BENCH_SCHEMA ?? 'bench_registry_import';

export function chongqingRates(): Map<string, number> {
  const text = readFileSync(fileURLToPath(new URL('../../shared/data/ci5/ci5-xii-chongqing.csv', import.meta.url)), 'utf8');
  const rows: Ci5Row[] = text.trim().split('\n').slice(1).map((line) => {
    const [, cancer, sex, ageGroup, cases, py] = line.split(',');
    return { cancer: Number(cancer), sex: Number(sex), ageGroup: ageGroup!, cases: Number(cases), py: Number(py) };
  });
  return ci5Rates(rows);
}

async function main() {
  const admin = await openDatabase({ databaseUrl: PG_URL, schema: SCHEMA });
  await admin.exec(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
  await admin.close();
  const database = await openDatabase({ databaseUrl: PG_URL, schema: SCHEMA, poolSize: 4 });
  await migrate(database);
  const services = createServices(database, { auditKey: 'bench' });
  await seedDemo(services, { persons: 0 });
  const institutions = await database.db.selectFrom('institution').select(['id', 'code', 'tier']).execute();
  const hospitals = institutions.filter((i) => i.tier !== 'primary').map((i) => i.code);
  const clinics = institutions.filter((i) => i.tier === 'primary').map((i) => i.code);
  const core = institutions.find((i) => i.tier === 'core')!;

  // One year of notifications: CI5 Chongqing rates scaled up so that a few hundred thousand persons give N rows.
  const lines: string[] = [NOTIFICATION_TEMPLATE_COLUMNS.join(',')];
  const { ms: generateMs } = await timed(() => {
    for (const item of generateRegistryData(generatePersons({ seed: 404, count: 50_000_000 }), { rng: createRng(405), rates: chongqingRates(), years: [2023], hospitals, clinics, today: '2024-06-30', rateFactor: 25 })) {
      if (item.kind !== 'notification') continue;
      lines.push(templateLine(NOTIFICATION_TEMPLATE_COLUMNS, item.row.values));
      if (lines.length > N) break;
    }
  });
  const bytes = Buffer.from(`${lines.join('\n')}\n`);

  // Baseline: COPY of the same rows into text columns, no checks, no matching.
  await database.exec(`CREATE TABLE copy_baseline (${NOTIFICATION_TEMPLATE_COLUMNS.map((c) => `"${c}" text`).join(', ')})`);
  const { ms: copyMs } = await timed(() => database.copyCsv('copy_baseline', NOTIFICATION_TEMPLATE_COLUMNS, (function* () {
    for (let i = 1; i < lines.length; i += 10_000) yield `${lines.slice(i, i + 10_000).join('\n')}\n`;
  })()));

  // Only the file's bytes stay for the import (the generator's lines are not the importer's memory).
  const rows = lines.length - 1;
  lines.length = 0;
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);
  // With `node --expose-gc` and BENCH_LIVE_HEAP=1: the live heap after a full collection every 2 s (what the import
  // holds, as opposed to garbage V8 has not collected yet; the collections slow the import).
  const gc = (globalThis as { gc?: () => void }).gc;
  let peakLiveHeap = 0;
  const liveSampler = process.env.BENCH_LIVE_HEAP && gc ? setInterval(() => {
    gc();
    peakLiveHeap = Math.max(peakLiveHeap, process.memoryUsage().heapUsed);
  }, 2000) : null;
  const actor: Actor = { ...systemActor(), institutionId: core.id, permissions: new Set([...systemActor().permissions, 'registry.read', 'registry.write']) };
  // The file's chunks go through validation, the MPI and consolidation concurrently (import-pipeline.ts), so the
  // import is measured as a whole: its time, and the CPU time of Node and of PostgreSQL within it.
  const importCpuStart = cpuSeconds();
  const { value: report, ms: importMs } = await timed(() => services.registry.importNotifications(actor, { fileName: 'province-2023.csv', bytes, institutionId: core.id }));
  const importCpuEnd = cpuSeconds();
  clearInterval(sampler);
  if (liveSampler) clearInterval(liveSampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const counts = await database.db.selectFrom('person').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  writeResults('registry-import', {
    engine: 'postgres',
    notifications: rows,
    fileMiB: bytes.length / 1024 / 1024,
    status: report.status,
    summary: report.summary,
    errors: report.errors.slice(0, 5),
    persons: Number(counts.n),
    generateSeconds: generateMs / 1000,
    importSeconds: importMs / 1000,
    cpuSeconds: {
      node: importCpuEnd.node - importCpuStart.node,
      postgres: importCpuEnd.postgres === null || importCpuStart.postgres === null ? null : importCpuEnd.postgres - importCpuStart.postgres,
    },
    importRecordsPerSecond: rows / (importMs / 1000),
    copySeconds: copyMs / 1000,
    copyRecordsPerSecond: rows / (copyMs / 1000),
    copyToImportRatio: importMs / copyMs,
    peakRssMiB: peakRss / 1024 / 1024,
    ...(liveSampler ? { peakLiveHeapMiB: peakLiveHeap / 1024 / 1024 } : {}),
    targets: { seconds: 60, rssMiB: 1024 },
  });
  await database.close();
}

await main();
