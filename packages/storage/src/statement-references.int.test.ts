import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './database.ts';
import { openTestDatabase, testDatabaseKind } from './testing/test-database.ts';

/**
 * Migration 0014 checks the references of the import's tables once per statement (check_references) instead of
 * with a foreign key per row; these are the guarantees the foreign keys gave, kept.
 */
describe(`references checked per statement (migration 0014) on ${testDatabaseKind()}`, () => {
  let database: Database;
  const run = (query: string) => sql.raw(query).execute(database.db);
  const violation = (pattern: RegExp): unknown => expect.objectContaining({ code: '23503', message: expect.stringMatching(pattern) as unknown }) as unknown;

  beforeAll(async () => {
    database = await openTestDatabase();
    await run(`INSERT INTO institution (id, code, name_zh, name_en, tier, type, division_code) OVERRIDING SYSTEM VALUE VALUES (1, 'CORE', '核心', 'Core', 'core', 'cancer_hospital', '500000'), (2, 'SPARE', '备用', 'Spare', 'hub', 'county_tumour_hospital', '500101')`);
    await run(`INSERT INTO person (id, name, name_pinyin, name_pinyin_compact, name_initials, sex, birth_date, registered_by) OVERRIDING SYSTEM VALUE VALUES (1, '王建国', 'wang jian guo', 'wangjianguo', 'wjg', 1, '1950-04-01', 1), (2, '李梅', 'li mei', 'limei', 'lm', 2, '1960-01-01', 1)`);
    await run(`INSERT INTO tumour (id, person_id, incidence_date, incidence_rule, topography, morphology, behaviour, basis, icd10, ci5_cancer, registry_scope, sex, institution_id, first_reported_on)
               OVERRIDING SYSTEM VALUE VALUES (7, 1, '2024-02-20', 'histology', 'C61.9', '8140', 3, 7, 'C61', 30, 'reportable', 1, 1, '2024-03-02')`);
    await run(`INSERT INTO notification (id, institution_id, kind, source_ref, reported_on, person_id, tumour_id, status, received) OVERRIDING SYSTEM VALUE VALUES (900041, 1, 'pathology', 'P-41', '2024-03-02', 1, 7, 'consolidated', '{}')`);
  });
  afterAll(async () => database.close());

  it('refuses a row whose reference is missing, naming the column and the value — among many good rows too', async () => {
    await expect(run(`INSERT INTO notification (institution_id, kind, source_ref, reported_on, person_id, status, received) VALUES (1, 'pathology', 'P-50', '2024-03-02', 999, 'new', '{}')`)).rejects.toEqual(
      violation(/notification.*person_id=999.*"person"/),
    );
    await expect(run(`INSERT INTO notification (institution_id, kind, source_ref, reported_on, person_id, tumour_id, status, received) SELECT 1, 'hospital', 'H-' || n, '2024-03-02', 1, CASE WHEN n = 300 THEN 8 ELSE 7 END, 'consolidated', '{}' FROM generate_series(1, 500) n`)).rejects.toEqual(
      violation(/tumour_id=8/),
    );
    await expect(run(`INSERT INTO person_record (person_id, source, institution_id, source_ref, name, name_pinyin, sex, birth_date, link_kind) VALUES (1, 'notification', 3, 'X-1', '王建国', 'wang jian guo', 1, '1950-04-01', 'auto')`)).rejects.toEqual(violation(/institution_id=3/));
    await expect(run(`INSERT INTO person_institution (person_id, institution_id, name, name_pinyin_compact, name_initials) VALUES (5, 1, '王建国', 'wangjianguo', 'wjg')`)).rejects.toEqual(violation(/person_id=5/));
    await expect(run(`INSERT INTO person (id, name, name_pinyin, name_pinyin_compact, name_initials, sex, birth_date, registered_by) OVERRIDING SYSTEM VALUE VALUES (3, '赵六', 'zhao liu', 'zhaoliu', 'zl', 1, '1970-01-01', 9)`)).rejects.toEqual(violation(/registered_by=9/));
    // Nothing of the refused statements stayed.
    const count = await sql<{ n: number }>`SELECT count(*)::int AS n FROM notification`.execute(database.db);
    expect(count.rows[0]!.n).toBe(1);
  });

  it('refuses an update that points a reference at nothing, and accepts one that points at a row', async () => {
    await expect(run(`UPDATE tumour SET person_id = 404 WHERE id = 7`)).rejects.toEqual(violation(/person_id=404/));
    await expect(run(`UPDATE notification SET batch_id = 12 WHERE id = 900041`)).rejects.toEqual(violation(/batch_id=12/));
    await run(`UPDATE tumour SET person_id = 2 WHERE id = 7`);
    await run(`UPDATE tumour SET person_id = 1 WHERE id = 7`);
  });

  it('refuses to delete a row another table still refers to, and to change its id', async () => {
    await expect(run(`DELETE FROM tumour WHERE id = 7`)).rejects.toEqual(violation(/notification.*id=7/));
    await expect(run(`DELETE FROM person WHERE id = 1`)).rejects.toEqual(violation(/id=1/));
    await expect(run(`DELETE FROM institution WHERE id = 1`)).rejects.toEqual(violation(/id=1/));
    await expect(run(`UPDATE tumour SET id = 100 WHERE id = 7`)).rejects.toEqual(violation(/never changes/));
    // An identity column GENERATED ALWAYS refuses a new value, but not DEFAULT, which draws the next id.
    await expect(run(`UPDATE person SET id = DEFAULT WHERE id = 2`)).rejects.toEqual(violation(/never changes/));
    // Rows nothing refers to can go.
    await run(`DELETE FROM institution WHERE id = 2`);
    await run(`DELETE FROM person WHERE id = 2`);
    const left = await sql<{ n: number }>`SELECT (SELECT count(*) FROM person)::int + (SELECT count(*) FROM institution)::int AS n`.execute(database.db);
    expect(left.rows[0]!.n).toBe(2);
  });
});
