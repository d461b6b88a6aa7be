import type { Sex } from '@onconet/domain/common/sex';
import type {
  Answers,
  DiagnosisOutcome,
  FollowUpAction,
  IndicatorDefinition,
  IndicatorValue,
  ProgrammeCode,
  ProgrammeDefinition,
  ProgrammeOverrides,
  RiskAssessment,
  ScreeningTally,
} from '@onconet/domain/screening/types';
import { client } from '../../api/index.ts';

/** The answers of /api/screening/* (docs/screening.md, the screening contract) as the screening pages read them. */

export type { Answers, DiagnosisOutcome, IndicatorDefinition, IndicatorValue, ProgrammeCode, ProgrammeOverrides, RiskAssessment, ScreeningTally };

/** A programme as the network runs it: the shipped definition after the network's overrides, and those overrides. */
export type ProgrammeView = ProgrammeDefinition & { readonly overrides: ProgrammeOverrides };

export type CampaignStatus = 'planned' | 'active' | 'closed';

export interface CampaignCounts {
  readonly targeted: number;
  readonly invited: number;
  readonly participated: number;
  readonly screened: number;
  readonly positive: number;
  readonly cancer: number;
}

export interface CampaignSummary {
  readonly id: number;
  readonly name: string;
  readonly series: string | null;
  readonly programmeCode: ProgrammeCode;
  readonly institutionId: number;
  readonly institutionName: string;
  readonly startDate: string;
  readonly endDate: string;
  readonly catchment: readonly string[];
  readonly status: CampaignStatus;
  readonly counts: CampaignCounts;
}

export interface Slot {
  readonly id: number;
  readonly startsAt: string;
  readonly capacity: number;
  readonly booked: number;
}

export interface Site {
  readonly id: number;
  readonly name: string;
  readonly institutionId: number;
  readonly address: string | null;
  readonly slots: readonly Slot[];
}

export type CampaignDetail = CampaignSummary & { readonly sites: readonly Site[] };

export interface CampaignInput {
  readonly name: string;
  readonly series?: string;
  readonly programmeCode: ProgrammeCode;
  readonly institutionId: number;
  readonly startDate: string;
  readonly endDate: string;
  readonly catchment: readonly string[];
}

export const STAGES = ['targeted', 'invited', 'booked', 'checked_in', 'assessed', 'screened', 'positive', 'diagnosed', 'closed'] as const;
export type Stage = (typeof STAGES)[number];

export interface ParticipantSummary {
  readonly id: number;
  readonly personId: number;
  readonly name: string;
  readonly sex: Sex | null;
  readonly ageYears: number | null;
  readonly institutionId: number;
  readonly institutionName: string;
  readonly stage: Stage;
  readonly highRisk: boolean | null;
  readonly positive: boolean;
  readonly followUpDueOn: string | null;
}

export type RemoteReadStatus = 'requested' | 'assigned' | 'reported' | 'returned';

export interface RemoteRead {
  readonly id: number;
  readonly examId: number;
  readonly participantId: number;
  readonly examCode: string;
  readonly requestingInstitutionId: number;
  readonly requestingInstitutionName: string;
  readonly readingInstitutionId: number;
  readonly readingInstitutionName: string;
  readonly status: RemoteReadStatus;
  readonly requestedAt: string;
  readonly assignedAt: string | null;
  readonly reportedAt: string | null;
  readonly returnedAt: string | null;
  readonly assignedTo: string | null;
  readonly category: string | null;
  readonly report: string | null;
  readonly turnaroundHours: number | null;
}

export interface Attachment {
  readonly id: number;
  readonly fileName: string;
  readonly mediaType: string;
  readonly size: number;
}

export interface ExamView {
  readonly id: number;
  readonly examCode: string;
  /** null while the exam waits for a remote reading. */
  readonly category: string | null;
  readonly performedOn: string;
  readonly findings: string | null;
  readonly attachments: readonly Attachment[];
  readonly remoteRead: RemoteRead | null;
}

export interface FollowUpState {
  readonly action: FollowUpAction | null;
  readonly dueOn: string | null;
  readonly doneOn: string | null;
  readonly attempts: number;
  readonly unreachable: boolean;
  readonly note: string | null;
}

export type ParticipantDetail = ParticipantSummary & {
  readonly campaignId: number;
  readonly programmeCode: ProgrammeCode;
  readonly invitedOn: string | null;
  readonly slot: { readonly id: number; readonly startsAt: string; readonly siteId: number; readonly siteName: string } | null;
  readonly checkedInOn: string | null;
  readonly questionnaire: { readonly answers: Answers; readonly completedOn: string | null } | null;
  readonly risk: RiskAssessment | null;
  readonly exams: readonly ExamView[];
  readonly followUp: FollowUpState | null;
  readonly diagnosis: DiagnosisOutcome | null;
  readonly registryNotificationId: number | null;
};

export interface ImportResult {
  readonly added: number;
  readonly alreadyIn: number;
  readonly linked: number;
  readonly created: number;
  readonly errors: readonly { readonly row: number; readonly column: string; readonly message: string }[];
}

export type WorklistName = 'awaiting_follow_up' | 'overdue' | 'unreachable';
export const WORKLISTS: readonly WorklistName[] = ['awaiting_follow_up', 'overdue', 'unreachable'];

export type IndicatorGrouping = 'campaign' | 'programme' | 'institution' | 'area' | 'period';

export interface IndicatorGroup {
  readonly key: string;
  readonly label: string;
  readonly tally: ScreeningTally;
  readonly indicators: readonly IndicatorValue[];
}

export interface IndicatorReport {
  readonly definitions: readonly IndicatorDefinition[];
  readonly asOf: string;
  readonly groups: readonly IndicatorGroup[];
  readonly total: { readonly tally: ScreeningTally; readonly indicators: readonly IndicatorValue[] };
}

