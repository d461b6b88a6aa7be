import { ROLE_PERMISSIONS, ROLES, type Permission, type Role } from '@onconet/domain';
import { systemActor } from '@onconet/services';
import { serialiseModel } from '@onconet/domain/linkage/index';
import { DEFAULT_MPI_MODEL } from '@onconet/services/mpi/default-model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKind } from '@onconet/storage/testing/test-database';
import { registryDb } from '@onconet/storage/queries/registry-tables';
import { screeningMatrixCases } from './screening-matrix-cases.ts';
import { createTestNetwork, headers, login, PERSON_NAMES, ROLE_SCOPES, TEST_PASSWORD, type Session, type TestNetwork } from './test-network.ts';

type PersonKey = keyof typeof PERSON_NAMES;
const ALL: PersonKey[] = ['core', 'hubA', 'clinicA', 'hubB', 'clinicB'];

/** The persons a user at hub A sees under each scope kind (the test network's design). */
const VISIBLE: Record<string, PersonKey[]> = { network: ALL, hub: ['hubA', 'clinicA'], institution: ['hubA'], aggregate: [], region: ['hubA', 'clinicA'] };

interface Case {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** OpenAPI path, used to prove every documented route is in the matrix. */
  readonly route: string;
  readonly permission: Permission | null;
  readonly ok: number;
  /** Builds the request for a role; `person` is set for person-scoped cases. */
  readonly request: (ctx: { role: Role; person?: PersonKey }) => Promise<{ url: string; payload?: unknown; contentType?: string }>;
  readonly scopedPerson?: boolean;
}

