/**
 * Screening benchmark (issue 6), on PostgreSQL:
 *  1. a campaign of 100,000 invitees moves through the whole path through the service layer — targeted from the MPI
 *     (eligibility per person), invited, paths from the domain generator recorded (answers validated, risk assessed,
 *     results checked, flags by participantFlags, cancers notified to the registry) — with the time of each step;
 *  2. every indicator grouping (campaign, programme, institution, area, period by year and month, and a hub's scoped
 *     view) over 1,000,000 participant rows — the 100,000 paths copied into nine more campaigns of other programmes,
 *     institutions and years — through `services.screening.indicators` (the tally cube of migration 0010 plus the
 *     open positives for overdue follow-ups), p50 and max of 7 runs each; target ≤ 1 s.
 * Baseline in the same run: `select count(*) from screening_participant` (one bare scan of the same rows).
 * BENCH_INVITEES (100,000) and BENCH_ROWS (1,000,000) set the sizes; BENCH_DATABASE_URL the server.
 */
import type { Permission } from '@onconet/domain';
import { CHONGQING_COUNTIES } from '@onconet/domain/codes/divisions/chongqing';
import { generateCampaignPaths } from '@onconet/domain/synthetic/screening-campaign';
import { createServices, systemActor, type Actor } from '@onconet/services';
import { seedDemo } from '@onconet/services/demo/seed-demo';
import { pairBySex } from '@onconet/services/demo/seed-screening';
import { loadSyntheticPersons } from '@onconet/services/demo/synthetic-persons';
import { migrate, openDatabase } from '@onconet/storage';
import { sql } from 'kysely';
import { timed, writeResults } from './support.ts';

const INVITEES = Number(process.env.BENCH_INVITEES ?? 100_000);
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SCHEMA = 'bench_screening';
const RUNS = 7;
/** Persons loaded into the MPI: about half of Chongqing's population is 50–74, the colorectal programme's ages. */
const PERSONS = Math.ceil(INVITEES * 2.6);
const PROGRAMMES = ['colorectal', 'lung', 'upper_gi', 'liver', 'breast', 'cervical'] as const;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const seconds = (ms: number) => Math.round(ms) / 1000;

