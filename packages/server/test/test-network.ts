import { ROLES, type Role, type ScopeKind } from '@onconet/domain';
import { createServices, hashPassword, systemActor, type Clock, type Services } from '@onconet/services';
import { openTestDatabase } from '@onconet/storage/testing/test-database';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';

/** Cheap Argon2id parameters for tests only; the server uses OWASP's. */
export const TEST_HASH_COST = { memoryCost: 1024, timeCost: 1 };
export const TEST_PASSWORD = 'Test-Password-4711';

/**
 * A small network with two hubs so that every scope has something in and something out of it:
 * core ─┬─ hubA (500235) ── clinicA (500235)
 *       └─ hubB (500114) ── clinicB (500114)
 * One person is held by each institution; every role has a user at hubA with a chosen scope.
 */
export interface TestNetwork {
  readonly app: FastifyInstance;
  readonly services: Services;
  readonly clock: Clock & { advance(ms: number): void };
  readonly ids: { core: number; hubA: number; clinicA: number; hubB: number; clinicB: number };
  readonly persons: { core: number; hubA: number; clinicA: number; hubB: number; clinicB: number };
  close(): Promise<void>;
}

export const PERSON_NAMES = { core: '核心甲', hubA: '云阳乙', clinicA: '云阳丙', hubB: '黔江丁', clinicB: '黔江戊' } as const;

/** The scope each role's test user holds; chosen so in/out-of-scope checks are meaningful for each. */
export const ROLE_SCOPES: Readonly<Record<Role, ScopeKind>> = {
  system_admin: 'network',
  network_admin: 'network',
  institution_admin: 'institution',
  registrar: 'hub',
  screening_coordinator: 'hub',
  clinician: 'institution',
  mdt_coordinator: 'institution',
  followup_nurse: 'institution',
  analyst: 'aggregate',
  auditor: 'network',
};

export async function createTestNetwork(options: { sessionIdleMinutes?: number } = {}): Promise<TestNetwork> {
  const database = await openTestDatabase();
  let offset = 0;
  const clock = { now: () => new Date(Date.now() + offset), advance: (ms: number) => (offset += ms) };
  const services = createServices(database, { auditKey: 'test-audit-key', clock, hashCost: TEST_HASH_COST, sessionIdleMinutes: options.sessionIdleMinutes ?? 30 });
  const system = systemActor();
  const core = await services.network.create(system, { code: 'CORE', nameZh: '核心医院', nameEn: 'Core hospital', tier: 'core', type: 'cancer_hospital', parentId: null, divisionCode: '500106' });
  const hubA = await services.network.create(system, { code: 'HUBA', nameZh: '云阳县肿瘤医院', nameEn: 'Yunyang hub', tier: 'hub', type: 'county_tumour_hospital', parentId: core.id, divisionCode: '500235' });
  const clinicA = await services.network.create(system, { code: 'CLINA', nameZh: '云阳镇卫生院', nameEn: 'Yunyang clinic', tier: 'primary', type: 'township_health_centre', parentId: hubA.id, divisionCode: '500235' });
  const hubB = await services.network.create(system, { code: 'HUBB', nameZh: '黔江区肿瘤防治中心', nameEn: 'Qianjiang hub', tier: 'hub', type: 'county_tumour_hospital', parentId: core.id, divisionCode: '500114' });
  const clinicB = await services.network.create(system, { code: 'CLINB', nameZh: '黔江镇卫生院', nameEn: 'Qianjiang clinic', tier: 'primary', type: 'township_health_centre', parentId: hubB.id, divisionCode: '500114' });
  const ids = { core: core.id, hubA: hubA.id, clinicA: clinicA.id, hubB: hubB.id, clinicB: clinicB.id };

  const hash = await hashPassword(TEST_PASSWORD, TEST_HASH_COST);
  for (const role of ROLES) {
    const row = await database.db
      .insertInto('app_user')
      .values({ username: role.replace(/_/g, '-'), display_name: role, institution_id: hubA.id, scope_kind: ROLE_SCOPES[role], password_hash: hash, must_change_password: false })
      .returning('id')
      .executeTakeFirstOrThrow();
    await database.db.insertInto('user_role').values({ user_id: row.id, role }).execute();
  }
  const persons = { core: 0, hubA: 0, clinicA: 0, hubB: 0, clinicB: 0 };
  const divisions = { core: '500106', hubA: '500235', clinicA: '500235', hubB: '500114', clinicB: '500114' };
  for (const key of Object.keys(persons) as Array<keyof typeof persons>) {
    const actor = { ...system, institutionId: ids[key] };
    const created = await services.persons.create(actor, { name: PERSON_NAMES[key], sex: 1, birthDate: '1960-01-01', divisionCode: divisions[key], identifiers: [{ kind: 'mrn', value: `MRN-${key}` }] });
    persons[key] = created.id;
  }
  const app = await buildApp({ services, logger: false, webRoot: null });
  return {
    app,
    services,
    clock,
    ids,
    persons,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

export interface Session {
  readonly cookie: string;
  readonly csrf: string;
}

export async function login(app: FastifyInstance, username: string, password = TEST_PASSWORD): Promise<Session> {
  const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (response.statusCode !== 200) throw new Error(`login ${username} failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'onconet_session');
  return { cookie: `onconet_session=${cookie!.value}`, csrf: response.json<{ csrfToken: string }>().csrfToken };
}

export function headers(session: Session): Record<string, string> {
  return { cookie: session.cookie, 'x-csrf-token': session.csrf };
}
