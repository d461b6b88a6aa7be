import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../database.ts';
import { openTestDatabase, testDatabaseKind } from '../testing/test-database.ts';
import { INDICATOR_GROUPINGS, indicatorTallies, indicatorTalliesByScan } from './screening-participants.ts';
import { screeningDb } from './screening-tables.ts';

/**
 * The tally cube (migration 0010) is kept by statement triggers; whatever mix of inserts, updates and deletes the
 * participants go through, every grouping read from the cube equals the same grouping by a scan of the participants.
 */
describe(`screening tally cube equals a scan of the participants (${testDatabaseKind()})`, () => {
  let database: Database;
  const campaigns: number[] = [];
  const institutions: number[] = [];
  const persons: number[] = [];
  beforeAll(async () => {
    database = await openTestDatabase();
    const db = screeningDb(database.db);
    for (const [i, code] of ['A', 'B', 'C'].entries()) {
      const row = await db.insertInto('institution').values({ code: `T-${code}`, name_zh: code, name_en: code, tier: 'primary', type: 'township_health_centre', division_code: `50023500${i + 1}` }).returning('id').executeTakeFirstOrThrow();
      institutions.push(row.id);
    }
    const user = await db.insertInto('app_user').values({ username: 'tally-test', display_name: 'Tally', institution_id: institutions[0]!, scope_kind: 'network', password_hash: 'x' }).returning('id').executeTakeFirstOrThrow();
    for (let i = 0; i < 12; i++) {
      const p = await db.insertInto('person').values({ name: `人${i}`, name_pinyin: 'ren', name_pinyin_compact: 'ren', name_initials: 'r', sex: 1 + (i % 2), birth_date: '1960-01-01', registered_by: user.id }).returning('id').executeTakeFirstOrThrow();
      persons.push(p.id);
    }
    for (const [i, programme] of ['upper_gi', 'colorectal'].entries()) {
      const c = await db.insertInto('screening_campaign').values({ name: `c${i}`, programme_code: programme, institution_id: institutions[0]!, start_date: '2024-01-01', end_date: '2025-12-31', catchment: ['500235'] }).returning('id').executeTakeFirstOrThrow();
      campaigns.push(c.id);
    }
  });
  afterAll(async () => database.close());

  const flags = fc.record({
    f_invited: fc.boolean(), f_participated: fc.boolean(), f_questionnaire: fc.boolean(), f_high_risk: fc.boolean(), f_high_risk_clinical: fc.boolean(),
    f_screened: fc.boolean(), f_positive: fc.boolean(), f_follow_up_done: fc.boolean(), f_cancer: fc.boolean(), f_precancer: fc.boolean(), f_early: fc.boolean(),
    days_positive_to_diagnosis: fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }),
    follow_up_due_on: fc.option(fc.constantFrom('2024-03-01', '2025-06-01', '2027-01-01'), { nil: null }),
    index_date: fc.constantFrom('2024-01-15', '2024-02-29', '2025-07-01', '2025-12-31'),
    division_code: fc.constantFrom('500235001', '500235002', '500114101', null),
  });
  const operation = fc.oneof(
    fc.record({ op: fc.constant('insert' as const), campaign: fc.nat(1), person: fc.nat(11), institution: fc.nat(2), flags }),
    fc.record({ op: fc.constant('update' as const), pick: fc.nat(), flags }),
    fc.record({ op: fc.constant('move' as const), pick: fc.nat(), institution: fc.nat(2) }),
    fc.record({ op: fc.constant('delete' as const), pick: fc.nat() }),
  );

  it('after any sequence of writes, every grouping of the cube equals the scan', async () => {
    const db = screeningDb(database.db);
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 25 }), async (ops) => {
        for (const o of ops) {
          const ids = (await db.selectFrom('screening_participant').select('id').orderBy('id').execute()).map((r) => r.id);
          const target = 'pick' in o && ids.length > 0 ? ids[o.pick % ids.length]! : null;
          if (o.op === 'insert') {
            await db.insertInto('screening_participant').values({ campaign_id: campaigns[o.campaign]!, person_id: persons[o.person]!, programme_code: o.campaign === 0 ? 'upper_gi' : 'colorectal', institution_id: institutions[o.institution]!, sex: 1, age: 60, source: 'mpi', ...o.flags }).onConflict((oc) => oc.doNothing()).execute();
          } else if (target !== null && o.op === 'update') {
            await db.updateTable('screening_participant').set(o.flags).where('id', '=', target).execute();
          } else if (target !== null && o.op === 'move') {
            // A multi-row statement: every participant of the campaign moves clinic.
            const campaign = await db.selectFrom('screening_participant').select('campaign_id').where('id', '=', target).executeTakeFirstOrThrow();
            await db.updateTable('screening_participant').set({ institution_id: institutions[o.institution]! }).where('campaign_id', '=', campaign.campaign_id).execute();
          } else if (target !== null && o.op === 'delete') {
            await db.deleteFrom('screening_participant').where('id', '=', target).execute();
          }
        }
        for (const by of INDICATOR_GROUPINGS) {
          for (const filter of [{ asOf: '2025-01-01' }, { asOf: '2026-01-01', campaignId: campaigns[0]!, period: 'month' as const }, { asOf: '2025-01-01', from: '2024-02-10', to: '2025-07-01', programme: 'colorectal' }]) {
            for (const scope of [null, { kind: 'institutions' as const, institutionIds: [institutions[1]!], divisionPrefix: '500114' }]) {
              expect(await indicatorTallies(db, scope, by, filter)).toEqual(await indicatorTalliesByScan(db, scope, by, filter));
            }
          }
        }
      }),
      { numRuns: 25 },
    );
    const cube = await sql<{ n: number }>`select count(*)::int as n from screening_tally_cube where participants < 0`.execute(db);
    expect(cube.rows[0]!.n).toBe(0);
  });
});
