/**
 * The demo's screening campaigns, like the real network's (issue 6): an oesophageal endoscopic campaign in a Qianjiang
 * (黔江) township, the urban multi-cancer early-diagnosis programme in six communities of the main city (a series,
 * one campaign per programme) and the Yunyang (云阳) county programme. Participants are drawn from the demo MPI by the
 * services' own targeting; their paths come from the domain's campaign generator (published participation,
 * high-risk and finding rates) and are recorded through the services — flags by participantFlags, cancers into the
 * registry as screening notifications. Some exams wait for or went through remote reading; positives wait on the
 * follow-up worklists.
 */
import type { Permission } from '@onconet/domain';
import type { ParticipantPath, ProgrammeCode } from '@onconet/domain/screening/types';
import { generateCampaignPaths, type GeneratedParticipant } from '@onconet/domain/synthetic/screening-campaign';
import { createRng } from '@onconet/domain/synthetic/random';
import { fromEpochDay, toEpochDay } from '@onconet/domain/common/dates';
import { sql } from 'kysely';
import type { Services } from '../app-services.ts';
import { systemActor, type Actor } from '../context.ts';
import type { PathInput } from '../screening/bulk-paths.ts';

interface DemoCampaign {
  readonly name: string;
  readonly series: string | null;
  readonly programme: ProgrammeCode;
  /** Institution code in the demo network. */
  readonly institution: string;
  /** The site's institution (the township or community clinic), by code. */
  readonly site: string;
  readonly siteName: string;
  /** Where remote reads go (null: the campaign's hospital reads its own exams). */
  readonly reader: string | null;
  readonly catchment: readonly string[];
  /** Days before today the campaign started, and how long it runs. */
  readonly startedDaysAgo: number;
  readonly days: number;
}

const URBAN_SERIES = '城市癌症早诊早治项目·主城六社区 2026';
const URBAN_COMMUNITIES = ['500103001', '500103002', '500106001', '500106002', '500107001', '500107002'];

export const DEMO_CAMPAIGNS: readonly DemoCampaign[] = [
  { name: '黔江区龙泉镇食管癌内镜筛查', series: null, programme: 'upper_gi', institution: 'QJ-TC', site: 'QJ-P3', siteName: '龙泉镇卫生院内镜筛查点', reader: 'CQCH', catchment: ['500114101'], startedDaysAgo: 240, days: 180 },
  ...(['lung', 'colorectal', 'liver', 'breast', 'upper_gi'] as const).map((programme) => ({
    name: `主城六社区城市癌症早诊早治·${{ lung: '肺癌', colorectal: '结直肠癌', liver: '肝癌', breast: '乳腺癌', upper_gi: '上消化道癌' }[programme]}`,
    series: URBAN_SERIES, programme, institution: 'CQCH', site: 'CQCH', siteName: '重庆大学附属肿瘤医院防癌体检中心', reader: null, catchment: URBAN_COMMUNITIES, startedDaysAgo: 200, days: 365,
  })),
  { name: '云阳县上消化道癌早诊早治项目', series: null, programme: 'upper_gi', institution: 'YY-PO', site: 'YY-P1', siteName: '云阳县城东街道社区卫生服务中心筛查点', reader: 'YY-TH', catchment: ['500235'], startedDaysAgo: 150, days: 365 },
];

const SCREENING_PERMISSIONS: Permission[] = ['screening.read', 'screening.write', 'screening.manage', 'registry.read', 'registry.write'];

export interface ScreeningSeedResult {
  readonly campaigns: number;
  readonly participants: number;
  readonly screened: number;
  readonly notifications: number;
  readonly remoteReads: number;
}

/** Pairs the campaign's participants with generated paths of their sex (the generator draws sex like the programme). */
export function pairBySex(participants: ReadonlyArray<{ id: number; sex: number }>, generated: readonly GeneratedParticipant[]): Array<{ id: number; generated: GeneratedParticipant }> {
  const pools = new Map<number, GeneratedParticipant[]>([[1, []], [2, []]]);
  for (const g of generated) pools.get(g.sex)!.push(g);
  const next = new Map<number, number>([[1, 0], [2, 0]]);
  const out: Array<{ id: number; generated: GeneratedParticipant }> = [];
  let spare = 0;
  for (const p of participants) {
    const pool = pools.get(p.sex) ?? [];
    const at = next.get(p.sex) ?? 0;
    next.set(p.sex, at + 1);
    const g = pool[at] ?? generated[spare++ % generated.length];
    if (g) out.push({ id: p.id, generated: g });
  }
  return out;
}