describe(`authorization matrix: every route × every role × in/out of scope (${testDatabaseKind()})`, () => {
  let net: TestNetwork;
  const sessions = new Map<Role, Session>();
  const targets = new Map<Role, { leaf: number; user: number }>();

  beforeAll(async () => {
    net = await createTestNetwork();
    for (const role of ROLES) {
      sessions.set(role, await login(net.app, role.replace(/_/g, '-')));
      const leaf = await net.services.network.create(systemActor(), { code: `LEAF-${role.slice(0, 20)}`, nameZh: '叶子', nameEn: 'Leaf', tier: 'primary', type: 'community_health_centre', parentId: net.ids.hubA, divisionCode: '500235' });
      const user = await net.services.users.create(systemActor(), { username: `target-${role.replace(/_/g, '-')}`, displayName: 'Target', institutionId: net.ids.hubA, roles: ['clinician'], scopeKind: 'institution', password: TEST_PASSWORD });
      targets.set(role, { leaf: leaf.id, user: user.id });
    }
  });
  afterAll(async () => net.close());

  /**
   * A fresh open review pair for a person of the test network: a provisional person registered at the
   * same institution (a distinct name, so the persons search cases stay exact) paired with it.
   */
  let pairs = 0;
  const mpiActor = { ...systemActor(), permissions: new Set<Permission>([...systemActor().permissions, 'mpi.review']) };
  async function openReview(person: PersonKey): Promise<number> {
    const n = pairs++;
    const institutionId = net.ids[person];
    const created = await net.services.persons.create({ ...systemActor(), institutionId }, { name: `复核${'甲乙丙丁戊己庚辛壬癸'[n % 10]}${'子丑寅卯辰巳午未申酉戌亥'[Math.floor(n / 10) % 12]}${'金木水火土'[Math.floor(n / 120) % 5]}`, sex: 2, birthDate: `1990-01-${String(1 + (n % 28)).padStart(2, '0')}` });
    const db = net.services.database.db;
    const record = await db.selectFrom('person_record').select('id').where('person_id', '=', created.id).executeTakeFirstOrThrow();
    const row = await db.insertInto('mpi_review').values({ record_id: record.id, person_id: created.id, candidate_id: net.persons[person], match_probability: 0.7, match_weight: 1.2 }).returning('id').executeTakeFirstOrThrow();
    return row.id;
  }

  /** Registry fixtures for a person of the test network (issue 4): a tumour, a waiting notification, a trace-back. */
  let fixtures = 0;
  const registry = () => registryDb(net.services.database.db);
  async function makeTumour(person: PersonKey, mpStatus = 'single'): Promise<number> {
    const row = await registry()
      .insertInto('tumour')
      .values({ person_id: net.persons[person], incidence_date: '2024-01-10', incidence_rule: 'histology', topography: 'C16.9', morphology: '8140', behaviour: 3, basis: 7, icd10: 'C16.9', ci5_cancer: 11, registry_scope: 'reportable', sex: 1, age: 64, institution_id: net.ids[person], first_reported_on: '2024-02-01', mp_status: mpStatus })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }
  async function tumourWithWarning(person: PersonKey): Promise<number> {
    const id = await makeTumour(person);
    await registry().insertInto('tumour_check').values({ tumour_id: id, rule: 'basis.morphology', severity: 'warning', fields: ['basis'], message_en: 'matrix', message_zh: '矩阵' }).execute();
    return id;
  }
  async function waitingNotification(person: PersonKey): Promise<number> {
    const row = await registry()
      .insertInto('notification')
      .values({ institution_id: net.ids[person], kind: 'pathology', source_ref: `MATRIX-${fixtures++}`, reported_on: '2024-02-01', person_id: net.persons[person], received: '{}', topography: 'C16.9', morphology: '8140', behaviour: 3, basis: 7, icd10: 'C16.9', histology_date: '2024-01-10', detection: 'unknown' })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }
  async function openTraceback(person: PersonKey): Promise<number> {
    const death = await registry()
      .insertInto('death_record')
      .values({ institution_id: net.ids[person], source_ref: `MATRIX-D-${fixtures++}`, person_id: net.persons[person], death_date: '2024-03-01', underlying_cause: 'C22.0', cancer_death: true, sex: 1, age: 64, reported_on: '2024-03-05', received: '{}' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const task = await registry().insertInto('traceback_task').values({ death_record_id: death.id, person_id: net.persons[person], institution_id: net.ids[person], due_on: '2024-06-03' }).returning('id').executeTakeFirstOrThrow();
    return task.id;
  }
  const importCsv = (role: Role) => `source_ref,kind,reported_on,name,sex,birth_date,topography,morphology,behaviour,basis,histology_date\nM-${role},pathology,2024-02-01,导入甲,1,1950-01-01,C16.9,8140,3,7,2024-01-10\n`;

  const cases: Case[] = [
    { method: 'GET', route: '/api/auth/me', permission: null, ok: 200, request: async () => ({ url: '/api/auth/me' }) },
    { method: 'GET', route: '/api/institutions', permission: 'network.read', ok: 200, request: async () => ({ url: '/api/institutions' }) },
    { method: 'GET', route: '/api/institutions/{id}', permission: 'network.read', ok: 200, request: async () => ({ url: `/api/institutions/${net.ids.core}` }) },
    { method: 'POST', route: '/api/institutions', permission: 'network.manage', ok: 201, request: async ({ role }) => ({ url: '/api/institutions', payload: { code: `NEW-${role.slice(0, 20)}`, nameZh: '新机构', nameEn: 'New', tier: 'primary', type: 'township_health_centre', parentId: net.ids.hubA, divisionCode: '500235' } }) },
    { method: 'PATCH', route: '/api/institutions/{id}', permission: 'network.manage', ok: 200, request: async ({ role }) => ({ url: `/api/institutions/${targets.get(role)!.leaf}`, payload: { nameEn: `Leaf of ${role}` } }) },
    { method: 'POST', route: '/api/institutions/{id}/deactivate', permission: 'network.manage', ok: 200, request: async ({ role }) => ({ url: `/api/institutions/${targets.get(role)!.leaf}/deactivate` }) },
    { method: 'POST', route: '/api/institutions/{id}/reactivate', permission: 'network.manage', ok: 200, request: async ({ role }) => ({ url: `/api/institutions/${targets.get(role)!.leaf}/reactivate` }) },
    { method: 'GET', route: '/api/divisions', permission: 'network.read', ok: 200, request: async () => ({ url: '/api/divisions' }) },
    { method: 'GET', route: '/api/alliances', permission: 'network.read', ok: 200, request: async () => ({ url: '/api/alliances' }) },
    { method: 'GET', route: '/api/users', permission: 'users.read', ok: 200, request: async () => ({ url: '/api/users' }) },
    { method: 'POST', route: '/api/users', permission: 'users.manage', ok: 201, request: async ({ role }) => ({ url: '/api/users', payload: { username: `made-by-${role.replace(/_/g, '-')}`, displayName: 'Made', institutionId: net.ids.hubA, roles: ['clinician'], scopeKind: 'institution', password: 'Another-Strong-Pass-9' } }) },
    { method: 'PATCH', route: '/api/users/{id}', permission: 'users.manage', ok: 200, request: async ({ role }) => ({ url: `/api/users/${targets.get(role)!.user}`, payload: { displayName: 'Renamed' } }) },
    { method: 'POST', route: '/api/users/{id}/reset-password', permission: 'users.manage', ok: 204, request: async ({ role }) => ({ url: `/api/users/${targets.get(role)!.user}/reset-password`, payload: { password: 'Reset-Strong-Pass-42' } }) },
    { method: 'GET', route: '/api/persons', permission: 'persons.read', ok: 200, scopedPerson: true, request: async ({ person }) => ({ url: `/api/persons?q=${encodeURIComponent(PERSON_NAMES[person!])}` }) },
    { method: 'GET', route: '/api/persons/{id}', permission: 'persons.read', ok: 200, scopedPerson: true, request: async ({ person }) => ({ url: `/api/persons/${net.persons[person!]}` }) },
    { method: 'PATCH', route: '/api/persons/{id}', permission: 'persons.write', ok: 200, scopedPerson: true, request: async ({ person }) => ({ url: `/api/persons/${net.persons[person!]}`, payload: { address: '新地址' } }) },
    { method: 'POST', route: '/api/persons', permission: 'persons.write', ok: 201, request: async () => ({ url: '/api/persons', payload: { name: '新病人', sex: '女', birthDate: '1970-05-06' } }) },
    { method: 'GET', route: '/api/audit', permission: 'audit.read', ok: 200, request: async () => ({ url: '/api/audit?limit=5' }) },
    { method: 'GET', route: '/api/audit/verify', permission: 'audit.read', ok: 200, request: async () => ({ url: '/api/audit/verify' }) },
    { method: 'GET', route: '/api/stats/catchments', permission: 'stats.read', ok: 200, request: async () => ({ url: '/api/stats/catchments' }) },
    { method: 'GET', route: '/api/stats/incidence', permission: 'stats.read', ok: 200, request: async () => ({ url: '/api/stats/incidence?division=500235&from=2019&to=2020' }) },
    { method: 'GET', route: '/api/stats/survival', permission: 'stats.read', ok: 200, request: async () => ({ url: '/api/stats/survival?division=500235&from=2019&to=2020&site=lung' }) },
    { method: 'GET', route: '/api/stats/ci5.csv', permission: 'stats.read', ok: 200, request: async () => ({ url: '/api/stats/ci5.csv?division=500235&from=2019&to=2020' }) },
    { method: 'GET', route: '/api/stats/incidence/export', permission: 'stats.read', ok: 200, request: async () => ({ url: '/api/stats/incidence/export?division=500235&from=2019&to=2020&format=csv' }) },
    { method: 'GET', route: '/api/tokens', permission: 'tokens.manage', ok: 200, request: async () => ({ url: '/api/tokens' }) },
    { method: 'POST', route: '/api/tokens', permission: 'tokens.manage', ok: 201, request: async () => ({ url: '/api/tokens', payload: { name: 'matrix' } }) },
    {
      method: 'DELETE',
      route: '/api/tokens/{id}',
      permission: 'tokens.manage',
      ok: 204,
      request: async ({ role }) => {
        // A token of the role's own user when it may have one; otherwise any id (the answer must be 403 anyway).
        const me = await net.services.database.db.selectFrom('app_user').select('id').where('username', '=', role.replace(/_/g, '-')).executeTakeFirstOrThrow();
        const row = await net.services.database.db.insertInto('api_token').values({ user_id: me.id, name: 'to revoke', token_hash: `h-${role}-${Math.random()}` }).returning('id').executeTakeFirstOrThrow();
        return { url: `/api/tokens/${row.id}` };
      },
    },
    { method: 'GET', route: '/api/mpi/reviews', permission: 'mpi.review', ok: 200, request: async () => ({ url: '/api/mpi/reviews' }) },
    { method: 'GET', route: '/api/mpi/reviews/{id}', permission: 'mpi.review', ok: 200, scopedPerson: true, request: async ({ person }) => ({ url: `/api/mpi/reviews/${await openReview(person!)}` }) },
    { method: 'POST', route: '/api/mpi/reviews/{id}/merge', permission: 'mpi.review', ok: 200, scopedPerson: true, request: async ({ person }) => ({ url: `/api/mpi/reviews/${await openReview(person!)}/merge` }) },
    { method: 'POST', route: '/api/mpi/reviews/{id}/keep-apart', permission: 'mpi.review', ok: 200, scopedPerson: true, request: async ({ person }) => ({ url: `/api/mpi/reviews/${await openReview(person!)}/keep-apart` }) },
    {
      method: 'POST',
      route: '/api/mpi/merges/{id}/unmerge',
      permission: 'mpi.review',
      ok: 200,
      scopedPerson: true,
      request: async ({ person }) => ({ url: `/api/mpi/merges/${(await net.services.mpiReviews.merge(mpiActor, await openReview(person!))).mergeId}/unmerge` }),
    },
    { method: 'GET', route: '/api/mpi/model', permission: 'mpi.review', ok: 200, request: async () => ({ url: '/api/mpi/model' }) },
    { method: 'PUT', route: '/api/mpi/model', permission: 'mpi.review', ok: 200, request: async () => ({ url: '/api/mpi/model', payload: JSON.parse(serialiseModel(DEFAULT_MPI_MODEL)) as object }) },
    { method: 'GET', route: '/api/persons/{id}/records', permission: 'persons.read', ok: 200, scopedPerson: true, request: async ({ person }) => ({ url: `/api/persons/${net.persons[person!]}/records` }) },
    { method: 'POST', route: '/api/registry/imports', permission: 'registry.write', ok: 200, request: async ({ role }) => ({ url: '/api/registry/imports?kind=notifications&fileName=matrix.csv', payload: importCsv(role), contentType: 'text/csv' }) },
    { method: 'GET', route: '/api/registry/imports', permission: 'registry.read', ok: 200, request: async () => ({ url: '/api/registry/imports' }) },
    { method: 'GET', route: '/api/registry/templates/{kind}', permission: 'registry.read', ok: 200, request: async () => ({ url: '/api/registry/templates/deaths.csv' }) },
    { method: 'GET', route: '/api/registry/worklists/{list}', permission: 'registry.read', ok: 200, request: async () => ({ url: '/api/registry/worklists/checks' }) },
    { method: 'GET', route: '/api/registry/tumours/{id}', permission: 'registry.read', ok: 200, scopedPerson: true, request: async ({ person }) => ({ url: `/api/registry/tumours/${await makeTumour(person!)}` }) },
    { method: 'POST', route: '/api/registry/tumours/{id}/override', permission: 'registry.write', ok: 200, scopedPerson: true, request: async ({ person }) => ({ url: `/api/registry/tumours/${await makeTumour(person!)}/override`, payload: { field: 'grade', value: '2', reason: 'matrix' } }) },
    { method: 'POST', route: '/api/registry/tumours/{id}/confirm-warning', permission: 'registry.write', ok: 200, scopedPerson: true, request: async ({ person }) => ({ url: `/api/registry/tumours/${await tumourWithWarning(person!)}/confirm-warning`, payload: { rule: 'basis.morphology', reason: 'matrix' } }) },
    { method: 'POST', route: '/api/registry/tumours/{id}/confirm-primary', permission: 'registry.write', ok: 200, scopedPerson: true, request: async ({ person }) => ({ url: `/api/registry/tumours/${await makeTumour(person!, 'pending')}/confirm-primary` }) },
    { method: 'POST', route: '/api/registry/notifications/{id}/consolidate', permission: 'registry.write', ok: 200, scopedPerson: true, request: async ({ person }) => ({ url: `/api/registry/notifications/${await waitingNotification(person!)}/consolidate` }) },
    { method: 'POST', route: '/api/registry/tracebacks/{id}/resolve', permission: 'registry.write', ok: 200, scopedPerson: true, request: async ({ person }) => ({ url: `/api/registry/tracebacks/${await openTraceback(person!)}/resolve`, payload: { note: 'not a cancer death' } }) },
    { method: 'POST', route: '/api/registry/dco', permission: 'registry.write', ok: 200, request: async () => ({ url: '/api/registry/dco' }) },
    { method: 'GET', route: '/api/registry/quality', permission: 'stats.read', ok: 200, request: async () => ({ url: '/api/registry/quality?by=year,site' }) },
    { method: 'GET', route: '/api/registry/export/cases.csv', permission: 'registry.read', ok: 200, request: async () => ({ url: '/api/registry/export/cases.csv' }) },
    ...screeningMatrixCases(() => net),
    { method: 'POST', route: '/api/auth/password', permission: null, ok: 400, request: async () => ({ url: '/api/auth/password', payload: { currentPassword: 'wrong-password-x', newPassword: 'Whatever-Strong-77' } }) },
  ];
  const PUBLIC = new Set(['POST /api/auth/login', 'POST /api/auth/logout', 'GET /healthz']);

  it('covers every route in the OpenAPI document', async () => {
    const doc = (await net.app.inject({ url: '/api/openapi.json' })).json<{ paths: Record<string, Record<string, unknown>> }>();
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    const covered = new Set([...cases.map((c) => `${c.method} ${c.route}`), ...PUBLIC]);
    expect(documented.filter((r) => !covered.has(r))).toEqual([]);
  });

  for (const role of ROLES) {
    const allowed = new Set(ROLE_PERMISSIONS[role]);
    for (const c of cases) {
      const permitted = c.permission === null || allowed.has(c.permission);
      const people = c.scopedPerson ? ALL : [undefined];
      for (const person of people) {
        const label = `${role} ${c.method} ${c.route}${person ? ` → person at ${person}` : ''}`;
        it(label, async () => {
          const req = await c.request({ role, ...(person ? { person } : {}) });
          const response = await net.app.inject({ method: c.method, url: req.url, headers: { ...headers(sessions.get(role)!), ...(req.contentType ? { 'content-type': req.contentType } : {}) }, ...(req.payload === undefined ? {} : { payload: req.payload as object }) });
          if (!permitted) {
            expect(response.statusCode).toBe(403);
            expect(response.headers['content-type']).toContain('application/problem+json');
            for (const name of Object.values(PERSON_NAMES)) expect(response.body).not.toContain(name);
            return;
          }
          if (!person) {
            expect(response.statusCode, response.body).toBe(c.ok);
            return;
          }
          const visible = VISIBLE[ROLE_SCOPES[role]]!.includes(person);
          const hidden = ALL.filter((p) => !VISIBLE[ROLE_SCOPES[role]]!.includes(p)).map((p) => PERSON_NAMES[p]);
          for (const name of hidden) expect(response.body).not.toContain(name);
          if (c.route === '/api/persons') {
            expect(response.statusCode).toBe(200);
            const items = response.json<{ items: Array<{ id: number }> }>().items;
            expect(items.map((i) => i.id)).toEqual(visible ? [net.persons[person]] : []);
          } else {
            expect(response.statusCode, response.body).toBe(visible ? c.ok : 404);
          }
        });
      }
    }
  }
});
