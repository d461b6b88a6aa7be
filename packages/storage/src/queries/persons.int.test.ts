import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResolvedScope } from '@onconet/domain';
import type { Database } from '../database.ts';
import { openTestDatabase, testDatabaseKind } from '../testing/test-database.ts';
import { searchPersons } from './persons.ts';

const SURNAMES = ['王', '李', '张', '欧阳'];
const GIVEN = ['伟', '敏', '秀英', '静', '丽'];

interface Seeded {
  id: number;
  name: string;
  pinyin: string;
  institutions: number[];
}

/** Code-point order, which is what COLLATE "C" gives for UTF-8 text. */
const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe(`scoped name search through person_institution's name copies (${testDatabaseKind()})`, () => {
  let database: Database;
  let institutions: number[];
  const persons: Seeded[] = [];

  beforeAll(async () => {
    database = await openTestDatabase();
    institutions = [];
    for (const code of ['CORE', 'HUB', 'CLINIC', 'OTHER']) {
      const row = await database.db
        .insertInto('institution')
        .values({ code, name_zh: code, name_en: code, tier: 'primary', type: 'township_health_centre', division_code: '500235' })
        .returning('id')
        .executeTakeFirstOrThrow();
      institutions.push(row.id);
    }
    let n = 0;
    for (const surname of SURNAMES) {
      for (const given of GIVEN) {
        for (let copy = 0; copy < 3; copy += 1) {
          const name = `${surname}${given}`;
          const pinyin = `${surname.length}${given.length}${copy}`;
          const row = await database.db
            .insertInto('person')
            .values({ name, name_pinyin: pinyin, name_pinyin_compact: `p${pinyin}`, name_initials: `i${copy}`, sex: 1, birth_date: '1960-01-01', registered_by: institutions[0]! })
            .returning('id')
            .executeTakeFirstOrThrow();
          // Each person is held by one or two institutions, spread so that every scope has a share.
          const held = [...new Set([institutions[n % 4]!, institutions[(n * 7 + 1) % 4]!])];
          for (const institution of held) await database.db.insertInto('person_institution').values({ person_id: row.id, institution_id: institution }).execute();
          persons.push({ id: row.id, name, pinyin: `p${pinyin}`, institutions: held });
          n += 1;
        }
      }
    }
  });
  afterAll(async () => database.close());

  const scopeOf = (ids: number[]): ResolvedScope => ({ kind: 'institutions', institutionIds: ids, divisionPrefix: null });

  it('fills the name copies from person on insert, so writers name only the link', async () => {
    const rows = await database.db.selectFrom('person_institution as pi').innerJoin('person as p', 'p.id', 'pi.person_id').select(['pi.name as copy', 'p.name', 'pi.name_pinyin_compact as pinyinCopy', 'p.name_pinyin_compact as pinyin']).execute();
    expect(rows.length).toBeGreaterThan(persons.length);
    for (const row of rows) expect([row.copy, row.pinyinCopy]).toEqual([row.name, row.pinyin]);
  });

  it('returns exactly the in-scope persons whose name starts with the prefix, in name order, limited', async () => {
    for (const scopeIds of [[institutions[1]!], [institutions[1]!, institutions[2]!], []]) {
      for (const prefix of ['王', '欧阳', '李敏', '张秀', '赵']) {
        const expected = persons
          .filter((p) => p.name.startsWith(prefix) && p.institutions.some((i) => scopeIds.includes(i)))
          .sort((a, b) => byCodePoint(a.name, b.name) || a.id - b.id)
          .slice(0, 5)
          .map((p) => p.id);
        const found = await searchPersons(database.db, scopeOf(scopeIds), { kind: 'name', value: prefix }, 5);
        expect(found.map((r) => r.id), `${prefix} in ${scopeIds.join(',')}`).toEqual(expected);
      }
    }
  });

  it('searches pinyin prefixes and initials within the scope', async () => {
    const scopeIds = [institutions[2]!];
    const expected = persons.filter((p) => p.pinyin.startsWith('p12') && p.institutions.includes(scopeIds[0]!)).map((p) => p.id);
    const found = await searchPersons(database.db, scopeOf(scopeIds), { kind: 'pinyin', value: 'p12' }, 100);
    expect(found.map((r) => r.id).sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
    const byInitials = await searchPersons(database.db, scopeOf(scopeIds), { kind: 'pinyin', value: 'i2' }, 100);
    expect(byInitials.length).toBeGreaterThan(0);
    const initials = await database.db.selectFrom('person').select('name_initials').where('id', 'in', byInitials.map((r) => r.id)).execute();
    for (const row of initials) expect(row.name_initials).toBe('i2');
  });

  it('leaves persons merged into another out of every search', async () => {
    const [survivor, merged] = persons.filter((p) => p.name === '张静');
    await database.db.updateTable('person').set({ merged_into: survivor!.id }).where('id', '=', merged!.id).execute();
    for (const scope of [{ kind: 'network' } as const, scopeOf(institutions)]) {
      const found = await searchPersons(database.db, scope, { kind: 'name', value: '张静' }, 100);
      expect(found.map((r) => r.id)).toContain(survivor!.id);
      expect(found.map((r) => r.id)).not.toContain(merged!.id);
    }
    await database.db.updateTable('person').set({ merged_into: null }).where('id', '=', merged!.id).execute();
  });

  it('follows a corrected name and a link moved to another person', async () => {
    const [first, second] = persons;
    await database.db.updateTable('person').set({ name: '司马光', name_pinyin_compact: 'simaguang' }).where('id', '=', first!.id).execute();
    const copies = await database.db.selectFrom('person_institution').select(['name', 'name_pinyin_compact']).where('person_id', '=', first!.id).execute();
    expect(copies.map((c) => c.name)).toEqual(first!.institutions.map(() => '司马光'));
    expect(await searchPersons(database.db, scopeOf(first!.institutions), { kind: 'name', value: '司马' }, 5)).toHaveLength(1);

    // A merge re-points a link: the copy must become the survivor's name.
    const moved = second!.institutions.find((i) => !first!.institutions.includes(i)) ?? institutions[3]!;
    await sql`delete from person_institution where person_id = ${second!.id} and institution_id = ${moved}`.execute(database.db);
    await database.db.insertInto('person_institution').values({ person_id: second!.id, institution_id: moved }).execute();
    await database.db.updateTable('person_institution').set({ person_id: first!.id }).where('person_id', '=', second!.id).where('institution_id', '=', moved).execute();
    const row = await database.db.selectFrom('person_institution').select('name').where('person_id', '=', first!.id).where('institution_id', '=', moved).executeTakeFirstOrThrow();
    expect(row.name).toBe('司马光');
  });
});
