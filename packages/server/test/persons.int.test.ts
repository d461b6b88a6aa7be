import { makeResidentId } from '@onconet/domain';
import { testDatabaseKind } from '@onconet/storage/testing/test-database';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestNetwork, headers, login, type Session, type TestNetwork } from './test-network.ts';

describe(`persons: validation, search and bad input (${testDatabaseKind()})`, () => {
  let net: TestNetwork;
  let admin: Session;
  beforeAll(async () => {
    net = await createTestNetwork();
    admin = await login(net.app, 'system-admin');
  });
  afterAll(async () => net.close());

  const post = (payload: unknown) => net.app.inject({ method: 'POST', url: '/api/persons', headers: { ...headers(admin), 'content-type': 'application/json' }, payload: JSON.stringify(payload) });
  const count = async () => Number((await net.services.database.db.selectFrom('person').select(net.services.database.db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const search = async (q: string) => (await net.app.inject({ url: `/api/persons?q=${encodeURIComponent(q)}`, headers: headers(admin) })).json<{ items: Array<{ name: string; residentId: string | null }> }>().items;

  it('registers a person with pinyin computed with surname readings, and upgrades a 15-digit ID', async () => {
    const id18 = makeResidentId('500235', '1965-03-04', 12, 1);
    const legacy = `${id18.slice(0, 6)}${id18.slice(8, 17)}`;
    const created = await post({ name: '单雄信', sex: '男', birthDate: '19650304', residentId: legacy, phone: '+86 138 0013 8000', identifiers: [{ kind: 'mrn', value: 'A-1' }] });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ name: '单雄信', namePinyin: 'shan xiong xin', sex: 1, birthDate: '1965-03-04', residentId: id18, phone: '13800138000' });
    for (const [name, pinyin] of [['曾国藩', 'zeng guo fan'], ['解缙', 'xie jin'], ['欧阳修', 'ou yang xiu']] as const) {
      expect((await post({ name, sex: 1, birthDate: '1950-01-01' })).json()).toMatchObject({ namePinyin: pinyin });
    }
  });

  it('finds persons by name prefix, pinyin, initials, ID number, MRN and phone', async () => {
    expect((await search('单雄')).map((p) => p.name)).toEqual(['单雄信']);
    expect((await search('shanxiong')).map((p) => p.name)).toEqual(['单雄信']);
    expect((await search('sxx')).map((p) => p.name)).toEqual(['单雄信']);
    expect((await search(makeResidentId('500235', '1965-03-04', 12, 1))).map((p) => p.name)).toEqual(['单雄信']);
    expect((await search('A-1')).map((p) => p.name)).toEqual(['单雄信']);
    expect((await search('13800138000')).map((p) => p.name)).toEqual(['单雄信']);
    expect(await search('%')).toEqual([]);
  });

  it.each([
    [{ name: '张三', sex: 1, birthDate: '1980-01-01', residentId: '500235198001010010' }, 'residentId', 'residentId.checkDigit'],
    [{ name: '张三', sex: 1, birthDate: '1980-01-02', residentId: makeResidentId('500235', '1980-01-01', 1, 1) }, 'residentId', 'residentId.birthDateMismatch'],
    [{ name: '张三', sex: 2, birthDate: '1980-01-01', residentId: makeResidentId('500235', '1980-01-01', 1, 1) }, 'residentId', 'residentId.sexMismatch'],
    [{ name: '张三', sex: 1, birthDate: '2023-02-30' }, 'birthDate', 'date.impossible'],
    [{ name: '张三', sex: 1, birthDate: '2099-01-01' }, 'birthDate', 'future'],
    [{ name: '张三', sex: 3, birthDate: '1980-01-01' }, 'sex', 'sex.unknown'],
    [{ name: 42, sex: 1, birthDate: '1980-01-01' }, 'name', 'type'],
    [{ sex: 1, birthDate: '1980-01-01' }, 'name', 'required'],
    [{ name: '张三', sex: 1, birthDate: '1980-01-01', divisionCode: '5002' }, 'divisionCode', 'format'],
    [{ name: '张三', sex: 1, birthDate: '1980-01-01', phone: '12345' }, 'phone', 'phone.format'],
    [{ name: '张三', sex: 1, birthDate: '1980-01-01', unknownField: 1 }, 'unknownField', 'additionalProperties'],
    [{ name: '张三', sex: 1, birthDate: '1980-01-01', deathDate: '1979-12-31' }, 'deathDate', 'beforeBirth'],
  ])('rejects %j naming the field %s', async (payload, field, code) => {
    const before = await count();
    const response = await post(payload);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json<{ errors: Array<{ field: string; code: string }> }>().errors).toContainEqual(expect.objectContaining({ field, code }));
    expect(await count()).toBe(before);
  });

  it('answers 413 for an oversized body and 400 for broken JSON, never 500', async () => {
    const big = await post({ name: '张三', sex: 1, birthDate: '1980-01-01', address: 'x'.repeat(2_000_000) });
    expect(big.statusCode).toBe(413);
    const broken = await net.app.inject({ method: 'POST', url: '/api/persons', headers: { ...headers(admin), 'content-type': 'application/json' }, payload: '{"name": ' });
    expect(broken.statusCode).toBe(400);
    expect(broken.json()).toMatchObject({ errors: [{ field: 'body' }] });
  });

  it('fuzz: any JSON body gives 201 or a 4xx naming a field, and a rejected body writes nothing', async () => {
    const field = fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.boolean(), fc.double(), fc.array(fc.string(), { maxLength: 2 }), fc.object({ maxDepth: 1 }));
    const dateish = fc.oneof(field, fc.date({ min: new Date('1800-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)), fc.stringMatching(/^\d{8}$/));
    const idish = fc.oneof(field, fc.stringMatching(/^\d{17}[\dX]$/), fc.stringMatching(/^\d{15}$/));
    const body = fc.record(
      { name: fc.oneof(field, fc.constantFrom('王伟', '李娜', '')), sex: fc.oneof(field, fc.constantFrom(1, 2, 'M', '女')), birthDate: dateish, residentId: idish, phone: field, divisionCode: field, vitalStatus: field, deathDate: dateish, identifiers: field },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(body, async (payload) => {
        const before = await count();
        const response = await post(payload);
        if (response.statusCode === 201) {
          expect(await count()).toBe(before + 1);
          return;
        }
        expect(response.statusCode).toBeGreaterThanOrEqual(400);
        expect(response.statusCode).toBeLessThan(500);
        const problem = response.json<{ errors?: Array<{ field: string }>; code: string }>();
        if (problem.code === 'validation') expect(problem.errors?.[0]?.field).toBeTruthy();
        expect(await count()).toBe(before);
      }),
      { numRuns: 300, seed: 4711 },
    );
  });
});