async function main() {
  const admin = await openDatabase({ databaseUrl: PG_URL, schema: SCHEMA });
  await admin.exec(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
  await admin.close();
  const database = await openDatabase({ databaseUrl: PG_URL, schema: SCHEMA, poolSize: 4 });
  await migrate(database);
  const services = createServices(database, { auditKey: 'bench' });
  await seedDemo(services, { persons: 0 });
  const network = await database.db.selectFrom('institution').select(['id', 'code', 'tier', 'parent_id as parentId', 'division_code as divisionCode']).execute();
  const { ms: personsMs } = await timed(() => loadSyntheticPersons(database, network, { seed: 61, count: PERSONS }));

  const core = network.find((i) => i.tier === 'core')!;
  const actor: Actor = { ...systemActor(), institutionId: core.id, permissions: new Set<Permission>([...systemActor().permissions, 'screening.read', 'screening.write', 'screening.manage', 'registry.read', 'registry.write']) };
  const screening = services.screening;
  const startDate = '2025-03-01';
  const campaign = await screening.createCampaign(actor, { name: '全市结直肠癌筛查（基准）', programmeCode: 'colorectal', institutionId: core.id, startDate, endDate: '2026-02-28', catchment: CHONGQING_COUNTIES.map((c) => c.code) });

  // 1. The whole path of a 100,000-invitee campaign through the service layer.
  const path: Record<string, number> = {};
  const target = await timed(() => screening.target(actor, campaign.id, { limit: INVITEES }));
  path.targetSeconds = seconds(target.ms);
  const invite = await timed(() => screening.invite(actor, campaign.id, {}));
  path.inviteSeconds = seconds(invite.ms);
  const def = (await screening.programmes.load()).get('colorectal')!;
  const rows = await screening.db.selectFrom('screening_participant').select(['id', 'sex']).where('campaign_id', '=', campaign.id).orderBy('id').execute();
  const generate = await timed(() => generateCampaignPaths(def, { invitees: rows.length, seed: 61, startDate, asOf: '2026-06-30' }));
  path.generateSeconds = seconds(generate.ms);
  const items = pairBySex(rows, generate.value).map(({ id, generated }) => ({ participantId: id, answers: generated.answers, path: generated.path }));
  const record = await timed(() => screening.recordPaths(actor, campaign.id, items));
  path.recordPathsSeconds = seconds(record.ms);
  const campaignIndicators = await timed(() => screening.indicators(actor, { by: 'campaign', campaignId: campaign.id }));
  path.indicatorsSeconds = seconds(campaignIndicators.ms);
  path.totalSeconds = seconds(target.ms + invite.ms + generate.ms + record.ms + campaignIndicators.ms);
  const tally = campaignIndicators.value.total.tally;

  // 2. 1,000,000 participant rows: the campaign's rows copied into further campaigns of other programmes and years.
  const copies = Math.max(0, Math.ceil(ROWS / rows.length) - 1);
  const { ms: copyMs } = await timed(async () => {
    for (let k = 1; k <= copies; k += 1) {
      const programme = PROGRAMMES[k % PROGRAMMES.length]!;
      const copy = await screening.createCampaign(actor, { name: `基准复制 ${k}`, programmeCode: programme, institutionId: core.id, startDate: `${2018 + (k % 8)}-03-01`, endDate: `${2018 + (k % 8)}-12-31`, catchment: CHONGQING_COUNTIES.map((c) => c.code) });
      const remaining = ROWS - rows.length * k;
      await sql`
        insert into screening_participant (campaign_id, person_id, programme_code, institution_id, division_code, sex, age, source, index_date, stage, invited_on, checked_in_on, questionnaire_on,
          follow_up_done_on, unreachable, f_invited, f_participated, f_questionnaire, f_high_risk, f_high_risk_clinical, f_screened, f_positive, follow_up_due_on, f_follow_up_done,
          f_cancer, f_precancer, f_early, days_positive_to_diagnosis)
        select ${copy.id}, person_id, ${programme}, institution_id, division_code, sex, age, source, index_date - ${(8 - (k % 8)) * 365}::int, stage,
          invited_on - ${(8 - (k % 8)) * 365}::int, checked_in_on, questionnaire_on, follow_up_done_on, unreachable, f_invited, f_participated, f_questionnaire, f_high_risk, f_high_risk_clinical,
          f_screened, f_positive, follow_up_due_on, f_follow_up_done, f_cancer, f_precancer, f_early, days_positive_to_diagnosis
        from screening_participant where campaign_id = ${campaign.id} order by id limit ${Math.min(rows.length, remaining)}`.execute(database.db);
    }
    await database.exec('VACUUM ANALYZE screening_participant');
    await database.exec('VACUUM ANALYZE screening_tally_cube');
  });
  const total = Number((await sql<{ n: number }>`select count(*)::int as n from screening_participant`.execute(database.db)).rows[0]!.n);
  const cubeRows = Number((await sql<{ n: number }>`select count(*)::int as n from screening_tally_cube`.execute(database.db)).rows[0]!.n);

  const hub = network.find((i) => i.code === 'YY-TH')!;
  const hubActor: Actor = { ...actor, institutionId: hub.id, scope: { kind: 'institutions', institutionIds: network.filter((i) => i.id === hub.id || i.parentId === hub.id).map((i) => i.id), divisionPrefix: null } };
  const analyst: Actor = { ...systemActor(), roles: ['analyst'], permissions: new Set<Permission>(['network.read', 'stats.read']), scope: { kind: 'aggregate' } };
  const shapes: Array<{ name: string; who: Actor; query: Parameters<typeof screening.indicators>[1] }> = [
    { name: 'campaign', who: analyst, query: { by: 'campaign' } },
    { name: 'programme', who: analyst, query: { by: 'programme' } },
    { name: 'institution', who: analyst, query: { by: 'institution' } },
    { name: 'area', who: analyst, query: { by: 'area' } },
    { name: 'period (year)', who: analyst, query: { by: 'period' } },
    { name: 'period (month)', who: analyst, query: { by: 'period', period: 'month' } },
    { name: 'area, one programme, two years', who: analyst, query: { by: 'area', programme: 'colorectal', from: '2024-01-01', to: '2025-12-31' } },
    { name: 'institution, one campaign', who: actor, query: { by: 'institution', campaignId: campaign.id } },
    { name: 'campaign, a hub scope', who: hubActor, query: { by: 'campaign' } },
  ];
  const indicators: Record<string, { p50Ms: number; maxMs: number; groups: number }> = {};
  for (const shape of shapes) {
    const times: number[] = [];
    let groups = 0;
    for (let i = 0; i < RUNS; i += 1) {
      const { value, ms } = await timed(() => screening.indicators(shape.who, shape.query));
      times.push(ms);
      groups = value.groups.length;
    }
    indicators[shape.name] = { p50Ms: Math.round(median(times)), maxMs: Math.round(Math.max(...times)), groups };
  }
  const baseline: number[] = [];
  for (let i = 0; i < RUNS; i += 1) baseline.push((await timed(() => database.exec('select count(*) from screening_participant'))).ms);
  const worst = Math.max(...Object.values(indicators).map((f) => f.maxMs));
  writeResults('screening-indicators', {
    engine: 'postgres',
    invitees: rows.length,
    personsInMpi: PERSONS,
    personsLoadSeconds: seconds(personsMs),
    path,
    campaign: { targeted: target.value.added, ineligible: target.value.ineligible, invited: invite.value.invited, notifications: record.value.notifications, tally },
    participantRows: total,
    tallyCubeRows: cubeRows,
    copySeconds: seconds(copyMs),
    countScan: { p50Ms: Math.round(median(baseline)), maxMs: Math.round(Math.max(...baseline)) },
    indicators,
    worstMs: worst,
    worstOverCountScan: Math.round((worst / median(baseline)) * 10) / 10,
    targetMs: 1000,
  });
  await database.close();
}

await main();
