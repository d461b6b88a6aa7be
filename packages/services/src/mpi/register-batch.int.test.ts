import type { PersonRecord } from '@onconet/domain';
import { generateChineseDuplicates } from '@onconet/domain/synthetic/chinese-duplicates';
import { createRng } from '@onconet/domain/synthetic/random';
import type { Database } from '@onconet/storage';
import { openTestDatabase, testDatabaseKind } from '@onconet/storage/testing/test-database';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, systemActor, type Actor, type Services } from '../index.ts';
import type { RecordSource } from './mpi-service.ts';
import { registerBatch, type BatchItem } from './register-batch.ts';

/**
 * The batch registration must decide exactly as registering the same records one by one, in order: two databases
 * start alike, one registers through `mpi.register`, the other through `registerBatch` (in small chunks, so that
 * records meet persons created by earlier chunks and earlier records of their own chunk), and every row the MPI
 * writes is compared — persons, source records, review pairs, institutions, identifiers, blocking keys, audit.
 */
const clock = { now: () => new Date('2024-06-30T08:00:00Z') };
const SOURCES: RecordSource[] = ['notification', 'hospital', 'death', 'pathology'];

interface World {
  readonly database: Database;
  readonly services: Services;
  readonly institutions: number[];
}

async function world(): Promise<World> {
  const database = await openTestDatabase();
  const services = createServices(database, { auditKey: 'k', clock });
  const core = await services.network.create(systemActor(), { code: 'CORE', nameZh: '核心医院', nameEn: 'Core', tier: 'core', type: 'cancer_hospital', parentId: null, divisionCode: '500106' });
  const hub = await services.network.create(systemActor(), { code: 'HUBA', nameZh: '云阳县肿瘤医院', nameEn: 'Yunyang', tier: 'hub', type: 'county_tumour_hospital', parentId: core.id, divisionCode: '500235' });
  const clinic = await services.network.create(systemActor(), { code: 'CLINA', nameZh: '云阳镇卫生院', nameEn: 'Clinic', tier: 'primary', type: 'township_health_centre', parentId: hub.id, divisionCode: '500235' });
  return { database, services, institutions: [core.id, hub.id, clinic.id] };
}

/** Synthetic Chinese persons with duplicates (homophones, traditional characters, pinyin-only names, ID errors, moves), plus review-band reports and MRNs. */
function reports(services: Services, institutions: readonly number[], count: number, seed: number, tag: string): BatchItem[] {
  const rng = createRng(seed);
  const items: BatchItem[] = [];
  const firsts: PersonRecord[] = [];
  let n = 0;
  for (const r of generateChineseDuplicates({ seed, records: count, duplicateShare: 0.35 })) {
    n += 1;
    let record: PersonRecord;
    try {
      record = services.mpi.validate({
        name: r.name, sex: r.sex, birthDate: r.birthDate, residentId: r.residentId || null, phone: r.phone || null, divisionCode: r.divisionCode, address: r.address,
        identifiers: rng.chance(0.2) ? [{ kind: 'mrn', value: `MRN-${tag}-${n}` }] : [],
      });
    } catch {
      continue; // a mistyped ID number fails its check digit: refused before the MPI, on both paths alike
    }
    if (r.copy === 0) firsts.push(record);
    items.push({ record, source: SOURCES[n % SOURCES.length]!, sourceRef: `R-${tag}-${n}`, institutionId: institutions[n % institutions.length]! });
    // Every ninth: a report that carries only name, sex and birth date of a person seen before (the review band).
    if (n % 9 === 0 && firsts.length > 0) {
      const p = firsts[rng.int(firsts.length)]!;
      items.push({ record: services.mpi.validate({ name: p.name, sex: p.sex, birthDate: p.birthDate }), source: 'hospital', sourceRef: `B-${tag}-${n}`, institutionId: institutions[(n + 1) % institutions.length]! });
    }
  }
  return items;
}

const registrar = (institutionId: number): Actor => ({ ...systemActor(), institutionId });

async function oneByOne(w: World, items: readonly BatchItem[]) {
  for (const item of items) await w.services.mpi.register(registrar(item.institutionId), item.record, item.source, item.sourceRef);
}

async function batch(w: World, items: readonly BatchItem[], chunkSize: number) {
  const model = await w.services.mpi.currentModel();
  return w.database.db.transaction().execute(async (tx) => {
    const result = await registerBatch(tx, model, registrar(w.institutions[0]!), items, { chunkSize });
    await w.services.audit.appendManyInTransaction(tx, result.audit);
    return result;
  });
}

