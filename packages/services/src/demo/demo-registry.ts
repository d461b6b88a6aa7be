/**
 * The demo registry: synthetic tumours for the demo population following the CI5-XII rates of the Chongqing
 * registries (domain synthetic/tumours.ts), imported the way a registry office receives them — one notification
 * file and one death file per reporting hospital, through the MPI and the checks — then overdue trace-backs
 * registered as DCO. Miscoded and duplicate reports are left for the demo registrar's worklists.
 */
import { CI5_CHONGQING_ROWS } from '@onconet/domain/synthetic/ci5-chongqing';
import { generatePersons } from '@onconet/domain/synthetic/population';
import { createRng } from '@onconet/domain/synthetic/random';
import { ci5Rates, DEATH_TEMPLATE_COLUMNS, generateRegistryData, NOTIFICATION_TEMPLATE_COLUMNS, templateLine } from '@onconet/domain/synthetic/tumours';
import type { Permission } from '@onconet/domain';
import { registryDb } from '@onconet/storage/queries/registry-tables';
import { rebuildBlockKeys } from '@onconet/storage/queries/mpi';
import type { Services } from '../app-services.ts';
import { systemActor, type Actor } from '../context.ts';

export const DEMO_REGISTRY_YEARS = [2018, 2019, 2020, 2021, 2022];

export async function seedDemoRegistry(services: Services, options: { seed: number; persons: number; today: string }): Promise<{ notifications: number; deaths: number; tumours: number }> {
  // Persons bulk-loaded with COPY have no blocking keys yet; the MPI finds candidates only through them.
  await rebuildBlockKeys((script) => services.database.exec(script));
  const institutions = await services.database.db.selectFrom('institution').select(['id', 'code', 'tier', 'type']).execute();
  const hospitals = institutions.filter((i) => i.tier !== 'primary').map((i) => i.code);
  const clinics = institutions.filter((i) => i.tier === 'primary').map((i) => i.code);
  const byCode = new Map(institutions.map((i) => [i.code, i.id]));
  const notifications = new Map<string, string[]>();
  const deaths = new Map<string, string[]>();
  const data = generateRegistryData(generatePersons({ seed: options.seed, count: options.persons }), {
    rng: createRng(options.seed + 4), rates: ci5Rates(CI5_CHONGQING_ROWS), years: DEMO_REGISTRY_YEARS, hospitals, clinics, today: options.today,
  });
  for (const item of data) {
    const target = item.kind === 'notification' ? notifications : deaths;
    const code = item.row.values.institution ?? hospitals[0]!;
    target.set(code, [...(target.get(code) ?? []), templateLine(item.kind === 'notification' ? NOTIFICATION_TEMPLATE_COLUMNS : DEATH_TEMPLATE_COLUMNS, item.row.values)]);
  }
  let n = 0;
  let d = 0;
  const importer = (code: string): Actor => ({ ...systemActor(), institutionId: byCode.get(code)!, permissions: new Set<Permission>([...systemActor().permissions, 'registry.read', 'registry.write']) });
  for (const [code, lines] of notifications) {
    const report = await services.registry.importNotifications(importer(code), { fileName: `${code}-notifications.csv`, bytes: Buffer.from([NOTIFICATION_TEMPLATE_COLUMNS.join(','), ...lines].join('\n')) });
    n += report.rowsLoaded;
  }
  for (const [code, lines] of deaths) {
    const report = await services.registry.importDeaths(importer(code), { fileName: `${code}-deaths.csv`, bytes: Buffer.from([DEATH_TEMPLATE_COLUMNS.join(','), ...lines].join('\n')) });
    d += report.rowsLoaded;
  }
  const system: Actor = { ...systemActor(), permissions: new Set<Permission>([...systemActor().permissions, 'registry.read', 'registry.write']) };
  await services.registry.registerOverdueDco(system);
  const tumours = await registryDb(services.database.db).selectFrom('tumour').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { notifications: n, deaths: d, tumours: Number(tumours.n) };
}