export async function seedDemoScreening(services: Services, options: { seed: number; today: string }): Promise<ScreeningSeedResult> {
  const db = services.database.db;
  const institutions = new Map((await db.selectFrom('institution').select(['id', 'code']).execute()).map((i) => [i.code, i.id]));
  const idOf = (code: string) => {
    const id = institutions.get(code);
    if (id === undefined) throw new Error(`demo screening: no institution ${code}`);
    return id;
  };
  const base = systemActor();
  const actorAt = (code: string, userId = 0): Actor => ({ ...base, userId, institutionId: idOf(code), permissions: new Set<Permission>([...base.permissions, ...SCREENING_PERMISSIONS]) });
  const reader = await db.selectFrom('app_user').select('id').where('username', '=', 'clinician').executeTakeFirst();
  const rng = createRng(options.seed + 6);
  const today = toEpochDay(options.today);
  let participants = 0;
  let screened = 0;
  let notifications = 0;
  let remoteReads = 0;

  for (const [index, c] of DEMO_CAMPAIGNS.entries()) {
    const actor = actorAt(c.institution);
    const startDate = fromEpochDay(today - c.startedDaysAgo);
    const campaign = await services.screening.createCampaign(actor, { name: c.name, series: c.series, programmeCode: c.programme, institutionId: idOf(c.institution), startDate, endDate: fromEpochDay(today - c.startedDaysAgo + c.days), catchment: [...c.catchment] });
    const site = await services.screening.addSite(actor, campaign.id, { name: c.siteName, institutionId: idOf(c.site), address: null });
    const slots = [];
    for (let d = 0; d < 4; d++) slots.push(await services.screening.addSlot(actor, site.id, { startsAt: `${fromEpochDay(today + 2 + d * 3)}T08:30:00+08:00`, capacity: 30 }));
    await services.screening.target(actor, campaign.id, { limit: 100_000 });
    const rows = await services.screening.db.selectFrom('screening_participant').select(['id', 'sex']).where('campaign_id', '=', campaign.id).orderBy('id').execute();
    if (rows.length === 0) continue;
    participants += rows.length;
    const generated = generateCampaignPaths((await services.screening.programmes.load()).get(c.programme)!, { invitees: rows.length, seed: options.seed + index, startDate, asOf: options.today });
    const paired = pairBySex(rows, generated);

    // Exams held back from a few participants: entered without a result and sent for remote reading instead.
    const def = (await services.screening.programmes.load()).get(c.programme)!;
    const readable = new Set(def.exams.filter((e) => e.remoteReadable).map((e) => e.code));
    const remote: Array<{ id: number; exam: ParticipantPath['exams'][number] }> = [];
    const items: PathInput[] = paired.map(({ id, generated: g }) => {
      const held = c.reader !== null && g.path.diagnosis === null && remote.length < 12 && rng.chance(0.25) ? g.path.exams.find((e) => readable.has(e.examCode)) : undefined;
      if (!held) return { participantId: id, answers: g.answers, path: g.path };
      remote.push({ id, exam: held });
      const exams = g.path.exams.filter((e) => e !== held);
      return { participantId: id, answers: g.answers, path: { ...g.path, exams, followUpDoneOn: exams.length === 0 ? null : g.path.followUpDoneOn } };
    });
    const recorded = await services.screening.recordPaths(actor, campaign.id, items);
    notifications += recorded.notifications;
    screened += items.filter((i) => i.path.exams.length > 0).length;

    const siteActor = actorAt(c.site);
    const readingCode = c.reader ?? c.institution;
    const readerActor = actorAt(readingCode, readingCode === 'CQCH' && reader ? reader.id : 0);
    for (const [k, r] of remote.entries()) {
      const exam = await services.screening.addExam(siteActor, r.id, { examCode: r.exam.examCode, category: null, performedOn: r.exam.performedOn });
      const read = await services.screening.requestRemoteRead(siteActor, exam.id, { readingInstitutionId: idOf(readingCode) });
      remoteReads += 1;
      const stage = k % 3; // 0: back at the site, 1: reported or assigned, 2: waiting
      if (stage === 2) continue;
      await services.screening.assignRemoteRead(readerActor, read.id);
      if (stage === 1 && k % 2 === 1) continue;
      await services.screening.reportRemoteRead(readerActor, read.id, { category: r.exam.category, report: `远程阅片：${r.exam.category}` });
      if (stage === 0) await services.screening.acknowledgeRemoteRead(siteActor, read.id);
      // The demo's reads happened over the past weeks: requested on the exam day, read within one to three days.
      const hours = 6 + rng.int(66);
      await sql`update screening_remote_read set requested_at = ${r.exam.performedOn}::date + time '09:00', assigned_at = ${r.exam.performedOn}::date + time '09:00' + make_interval(hours => ${Math.floor(hours / 2)}),
        reported_at = ${r.exam.performedOn}::date + time '09:00' + make_interval(hours => ${hours}), returned_at = case when returned_at is null then null else ${r.exam.performedOn}::date + time '09:00' + make_interval(hours => ${hours + 2}) end
        where id = ${read.id}`.execute(db);
    }

    // A few bookings on the coming days' slots for people invited but not yet seen.
    const waiting = await services.screening.db.selectFrom('screening_participant').select('id').where('campaign_id', '=', campaign.id).where('stage', '=', 'invited').orderBy('id').limit(12).execute();
    for (const [k, w] of waiting.entries()) await services.screening.book(actor, w.id, { slotId: slots[k % slots.length]!.id });
  }
  return { campaigns: DEMO_CAMPAIGNS.length, participants, screened, notifications, remoteReads };
}
