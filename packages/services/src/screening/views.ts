/**
 * The shapes the screening API answers with (docs/screening.md, the screening contract), read in a few set-based
 * queries: a page of participants with their person and clinic, a participant's whole path, remote reads.
 */
import type { IsoDate } from '@onconet/domain/common/dates';
import type { DiagnosisOutcome, RiskAssessment } from '@onconet/domain/screening/types';
import type { ScreeningExecutor } from '@onconet/storage/queries/screening-tables';
import { sql } from 'kysely';
import { diagnosisOf, parseJson, type Stage } from './path.ts';

export interface ParticipantSummary {
  readonly id: number;
  readonly personId: number;
  readonly name: string;
  readonly sex: number;
  readonly ageYears: number;
  readonly institutionId: number;
  readonly institutionName: string;
  readonly stage: Stage;
  readonly highRisk: boolean | null;
  readonly positive: boolean;
  readonly followUpDueOn: string | null;
}

export interface ExamView {
  readonly id: number;
  readonly examCode: string;
  readonly category: string | null;
  readonly performedOn: IsoDate;
  readonly findings: string | null;
  readonly attachments: readonly { id: number; fileName: string; mediaType: string; size: number }[];
  readonly remoteRead: RemoteRead | null;
}

export interface RemoteRead {
  readonly id: number;
  readonly examId: number;
  readonly participantId: number;
  readonly examCode: string;
  readonly requestingInstitutionId: number;
  readonly requestingInstitutionName: string;
  readonly readingInstitutionId: number;
  readonly readingInstitutionName: string;
  readonly status: 'requested' | 'assigned' | 'reported' | 'returned';
  readonly requestedAt: string;
  readonly assignedAt: string | null;
  readonly reportedAt: string | null;
  readonly returnedAt: string | null;
  readonly assignedTo: string | null;
  readonly category: string | null;
  readonly report: string | null;
  readonly turnaroundHours: number | null;
}

export interface ParticipantDetail extends ParticipantSummary {
  readonly campaignId: number;
  readonly programmeCode: string;
  readonly invitedOn: string | null;
  readonly slot: { id: number; startsAt: string; siteId: number; siteName: string } | null;
  readonly checkedInOn: string | null;
  readonly questionnaire: { answers: unknown; completedOn: string } | null;
  readonly risk: RiskAssessment | null;
  readonly exams: readonly ExamView[];
  readonly followUp: { action: string | null; dueOn: string | null; doneOn: string | null; attempts: number; unreachable: boolean; note: string | null } | null;
  readonly diagnosis: DiagnosisOutcome | null;
  readonly registryNotificationId: number | null;
}

/** The participant columns a summary needs, from `screening_participant as p` joined to person and clinic. */
export function summaryQuery(db: ScreeningExecutor) {
  return db
    .selectFrom('screening_participant as p')
    .innerJoin('person as pe', 'pe.id', 'p.person_id')
    .innerJoin('institution as i', 'i.id', 'p.institution_id')
    .leftJoin('screening_questionnaire as q', 'q.participant_id', 'p.id')
    .select(['p.id', 'p.person_id', 'pe.name', 'p.sex', 'p.age', 'p.institution_id', 'i.name_zh as institution_name', 'p.stage', 'p.f_questionnaire', 'p.f_high_risk', 'p.f_positive', 'p.f_follow_up_done', 'p.follow_up_due_on', 'p.campaign_id']);
}

export type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['execute']>>[number];

export function summaryOf(r: SummaryRow): ParticipantSummary {
  return {
    id: r.id,
    personId: r.person_id,
    name: r.name,
    sex: r.sex,
    ageYears: r.age,
    institutionId: r.institution_id,
    institutionName: r.institution_name,
    stage: r.stage as Stage,
    highRisk: r.f_questionnaire ? r.f_high_risk : null,
    positive: r.f_positive,
    followUpDueOn: r.f_positive && !r.f_follow_up_done ? r.follow_up_due_on : null,
  };
}

const iso = (d: Date | string | null): string | null => (d === null ? null : d instanceof Date ? d.toISOString() : new Date(d).toISOString());

export function remoteReadQuery(db: ScreeningExecutor) {
  return db
    .selectFrom('screening_remote_read as r')
    .innerJoin('screening_exam as e', 'e.id', 'r.exam_id')
    .innerJoin('screening_participant as p', 'p.id', 'e.participant_id')
    .innerJoin('institution as ri', 'ri.id', 'r.requesting_institution_id')
    .innerJoin('institution as di', 'di.id', 'r.reading_institution_id')
    .leftJoin('app_user as u', 'u.id', 'r.assigned_to')
    .select([
      'r.id', 'r.exam_id', 'e.participant_id', 'e.exam_code', 'r.requesting_institution_id', 'ri.name_zh as requesting_name', 'r.reading_institution_id', 'di.name_zh as reading_name',
      'r.status', 'r.requested_at', 'r.assigned_at', 'r.reported_at', 'r.returned_at', 'u.username as assigned_to', 'r.category', 'r.report', 'p.person_id', 'p.institution_id as participant_institution_id',
    ]);
}

