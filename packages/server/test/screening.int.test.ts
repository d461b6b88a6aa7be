import { systemActor } from '@onconet/services';
import { testDatabaseKind } from '@onconet/storage/testing/test-database';
import { screeningDb } from '@onconet/storage/queries/screening-tables';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestNetwork, headers, login, PERSON_NAMES, type Session, type TestNetwork } from './test-network.ts';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const ANSWERS = { family_history: true, high_incidence_area: true, smoking: 'current', heavy_drinking: false, hot_food: true, pickled_salty_food: true, h_pylori: 'unknown', gastric_conditions: [] };

interface Summary {
  id: number;
  personId: number;
  name: string;
  stage: string;
  institutionId: number;
}
interface Problem {
  status: number;
  errors?: Array<{ field: string; code: string; message: string }>;
}

describe(`screening API: campaign, path, remote reading, registry, indicators (${testDatabaseKind()})`, () => {
  let net: TestNetwork;
  let coordinator: Session;
  let admin: Session;
  let nurse: Session;
  let analyst: Session;
  let auditor: Session;
  let campaignId = 0;
  let participants: Summary[] = [];
  const byName = (name: string) => participants.find((p) => p.name === name)!;

  beforeAll(async () => {
    net = await createTestNetwork();
    coordinator = await login(net.app, 'screening-coordinator');
    admin = await login(net.app, 'system-admin');
    nurse = await login(net.app, 'followup-nurse');
    analyst = await login(net.app, 'analyst');
    auditor = await login(net.app, 'auditor');
    // Residents of 云阳 (500235): three more of screening age and one too old, all at the township clinic.
    const at = { ...systemActor(), institutionId: net.ids.clinicA };
    for (const [name, birthDate, phone] of [['王建国', '1970-03-01', '13800000001'], ['李德明', '1965-07-12', '13800000002'], ['张志强', '1975-11-30', '13800000003'], ['陈万福', '1940-02-02', '13800000004']] as const) {
      await net.services.persons.create(at, { name, sex: 1, birthDate, divisionCode: '500235001', phone });
    }
  });
  afterAll(async () => net.close());

  const post = (session: Session, url: string, payload?: object, method: 'POST' | 'PUT' = 'POST') => net.app.inject({ method, url, headers: headers(session), ...(payload ? { payload } : {}) });
  const get = (session: Session, url: string) => net.app.inject({ url, headers: headers(session) });

  it('lists the six programmes and refuses a programme setting out of range, naming the field', async () => {
    const list = await get(coordinator, '/api/screening/programmes');
    expect(list.statusCode).toBe(200);
    expect(list.json<{ items: Array<{ code: string }> }>().items.map((p) => p.code).sort()).toEqual(['breast', 'cervical', 'colorectal', 'liver', 'lung', 'upper_gi']);
    const bad = await post(coordinator, '/api/screening/programmes/upper_gi/config', { minAge: 70, maxAge: 60 }, 'PUT');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    const good = await post(coordinator, '/api/screening/programmes/upper_gi/config', { maxAge: 74 }, 'PUT');
    expect(good.statusCode, good.body).toBe(200);
    expect(good.json()).toMatchObject({ eligibility: { maxAge: 74 }, overrides: { maxAge: 74 } });
    await post(coordinator, '/api/screening/programmes/upper_gi/config', {}, 'PUT');
  });

  it('creates a campaign and draws the eligible residents of its catchment from the MPI, once', async () => {
    const created = await post(coordinator, '/api/screening/campaigns', { name: '云阳县食管癌内镜筛查', programmeCode: 'upper_gi', institutionId: net.ids.hubA, startDate: day(-10), endDate: day(60), catchment: ['500235'] });
    expect(created.statusCode, created.body).toBe(201);
    campaignId = created.json<{ id: number }>().id;
    expect(created.json()).toMatchObject({ status: 'active', programmeCode: 'upper_gi', counts: { targeted: 0 } });
    const bad = await post(coordinator, '/api/screening/campaigns', { name: 'x', programmeCode: 'upper_gi', institutionId: net.ids.hubA, startDate: day(5), endDate: day(1), catchment: ['5002'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<Problem>().errors?.[0]?.field).toBe('endDate');

    const target = await post(coordinator, `/api/screening/campaigns/${campaignId}/target`, {});
    expect(target.statusCode, target.body).toBe(200);
    expect(target.json()).toEqual({ added: 5, ineligible: 1, alreadyIn: 0 });
    const again = await post(coordinator, `/api/screening/campaigns/${campaignId}/target`, {});
    expect(again.json()).toEqual({ added: 0, ineligible: 1, alreadyIn: 5 });
    const list = await get(coordinator, `/api/screening/campaigns/${campaignId}/participants?limit=100`);
    expect(list.statusCode).toBe(200);
    participants = list.json<{ items: Summary[]; total: number }>().items;
    expect(participants.map((p) => p.name).sort()).toEqual([PERSON_NAMES.clinicA, PERSON_NAMES.hubA, '张志强', '李德明', '王建国'].sort());
    // The township clinic of 500235 is responsible for its residents.
    expect(new Set(participants.map((p) => p.institutionId))).toEqual(new Set([net.ids.clinicA]));
  });

  it('imports a target list through the MPI, all or nothing, naming row and column of each problem', async () => {
    const send = (csv: string) => post(coordinator, `/api/screening/campaigns/${campaignId}/import`, { fileName: 'list.csv', contentBase64: Buffer.from(csv).toString('base64') });
    const dup = await send('name,sex,birth_date,phone,division_code\n新人甲,1,1968-04-04,13900000001,500235002\n新人甲,1,1968-04-04,13900000001,500235002\n');
    expect(dup.statusCode).toBe(400);
    expect(dup.json<Problem>().errors).toContainEqual(expect.objectContaining({ field: 'row 2: name' }));
    const bad = await send('name,sex,birth_date,phone,division_code\n新人乙,1,1968-02-30,,500235002\n新人丙,1,1990-01-01,,500235002\n');
    expect(bad.statusCode).toBe(400);
    const fields = bad.json<Problem>().errors!.map((e) => e.field);
    expect(fields).toEqual(['row 1: birth_date', 'row 2: birth_date']);
    const persons = await net.services.database.db.selectFrom('person').select('id').where('name', 'in', ['新人甲', '新人乙']).execute();
    expect(persons).toEqual([]);
    const ok = await send('name,sex,birth_date,phone,division_code\n新人甲,1,1968-04-04,13900000001,500235002\n');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ added: 1, alreadyIn: 0, created: 1, errors: [] });
    const twice = await send('name,sex,birth_date,phone,division_code\n新人甲,1,1968-04-04,13900000001,500235002\n');
    expect(twice.json()).toMatchObject({ added: 0, alreadyIn: 1 });
  });

  it('books slots within capacity, invites once, exports print and SMS lists', async () => {
    const site = await post(coordinator, `/api/screening/campaigns/${campaignId}/sites`, { name: '云阳镇卫生院筛查点', institutionId: net.ids.clinicA, address: '云阳镇人民路1号' });
    expect(site.statusCode, site.body).toBe(201);
    const slot = await post(coordinator, `/api/screening/sites/${site.json<{ id: number }>().id}/slots`, { startsAt: `${day(3)}T08:30:00+08:00`, capacity: 1 });
    expect(slot.statusCode, slot.body).toBe(201);
    const slotId = slot.json<{ id: number }>().id;
    const first = await post(coordinator, `/api/screening/participants/${byName('王建国').id}/book`, { slotId });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ stage: 'booked', slot: { id: slotId } });
    const full = await post(coordinator, `/api/screening/participants/${byName('李德明').id}/book`, { slotId });
    expect(full.statusCode).toBe(409);
    expect(full.json<Problem>().errors?.[0]?.field).toBe('slotId');

    const invited = await post(coordinator, `/api/screening/campaigns/${campaignId}/invitations`, {});
    expect(invited.statusCode, invited.body).toBe(200);
    expect(invited.json<{ invited: number }>().invited).toBe(5); // the booked one was invited by its booking
    const twice = await post(coordinator, `/api/screening/campaigns/${campaignId}/invitations`, { participantIds: [byName('李德明').id] });
    expect(twice.statusCode).toBe(409);
    expect(twice.json<Problem>().errors?.[0]).toMatchObject({ field: 'participantIds[0]', code: 'duplicate' });

    const print = await get(coordinator, `/api/screening/campaigns/${campaignId}/invitations/export?kind=print`);
    expect(print.statusCode).toBe(200);
    expect(print.headers['content-type']).toContain('text/csv');
    expect(print.body.startsWith('\uFEFF')).toBe(true);
    expect(print.body).toContain('王建国');
    const sms = await get(coordinator, `/api/screening/campaigns/${campaignId}/invitations/export?kind=sms`);
    expect(sms.body).toContain('13800000001');
    expect(sms.body).toContain('云阳镇卫生院筛查点');
  });

  it('captures check-in and questionnaire; answers out of range are refused naming answers.<question>', async () => {
    const id = byName('王建国').id;
    expect((await post(coordinator, `/api/screening/participants/${id}/check-in`, {})).statusCode).toBe(200);
    expect((await post(coordinator, `/api/screening/participants/${id}/check-in`, {})).statusCode).toBe(409);
    const bad = await post(coordinator, `/api/screening/participants/${id}/questionnaire`, { answers: { ...ANSWERS, smoking: 'sometimes' } }, 'PUT');
    expect(bad.statusCode).toBe(400);
    expect(bad.json<Problem>().errors?.[0]?.field).toBe('answers.smoking');
    const good = await post(coordinator, `/api/screening/participants/${id}/questionnaire`, { answers: ANSWERS }, 'PUT');
    expect(good.statusCode, good.body).toBe(200);
    expect(good.json()).toMatchObject({ stage: 'assessed', highRisk: true, risk: { highRisk: true } });
  });

  it('enters a result once (409 the second time) and batches of results name rows of people not in the campaign', async () => {
    const id = byName('王建国').id;
    const exam = await post(coordinator, `/api/screening/participants/${id}/exams`, { examCode: 'endoscopy', category: 'hgin', performedOn: day(-2), findings: '食管中段碘不染区 1.2 cm' });
    expect(exam.statusCode, exam.body).toBe(201);
    expect(exam.json()).toMatchObject({ examCode: 'endoscopy', category: 'hgin' });
    const twice = await post(coordinator, `/api/screening/participants/${id}/exams`, { examCode: 'endoscopy', category: 'normal', performedOn: day(-1) });
    expect(twice.statusCode).toBe(409);
    const unknown = await post(coordinator, `/api/screening/participants/${id}/exams`, { examCode: 'ldct', category: 'x', performedOn: day(-1) });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json<Problem>().errors?.[0]?.field).toBe('examCode');

    const outsider = await net.services.database.db.selectFrom('person').select('id').where('name', '=', '陈万福').executeTakeFirstOrThrow();
    const batch = await post(coordinator, `/api/screening/campaigns/${campaignId}/results`, {
      rows: [
        { personId: byName('李德明').id === 0 ? 0 : byName('李德明').personId, examCode: 'endoscopy', category: 'normal', performedOn: day(-1) },
        { personId: outsider.id, examCode: 'endoscopy', category: 'normal', performedOn: day(-1) },
        { personId: byName('王建国').personId, examCode: 'endoscopy', category: 'normal', performedOn: day(-1) },
      ],
    });
    expect(batch.statusCode).toBe(400);
    expect(batch.json<Problem>().errors!.map((e) => e.field)).toEqual(['rows[1].personId', 'rows[2].examCode']);
    const nothing = await get(coordinator, `/api/screening/participants/${byName('李德明').id}`);
    expect(nothing.json<{ exams: unknown[] }>().exams).toEqual([]);
    const ok = await post(coordinator, `/api/screening/campaigns/${campaignId}/results`, { rows: [{ personId: byName('李德明').personId, examCode: 'endoscopy', category: 'normal', performedOn: day(-1) }] });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ recorded: 1 });
  });

  it('records paths in bulk through the same rules: a bad answer or result names its item, and nothing of the batch is written', async () => {
    const actor = { ...systemActor(), permissions: new Set([...systemActor().permissions, 'screening.read' as const, 'screening.write' as const, 'screening.manage' as const]) };
    const id = byName(PERSON_NAMES.hubA).id;
    const path = { invitedOn: day(-5), checkedInOn: day(-3), questionnaireOn: day(-3), risk: null, exams: [{ examCode: 'endoscopy', category: 'normal', performedOn: day(-3) }], followUpDoneOn: null, unreachable: false, diagnosis: null };
    const bad = net.services.screening.recordPaths(actor, campaignId, [{ participantId: id, answers: { ...ANSWERS, smoking: 'sometimes' }, path }]);
    await expect(bad).rejects.toMatchObject({ code: 'validation', errors: [{ field: 'items[0].answers.smoking' }] });
    const badExam = net.services.screening.recordPaths(actor, campaignId, [{ participantId: id, answers: ANSWERS, path: { ...path, exams: [{ examCode: 'endoscopy', category: 'grey', performedOn: day(-3) }] } }]);
    await expect(badExam).rejects.toMatchObject({ code: 'validation', errors: [{ field: 'items[0].exams.endoscopy' }] });
    const stranger = net.services.screening.recordPaths(actor, campaignId, [{ participantId: 999_999, answers: ANSWERS, path }]);
    await expect(stranger).rejects.toMatchObject({ errors: [{ field: 'items[0].participantId' }] });
    expect((await get(coordinator, `/api/screening/participants/${id}`)).json()).toMatchObject({ questionnaire: null, exams: [] });
    const ok = await net.services.screening.recordPaths(actor, campaignId, [{ participantId: id, answers: ANSWERS, path }]);
    expect(ok).toEqual({ recorded: 1, notifications: 0 });
    expect((await get(coordinator, `/api/screening/participants/${id}`)).json()).toMatchObject({ stage: 'screened', highRisk: true, exams: [{ examCode: 'endoscopy', category: 'normal' }] });
  });

  it('keeps attachments up to 5 MB and serves them back (audited)', async () => {
    const detail = await get(coordinator, `/api/screening/participants/${byName('王建国').id}`);
    const examId = detail.json<{ exams: Array<{ id: number }> }>().exams[0]!.id;
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const added = await post(coordinator, `/api/screening/exams/${examId}/attachments`, { fileName: '内镜图像.png', mediaType: 'image/png', contentBase64: png.toString('base64') });
    expect(added.statusCode, added.body).toBe(201);
    const file = await get(coordinator, `/api/screening/attachments/${added.json<{ id: number }>().id}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.rawPayload.equals(png)).toBe(true);
    const big = await post(coordinator, `/api/screening/exams/${examId}/attachments`, { fileName: 'big.pdf', mediaType: 'application/pdf', contentBase64: Buffer.alloc(5 * 1024 * 1024 + 1).toString('base64') });
    expect(big.statusCode).toBe(413);
    const wrongType = await post(coordinator, `/api/screening/exams/${examId}/attachments`, { fileName: 'x.exe', mediaType: 'application/x-msdownload', contentBase64: png.toString('base64') });
    expect(wrongType.json<Problem>().errors?.[0]?.field).toBe('mediaType');
  });

  it('sends an exam for remote reading: request → assign → report (sets the result) → returned, with turnaround', async () => {
    const id = byName('张志强').id;
    const exam = await post(coordinator, `/api/screening/participants/${id}/exams`, { examCode: 'endoscopy', performedOn: day(-1) });
    expect(exam.statusCode, exam.body).toBe(201);
    expect(exam.json()).toMatchObject({ category: null });
    const examId = exam.json<{ id: number }>().id;
    const requested = await post(coordinator, `/api/screening/exams/${examId}/remote-read`, { readingInstitutionId: net.ids.core });
    expect(requested.statusCode, requested.body).toBe(201);
    const readId = requested.json<{ id: number }>().id;
    expect((await post(coordinator, `/api/screening/exams/${examId}/remote-read`, { readingInstitutionId: net.ids.core })).statusCode).toBe(409);
    // The coordinator's hub does not read for the core hospital.
    expect((await post(coordinator, `/api/screening/remote-reads/${readId}/assign`, {})).statusCode).toBe(404);
    const queue = await get(admin, '/api/screening/remote-reads?side=to_read&status=requested');
    expect(queue.json<{ items: Array<{ id: number }> }>().items.map((r) => r.id)).toContain(readId);
    expect((await post(admin, `/api/screening/remote-reads/${readId}/assign`, {})).json()).toMatchObject({ status: 'assigned' });
    const badReport = await post(admin, `/api/screening/remote-reads/${readId}/report`, { category: 'bogus', report: '...' });
    expect(badReport.json<Problem>().errors?.[0]?.field).toBe('category');
    const reported = await post(admin, `/api/screening/remote-reads/${readId}/report`, { category: 'lgin', report: '食管下段轻度异型增生' });
    expect(reported.statusCode, reported.body).toBe(200);
    expect(reported.json()).toMatchObject({ status: 'reported', category: 'lgin' });
    const back = await post(coordinator, `/api/screening/remote-reads/${readId}/acknowledge`, {});
    expect(back.json()).toMatchObject({ status: 'returned' });
    expect(typeof back.json<{ turnaroundHours: number }>().turnaroundHours).toBe('number');
    const detail = await get(coordinator, `/api/screening/participants/${id}`);
    expect(detail.json()).toMatchObject({ stage: 'positive', positive: true, exams: [{ category: 'lgin', remoteRead: { status: 'returned' } }] });
  });

  it('works positives through the worklists and registers a screen-detected cancer in the registry', async () => {
    const awaiting = await get(coordinator, `/api/screening/worklists/awaiting_follow_up?campaignId=${campaignId}`);
    expect(awaiting.statusCode).toBe(200);
    expect(awaiting.json<{ items: Summary[] }>().items.map((p) => p.name).sort()).toEqual(['张志强', '王建国']);
    const notPositive = await post(coordinator, `/api/screening/participants/${byName('李德明').id}/follow-up`, { event: 'attempt' });
    expect(notPositive.statusCode).toBe(409);
    const gone = await post(coordinator, `/api/screening/participants/${byName('张志强').id}/follow-up`, { event: 'unreachable', note: '电话空号' });
    expect(gone.statusCode, gone.body).toBe(200);
    const unreachable = await get(coordinator, '/api/screening/worklists/unreachable');
    expect(unreachable.json<{ items: Summary[] }>().items.map((p) => p.name)).toEqual(['张志强']);

    const id = byName('王建国').id;
    const noCodes = await post(coordinator, `/api/screening/participants/${id}/diagnosis`, { kind: 'cancer', date: day(0), stageGroup: 'I' });
    expect(noCodes.statusCode).toBe(400);
    expect(noCodes.json<Problem>().errors?.[0]?.field).toBe('topography');
    const diagnosed = await post(coordinator, `/api/screening/participants/${id}/diagnosis`, { kind: 'cancer', date: day(0), stageGroup: 'I', topography: 'C15.4', morphology: '8070' });
    expect(diagnosed.statusCode, diagnosed.body).toBe(200);
    const detail = diagnosed.json<{ stage: string; registryNotificationId: number | null; diagnosis: { kind: string } }>();
    expect(detail).toMatchObject({ stage: 'diagnosed', diagnosis: { kind: 'cancer' } });
    expect(detail.registryNotificationId).not.toBeNull();
    const db = screeningDb(net.services.database.db);
    const notification = await db.selectFrom('notification').innerJoin('tumour', 'tumour.id', 'notification.tumour_id').select(['notification.kind', 'notification.detection', 'tumour.detection as tumourDetection', 'tumour.topography', 'tumour.stage_group']).where('notification.id', '=', detail.registryNotificationId!).executeTakeFirstOrThrow();
    expect(notification).toEqual({ kind: 'screening', detection: 'screening', tumourDetection: 'screening', topography: 'C15.4', stage_group: 'I' });
    expect((await post(coordinator, `/api/screening/participants/${id}/diagnosis`, { kind: 'cancer', date: day(0), stageGroup: 'I', topography: 'C15.4', morphology: '8070' })).statusCode).toBe(409);
  });

  it('computes every indicator from the flags, for screening readers and analysts alike', async () => {
    const response = await get(coordinator, `/api/screening/indicators?by=campaign&campaignId=${campaignId}`);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json<{ groups: Array<{ key: string; tally: Record<string, number>; indicators: Array<{ id: string; numerator: number; denominator: number }> }>; total: { tally: Record<string, number> } }>();
    expect(body.groups).toHaveLength(1);
    expect(body.total.tally).toMatchObject({ invited: 6, screened: 4, positive: 2, cancer: 1, highRisk: 2, questionnaireDone: 2 });
    const detection = body.groups[0]!.indicators.find((i) => i.id === 'detection_rate')!;
    expect(detection).toMatchObject({ numerator: 1, denominator: 4 });
    for (const by of ['programme', 'institution', 'area', 'period']) {
      const r = await get(analyst, `/api/screening/indicators?by=${by}`);
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json<{ total: { tally: { screened: number } } }>().total.tally.screened).toBe(4);
      expect(r.body).not.toContain('王建国');
    }
    const badBy = await get(coordinator, '/api/screening/indicators?by=colour');
    expect(badBy.statusCode).toBe(400);
  });

  it('is scoped: a township clinic sees only its participants, other hubs see nothing, analysts no persons', async () => {
    const id = byName('王建国').id;
    // The nurse works at hub A with an own-institution scope; the participants belong to the clinic.
    expect((await get(nurse, `/api/screening/participants/${id}`)).statusCode).toBe(404);
    expect((await get(nurse, `/api/screening/campaigns/${campaignId}/participants`)).json<{ items: unknown[] }>().items).toEqual([]);
    expect((await get(analyst, `/api/screening/participants/${id}`)).statusCode).toBe(403);
    expect((await get(auditor, '/api/screening/campaigns')).statusCode).toBe(403);
    const other = await post(admin, '/api/screening/campaigns', { name: '黔江区肺癌筛查', programmeCode: 'lung', institutionId: net.ids.hubB, startDate: day(-5), endDate: day(30), catchment: ['500114'] });
    expect(other.statusCode, other.body).toBe(201);
    expect((await get(coordinator, `/api/screening/campaigns/${other.json<{ id: number }>().id}`)).statusCode).toBe(404);
    expect((await get(coordinator, '/api/screening/campaigns')).json<{ items: Array<{ id: number }> }>().items.map((c) => c.id)).toEqual([campaignId]);
    const audit = await net.services.database.db.selectFrom('audit_log').select(['action', 'person_id']).where('action', 'like', 'screening.%').execute();
    const actions = new Set(audit.map((a) => a.action));
    expect(['screening.exam', 'screening.questionnaire', 'screening.diagnosis', 'screening.participant.read', 'screening.attachment.read', 'screening.invitations.export'].filter((a) => !actions.has(a))).toEqual([]);
  });
});
