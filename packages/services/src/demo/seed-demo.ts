import { demoNetwork } from '@onconet/domain/synthetic/network';
import { demoPopulation } from '@onconet/domain/synthetic/demo-population';
import { upsertPopulation } from '@onconet/storage/queries/statistics';
import type { DB } from '@onconet/storage';
import type { Transaction } from 'kysely';
import type { Services } from '../app-services.ts';
import { hashPassword } from '../auth/passwords.ts';
import { systemActor } from '../context.ts';
import { DEMO_PASSWORD, DEMO_USERS, type DemoUser } from './demo-users.ts';
import { seedDemoRegistry } from './demo-registry.ts';
import { seedDemoMpi } from './seed-mpi.ts';
import { seedDemoScreening } from './seed-screening.ts';
import { loadSyntheticPersons } from './synthetic-persons.ts';
import { seedRegistrarInbox } from './registrar-inbox.ts';

export const DEMO_SEED = 20_261_123;
/** Years the demo's population denominators (and so its statistics) cover. */
export const DEMO_POPULATION_YEARS = [2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022];

interface Placed {
  readonly id: number;
  readonly code: string;
  readonly tier: string;
  readonly type: string;
  readonly parentId: number | null;
  readonly divisionCode: string;
}

async function insertNetwork(tx: Transaction<DB>): Promise<Placed[]> {
  const { institutions, alliances } = demoNetwork();
  const allianceIds = new Map<string, number>();
  for (const a of alliances) {
    const row = await tx.insertInto('alliance').values({ code: a.code, name_zh: a.nameZh, name_en: a.nameEn, site: a.site }).returning('id').executeTakeFirstOrThrow();
    allianceIds.set(a.code, row.id);
  }
  // Parents first: the core, then hubs, then primary institutions.
  const order = { core: 0, hub: 1, primary: 2 } as const;
  const placed = new Map<string, Placed>();
  for (const inst of [...institutions].sort((a, b) => order[a.tier] - order[b.tier])) {
    const parentId = inst.parentCode ? (placed.get(inst.parentCode)?.id ?? null) : null;
    const row = await tx
      .insertInto('institution')
      .values({ code: inst.code, name_zh: inst.nameZh, name_en: inst.nameEn, tier: inst.tier, type: inst.type, parent_id: parentId, division_code: inst.divisionCode })
      .returning('id')
      .executeTakeFirstOrThrow();
    placed.set(inst.code, { id: row.id, code: inst.code, tier: inst.tier, type: inst.type, parentId, divisionCode: inst.divisionCode });
    const members = inst.alliances.map((code) => allianceIds.get(code)).filter((id): id is number => id !== undefined);
    if (members.length > 0) await tx.insertInto('alliance_member').values(members.map((alliance_id) => ({ alliance_id, institution_id: row.id }))).execute();
  }
  return [...placed.values()];
}

/** Which demo institution each demo login works at (chosen by role in the network, not by hard-coded ids). */
function homeOf(user: DemoUser, network: readonly Placed[]): Placed {
  const core = network.find((i) => i.tier === 'core')!;
  const hubIn = (county: string) => network.find((i) => i.tier === 'hub' && i.type === 'county_tumour_hospital' && i.divisionCode.startsWith(county)) ?? network.find((i) => i.tier === 'hub' && i.divisionCode.startsWith(county)) ?? core;
  switch (user.institution) {
    case 'core':
      return core;
    case 'yunyang-hub':
      return hubIn('500235');
    case 'qianjiang-hub':
      return hubIn('500114');
    case 'yunyang-clinic': {
      const hub = hubIn('500235');
      return network.find((i) => i.tier === 'primary' && i.parentId === hub.id) ?? hub;
    }
  }
}

export interface SeedResult {
  readonly institutions: number;
  readonly persons: number;
}

/** Loads the demo network, one user per role and a synthetic population, once, into an empty database. */
export async function seedDemo(services: Services, options: { persons: number; onProgress?: (line: string) => void }): Promise<SeedResult | null> {
  const db = services.database.db;
  const existing = await db.selectFrom('institution').select(db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  if (Number(existing.n) > 0) return null;
  const passwordHash = await hashPassword(DEMO_PASSWORD, services.auth.config.hashCost);
  const network = await db.transaction().execute(async (tx) => {
    const network = await insertNetwork(tx);
    for (const user of DEMO_USERS) {
      const home = homeOf(user, network);
      const row = await tx
        .insertInto('app_user')
        .values({ username: user.username, display_name: user.displayName, institution_id: home.id, scope_kind: user.scopeKind, password_hash: passwordHash, must_change_password: false })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx.insertInto('user_role').values({ user_id: row.id, role: user.role }).execute();
    }
    await services.audit.appendInTransaction(tx, systemActor(), [{ action: 'demo.seed_network', entityType: 'institution', entityId: null, personId: null, institutionId: null, detail: { institutions: network.length, users: DEMO_USERS.length } }]);
    return network;
  });

  options.onProgress?.(`demo network: ${network.length} institutions, ${DEMO_USERS.length} users; loading ${options.persons} synthetic persons…`);
  const loaded = await loadSyntheticPersons(services.database, network, { seed: DEMO_SEED, count: options.persons });
  const registrarHome = homeOf(DEMO_USERS.find((u) => u.role === 'registrar')!, network);
  const queued = await seedDemoMpi(services, network, registrarHome.code, loaded > 0 ? 12 : 0);
  options.onProgress?.(`master patient index: ${loaded} persons indexed, ${queued} pairs waiting for review`);
  await services.audit.record(systemActor(), { action: 'demo.seed_persons', entityType: 'person', entityId: null, personId: null, institutionId: null, detail: { persons: loaded } });
  await upsertPopulation(db, demoPopulation(DEMO_POPULATION_YEARS).map((r) => ({ division_code: r.divisionCode, year: r.year, sex: r.sex, age_group: r.ageGroup, population: r.population, source: 'demo model (census 2020 × CI5-XII Chongqing structure)' })));
  if (loaded > 0) {
    options.onProgress?.('demo registry: importing synthetic notifications and deaths through the MPI…');
    const registry = await seedDemoRegistry(services, { seed: DEMO_SEED, persons: options.persons, today: services.clock.now().toISOString().slice(0, 10) });
    const inbox = await seedRegistrarInbox(services, network, registrarHome.code, services.clock.now().toISOString().slice(0, 10));
    options.onProgress?.(`demo registry: ${registry.tumours} tumours from ${registry.notifications} notifications, ${registry.deaths} deaths; the registrar's inbox: ${inbox.notifications} notifications, ${inbox.deaths} deaths`);
    const started = Date.now();
    const screening = await seedDemoScreening(services, { seed: DEMO_SEED, today: services.clock.now().toISOString().slice(0, 10) });
    options.onProgress?.(`demo screening: ${screening.campaigns} campaigns, ${screening.participants} participants (${screening.screened} screened), ${screening.notifications} screen-detected cancers notified, ${screening.remoteReads} remote reads (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
  services.network.invalidate();
  return { institutions: network.length, persons: loaded };
}