/** Every row the MPI writes, without the clock's columns. */
async function snapshot(db: Database['db']) {
  const rows = async (query: string) => (await sql.raw<Record<string, unknown>>(query).execute(db)).rows;
  return {
    person: await rows('SELECT id, name, name_pinyin, name_pinyin_compact, name_initials, sex, birth_date, resident_id, phone, division_code, address, vital_status, death_date, registered_by, merged_into FROM person ORDER BY id'),
    record: await rows('SELECT id, person_id, source, institution_id, source_ref, name, name_pinyin, sex, birth_date, resident_id, phone, division_code, address, vital_status, death_date, identifiers, link_kind, match_probability FROM person_record ORDER BY id'),
    review: await rows('SELECT id, record_id, person_id, candidate_id, match_probability, match_weight, status FROM mpi_review ORDER BY id'),
    institution: await rows('SELECT person_id, institution_id, name, name_pinyin_compact, name_initials FROM person_institution ORDER BY person_id, institution_id'),
    identifier: await rows('SELECT person_id, institution_id, kind, value FROM person_identifier ORDER BY institution_id, kind, value'),
    keys: await rows('SELECT key::text AS key, person_id FROM person_block_key ORDER BY key, person_id'),
    audit: await rows(`SELECT action, outcome, entity_type, entity_id, person_id, institution_id, actor_institution_id, detail FROM audit_log WHERE action IN ('person.create', 'mpi.link') ORDER BY seq`),
  };
}