export type RemoteReadRow = Awaited<ReturnType<ReturnType<typeof remoteReadQuery>['execute']>>[number];

export function remoteReadOf(r: RemoteReadRow): RemoteRead {
  const requested = iso(r.requested_at)!;
  const reported = iso(r.reported_at);
  return {
    id: r.id,
    examId: r.exam_id,
    participantId: r.participant_id,
    examCode: r.exam_code,
    requestingInstitutionId: r.requesting_institution_id,
    requestingInstitutionName: r.requesting_name,
    readingInstitutionId: r.reading_institution_id,
    readingInstitutionName: r.reading_name,
    status: r.status as RemoteRead['status'],
    requestedAt: requested,
    assignedAt: iso(r.assigned_at),
    reportedAt: reported,
    returnedAt: iso(r.returned_at),
    assignedTo: r.assigned_to,
    category: r.category,
    report: r.report,
    turnaroundHours: reported === null ? null : Math.round(((Date.parse(reported) - Date.parse(requested)) / 3_600_000) * 10) / 10,
  };
}

/** A participant's whole path (the caller has checked scope). */
export async function participantDetail(db: ScreeningExecutor, id: number, followUpAction: (exams: readonly { examCode: string; category: string; performedOn: string }[]) => string | null): Promise<ParticipantDetail | null> {
  const summary = await summaryQuery(db).where('p.id', '=', id).executeTakeFirst();
  if (!summary) return null;
  const p = await db.selectFrom('screening_participant').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const q = await db.selectFrom('screening_questionnaire').select(['answers', 'risk', 'completed_on']).where('participant_id', '=', id).executeTakeFirst();
  const exams = await db.selectFrom('screening_exam').select(['id', 'exam_code', 'category', 'performed_on', 'findings']).where('participant_id', '=', id).orderBy('performed_on').orderBy('id').execute();
  const examIds = exams.map((e) => e.id);
  const attachments = examIds.length === 0 ? [] : await db.selectFrom('screening_attachment').select(['id', 'exam_id', 'file_name', 'media_type', 'size']).where('exam_id', 'in', examIds).orderBy('id').execute();
  const reads = examIds.length === 0 ? [] : await remoteReadQuery(db).where('r.exam_id', 'in', examIds).execute();
  const slot = p.slot_id === null ? undefined : await db.selectFrom('screening_slot as s').innerJoin('screening_site as si', 'si.id', 's.site_id').select(['s.id', 's.starts_at', 'si.id as site_id', 'si.name']).where('s.id', '=', p.slot_id).executeTakeFirst();
  const withResult = exams.filter((e) => e.category !== null).map((e) => ({ examCode: e.exam_code, category: e.category!, performedOn: e.performed_on }));
  const hasFollowUp = p.f_positive || p.follow_up_attempts > 0 || p.unreachable || p.follow_up_done_on !== null;
  return {
    ...summaryOf(summary),
    campaignId: p.campaign_id,
    programmeCode: p.programme_code,
    invitedOn: p.invited_on,
    slot: slot ? { id: slot.id, startsAt: iso(slot.starts_at)!, siteId: slot.site_id, siteName: slot.name } : null,
    checkedInOn: p.checked_in_on,
    questionnaire: q ? { answers: parseJson(q.answers), completedOn: q.completed_on } : null,
    risk: q ? parseJson<RiskAssessment>(q.risk) : null,
    exams: exams.map((e) => ({
      id: e.id,
      examCode: e.exam_code,
      category: e.category,
      performedOn: e.performed_on,
      findings: e.findings,
      attachments: attachments.filter((a) => a.exam_id === e.id).map((a) => ({ id: a.id, fileName: a.file_name, mediaType: a.media_type, size: a.size })),
      remoteRead: (() => {
        const r = reads.find((x) => x.exam_id === e.id);
        return r ? remoteReadOf(r) : null;
      })(),
    })),
    followUp: hasFollowUp ? { action: followUpAction(withResult), dueOn: p.follow_up_due_on, doneOn: p.follow_up_done_on, attempts: p.follow_up_attempts, unreachable: p.unreachable, note: p.follow_up_note } : null,
    diagnosis: diagnosisOf(p),
    registryNotificationId: p.registry_notification_id,
  };
}

/** Full-text-free participant search inside a campaign: name prefix, resident ID or phone. */
export function matchesQuery(q: string) {
  const text = q.trim();
  return sql<boolean>`(pe.name COLLATE "C" LIKE ${`${text.replace(/[%_\\]/g, '')}%`} or pe.resident_id = ${text.toUpperCase()} or pe.phone = ${text})`;
}
