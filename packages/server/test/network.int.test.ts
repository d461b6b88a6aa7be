import { testDatabaseKind } from '@onconet/storage/testing/test-database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestNetwork, headers, login, type Session, type TestNetwork } from './test-network.ts';

describe(`network administration (${testDatabaseKind()})`, () => {
  let net: TestNetwork;
  let admin: Session;
  beforeAll(async () => {
    net = await createTestNetwork();
    admin = await login(net.app, 'network-admin');
  });
  afterAll(async () => net.close());

  const post = (url: string, payload?: object) => net.app.inject({ method: 'POST', url, headers: headers(admin), ...(payload ? { payload } : {}) });
  const base = () => ({ code: 'T-NEW', nameZh: '测试卫生院', nameEn: 'Test centre', tier: 'primary', type: 'township_health_centre', parentId: net.ids.hubA, divisionCode: '500235101' });

  it.each<[Record<string, unknown>, string, string]>([
    [{ divisionCode: '500299' }, 'divisionCode', 'unknown'],
    [{ divisionCode: '12' }, 'divisionCode', 'format'],
    [{ type: 'county_tumour_hospital' }, 'type', 'tierMismatch'],
    [{ parentId: 'core' }, 'parentId', 'primaryParent'],
    [{ tier: 'core', type: 'cancer_hospital' }, 'parentId', 'coreHasParent'],
    [{ code: 'bad code!' }, 'code', 'format'],
  ])('refuses %j naming %s', async (patch, field, code) => {
    // 'core' stands for the core institution's id, which exists only once the network is built.
    const body = { ...base(), ...patch, ...(patch.parentId === 'core' ? { parentId: net.ids.core } : {}) };
    const response = await post('/api/institutions', body);
    expect(response.statusCode).toBe(400);
    expect(response.json<{ errors: Array<{ field: string; code: string }> }>().errors).toContainEqual(expect.objectContaining({ field, code }));
  });

  it('creates, edits with alliances, deactivates (never deletes) and reactivates, keeping history in the audit log', async () => {
    await net.services.database.db.insertInto('alliance').values({ code: 'ALL-LUNG', name_zh: '肺癌联盟', name_en: 'Lung', site: 'C33-C34' }).execute();
    const created = await post('/api/institutions', base());
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json<{ id: number }>().id;
    const patched = await net.app.inject({ method: 'PATCH', url: `/api/institutions/${id}`, headers: headers(admin), payload: { nameEn: 'Renamed centre', alliances: ['ALL-LUNG'] } });
    expect(patched.json()).toMatchObject({ nameEn: 'Renamed centre', alliances: ['ALL-LUNG'] });
    const unknownAlliance = await net.app.inject({ method: 'PATCH', url: `/api/institutions/${id}`, headers: headers(admin), payload: { alliances: ['NOPE'] } });
    expect(unknownAlliance.statusCode).toBe(400);
    expect((await net.app.inject({ url: `/api/institutions/${id}`, headers: headers(admin) })).json()).toMatchObject({ alliances: ['ALL-LUNG'] });

    expect((await post(`/api/institutions/${id}/deactivate`)).json()).toMatchObject({ active: false });
    const listed = await net.app.inject({ url: '/api/institutions', headers: headers(admin) });
    expect(listed.json<{ items: Array<{ id: number }> }>().items.some((i) => i.id === id)).toBe(false);
    const all = await net.app.inject({ url: '/api/institutions?includeInactive=true', headers: headers(admin) });
    expect(all.json<{ items: Array<{ id: number; active: boolean }> }>().items.find((i) => i.id === id)).toMatchObject({ active: false });
    expect((await post(`/api/institutions/${id}/reactivate`)).json()).toMatchObject({ active: true });
    const actions = (await net.services.database.db.selectFrom('audit_log').select('action').where('entity_id', '=', String(id)).where('entity_type', '=', 'institution').execute()).map((r) => r.action);
    expect(actions).toEqual(['institution.create', 'institution.update', 'institution.deactivate', 'institution.reactivate']);
  });

  it('refuses to deactivate a hub with active members, or reactivate under an inactive parent', async () => {
    expect((await post(`/api/institutions/${net.ids.hubB}/deactivate`)).statusCode).toBe(409);
    expect((await post(`/api/institutions/${net.ids.clinicB}/deactivate`)).statusCode).toBe(200);
    expect((await post(`/api/institutions/${net.ids.hubB}/deactivate`)).statusCode).toBe(200);
    expect((await post(`/api/institutions/${net.ids.clinicB}/reactivate`)).statusCode).toBe(409);
    expect((await post(`/api/institutions/${net.ids.hubB}/reactivate`)).statusCode).toBe(200);
  });

  it('lists divisions for pickers', async () => {
    const { items } = (await net.app.inject({ url: '/api/divisions', headers: headers(admin) })).json<{ items: Array<{ code: string; nameZh: string; level: string; parent: string | null }> }>();
    expect(items.find((d) => d.code === '500235')).toEqual({ code: '500235', nameZh: '云阳县', nameEn: 'Yunyang', level: 'county', parent: '500000' });
    expect(items.filter((d) => d.level === 'county')).toHaveLength(38);
  });
});
