import type { Permission, Role } from '@onconet/domain';
import { screeningDb } from '@onconet/storage/queries/screening-tables';
import type { TestNetwork } from './test-network.ts';

type PersonKey = 'core' | 'hubA' | 'clinicA' | 'hubB' | 'clinicB';

/** A row of the authorization matrix (authorization-matrix.int.test.ts). */
export interface MatrixCase {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly route: string;
  readonly permission: Permission | null;
  readonly ok: number;
  readonly request: (ctx: { role: Role; person?: PersonKey }) => Promise<{ url: string; payload?: unknown; contentType?: string }>;
  readonly scopedPerson?: boolean;
}

const DIVISION: Record<PersonKey, string> = { core: '500106', hubA: '500235', clinicA: '500235', hubB: '500114', clinicB: '500114' };
const ANSWERS = { family_history: false, high_incidence_area: true, smoking: 'never', heavy_drinking: false, hot_food: false, pickled_salty_food: false, h_pylori: 'unknown', gastric_conditions: [] };

/**
 * The screening routes (issue 6) for every role, with a campaign, participant, exam, attachment and remote read held
 * by the institution of the person in or out of scope — fresh fixtures per request, written straight to the tables.
 */
export function screeningMatrixCases(net: () => TestNetwork): MatrixCase[] {
  let n = 0;
  const db = () => screeningDb(net().services.database.db);
  async function campaign(person: PersonKey): Promise<number> {
    const row = await db()
      .insertInto('screening_campaign')
      .values({ name: `矩阵筛查${n++}`, programme_code: 'upper_gi', institution_id: net().ids[person], start_date: '2026-01-01', end_date: '2027-12-31', catchment: [DIVISION[person]] })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }
  async function participant(person: PersonKey, extra: { positive?: boolean } = {}): Promise<{ campaignId: number; id: number; slotId: number }> {
    const campaignId = await campaign(person);
    const row = await db()
      .insertInto('screening_participant')
      .values({ campaign_id: campaignId, person_id: net().persons[person], programme_code: 'upper_gi', institution_id: net().ids[person], division_code: DIVISION[person], sex: 1, age: 66, source: 'mpi', index_date: '2026-01-01', f_positive: extra.positive ?? false })
      .returning('id')
      .executeTakeFirstOrThrow();
    const site = await db().insertInto('screening_site').values({ campaign_id: campaignId, name: '矩阵筛查点', institution_id: net().ids[person] }).returning('id').executeTakeFirstOrThrow();
    const slot = await db().insertInto('screening_slot').values({ site_id: site.id, starts_at: '2026-06-01T08:00:00+08:00', capacity: 5 }).returning('id').executeTakeFirstOrThrow();
    return { campaignId, id: row.id, slotId: slot.id };
  }
  async function exam(person: PersonKey, category: string | null = 'hgin'): Promise<{ examId: number; participantId: number }> {
    const p = await participant(person, { positive: category === 'hgin' });
    const row = await db().insertInto('screening_exam').values({ participant_id: p.id, exam_code: 'endoscopy', category, performed_on: '2026-02-01' }).returning('id').executeTakeFirstOrThrow();
    return { examId: row.id, participantId: p.id };
  }
  async function remoteRead(person: PersonKey, status: 'requested' | 'reported'): Promise<number> {
    const e = await exam(person, null);
    const institution = net().ids[person];
    const row = await db()
      .insertInto('screening_remote_read')
      .values({ exam_id: e.examId, requesting_institution_id: institution, reading_institution_id: institution, status, ...(status === 'reported' ? { category: 'normal', report: '矩阵', reported_at: new Date() } : {}) })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }
  const other = (person: PersonKey) => (person === 'core' ? net().ids.hubA : net().ids.core);

  return [
    { method: 'GET', route: '/api/screening/programmes', permission: 'screening.read', ok: 200, request: async () => ({ url: '/api/screening/programmes' }) },
    { method: 'PUT', route: '/api/screening/programmes/{code}/config', permission: 'screening.manage', ok: 200, request: async () => ({ url: '/api/screening/programmes/lung/config', payload: {} }) },
    { method: 'GET', route: '/api/screening/campaigns', permission: 'screening.read', ok: 200, request: async () => ({ url: '/api/screening/campaigns' }) },
    {
      method: 'POST',
      route: '/api/screening/campaigns',
      permission: 'screening.manage',
      ok: 201,
      request: async ({ role }) => ({ url: '/api/screening/campaigns', payload: { name: `矩阵新建${role}`, programmeCode: 'lung', institutionId: net().ids.hubA, startDate: '2026-01-01', endDate: '2026-12-31', catchment: ['500235'] } }),
    },
    { method: 'GET', route: '/api/screening/campaigns/{id}', permission: 'screening.read', ok: 200, scopedPerson: true, request: async ({ person }) => ({ url: `/api/screening/campaigns/${(await participant(person!)).campaignId}` }) },
    { method: 'POST', route: '/api/screening/campaigns/{id}/sites', permission: 'screening.manage', ok: 201, scopedPerson: true, request: async ({ person }) => ({ url: `/api/screening/campaigns/${(await participant(person!)).campaignId}/sites`, payload: { name: '新筛查点', institutionId: net().ids[person!] } }) },
    {
      method: 'POST',
      route: '/api/screening/sites/{id}/slots',
      permission: 'screening.manage',
      ok: 201,
      scopedPerson: true,
      request: async ({ person }) => {
        const p = await participant(person!);
        const site = await db().selectFrom('screening_site').select('id').where('campaign_id', '=', p.campaignId).executeTakeFirstOrThrow();
        return { url: `/api/screening/sites/${site.id}/slots`, payload: { startsAt: '2026-07-01T08:00:00+08:00', capacity: 20 } };
      },
    },
    { method: 'POST', route: '/api/screening/campaigns/{id}/target', permission: 'screening.manage', ok: 200, scopedPerson: true, request: async ({ person }) => ({ url: `/api/screening/campaigns/${await campaign(person!)}/target`, payload: { limit: 10 } }) },
    {
      method: 'POST',
      route: '/api/screening/campaigns/{id}/import',
      permission: 'screening.manage',
      ok: 200,
      scopedPerson: true,
      request: async ({ person }) => {
        const csv = `name,sex,birth_date,division_code\n名单${'甲乙丙丁戊己庚辛壬癸'[n % 10]}${'春夏秋冬'[Math.floor(n / 10) % 4]},2,1971-0${1 + (n % 9)}-1${n % 10},${DIVISION[person!]}\n`;
        return { url: `/api/screening/campaigns/${await campaign(person!)}/import`, payload: { fileName: 'list.csv', contentBase64: Buffer.from(csv).toString('base64') } };
      },
    },
    { method: 'POST', route: '/api/screening/campaigns/{id}/invitations', permission: 'screening.manage', ok: 200, scopedPerson: true, request: async ({ person }) => ({ url: `/api/screening/campaigns/${(await participant(person!)).campaignId}/invitations`, payload: {} }) },
    {
      method: 'GET',
      route: '/api/screening/campaigns/{id}/invitations/export',
      permission: 'screening.manage',
      ok: 200,
      scopedPerson: true,
      request: async ({ person }) => {
        const p = await participant(person!);
        await db().updateTable('screening_participant').set({ invited_on: '2026-01-02' }).where('id', '=', p.id).execute();
        return { url: `/api/screening/campaigns/${p.campaignId}/invitations/export?kind=print` };
      },
    },
    { method: 'GET', route: '/api/screening/campaigns/{id}/participants', permission: 'screening.read', ok: 200, scopedPerson: true, request: async ({ person }) => ({ url: `/api/screening/campaigns/${(await participant(person!)).campaignId}/participants` }) },
    {
      method: 'POST',
      route: '/api/screening/campaigns/{id}/results',
      permission: 'screening.write',
      ok: 200,
      scopedPerson: true,
      request: async ({ person }) => ({ url: `/api/screening/campaigns/${(await participant(person!)).campaignId}/results`, payload: { rows: [{ personId: net().persons[person!], examCode: 'endoscopy', category: 'normal', performedOn: '2026-02-01' }] } }),
    },
    { method: 'GET', route: '/api/screening/participants/{id}', permission: 'screening.read', ok: 200, scopedPerson: true, request: async ({ person }) => ({ url: `/api/screening/participants/${(await participant(person!)).id}` }) },
    {
      method: 'POST',
      route: '/api/screening/participants/{id}/book',
      permission: 'screening.write',
      ok: 200,
      scopedPerson: true,
      request: async ({ person }) => {
        const p = await participant(person!);
        return { url: `/api/screening/participants/${p.id}/book`, payload: { slotId: p.slotId } };
      },
    },
    { method: 'POST', route: '/api/screening/participants/{id}/check-in', permission: 'screening.write', ok: 200, scopedPerson: true, request: async ({ person }) => ({ url: `/api/screening/participants/${(await participant(person!)).id}/check-in`, payload: {} }) },
    { method: 'PUT', route: '/api/screening/participants/{id}/questionnaire', permission: 'screening.write', ok: 200, scopedPerson: true, request: async ({ person }) => ({ url: `/api/screening/participants/${(await participant(person!)).id}/questionnaire`, payload: { answers: ANSWERS } }) },
    { method: 'POST', route: '/api/screening/participants/{id}/exams', permission: 'screening.write', ok: 201, scopedPerson: true, request: async ({ person }) => ({ url: `/api/screening/participants/${(await participant(person!)).id}/exams`, payload: { examCode: 'endoscopy', category: 'normal', performedOn: '2026-02-01' } }) },
    { method: 'POST', route: '/api/screening/participants/{id}/follow-up', permission: 'screening.write', ok: 200, scopedPerson: true, request: async ({ person }) => ({ url: `/api/screening/participants/${(await exam(person!)).participantId}/follow-up`, payload: { event: 'attempt' } }) },
    { method: 'POST', route: '/api/screening/participants/{id}/diagnosis', permission: 'screening.write', ok: 200, scopedPerson: true, request: async ({ person }) => ({ url: `/api/screening/participants/${(await exam(person!)).participantId}/diagnosis`, payload: { kind: 'benign', date: '2026-02-10' } }) },
    { method: 'POST', route: '/api/screening/exams/{id}/attachments', permission: 'screening.write', ok: 201, scopedPerson: true, request: async ({ person }) => ({ url: `/api/screening/exams/${(await exam(person!)).examId}/attachments`, payload: { fileName: 'a.pdf', mediaType: 'application/pdf', contentBase64: Buffer.from('%PDF-1.4').toString('base64') } }) },
    {
      method: 'GET',
      route: '/api/screening/attachments/{id}',
      permission: 'screening.read',
      ok: 200,
      scopedPerson: true,
      request: async ({ person }) => {
        const e = await exam(person!);
        const row = await db().insertInto('screening_attachment').values({ exam_id: e.examId, file_name: 'a.pdf', media_type: 'application/pdf', size: 8, content: Buffer.from('%PDF-1.4') }).returning('id').executeTakeFirstOrThrow();
        return { url: `/api/screening/attachments/${row.id}` };
      },
    },
    { method: 'POST', route: '/api/screening/exams/{id}/remote-read', permission: 'screening.write', ok: 201, scopedPerson: true, request: async ({ person }) => ({ url: `/api/screening/exams/${(await exam(person!, null)).examId}/remote-read`, payload: { readingInstitutionId: other(person!) } }) },
    { method: 'GET', route: '/api/screening/remote-reads', permission: 'screening.read', ok: 200, request: async () => ({ url: '/api/screening/remote-reads?side=to_read' }) },
    { method: 'POST', route: '/api/screening/remote-reads/{id}/assign', permission: 'screening.write', ok: 200, scopedPerson: true, request: async ({ person }) => ({ url: `/api/screening/remote-reads/${await remoteRead(person!, 'requested')}/assign`, payload: {} }) },
    { method: 'POST', route: '/api/screening/remote-reads/{id}/report', permission: 'screening.write', ok: 200, scopedPerson: true, request: async ({ person }) => ({ url: `/api/screening/remote-reads/${await remoteRead(person!, 'requested')}/report`, payload: { category: 'normal', report: '未见异常' } }) },
    { method: 'POST', route: '/api/screening/remote-reads/{id}/acknowledge', permission: 'screening.write', ok: 200, scopedPerson: true, request: async ({ person }) => ({ url: `/api/screening/remote-reads/${await remoteRead(person!, 'reported')}/acknowledge`, payload: {} }) },
    { method: 'GET', route: '/api/screening/worklists/{list}', permission: 'screening.read', ok: 200, request: async () => ({ url: '/api/screening/worklists/awaiting_follow_up' }) },
    { method: 'GET', route: '/api/screening/indicators', permission: 'stats.read', ok: 200, request: async () => ({ url: '/api/screening/indicators?by=programme' }) },
  ];
}
