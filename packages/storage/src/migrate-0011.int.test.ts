import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './database.ts';
import { loadMigrations, migrate } from './migrate.ts';
import { openTestDatabase, testDatabaseKind } from './testing/test-database.ts';

/** Migration 0011 moves field provenance from tumour_field rows onto the tumour; registrars' overrides stay rows. */
describe(`migration 0011 (tumour field sources) on ${testDatabaseKind()}`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase({ upTo: 10 });
  });
  afterAll(async () => database.close());

  it('keeps every field source and every override of the tumours registered before it', async () => {
    const run = (query: string) => sql.raw(query).execute(database.db);
    await run(`INSERT INTO institution (code, name_zh, name_en, tier, type, division_code) VALUES ('CORE', '核心', 'Core', 'core', 'cancer_hospital', '500000')`);
    await run(`INSERT INTO app_user (username, display_name, institution_id, scope_kind, password_hash) SELECT 'reg', 'Registrar', id, 'institution', 'x' FROM institution`);
    await run(`INSERT INTO person (name, name_pinyin, name_pinyin_compact, name_initials, sex, birth_date, registered_by) SELECT '王建国', 'wang jian guo', 'wangjianguo', 'wjg', 1, '1950-04-01', id FROM institution`);
    await run(`INSERT INTO tumour (id, person_id, incidence_date, incidence_rule, topography, morphology, behaviour, basis, icd10, ci5_cancer, registry_scope, sex, institution_id, first_reported_on)
               SELECT 7, p.id, '2024-02-20', 'histology', 'C61.9', '8140', 3, 7, 'C61', 30, 'reportable', 1, i.id, '2024-03-02' FROM person p, institution i`);
    await run(`INSERT INTO notification (id, institution_id, kind, source_ref, reported_on, person_id, tumour_id, status, received)
               SELECT n, i.id, 'pathology', 'P-' || n, '2024-03-02', p.id, 7, 'consolidated', '{}' FROM institution i, person p, generate_series(41, 42) n`);
    await run(`INSERT INTO tumour_field (tumour_id, field, value, notification_id) VALUES (7, 'morphology', '8140', 41), (7, 'basis', '7', 42), (7, 'grade', NULL, 42)`);
    await run(`INSERT INTO tumour_field (tumour_id, field, value, notification_id, override_reason, overridden_by, overridden_at)
               SELECT 7, 'topography', 'C61.9', NULL, 'pathology report says prostate', id, '2024-04-01T08:00:00Z' FROM app_user`);

    expect(await migrate(database, loadMigrations())).toContain(11);

    const tumour = await sql<{ field_sources: unknown }>`SELECT field_sources FROM tumour WHERE id = 7`.execute(database.db);
    expect(tumour.rows[0]!.field_sources).toEqual({ morphology: { value: '8140', notification: 41 }, basis: { value: '7', notification: 42 }, grade: { value: null, notification: 42 } });
    const overrides = await sql<Record<string, unknown>>`SELECT tumour_id, field, value, override_reason FROM tumour_override`.execute(database.db);
    expect(overrides.rows).toEqual([{ tumour_id: 7, field: 'topography', value: 'C61.9', override_reason: 'pathology report says prostate' }]);
    // An override needs its reason and time from now on.
    await expect(sql`INSERT INTO tumour_override (tumour_id, field, value) VALUES (7, 'grade', '2')`.execute(database.db)).rejects.toThrow(/null/i);
  });
});