/** Key rows whose person does not exist (the key index has no foreign key to person since migration 0012). */
async function orphanKeys(db: Database['db']) {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM person_block_key k WHERE NOT EXISTS (SELECT 1 FROM person p WHERE p.id = k.person_id)`.execute(db);
  return rows[0]!.n;
}

describe(`MPI batch registration decides as one-by-one registration (${testDatabaseKind()})`, () => {
  let single: World;
  let batched: World;
  let known: BatchItem[];
  let incoming: BatchItem[];

  beforeAll(async () => {
    [single, batched] = [await world(), await world()];
    // Persons already in the index (registered one by one in both), then a file that re-reports many of them.
    known = reports(single.services, single.institutions, 120, 11, 'K');
    incoming = [...reports(single.services, single.institutions, 260, 11, 'F').slice(100), ...reports(single.services, single.institutions, 120, 12, 'G')];
    await oneByOne(single, known);
    await oneByOne(batched, known);
  });
  afterAll(async () => {
    await single.database.close();
    await batched.database.close();
  });

  it('writes the same persons, records, review pairs, institutions, identifiers, keys and audit rows', async () => {
    await oneByOne(single, incoming);
    const result = await batch(batched, incoming, 37);
    expect(result.outcomes.every((o) => o.ok)).toBe(true);
    const [a, b] = [await snapshot(single.database.db), await snapshot(batched.database.db)];
    expect(b).toEqual(a);
    expect(b.keys.length).toBeGreaterThan(0);
    expect(await orphanKeys(batched.database.db)).toBe(0);
    // The file exercised every decision, including links to persons the same file created.
    const kinds = new Set(b.record.slice(-incoming.length).map((r) => r.link_kind));
    expect([...kinds].sort()).toEqual(['auto', 'new', 'review']);
    const createdByFile = new Set(b.record.slice(-incoming.length).filter((r) => r.link_kind === 'new').map((r) => r.person_id));
    expect(b.record.slice(-incoming.length).some((r) => r.link_kind === 'auto' && createdByFile.has(r.person_id))).toBe(true);
    expect(b.review.length).toBeGreaterThan(0);
  });

  it('takes the key locks of a single registration for a few records, and decides alike', async () => {
    const few = reports(single.services, single.institutions, 40, 13, 'S').slice(0, 6);
    await oneByOne(single, few);
    await batch(batched, few, 1000);
    expect(await snapshot(batched.database.db)).toEqual(await snapshot(single.database.db));
  });

  it('holds single registrations back until a large batch commits, so they find the persons it created', async () => {
    const w = batched;
    const person = { name: '欧阳娜娜', sex: 2, birthDate: '1980-02-03', phone: '13912345678', divisionCode: '500235001', address: '云阳县青龙街道' };
    const filler = reports(w.services, w.institutions, 40, 15, 'C').slice(0, 20);
    const items: BatchItem[] = [...filler, { record: w.services.mpi.validate(person), source: 'notification', sourceRef: 'C-X', institutionId: w.institutions[1]! }];
    let single: Promise<{ personId: number; match: { decision: string } }> | null = null;
    const created = await w.database.db.transaction().execute(async (tx) => {
      const result = await registerBatch(tx, await w.services.mpi.currentModel(), registrar(w.institutions[0]!), items);
      // Another user reports the same person while the batch is still uncommitted.
      single = w.services.mpi.register(registrar(w.institutions[2]!), w.services.mpi.validate(person), 'hospital', 'C-Y');
      await new Promise((resolve) => setTimeout(resolve, 300));
      await w.services.audit.appendManyInTransaction(tx, result.audit);
      const last = result.outcomes.at(-1)!;
      if (!last.ok) throw last.error;
      return last.value.personId;
    });
    const report = await single!;
    expect(report.match.decision).toBe('link');
    expect(report.personId).toBe(created);
  });

  it('refuses what one-by-one registration refuses, and a rolled-back batch leaves nothing', async () => {
    const again = incoming.slice(0, 3);
    await expect(single.services.mpi.register(registrar(again[0]!.institutionId), again[0]!.record, again[0]!.source, again[0]!.sourceRef)).rejects.toMatchObject({ code: '23505' });
    const before = await snapshot(batched.database.db);
    const fresh = reports(batched.services, batched.institutions, 30, 14, 'T');
    const refused = await batched.database.db
      .transaction()
      .execute(async (tx) => {
        const result = await registerBatch(tx, await batched.services.mpi.currentModel(), registrar(batched.institutions[0]!), [...fresh, ...again]);
        expect(result.outcomes.slice(0, fresh.length).every((o) => o.ok)).toBe(true);
        throw Object.assign(new Error('rolled back'), { outcomes: result.outcomes.slice(fresh.length) });
      })
      .catch((error: { outcomes: Array<{ ok: boolean; error?: { code: string; errors: Array<{ field: string }> } }> }) => error.outcomes);
    expect(refused.map((o) => [o.ok, o.error?.code, o.error?.errors[0]?.field])).toEqual(again.map(() => [false, 'conflict', 'source_ref']));
    expect(await snapshot(batched.database.db)).toEqual(before);
  });

  it('refuses a new person whose identifier an earlier record of the batch gave the person it linked to, in its chunk or a later one', async () => {
    const institutionId = single.institutions[1]!;
    const known = { name: '司马相如', sex: 1, birthDate: '1975-04-05', phone: '13800001111', divisionCode: '500235001', address: '云阳县人民路' };
    const item = (w: World, input: Parameters<Services['mpi']['validate']>[0], sourceRef: string): BatchItem => ({ record: w.services.mpi.validate(input), source: 'hospital', sourceRef, institutionId });
    const linking = (w: World) => item(w, { ...known, identifiers: [{ kind: 'mrn', value: 'MRN-L-1' }] }, 'L-1');
    const stranger = (w: World) => item(w, { name: '卓文君', sex: 2, birthDate: '1981-02-03', identifiers: [{ kind: 'mrn', value: 'MRN-L-1' }] }, 'L-2');
    for (const w of [single, batched]) await w.services.mpi.register(registrar(institutionId), w.services.mpi.validate(known), 'hospital', 'L-0');

    const first = await single.services.mpi.register(registrar(institutionId), linking(single).record, 'hospital', 'L-1');
    expect(first.match.decision).toBe('link');
    await expect(single.services.mpi.register(registrar(institutionId), stranger(single).record, 'hospital', 'L-2')).rejects.toMatchObject({ code: '23505' });

    for (const chunkSize of [1000, 1]) {
      const outcomes = await batched.database.db
        .transaction()
        .execute(async (tx) => {
          const result = await registerBatch(tx, await batched.services.mpi.currentModel(), registrar(institutionId), [linking(batched), stranger(batched)], { chunkSize });
          throw Object.assign(new Error('rolled back'), { outcomes: result.outcomes });
        })
        .catch((error: { outcomes: Array<{ ok: boolean; value?: { decision: string }; error?: { code: string; errors: Array<{ field: string }> } }> }) => error.outcomes);
      expect(outcomes.map((o) => [o.ok, o.value?.decision ?? o.error?.code, o.error?.errors[0]?.field])).toEqual([[true, 'link', undefined], [false, 'conflict', 'identifiers']]);
    }
  });
});