export interface IndicatorQuery {
  readonly by: IndicatorGrouping;
  readonly programme?: ProgrammeCode;
  readonly campaignId?: number;
  readonly from?: string;
  readonly to?: string;
  readonly period?: 'year' | 'month';
}

export type FollowUpEvent = 'attempt' | 'unreachable' | 'done';

const id = (value: number) => encodeURIComponent(String(value));
const put = <T>(path: string, body: unknown) => client.request<T>('PUT', path, { body });

/** The file's content as base64 (imports and attachments travel inside JSON). */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export const screeningApi = {
  programmes: () => client.get<{ items: ProgrammeView[] }>('/api/screening/programmes'),
  configureProgramme: (code: ProgrammeCode, overrides: ProgrammeOverrides) => put<ProgrammeView>(`/api/screening/programmes/${code}/config`, overrides),

  campaigns: (query: { programme?: ProgrammeCode; status?: CampaignStatus } = {}) => client.get<{ items: CampaignSummary[] }>('/api/screening/campaigns', { ...query }),
  createCampaign: (input: CampaignInput) => client.post<CampaignSummary>('/api/screening/campaigns', input),
  campaign: (campaignId: number) => client.get<CampaignDetail>(`/api/screening/campaigns/${id(campaignId)}`),
  addSite: (campaignId: number, input: { name: string; institutionId: number; address?: string }) => client.post<Site>(`/api/screening/campaigns/${id(campaignId)}/sites`, input),
  addSlot: (siteId: number, input: { startsAt: string; capacity: number }) => client.post<Slot>(`/api/screening/sites/${id(siteId)}/slots`, input),
  target: (campaignId: number, limit?: number) => client.post<{ added: number; ineligible: number; alreadyIn: number }>(`/api/screening/campaigns/${id(campaignId)}/target`, limit === undefined ? {} : { limit }),
  importList: async (campaignId: number, file: File) =>
    client.post<ImportResult>(`/api/screening/campaigns/${id(campaignId)}/import`, { fileName: file.name, contentBase64: await fileToBase64(file) }),
  invite: (campaignId: number, participantIds?: readonly number[]) => client.post<{ invited: number }>(`/api/screening/campaigns/${id(campaignId)}/invitations`, participantIds ? { participantIds } : {}),
  exportUrl: (campaignId: number, kind: 'print' | 'sms') => `/api/screening/campaigns/${id(campaignId)}/invitations/export?kind=${kind}`,
  participants: (campaignId: number, query: { status?: Stage; q?: string; limit?: number; offset?: number } = {}) =>
    client.get<{ items: ParticipantSummary[]; total: number }>(`/api/screening/campaigns/${id(campaignId)}/participants`, query),
  results: (campaignId: number, rows: readonly { residentId?: string; personId?: number; examCode: string; category: string; performedOn: string }[]) =>
    client.post<unknown>(`/api/screening/campaigns/${id(campaignId)}/results`, { rows }),

  participant: (participantId: number) => client.get<ParticipantDetail>(`/api/screening/participants/${id(participantId)}`),
  book: (participantId: number, slotId: number) => client.post<unknown>(`/api/screening/participants/${id(participantId)}/book`, { slotId }),
  checkIn: (participantId: number) => client.post<unknown>(`/api/screening/participants/${id(participantId)}/check-in`, {}),
  saveQuestionnaire: (participantId: number, answers: Answers) => put<ParticipantDetail>(`/api/screening/participants/${id(participantId)}/questionnaire`, { answers }),
  addExam: (participantId: number, input: { examCode: string; category: string | null; performedOn: string; findings?: string }) =>
    client.post<ExamView>(`/api/screening/participants/${id(participantId)}/exams`, input),
  addAttachment: async (examId: number, file: File) =>
    client.post<Attachment>(`/api/screening/exams/${id(examId)}/attachments`, { fileName: file.name, mediaType: file.type || 'application/octet-stream', contentBase64: await fileToBase64(file) }),
  attachmentUrl: (attachmentId: number) => `/api/screening/attachments/${id(attachmentId)}`,
  followUp: (participantId: number, event: FollowUpEvent, note?: string) => client.post<unknown>(`/api/screening/participants/${id(participantId)}/follow-up`, note ? { event, note } : { event }),
  diagnosis: (participantId: number, outcome: DiagnosisOutcome) => client.post<ParticipantDetail>(`/api/screening/participants/${id(participantId)}/diagnosis`, outcome),

  requestRemoteRead: (examId: number, readingInstitutionId: number) => client.post<RemoteRead>(`/api/screening/exams/${id(examId)}/remote-read`, { readingInstitutionId }),
  remoteReads: (side: 'requested' | 'to_read', status?: RemoteReadStatus) => client.get<{ items: RemoteRead[] }>('/api/screening/remote-reads', { side, status, limit: 200 }),
  assignRemoteRead: (readId: number) => client.post<RemoteRead>(`/api/screening/remote-reads/${id(readId)}/assign`, {}),
  reportRemoteRead: (readId: number, category: string, report: string) => client.post<RemoteRead>(`/api/screening/remote-reads/${id(readId)}/report`, { category, report }),
  acknowledgeRemoteRead: (readId: number) => client.post<RemoteRead>(`/api/screening/remote-reads/${id(readId)}/acknowledge`, {}),

  worklist: (list: WorklistName, campaignId?: number) => client.get<{ items: ParticipantSummary[]; total: number }>(`/api/screening/worklists/${list}`, { campaignId, limit: 200 }),
  indicators: (query: IndicatorQuery) => client.get<IndicatorReport>('/api/screening/indicators', { ...query }),
};
