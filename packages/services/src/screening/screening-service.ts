/**
 * Screening programmes and campaigns (issue 6): a coordinator configures programmes, runs campaigns in a catchment
 * with a target population drawn from the MPI or imported lists, invites, books slots; township staff check in,
 * capture the questionnaire and the results; specialists read exams remotely; positives are followed up to a
 * diagnosis, and a screen-detected cancer becomes a registry notification. Every participant read and write is
 * filtered by the actor's scope and audited; every change of a path rewrites the participant's indicator flags
 * (domain participantFlags) in the same transaction.
 */
import { assessRisk, checkEligibility, computeIndicators, followUpDue, INDICATORS, resultCategory, validateAnswers } from '@onconet/domain';
import { CHONGQING_COUNTIES, townshipsOf } from '@onconet/domain/codes/divisions/chongqing';
import { ageInYears, parseDate, type IsoDate } from '@onconet/domain/common/dates';
import type { FieldError } from '@onconet/domain/common/field-error';
import type { Sex } from '@onconet/domain/common/sex';
import type { DiagnosisKind, DiagnosisOutcome, ProgrammeCode, ProgrammeDefinition, ProgrammeOverrides, ScreeningTally } from '@onconet/domain/screening/types';
import { configureProgramme, PROGRAMMES } from '@onconet/domain';
import type { DB } from '@onconet/storage';
import {
  campaignCounts, campaignInScope, INDICATOR_GROUPINGS, indicatorTallies, institutionInScope, participantInScope, type IndicatorGrouping, type TallyRow,
} from '@onconet/storage/queries/screening-participants';
import { plainBulkTransactions, type BulkTransaction } from '@onconet/storage/pipelined-transaction';
import { screeningDb, type ScreeningDB } from '@onconet/storage/queries/screening-tables';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { AuditEvent, AuditWriter } from '../audit/audit-writer.ts';
import type { Clock } from '../clock.ts';
import { requirePermission, type Actor } from '../context.ts';
import { AppError, notFound, validationError } from '../errors.ts';
import type { MpiService } from '../mpi/mpi-service.ts';
import { recordPaths, type PathInput } from './bulk-paths.ts';
import { importTargetList, type ListImportReport } from './list-import.ts';
import { isoDay, refreshFlags, STAGES, type Stage } from './path.ts';
import { isProgrammeCode, ProgrammeCatalogue, type ProgrammeView } from './programmes.ts';
import { cancerCodes, notifyScreenDetectedCancer } from './registry-link.ts';
import { matchesQuery, participantDetail, remoteReadOf, remoteReadQuery, summaryOf, summaryQuery, type ParticipantDetail, type ParticipantSummary, type RemoteRead } from './views.ts';

export interface CampaignSummary {
  readonly id: number;
  readonly name: string;
  readonly series: string | null;
  readonly programmeCode: string;
  readonly institutionId: number;
  readonly institutionName: string;
  readonly startDate: string;
  readonly endDate: string;
  readonly catchment: readonly string[];
  readonly status: 'planned' | 'active' | 'closed';
  readonly counts: { targeted: number; invited: number; participated: number; screened: number; positive: number; cancer: number };
}

export interface Site {
  readonly id: number;
  readonly name: string;
  readonly institutionId: number;
  readonly address: string | null;
  readonly slots: readonly { id: number; startsAt: string; capacity: number; booked: number }[];
}

export const WORKLISTS = ['awaiting_follow_up', 'overdue', 'unreachable'] as const;
export type Worklist = (typeof WORKLISTS)[number];
export const FOLLOW_UP_EVENTS = ['attempt', 'unreachable', 'done'] as const;
export const DIAGNOSIS_KINDS: readonly DiagnosisKind[] = ['no_lesion', 'benign', 'low_grade_precancer', 'high_grade_precancer', 'cancer'];
/** Attachments: photos, scans and reports of an exam, up to 5 MB each. */
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
export const ATTACHMENT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf', 'application/dicom'] as const;
/** The most persons one targeting call adds (a county programme; the benchmark draws 100,000). */
export const MAX_TARGET = 200_000;
const TARGET_PAGE = 20_000;

const fail = (field: string, code: string, message: string): AppError => validationError([{ field, code, message }]);
const text = (v: unknown, field: string, max: number, required = true): string | null => {
  if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) {
    if (required) throw fail(field, 'required', `${field}: required`);
    return null;
  }
  if (typeof v !== 'string') throw fail(field, 'type', `${field}: must be text`);
  const t = v.trim();
  if (t.length > max) throw fail(field, 'length', `${field}: at most ${max} characters`);
  return t;
};
const date = (v: unknown, field: string, today?: IsoDate): IsoDate => {
  if (typeof v !== 'string') throw fail(field, 'required', `${field}: a date (YYYY-MM-DD) is required`);
  const parsed = parseDate(v, field);
  if (!parsed.ok) throw validationError([parsed.error]);
  if (today !== undefined && parsed.value > today) throw fail(field, 'date.future', `${field}: ${parsed.value} is in the future`);
  return parsed.value;
};
const positiveInt = (v: unknown, field: string): number => {
  if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) throw fail(field, 'type', `${field}: must be a positive whole number`);
  return v;
};

/** Names of the districts, counties and townships the demo network knows, for indicator labels. */
const DIVISION_NAMES = new Map<string, { zh: string; en: string }>(
  CHONGQING_COUNTIES.flatMap((c) => [[c.code, { zh: c.nameZh, en: c.nameEn }] as const, ...townshipsOf(c).map((t) => [t.code, { zh: t.nameZh, en: t.nameEn }] as const)]),
);

export class ScreeningService {
  readonly db: Kysely<ScreeningDB>;
  readonly programmes: ProgrammeCatalogue;

  constructor(
    db: Kysely<DB>,
    readonly audit: AuditWriter,
    readonly clock: Clock,
    readonly mpi: MpiService,
    /** The list import's transaction: the database's bulk transaction (pipelined on PostgreSQL); by default an ordinary one. */
    private readonly bulk: BulkTransaction = plainBulkTransactions(db),
  ) {
    this.db = screeningDb(db);
    this.programmes = new ProgrammeCatalogue(this.db);
  }

  today(): IsoDate {
    return isoDay(this.clock.now());
  }

  private async definitions() {
    return ProgrammeCatalogue.lookup(await this.programmes.load());
  }

  private async inTransaction<T>(fn: (tx: Transaction<ScreeningDB>) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(fn);
  }

  private async auditTx(tx: Transaction<ScreeningDB>, actor: Actor, events: readonly AuditEvent[]): Promise<void> {
    await this.audit.appendInTransaction(tx as unknown as Transaction<DB>, actor, events);
  }

  private page(limit?: number, offset?: number) {
    return { limit: Math.min(Math.max(limit ?? 50, 1), 500), offset: Math.max(offset ?? 0, 0) };
  }

  // ---- programmes ----------------------------------------------------------------------------------------------

  async listProgrammes(actor: Actor): Promise<{ items: ProgrammeView[] }> {
    requirePermission(actor, 'screening.read');
    return { items: [...(await this.programmes.load()).values()] };
  }

  async configure(actor: Actor, code: string, overrides: ProgrammeOverrides): Promise<ProgrammeView> {
    requirePermission(actor, 'screening.manage');
    if (!isProgrammeCode(code)) throw notFound('programme');
    const configured = configureProgramme(PROGRAMMES[code], overrides);
    if (!configured.ok) throw validationError([configured.error]);
    await this.inTransaction(async (tx) => {
      await tx
        .insertInto('screening_programme_config')
        .values({ programme_code: code, overrides: JSON.stringify(overrides), updated_by: actor.userId > 0 ? actor.userId : null })
        .onConflict((oc) => oc.column('programme_code').doUpdateSet({ overrides: JSON.stringify(overrides), updated_by: actor.userId > 0 ? actor.userId : null, updated_at: new Date() }))
        .execute();
      await this.auditTx(tx, actor, [{ action: 'screening.programme.configure', entityType: 'screening_programme', entityId: code, personId: null, institutionId: null, detail: { overrides } }]);
    });
    this.programmes.invalidate();
    return (await this.programmes.load()).get(code)!;
  }

  // ---- campaigns -----------------------------------------------------------------------------------------------

  private statusOf(start: string, end: string): CampaignSummary['status'] {
    const today = this.today();
    return today < start ? 'planned' : today > end ? 'closed' : 'active';
  }

  private campaignQuery(actor: Actor) {
    return this.db
      .selectFrom('screening_campaign as c')
      .innerJoin('institution as i', 'i.id', 'c.institution_id')
      .select(['c.id', 'c.name', 'c.series', 'c.programme_code', 'c.institution_id', 'i.name_zh as institution_name', 'c.start_date', 'c.end_date', 'c.catchment'])
      .where(() => campaignInScope(actor.scope));
  }

  private async summaries(actor: Actor, rows: Awaited<ReturnType<ReturnType<ScreeningService['campaignQuery']>['execute']>>): Promise<CampaignSummary[]> {
    const counts = await campaignCounts(this.db, actor.scope, rows.map((r) => r.id));
    const zero = { targeted: 0, invited: 0, participated: 0, screened: 0, positive: 0, cancer: 0 };
    return rows.map((r) => ({
      id: r.id, name: r.name, series: r.series, programmeCode: r.programme_code, institutionId: r.institution_id, institutionName: r.institution_name,
      startDate: r.start_date, endDate: r.end_date, catchment: r.catchment, status: this.statusOf(r.start_date, r.end_date), counts: counts.get(r.id) ?? zero,
    }));
  }

  async campaigns(actor: Actor, filter: { programme?: string; status?: string } = {}): Promise<{ items: CampaignSummary[] }> {
    requirePermission(actor, 'screening.read');
    let q = this.campaignQuery(actor);
    if (filter.programme !== undefined) q = q.where('c.programme_code', '=', filter.programme);
    const today = this.today();
    if (filter.status === 'planned') q = q.where('c.start_date', '>', today);
    else if (filter.status === 'closed') q = q.where('c.end_date', '<', today);
    else if (filter.status === 'active') q = q.where('c.start_date', '<=', today).where('c.end_date', '>=', today);
    const rows = await q.orderBy('c.start_date', 'desc').orderBy('c.id', 'desc').limit(500).execute();
    return { items: await this.summaries(actor, rows) };
  }

  /** A campaign the actor sees (404 otherwise); `manage` also needs its institution in scope. */
  private async scopedCampaign(actor: Actor, id: number, manage = false) {
    const row = await this.campaignQuery(actor).where('c.id', '=', id).executeTakeFirst();
    if (!row) throw notFound('campaign');
    if (manage && !this.institutionAllowed(actor, row.institution_id)) throw new AppError('forbidden', "the campaign's institution is outside your data scope");
    return row;
  }

  private institutionAllowed(actor: Actor, institutionId: number): boolean {
    return actor.scope.kind === 'network' || (actor.scope.kind === 'institutions' && actor.scope.institutionIds.includes(institutionId));
  }

  async campaign(actor: Actor, id: number): Promise<CampaignSummary & { sites: Site[] }> {
    requirePermission(actor, 'screening.read');
    const row = await this.scopedCampaign(actor, id);
    const [summary] = await this.summaries(actor, [row]);
    const sites = await this.db.selectFrom('screening_site').select(['id', 'name', 'institution_id', 'address']).where('campaign_id', '=', id).orderBy('id').execute();
    const slots = sites.length === 0 ? [] : await this.db.selectFrom('screening_slot').select(['id', 'site_id', 'starts_at', 'capacity', 'booked']).where('site_id', 'in', sites.map((s) => s.id)).orderBy('starts_at').orderBy('id').execute();
    return {
      ...summary!,
      sites: sites.map((s) => ({
        id: s.id, name: s.name, institutionId: s.institution_id, address: s.address,
        slots: slots.filter((x) => x.site_id === s.id).map((x) => ({ id: x.id, startsAt: new Date(x.starts_at).toISOString(), capacity: x.capacity, booked: x.booked })),
      })),
    };
  }

  async createCampaign(actor: Actor, input: { name?: unknown; series?: unknown; programmeCode?: unknown; institutionId?: unknown; startDate?: unknown; endDate?: unknown; catchment?: unknown }): Promise<CampaignSummary> {
    requirePermission(actor, 'screening.manage');
    const name = text(input.name, 'name', 200)!;
    const series = text(input.series, 'series', 200, false);
    if (!isProgrammeCode(input.programmeCode)) throw fail('programmeCode', 'enum', `programmeCode: one of ${Object.keys(PROGRAMMES).join(', ')}`);
    const institutionId = positiveInt(input.institutionId, 'institutionId');
    const startDate = date(input.startDate, 'startDate');
    const endDate = date(input.endDate, 'endDate');
    if (endDate < startDate) throw fail('endDate', 'range', 'endDate: must not be before startDate');
    if (!Array.isArray(input.catchment) || input.catchment.length === 0 || input.catchment.length > 200) throw fail('catchment', 'required', 'catchment: one or more GB/T 2260 division codes');
    const catchment = input.catchment.map((c, i) => {
      if (typeof c !== 'string' || !/^50[0-9]{4}([0-9]{3})?$/.test(c)) throw fail(`catchment[${i}]`, 'division', `catchment[${i}]: "${String(c)}" is not a Chongqing county (6 digits) or township (9 digits) code`);
      return c;
    });
    const institution = await this.db.selectFrom('institution').select(['id', 'active']).where('id', '=', institutionId).executeTakeFirst();
    if (!institution) throw fail('institutionId', 'unknown', 'institutionId: no such institution');
    if (!this.institutionAllowed(actor, institutionId)) throw new AppError('forbidden', 'the institution is outside your data scope');
    const duplicate = await this.db.selectFrom('screening_campaign').select('id').where('programme_code', '=', input.programmeCode).where('name', '=', name).executeTakeFirst();
    if (duplicate) throw new AppError('conflict', `name: a ${input.programmeCode} campaign named "${name}" already exists`, [{ field: 'name', code: 'duplicate', message: `name: a ${input.programmeCode} campaign named "${name}" already exists` }]);
    const programmeCode = input.programmeCode;
    const id = await this.inTransaction(async (tx) => {
      const row = await tx
        .insertInto('screening_campaign')
        .values({ name, series, programme_code: programmeCode, institution_id: institutionId, start_date: startDate, end_date: endDate, catchment, created_by: actor.userId > 0 ? actor.userId : null })
        .returning('id')
        .executeTakeFirstOrThrow();
      await this.auditTx(tx, actor, [{ action: 'screening.campaign.create', entityType: 'screening_campaign', entityId: String(row.id), personId: null, institutionId, detail: { name, programmeCode, catchment } }]);
      return row.id;
    });
    const [summary] = await this.summaries(actor, [await this.scopedCampaign(actor, id)]);
    return summary!;
  }

  async addSite(actor: Actor, campaignId: number, input: { name?: unknown; institutionId?: unknown; address?: unknown }): Promise<Site> {
    requirePermission(actor, 'screening.manage');
    await this.scopedCampaign(actor, campaignId, true);
    const name = text(input.name, 'name', 200)!;
    const address = text(input.address, 'address', 200, false);
    const institutionId = positiveInt(input.institutionId, 'institutionId');
    const institution = await this.db.selectFrom('institution').select('id').where('id', '=', institutionId).executeTakeFirst();
    if (!institution) throw fail('institutionId', 'unknown', 'institutionId: no such institution');
    const row = await this.inTransaction(async (tx) => {
      const site = await tx.insertInto('screening_site').values({ campaign_id: campaignId, name, institution_id: institutionId, address }).returning('id').executeTakeFirstOrThrow();
      await this.auditTx(tx, actor, [{ action: 'screening.site.create', entityType: 'screening_site', entityId: String(site.id), personId: null, institutionId, detail: { campaignId, name } }]);
      return site;
    });
    return { id: row.id, name, institutionId, address, slots: [] };
  }

  async addSlot(actor: Actor, siteId: number, input: { startsAt?: unknown; capacity?: unknown }): Promise<{ id: number; startsAt: string; capacity: number; booked: number }> {
    requirePermission(actor, 'screening.manage');
    const site = await this.db.selectFrom('screening_site').select(['id', 'campaign_id']).where('id', '=', siteId).executeTakeFirst();
    if (!site) throw notFound('site');
    await this.scopedCampaign(actor, site.campaign_id, true);
    if (typeof input.startsAt !== 'string' || Number.isNaN(Date.parse(input.startsAt)) || !/^\d{4}-\d{2}-\d{2}T/.test(input.startsAt)) throw fail('startsAt', 'format', 'startsAt: a date and time (ISO 8601, e.g. 2026-03-02T08:30:00+08:00)');
    const capacity = positiveInt(input.capacity, 'capacity');
    if (capacity > 10_000) throw fail('capacity', 'range', 'capacity: at most 10,000 people a slot');
    const startsAt = new Date(input.startsAt);
    const row = await this.inTransaction(async (tx) => {
      const slot = await tx.insertInto('screening_slot').values({ site_id: siteId, starts_at: startsAt, capacity }).returning('id').executeTakeFirstOrThrow();
      await this.auditTx(tx, actor, [{ action: 'screening.slot.create', entityType: 'screening_slot', entityId: String(slot.id), personId: null, institutionId: null, detail: { siteId, capacity } }]);
      return slot;
    });
    return { id: row.id, startsAt: startsAt.toISOString(), capacity, booked: 0 };
  }

  // ---- target population ---------------------------------------------------------------------------------------

  /** The clinic responsible for residents of each township: the primary institution there, else the campaign's. */
  async responsibleClinics(): Promise<(division: string | null, fallback: number) => number> {
    const rows = await this.db.selectFrom('institution').select(['id', 'division_code']).where('tier', '=', 'primary').where('active', '=', true).orderBy('id').execute();
    const byDivision = new Map<string, number>();
    for (const r of rows) if (!byDivision.has(r.division_code)) byDivision.set(r.division_code, r.id);
    return (division, fallback) => (division === null ? fallback : (byDivision.get(division) ?? byDivision.get(division.slice(0, 6)) ?? fallback));
  }

  /**
   * Draws eligible persons resident in the catchment from the MPI (alive, not merged, not yet in the campaign),
   * checks each against the programme's eligibility on the campaign's start date, and adds them.
   */
  async target(actor: Actor, campaignId: number, input: { limit?: unknown } = {}): Promise<{ added: number; ineligible: number; alreadyIn: number }> {
    requirePermission(actor, 'screening.manage');
    const campaign = await this.scopedCampaign(actor, campaignId, true);
    const limit = input.limit === undefined ? 10_000 : positiveInt(input.limit, 'limit');
    if (limit > MAX_TARGET) throw fail('limit', 'range', `limit: at most ${MAX_TARGET}`);
    const code = campaign.programme_code as ProgrammeCode;
    const def = (await this.definitions())(code);
    const prefixes = campaign.catchment.map((c) => `${c}%`);
    const alreadyIn = await this.db.selectFrom('screening_participant').select((eb) => eb.fn.countAll<number>().as('n')).where('campaign_id', '=', campaignId).executeTakeFirstOrThrow();
    const clinicOf = await this.responsibleClinics();
    let ineligible = 0;
    const rows: Array<{ person_id: number; sex: number; age: number; division_code: string | null; institution_id: number }> = [];
    // Residents in pages (by id) until the limit is reached: each is checked against the programme's eligibility.
    for (let after = 0; rows.length < limit; ) {
      const { rows: persons } = await sql<{ id: number; sex: number; birth_date: string; division_code: string | null; prior_cancer: boolean; last_screened: string | null }>`
        select p.id, p.sex, p.birth_date, p.division_code,
          exists (select 1 from tumour t where t.person_id = p.id and t.behaviour = 3) as prior_cancer,
          (select max(e.performed_on) from screening_participant sp join screening_exam e on e.participant_id = sp.id where sp.person_id = p.id and sp.programme_code = ${code}) as last_screened
        from person p
        where p.id > ${after} and p.merged_into is null and p.vital_status <> 'dead'
          and p.division_code COLLATE "C" like any (${sql.val(prefixes)}::text[])
          and not exists (select 1 from screening_participant x where x.campaign_id = ${campaignId} and x.person_id = p.id)
        order by p.id
        limit ${TARGET_PAGE}`.execute(this.db);
      for (const p of persons) {
        if (rows.length >= limit) break;
        const last = p.last_screened === null ? null : String(p.last_screened).slice(0, 10);
        const decision = checkEligibility(def, { sex: p.sex as Sex, birthDate: p.birth_date, residenceDivision: p.division_code, priorCancer: Boolean(p.prior_cancer), lastScreenedOn: last }, campaign.start_date);
        if (!decision.eligible) {
          ineligible += 1;
          continue;
        }
        rows.push({ person_id: Number(p.id), sex: p.sex, age: ageInYears(p.birth_date, campaign.start_date), division_code: p.division_code, institution_id: clinicOf(p.division_code, campaign.institution_id) });
      }
      if (persons.length < TARGET_PAGE) break;
      after = Number(persons.at(-1)!.id);
    }
    await this.inTransaction(async (tx) => {
      for (let i = 0; i < rows.length; i += 1000) {
        await tx
          .insertInto('screening_participant')
          .values(rows.slice(i, i + 1000).map((r) => ({ ...r, campaign_id: campaignId, programme_code: code, source: 'mpi', index_date: campaign.start_date })))
          .execute();
      }
      await this.auditTx(tx, actor, [{ action: 'screening.target', entityType: 'screening_campaign', entityId: String(campaignId), personId: null, institutionId: campaign.institution_id, detail: { added: rows.length, ineligible, limit } }]);
    });
    return { added: rows.length, ineligible, alreadyIn: Number(alreadyIn.n) };
  }

  /** A CSV or Excel list of persons (name, sex, birth_date, resident_id, phone, division_code), all or nothing. */
  async importList(actor: Actor, campaignId: number, file: { fileName: string; bytes: Uint8Array }): Promise<ListImportReport> {
    requirePermission(actor, 'screening.manage');
    requirePermission(actor, 'persons.write');
    const campaign = await this.scopedCampaign(actor, campaignId, true);
    const def = (await this.definitions())(campaign.programme_code as ProgrammeCode);
    return importTargetList({ db: this.db, bulk: this.bulk, mpi: this.mpi, audit: this.audit, today: this.today(), clinicOf: await this.responsibleClinics() }, actor, { ...campaign, definition: def }, file);
  }

  // ---- invitations ---------------------------------------------------------------------------------------------

  async invite(actor: Actor, campaignId: number, input: { participantIds?: unknown } = {}): Promise<{ invited: number }> {
    requirePermission(actor, 'screening.manage');
    const campaign = await this.scopedCampaign(actor, campaignId, true);
    const today = this.today();
    let ids: number[];
    if (input.participantIds !== undefined) {
      if (!Array.isArray(input.participantIds) || input.participantIds.length > 200_000) throw fail('participantIds', 'type', 'participantIds: a list of participant ids');
      const wanted = input.participantIds.map((v, i) => positiveInt(v, `participantIds[${i}]`));
      const found = await this.db.selectFrom('screening_participant as p').select(['p.id', 'p.invited_on']).where('p.campaign_id', '=', campaignId).where('p.id', 'in', wanted.length > 0 ? wanted : [-1]).where(() => participantInScope(actor.scope, 'p')).execute();
      const byId = new Map(found.map((f) => [f.id, f]));
      const seen = new Set<number>();
      const errors: FieldError[] = [];
      wanted.forEach((id, i) => {
        const f = byId.get(id);
        if (!f) errors.push({ field: `participantIds[${i}]`, code: 'not_in_campaign', message: `participantIds[${i}]: participant ${id} is not in this campaign` });
        else if (f.invited_on !== null || seen.has(id)) errors.push({ field: `participantIds[${i}]`, code: 'duplicate', message: `participantIds[${i}]: participant ${id} was already invited${f.invited_on ? ` on ${f.invited_on}` : ''}` });
        seen.add(id);
      });
      if (errors.some((e) => e.code === 'not_in_campaign')) throw validationError(errors);
      if (errors.length > 0) throw new AppError('conflict', errors.map((e) => e.message).join('; '), errors);
      ids = wanted;
    } else {
      const rows = await this.db.selectFrom('screening_participant as p').select('p.id').where('p.campaign_id', '=', campaignId).where('p.invited_on', 'is', null).where(() => participantInScope(actor.scope, 'p')).execute();
      ids = rows.map((r) => r.id);
    }
    if (ids.length === 0) return { invited: 0 };
    const defs = await this.definitions();
    await this.inTransaction(async (tx) => {
      for (let i = 0; i < ids.length; i += 5000) {
        const part = ids.slice(i, i + 5000);
        await tx.updateTable('screening_participant').set({ invited_on: today, index_date: today }).where('id', 'in', part).where('invited_on', 'is', null).execute();
      }
      await refreshFlags(tx, ids, defs);
      await this.auditTx(tx, actor, [{ action: 'screening.invite', entityType: 'screening_campaign', entityId: String(campaignId), personId: null, institutionId: campaign.institution_id, detail: { invited: ids.length, participants: ids.length <= 1000 ? ids : undefined } }]);
    });
    return { invited: ids.length };
  }

  /** The printable invitation list or the SMS texts of the invited participants in scope (audited). */
  async invitationRows(actor: Actor, campaignId: number, kind: 'print' | 'sms'): Promise<{ header: string[]; rows: string[][] }> {
    requirePermission(actor, 'screening.manage');
    const campaign = await this.scopedCampaign(actor, campaignId);
    const def = (await this.definitions())(campaign.programme_code as ProgrammeCode);
    const rows = await this.db
      .selectFrom('screening_participant as p')
      .innerJoin('person as pe', 'pe.id', 'p.person_id')
      .leftJoin('screening_slot as s', 's.id', 'p.slot_id')
      .leftJoin('screening_site as si', 'si.id', 's.site_id')
      .select(['p.id', 'p.person_id', 'pe.name', 'p.sex', 'p.age', 'pe.address', 'pe.phone', 's.starts_at', 'si.name as site_name', 'si.address as site_address'])
      .where('p.campaign_id', '=', campaignId)
      .where('p.invited_on', 'is not', null)
      .where(() => participantInScope(actor.scope, 'p'))
      .orderBy('p.id')
      .execute();
    const when = (r: (typeof rows)[number]) => (r.starts_at ? new Date(r.starts_at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '');
    await this.audit.record(actor, { action: 'screening.invitations.export', entityType: 'screening_campaign', entityId: String(campaignId), personId: null, institutionId: campaign.institution_id, detail: { kind, rows: rows.length, persons: rows.length <= 1000 ? rows.map((r) => r.person_id) : undefined } });
    if (kind === 'print') {
      return {
        header: ['姓名 name', '性别 sex', '年龄 age', '地址 address', '电话 phone', '预约 slot', '地点 site'],
        rows: rows.map((r) => [r.name, r.sex === 1 ? '男' : '女', String(r.age), r.address ?? '', r.phone ?? '', when(r), r.site_name ?? '']),
      };
    }
    const period = `${campaign.start_date}至${campaign.end_date}`;
    return {
      header: ['phone', 'name', 'text'],
      rows: rows.filter((r) => r.phone !== null).map((r) => [
        r.phone!, r.name,
        `【${campaign.institution_name}】${r.name}您好，诚邀您参加免费${def.name.zh}（${campaign.name}）。${r.starts_at ? `时间：${when(r)}，地点：${r.site_name ?? ''}${r.site_address ? `（${r.site_address}）` : ''}` : `时间：${period}`}。请携带身份证。`,
      ]),
    };
  }

  // ---- participants --------------------------------------------------------------------------------------------

  async participants(actor: Actor, campaignId: number, filter: { status?: string; q?: string; limit?: number; offset?: number } = {}): Promise<{ items: ParticipantSummary[]; total: number }> {
    requirePermission(actor, 'screening.read');
    await this.scopedCampaign(actor, campaignId);
    if (filter.status !== undefined && !(STAGES as readonly string[]).includes(filter.status)) throw fail('status', 'enum', `status: one of ${STAGES.join(', ')}`);
    let q = summaryQuery(this.db).where('p.campaign_id', '=', campaignId).where(() => participantInScope(actor.scope, 'p'));
    if (filter.status !== undefined) q = q.where('p.stage', '=', filter.status);
    if (filter.q !== undefined && filter.q.trim() !== '') q = q.where(matchesQuery(filter.q));
    const page = this.page(filter.limit, filter.offset);
    const rows = await q.orderBy('p.id').limit(page.limit).offset(page.offset).execute();
    const total = await q.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await this.audit.record(actor, { action: 'screening.participants.list', entityType: 'screening_participant', entityId: null, personId: null, institutionId: null, detail: { campaignId, persons: rows.map((r) => r.person_id) } });
    return { items: rows.map(summaryOf), total: Number(total.n) };
  }

  /** A participant in scope, or 404 (audited as denied) exactly like a missing one. */
  private async scopedParticipant(actor: Actor, id: number) {
    const row = await this.db.selectFrom('screening_participant as p').selectAll('p').where('p.id', '=', id).where(() => participantInScope(actor.scope, 'p')).executeTakeFirst();
    if (!row) {
      await this.audit.record(actor, { action: 'screening.participant.read', outcome: 'denied', entityType: 'screening_participant', entityId: String(id), personId: null, institutionId: null, detail: null });
      throw notFound('participant');
    }
    return row;
  }

  private async followUpActionOf(code: ProgrammeCode) {
    const def = (await this.definitions())(code);
    return (exams: readonly { examCode: string; category: string; performedOn: string }[]) => {
      let best: { action: string; dueOn: string } | null = null;
      for (const e of exams) {
        const cat = resultCategory(def, e.examCode, e.category);
        if (!cat?.positive) continue;
        const due = followUpDue(def, e);
        if (due && (best === null || due.dueOn < best.dueOn)) best = due;
      }
      return best?.action ?? null;
    };
  }

  async participant(actor: Actor, id: number, audit = true): Promise<ParticipantDetail> {
    requirePermission(actor, 'screening.read');
    const row = await this.scopedParticipant(actor, id);
    const detail = await participantDetail(this.db, id, await this.followUpActionOf(row.programme_code as ProgrammeCode));
    if (!detail) throw notFound('participant');
    if (audit) await this.audit.record(actor, { action: 'screening.participant.read', entityType: 'screening_participant', entityId: String(id), personId: row.person_id, institutionId: row.institution_id, detail: null });
    return detail;
  }

  /** One change of one participant's path: the write, the flags and the audit row in one transaction. */
  private async change(actor: Actor, id: number, action: string, detail: Record<string, unknown>, write: (tx: Transaction<ScreeningDB>, row: Awaited<ReturnType<ScreeningService['scopedParticipant']>>) => Promise<void>): Promise<ParticipantDetail> {
    requirePermission(actor, 'screening.write');
    const row = await this.scopedParticipant(actor, id);
    const defs = await this.definitions();
    await this.inTransaction(async (tx) => {
      await write(tx, row);
      await refreshFlags(tx, [id], defs);
      await this.auditTx(tx, actor, [{ action, entityType: 'screening_participant', entityId: String(id), personId: row.person_id, institutionId: row.institution_id, detail }]);
    });
    return this.participant(actor, id, false);
  }

  async book(actor: Actor, id: number, input: { slotId?: unknown }): Promise<ParticipantDetail> {
    const slotId = positiveInt(input.slotId, 'slotId');
    return this.change(actor, id, 'screening.book', { slotId }, async (tx, row) => {
      const slot = await tx.selectFrom('screening_slot as s').innerJoin('screening_site as si', 'si.id', 's.site_id').select(['s.id', 'si.campaign_id']).where('s.id', '=', slotId).executeTakeFirst();
      if (!slot || slot.campaign_id !== row.campaign_id) throw fail('slotId', 'unknown', "slotId: not a slot of this participant's campaign");
      if (row.slot_id === slotId) throw new AppError('conflict', 'slotId: the participant is already booked on this slot', [{ field: 'slotId', code: 'duplicate', message: 'slotId: the participant is already booked on this slot' }]);
      const taken = await tx.updateTable('screening_slot').set((eb) => ({ booked: eb('booked', '+', 1) })).where('id', '=', slotId).where(sql<boolean>`booked < capacity`).returning('id').executeTakeFirst();
      if (!taken) throw new AppError('conflict', 'slotId: the slot is full', [{ field: 'slotId', code: 'full', message: 'slotId: the slot is full' }]);
      if (row.slot_id !== null) await tx.updateTable('screening_slot').set((eb) => ({ booked: eb('booked', '-', 1) })).where('id', '=', row.slot_id).where('booked', '>', 0).execute();
      await tx.updateTable('screening_participant').set({ slot_id: slotId, invited_on: row.invited_on ?? this.today() }).where('id', '=', id).execute();
    });
  }

  async checkIn(actor: Actor, id: number): Promise<ParticipantDetail> {
    const today = this.today();
    return this.change(actor, id, 'screening.check-in', { on: today }, async (tx, row) => {
      if (row.checked_in_on !== null) throw new AppError('conflict', `the participant was already checked in on ${row.checked_in_on}`);
      await tx.updateTable('screening_participant').set({ checked_in_on: today, invited_on: row.invited_on ?? today }).where('id', '=', id).execute();
    });
  }

  async questionnaire(actor: Actor, id: number, input: { answers?: unknown }): Promise<ParticipantDetail> {
    requirePermission(actor, 'screening.write');
    const today = this.today();
    const current = await this.scopedParticipant(actor, id);
    const def = (await this.definitions())(current.programme_code as ProgrammeCode);
    const answers = validateAnswers(def.questionnaire, input.answers);
    if (!answers.ok) throw validationError([answers.error]);
    const risk = assessRisk(def, answers.value, { sex: current.sex as Sex, ageYears: current.age });
    return this.change(actor, id, 'screening.questionnaire', { highRisk: risk.highRisk, ruleVersion: risk.ruleVersion }, async (tx, row) => {
      const values = { answers: JSON.stringify(answers.value), risk: JSON.stringify(risk), completed_on: today, entered_by: actor.userId > 0 ? actor.userId : null };
      await tx.insertInto('screening_questionnaire').values({ participant_id: id, ...values }).onConflict((oc) => oc.column('participant_id').doUpdateSet({ ...values, updated_at: new Date() })).execute();
      await tx.updateTable('screening_participant').set({ questionnaire_on: today, checked_in_on: row.checked_in_on ?? today, invited_on: row.invited_on ?? today }).where('id', '=', id).execute();
    });
  }

  /** Checks an exam result against the programme (exam code, category, date); null category = awaiting a remote reading. */
  private examInput(def: ProgrammeDefinition, input: { examCode?: unknown; category?: unknown; performedOn?: unknown; findings?: unknown }, prefix = ''): { examCode: string; category: string | null; performedOn: IsoDate; findings: string | null } {
    const examCode = typeof input.examCode === 'string' ? input.examCode.trim() : '';
    const exam = def.exams.find((e) => e.code === examCode);
    if (!exam) throw fail(`${prefix}examCode`, 'enum', `${prefix}examCode: "${examCode}" is not an exam of the ${def.code} programme (${def.exams.map((e) => e.code).join(', ')})`);
    let category: string | null = null;
    if (input.category !== undefined && input.category !== null && input.category !== '') {
      if (typeof input.category !== 'string' || resultCategory(def, examCode, input.category) === null) {
        throw fail(`${prefix}category`, 'enum', `${prefix}category: "${typeof input.category === 'string' ? input.category : JSON.stringify(input.category)}" is not a result of ${examCode} (${exam.categories.map((c) => c.code).join(', ')})`);
      }
      category = input.category;
    } else if (!exam.remoteReadable) {
      throw fail(`${prefix}category`, 'required', `${prefix}category: the result category is required (${examCode} is not read remotely)`);
    }
    const performedOn = date(input.performedOn, `${prefix}performedOn`, this.today());
    const findings = prefix === '' ? text(input.findings, 'findings', 4000, false) : null;
    return { examCode, category, performedOn, findings };
  }

  async addExam(actor: Actor, id: number, input: { examCode?: unknown; category?: unknown; performedOn?: unknown; findings?: unknown }): Promise<ParticipantDetail['exams'][number]> {
    requirePermission(actor, 'screening.write');
    const current = await this.scopedParticipant(actor, id);
    const exam = this.examInput((await this.definitions())(current.programme_code as ProgrammeCode), input);
    const existing = await this.db.selectFrom('screening_exam').select(['id', 'performed_on']).where('participant_id', '=', id).where('exam_code', '=', exam.examCode).executeTakeFirst();
    if (existing) throw new AppError('conflict', `examCode: ${exam.examCode} already has a result (entered for ${existing.performed_on}); a result is entered once`, [{ field: 'examCode', code: 'duplicate', message: `examCode: ${exam.examCode} already has a result` }]);
    let examId = 0;
    const detail = await this.change(actor, id, 'screening.exam', { examCode: exam.examCode, category: exam.category }, async (tx, row) => {
      const created = await tx.insertInto('screening_exam').values({ participant_id: id, exam_code: exam.examCode, category: exam.category, performed_on: exam.performedOn, findings: exam.findings, entered_by: actor.userId > 0 ? actor.userId : null }).returning('id').executeTakeFirstOrThrow();
      examId = created.id;
      await tx.updateTable('screening_participant').set({ checked_in_on: row.checked_in_on ?? exam.performedOn, invited_on: row.invited_on ?? exam.performedOn }).where('id', '=', id).execute();
    });
    return detail.exams.find((e) => e.id === examId)!;
  }

  /**
   * A batch of results for a campaign (e.g. a lab's FIT or HPV list): every row must name a participant of the
   * campaign in scope and an exam without a result; any bad row refuses the batch (400 naming rows[i].field).
   */
  async importResults(actor: Actor, campaignId: number, input: { rows?: unknown }): Promise<{ recorded: number }> {
    requirePermission(actor, 'screening.write');
    const campaign = await this.scopedCampaign(actor, campaignId);
    if (!Array.isArray(input.rows) || input.rows.length === 0 || input.rows.length > 10_000) throw fail('rows', 'required', 'rows: 1 to 10,000 results');
    const def = (await this.definitions())(campaign.programme_code as ProgrammeCode);
    const errors: FieldError[] = [];
    const parsed: Array<{ i: number; personId: number | null; residentId: string | null; exam: ReturnType<ScreeningService['examInput']> }> = [];
    (input.rows as unknown[]).forEach((raw, i) => {
      const r = (raw ?? {}) as { residentId?: unknown; personId?: unknown; examCode?: unknown; category?: unknown; performedOn?: unknown };
      try {
        const personId = r.personId === undefined || r.personId === null ? null : positiveInt(r.personId, `rows[${i}].personId`);
        const residentId = typeof r.residentId === 'string' && r.residentId.trim() !== '' ? r.residentId.trim().toUpperCase() : null;
        if (personId === null && residentId === null) throw fail(`rows[${i}].residentId`, 'required', `rows[${i}].residentId: a resident ID or a personId is required`);
        const exam = this.examInput(def, { examCode: r.examCode, category: r.category, performedOn: r.performedOn }, `rows[${i}].`);
        if (exam.category === null) throw fail(`rows[${i}].category`, 'required', `rows[${i}].category: the result category is required`);
        parsed.push({ i, personId, residentId, exam });
      } catch (error) {
        if (error instanceof AppError) errors.push(...error.errors);
        else throw error;
      }
    });
    const participants = await this.db
      .selectFrom('screening_participant as p')
      .innerJoin('person as pe', 'pe.id', 'p.person_id')
      .select(['p.id', 'p.person_id', 'pe.resident_id', 'p.checked_in_on', 'p.invited_on'])
      .where('p.campaign_id', '=', campaignId)
      .where(() => participantInScope(actor.scope, 'p'))
      .where((eb) => eb.or([eb('p.person_id', 'in', [...parsed.map((x) => x.personId ?? -1), -1]), eb('pe.resident_id', 'in', [...parsed.map((x) => x.residentId ?? ''), ''])]))
      .execute();
    const byPerson = new Map(participants.map((p) => [p.person_id, p]));
    const byResident = new Map(participants.filter((p) => p.resident_id !== null).map((p) => [p.resident_id!, p]));
    const ids = participants.map((p) => p.id);
    const existing = ids.length === 0 ? [] : await this.db.selectFrom('screening_exam').select(['participant_id', 'exam_code']).where('participant_id', 'in', ids).execute();
    const taken = new Set(existing.map((e) => `${e.participant_id}|${e.exam_code}`));
    const rows: Array<{ participantId: number; personId: number; exam: ReturnType<ScreeningService['examInput']> }> = [];
    for (const x of parsed) {
      const p = x.personId !== null ? byPerson.get(x.personId) : byResident.get(x.residentId!);
      const field = x.personId !== null ? `rows[${x.i}].personId` : `rows[${x.i}].residentId`;
      if (!p) {
        errors.push({ field, code: 'not_in_campaign', message: `${field}: this person is not a participant of the campaign "${campaign.name}"` });
        continue;
      }
      const key = `${p.id}|${x.exam.examCode}`;
      if (taken.has(key)) {
        errors.push({ field: `rows[${x.i}].examCode`, code: 'duplicate', message: `rows[${x.i}].examCode: ${x.exam.examCode} already has a result for this person (a result is entered once)` });
        continue;
      }
      taken.add(key);
      rows.push({ participantId: p.id, personId: p.person_id, exam: x.exam });
    }
    if (errors.length > 0) throw validationError(errors.sort((a, b) => a.field.localeCompare(b.field, 'en', { numeric: true })));
    const defs = await this.definitions();
    await this.inTransaction(async (tx) => {
      for (let i = 0; i < rows.length; i += 1000) {
        await tx.insertInto('screening_exam').values(rows.slice(i, i + 1000).map((r) => ({ participant_id: r.participantId, exam_code: r.exam.examCode, category: r.exam.category, performed_on: r.exam.performedOn, entered_by: actor.userId > 0 ? actor.userId : null }))).execute();
      }
      await sql`update screening_participant p set checked_in_on = coalesce(p.checked_in_on, e.first), invited_on = coalesce(p.invited_on, e.first)
        from (select participant_id, min(performed_on) as first from screening_exam where participant_id in (${sql.join(rows.map((r) => r.participantId))}) group by participant_id) e
        where p.id = e.participant_id`.execute(tx);
      await refreshFlags(tx, rows.map((r) => r.participantId), defs);
      await this.auditTx(tx, actor, [{ action: 'screening.results.import', entityType: 'screening_campaign', entityId: String(campaignId), personId: null, institutionId: campaign.institution_id, detail: { recorded: rows.length, persons: rows.length <= 1000 ? rows.map((r) => r.personId) : undefined } }]);
    });
    return { recorded: rows.length };
  }

  // ---- attachments ---------------------------------------------------------------------------------------------

  private async scopedExam(actor: Actor, examId: number) {
    const exam = await this.db.selectFrom('screening_exam as e').innerJoin('screening_participant as p', 'p.id', 'e.participant_id').select(['e.id', 'e.participant_id', 'e.exam_code', 'e.category', 'p.person_id', 'p.institution_id', 'p.programme_code']).where('e.id', '=', examId).where(() => participantInScope(actor.scope, 'p')).executeTakeFirst();
    if (!exam) throw notFound('exam');
    return exam;
  }

  async addAttachment(actor: Actor, examId: number, input: { fileName?: unknown; mediaType?: unknown; contentBase64?: unknown }): Promise<{ id: number; fileName: string; mediaType: string; size: number }> {
    requirePermission(actor, 'screening.write');
    const exam = await this.scopedExam(actor, examId);
    const fileName = text(input.fileName, 'fileName', 255)!;
    if (typeof input.mediaType !== 'string' || !(ATTACHMENT_TYPES as readonly string[]).includes(input.mediaType)) throw fail('mediaType', 'enum', `mediaType: one of ${ATTACHMENT_TYPES.join(', ')}`);
    if (typeof input.contentBase64 !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(input.contentBase64.replace(/\s/g, ''))) throw fail('contentBase64', 'format', 'contentBase64: the file content in base64');
    const bytes = Buffer.from(input.contentBase64, 'base64');
    if (bytes.length === 0) throw fail('contentBase64', 'empty', 'contentBase64: the file is empty');
    if (bytes.length > MAX_ATTACHMENT_BYTES) throw new AppError('payload_too_large', `contentBase64: the file is ${(bytes.length / 1048576).toFixed(1)} MB; at most 5 MB`, [{ field: 'contentBase64', code: 'too_large', message: 'contentBase64: at most 5 MB' }]);
    const mediaType = input.mediaType;
    const row = await this.inTransaction(async (tx) => {
      const created = await tx.insertInto('screening_attachment').values({ exam_id: examId, file_name: fileName, media_type: mediaType, size: bytes.length, content: bytes, created_by: actor.userId > 0 ? actor.userId : null }).returning('id').executeTakeFirstOrThrow();
      await this.auditTx(tx, actor, [{ action: 'screening.attachment.create', entityType: 'screening_attachment', entityId: String(created.id), personId: exam.person_id, institutionId: exam.institution_id, detail: { examId, fileName, size: bytes.length } }]);
      return created;
    });
    return { id: row.id, fileName, mediaType, size: bytes.length };
  }

  async attachment(actor: Actor, id: number): Promise<{ fileName: string; mediaType: string; content: Buffer }> {
    requirePermission(actor, 'screening.read');
    const row = await this.db
      .selectFrom('screening_attachment as a')
      .innerJoin('screening_exam as e', 'e.id', 'a.exam_id')
      .innerJoin('screening_participant as p', 'p.id', 'e.participant_id')
      .leftJoin('screening_remote_read as r', 'r.exam_id', 'e.id')
      .select(['a.file_name', 'a.media_type', 'a.content', 'p.person_id', 'p.institution_id'])
      .where('a.id', '=', id)
      // The reading institution of a remote read sees the exam's files too.
      .where((eb) => eb.or([participantInScope(actor.scope, 'p'), eb.and([eb('r.id', 'is not', null), institutionInScope(actor.scope, 'r.reading_institution_id')])]))
      .executeTakeFirst();
    if (!row) throw notFound('attachment');
    await this.audit.record(actor, { action: 'screening.attachment.read', entityType: 'screening_attachment', entityId: String(id), personId: row.person_id, institutionId: row.institution_id, detail: null });
    return { fileName: row.file_name, mediaType: row.media_type, content: Buffer.from(row.content) };
  }

  // ---- follow-up and diagnosis ---------------------------------------------------------------------------------

  async followUp(actor: Actor, id: number, input: { event?: unknown; note?: unknown }): Promise<ParticipantDetail> {
    if (typeof input.event !== 'string' || !(FOLLOW_UP_EVENTS as readonly string[]).includes(input.event)) throw fail('event', 'enum', `event: one of ${FOLLOW_UP_EVENTS.join(', ')}`);
    const event = input.event as (typeof FOLLOW_UP_EVENTS)[number];
    const note = text(input.note, 'note', 500, false);
    const today = this.today();
    return this.change(actor, id, 'screening.follow-up', { event, note }, async (tx, row) => {
      if (!row.f_positive) throw new AppError('conflict', 'event: the participant has no positive result to follow up', [{ field: 'event', code: 'not_positive', message: 'event: the participant has no positive result to follow up' }]);
      if (row.follow_up_done_on !== null) throw new AppError('conflict', `event: the follow-up was completed on ${row.follow_up_done_on}`, [{ field: 'event', code: 'done', message: 'event: the follow-up is already completed' }]);
      await tx.insertInto('screening_follow_up_event').values({ participant_id: id, event, note, recorded_on: today, recorded_by: actor.userId > 0 ? actor.userId : null }).execute();
      await tx
        .updateTable('screening_participant')
        .set((eb) => ({
          follow_up_attempts: event === 'attempt' || event === 'unreachable' ? eb('follow_up_attempts', '+', 1) : eb.ref('follow_up_attempts'),
          unreachable: event === 'unreachable' ? true : event === 'done' ? false : row.unreachable,
          follow_up_done_on: event === 'done' ? today : null,
          follow_up_note: note ?? row.follow_up_note,
        }))
        .where('id', '=', id)
        .execute();
    });
  }

  /** The diagnosis after a positive screen; a cancer is registered as a notification (detection: screening). */
  async diagnosis(actor: Actor, id: number, input: { kind?: unknown; date?: unknown; stageGroup?: unknown; topography?: unknown; morphology?: unknown }): Promise<ParticipantDetail> {
    if (typeof input.kind !== 'string' || !(DIAGNOSIS_KINDS as readonly string[]).includes(input.kind)) throw fail('kind', 'enum', `kind: one of ${DIAGNOSIS_KINDS.join(', ')}`);
    const kind = input.kind as DiagnosisKind;
    const today = this.today();
    const day = date(input.date, 'date', today);
    const stageGroup = text(input.stageGroup, 'stageGroup', 8, false);
    if (stageGroup !== null && !/^(0|I|II|III|IV)[ABC]?[0-9]?$/.test(stageGroup)) throw fail('stageGroup', 'format', 'stageGroup: a TNM stage group (0, I, IA1, IIB, …)');
    const topography = text(input.topography, 'topography', 8, false);
    const morphology = text(input.morphology, 'morphology', 8, false);
    const current = await this.scopedParticipant(actor, id);
    const outcome: DiagnosisOutcome = { kind, date: day, stageGroup, topography, morphology };
    let codes: { topography: string; morphology: string; behaviour: number } | null = null;
    if (kind === 'cancer') {
      const c = cancerCodes(outcome, current.sex as Sex);
      if ('field' in c) throw validationError([c]);
      codes = c;
    }
    return this.change(actor, id, 'screening.diagnosis', { kind, date: day, stageGroup }, async (tx, row) => {
      if (row.diagnosis_kind !== null) throw new AppError('conflict', `kind: a diagnosis (${row.diagnosis_kind}, ${row.diagnosis_date}) is already recorded`, [{ field: 'kind', code: 'duplicate', message: 'kind: a diagnosis is already recorded' }]);
      const exams = await tx.selectFrom('screening_exam').select(['performed_on']).where('participant_id', '=', id).where('category', 'is not', null).orderBy('performed_on').execute();
      if (exams.length === 0) throw new AppError('conflict', 'kind: the participant has no screening result yet', [{ field: 'kind', code: 'not_screened', message: 'kind: the participant has no screening result yet' }]);
      if (day < exams[0]!.performed_on) throw fail('date', 'range', `date: before the first screening result (${exams[0]!.performed_on})`);
      let notificationId: number | null = null;
      if (codes !== null) {
        notificationId = await notifyScreenDetectedCancer(tx, { participantId: id, personId: row.person_id, institutionId: row.institution_id, sex: row.sex as Sex, diagnosis: outcome, today });
      }
      await tx
        .updateTable('screening_participant')
        .set({
          diagnosis_kind: kind, diagnosis_date: day, diagnosis_stage: stageGroup, diagnosis_topography: codes?.topography ?? topography, diagnosis_morphology: codes === null ? morphology : `${codes.morphology}/${codes.behaviour}`,
          registry_notification_id: notificationId, follow_up_done_on: row.follow_up_done_on ?? (row.f_positive ? day : null), unreachable: false,
        })
        .where('id', '=', id)
        .execute();
    });
  }

  // ---- remote reading ------------------------------------------------------------------------------------------

  async requestRemoteRead(actor: Actor, examId: number, input: { readingInstitutionId?: unknown }): Promise<RemoteRead> {
    requirePermission(actor, 'screening.write');
    const exam = await this.scopedExam(actor, examId);
    const readingInstitutionId = positiveInt(input.readingInstitutionId, 'readingInstitutionId');
    const def = (await this.definitions())(exam.programme_code as ProgrammeCode);
    if (!def.exams.find((e) => e.code === exam.exam_code)?.remoteReadable) throw fail('examId', 'not_remote', `${exam.exam_code} is not an exam read remotely`);
    const reader = await this.db.selectFrom('institution').select(['id', 'tier']).where('id', '=', readingInstitutionId).where('active', '=', true).executeTakeFirst();
    if (!reader) throw fail('readingInstitutionId', 'unknown', 'readingInstitutionId: no such active institution');
    if (readingInstitutionId === exam.institution_id) throw fail('readingInstitutionId', 'same', 'readingInstitutionId: the reading institution must be another one (a hub or the core hospital)');
    const existing = await this.db.selectFrom('screening_remote_read').select('id').where('exam_id', '=', examId).executeTakeFirst();
    if (existing) throw new AppError('conflict', 'this exam already has a remote reading request', [{ field: 'examId', code: 'duplicate', message: 'examId: already sent for remote reading' }]);
    const id = await this.inTransaction(async (tx) => {
      const row = await tx.insertInto('screening_remote_read').values({ exam_id: examId, requesting_institution_id: exam.institution_id, reading_institution_id: readingInstitutionId, requested_by: actor.userId > 0 ? actor.userId : null }).returning('id').executeTakeFirstOrThrow();
      await this.auditTx(tx, actor, [{ action: 'screening.remote-read.request', entityType: 'screening_remote_read', entityId: String(row.id), personId: exam.person_id, institutionId: exam.institution_id, detail: { examId, readingInstitutionId } }]);
      return row.id;
    });
    return remoteReadOf(await remoteReadQuery(this.db).where('r.id', '=', id).executeTakeFirstOrThrow());
  }

  async remoteReads(actor: Actor, filter: { side?: 'requested' | 'to_read'; status?: string; limit?: number; offset?: number } = {}): Promise<{ items: RemoteRead[] }> {
    requirePermission(actor, 'screening.read');
    const side = filter.side ?? 'to_read';
    let q = remoteReadQuery(this.db).where(() => institutionInScope(actor.scope, side === 'requested' ? 'r.requesting_institution_id' : 'r.reading_institution_id'));
    if (filter.status !== undefined) q = q.where('r.status', '=', filter.status);
    const page = this.page(filter.limit, filter.offset);
    const rows = await q.orderBy('r.requested_at').orderBy('r.id').limit(page.limit).offset(page.offset).execute();
    await this.audit.record(actor, { action: 'screening.remote-reads.list', entityType: 'screening_remote_read', entityId: null, personId: null, institutionId: null, detail: { side, persons: rows.map((r) => r.person_id) } });
    return { items: rows.map(remoteReadOf) };
  }

  private async remoteReadStep(actor: Actor, id: number, side: 'reading' | 'requesting', step: string, write: (tx: Transaction<ScreeningDB>, row: Awaited<ReturnType<ReturnType<typeof remoteReadQuery>['executeTakeFirstOrThrow']>>) => Promise<number[]>): Promise<RemoteRead> {
    requirePermission(actor, 'screening.write');
    const row = await remoteReadQuery(this.db).where('r.id', '=', id).where(() => institutionInScope(actor.scope, side === 'reading' ? 'r.reading_institution_id' : 'r.requesting_institution_id')).executeTakeFirst();
    if (!row) throw notFound('remote read');
    const defs = await this.definitions();
    await this.inTransaction(async (tx) => {
      const changed = await write(tx, row);
      if (changed.length > 0) await refreshFlags(tx, changed, defs);
      await this.auditTx(tx, actor, [{ action: `screening.remote-read.${step}`, entityType: 'screening_remote_read', entityId: String(id), personId: row.person_id, institutionId: row.participant_institution_id, detail: null }]);
    });
    return remoteReadOf(await remoteReadQuery(this.db).where('r.id', '=', id).executeTakeFirstOrThrow());
  }

  async assignRemoteRead(actor: Actor, id: number): Promise<RemoteRead> {
    return this.remoteReadStep(actor, id, 'reading', 'assign', async (tx, row) => {
      if (row.status !== 'requested') throw new AppError('conflict', `the reading is already ${row.status}${row.assigned_to ? ` (${row.assigned_to})` : ''}`);
      await tx.updateTable('screening_remote_read').set({ status: 'assigned', assigned_to: actor.userId > 0 ? actor.userId : null, assigned_at: this.clock.now() }).where('id', '=', id).execute();
      return [];
    });
  }

  async reportRemoteRead(actor: Actor, id: number, input: { category?: unknown; report?: unknown }): Promise<RemoteRead> {
    const report = text(input.report, 'report', 4000)!;
    return this.remoteReadStep(actor, id, 'reading', 'report', async (tx, row) => {
      if (row.status === 'reported' || row.status === 'returned') throw new AppError('conflict', 'the reading is already reported');
      const programme = await tx.selectFrom('screening_participant').select('programme_code').where('id', '=', row.participant_id).executeTakeFirstOrThrow();
      const def = (await this.definitions())(programme.programme_code as ProgrammeCode);
      if (typeof input.category !== 'string' || resultCategory(def, row.exam_code, input.category) === null) throw fail('category', 'enum', `category: not a result of ${row.exam_code}`);
      const now = this.clock.now();
      await tx.updateTable('screening_remote_read').set({ status: 'reported', category: input.category, report, reported_at: now, assigned_at: row.assigned_at ?? now, assigned_to: row.assigned_to === null ? (actor.userId > 0 ? actor.userId : null) : undefined }).where('id', '=', id).execute();
      await tx.updateTable('screening_exam').set({ category: input.category, findings: report }).where('id', '=', row.exam_id).execute();
      return [row.participant_id];
    });
  }

  async acknowledgeRemoteRead(actor: Actor, id: number): Promise<RemoteRead> {
    return this.remoteReadStep(actor, id, 'requesting', 'acknowledge', async (tx, row) => {
      if (row.status !== 'reported') throw new AppError('conflict', row.status === 'returned' ? 'the reading was already acknowledged' : 'the reading has no report yet');
      await tx.updateTable('screening_remote_read').set({ status: 'returned', returned_at: this.clock.now() }).where('id', '=', id).execute();
      return [];
    });
  }

  // ---- worklists -----------------------------------------------------------------------------------------------

  async worklist(actor: Actor, list: Worklist, filter: { campaignId?: number; limit?: number; offset?: number } = {}): Promise<{ items: ParticipantSummary[]; total: number }> {
    requirePermission(actor, 'screening.read');
    if (!(WORKLISTS as readonly string[]).includes(list)) throw fail('list', 'enum', `list: one of ${WORKLISTS.join(', ')}`);
    if (filter.campaignId !== undefined) await this.scopedCampaign(actor, filter.campaignId);
    let q = summaryQuery(this.db).where('p.f_positive', '=', true).where('p.f_follow_up_done', '=', false).where(() => participantInScope(actor.scope, 'p'));
    if (filter.campaignId !== undefined) q = q.where('p.campaign_id', '=', filter.campaignId);
    if (list === 'awaiting_follow_up') q = q.where('p.unreachable', '=', false);
    if (list === 'overdue') q = q.where('p.unreachable', '=', false).where('p.follow_up_due_on', '<', this.today());
    if (list === 'unreachable') q = q.where('p.unreachable', '=', true);
    const page = this.page(filter.limit, filter.offset);
    const rows = await q.orderBy('p.follow_up_due_on').orderBy('p.id').limit(page.limit).offset(page.offset).execute();
    const total = await q.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await this.audit.record(actor, { action: `screening.worklist.${list}`, entityType: 'screening_participant', entityId: null, personId: null, institutionId: null, detail: { persons: rows.map((r) => r.person_id) } });
    return { items: rows.map(summaryOf), total: Number(total.n) };
  }

  // ---- indicators ----------------------------------------------------------------------------------------------

  /**
   * Every indicator (domain INDICATORS / computeIndicators) grouped by campaign, programme, institution, area or
   * period. Screening readers count the participants in their scope; analysts (stats.read, aggregate) all of them.
   */
  async indicators(actor: Actor, query: { by?: string; programme?: string; campaignId?: number; from?: string; to?: string; period?: string }) {
    if (!actor.permissions.has('stats.read')) requirePermission(actor, 'screening.read');
    const by = (query.by ?? 'campaign') as IndicatorGrouping;
    if (!(INDICATOR_GROUPINGS as readonly string[]).includes(by)) throw fail('by', 'enum', `by: one of ${INDICATOR_GROUPINGS.join(', ')}`);
    if (query.programme !== undefined && !isProgrammeCode(query.programme)) throw fail('programme', 'enum', `programme: one of ${Object.keys(PROGRAMMES).join(', ')}`);
    if (query.period !== undefined && query.period !== 'year' && query.period !== 'month') throw fail('period', 'enum', 'period: year or month');
    const from = query.from === undefined ? undefined : date(query.from, 'from');
    const to = query.to === undefined ? undefined : date(query.to, 'to');
    const asOf = this.today();
    const scope = actor.scope.kind === 'aggregate' || actor.scope.kind === 'network' ? null : actor.scope;
    const tallies = await indicatorTallies(this.db, scope, by, {
      asOf, ...(query.programme !== undefined ? { programme: query.programme } : {}), ...(query.campaignId !== undefined ? { campaignId: query.campaignId } : {}),
      ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}), ...(query.period === 'month' ? { period: 'month' as const } : {}),
    });
    const labels = await this.labels(by, tallies.map((t) => t.key));
    const total = sumTallies(tallies);
    return {
      definitions: INDICATORS,
      asOf,
      groups: tallies.map((t) => {
        const tally = tallyOf(t);
        return { key: t.key, label: labels.get(t.key)?.zh ?? t.key, labelEn: labels.get(t.key)?.en ?? t.key, tally, indicators: computeIndicators(tally) };
      }),
      total: { tally: total, indicators: computeIndicators(total) },
    };
  }

  private async labels(by: IndicatorGrouping, keys: readonly string[]): Promise<Map<string, { zh: string; en: string }>> {
    if (keys.length === 0) return new Map();
    switch (by) {
      case 'campaign': {
        const rows = await this.db.selectFrom('screening_campaign').select(['id', 'name']).where('id', 'in', keys.map(Number)).execute();
        return new Map(rows.map((r) => [String(r.id), { zh: r.name, en: r.name }]));
      }
      case 'programme': {
        const views = await this.programmes.load();
        return new Map(keys.map((k) => [k, views.get(k as ProgrammeCode)?.name ?? { zh: k, en: k }]));
      }
      case 'institution': {
        const rows = await this.db.selectFrom('institution').select(['id', 'name_zh', 'name_en']).where('id', 'in', keys.map(Number)).execute();
        return new Map(rows.map((r) => [String(r.id), { zh: r.name_zh, en: r.name_en }]));
      }
      case 'area':
        return new Map(keys.map((k) => [k, DIVISION_NAMES.get(k) ?? { zh: k === '' ? '未知' : k, en: k === '' ? 'unknown' : k }]));
      case 'period':
        return new Map(keys.map((k) => [k, { zh: k, en: k }]));
    }
  }

  // ---- bulk ----------------------------------------------------------------------------------------------------

  /**
   * Records the paths of many participants at once (a township's offline capture synchronised, the demo, the
   * benchmark): answers validated and risk assessed by the domain, exams checked against the programme, flags
   * computed by participantFlags, cancers registered; one transaction and one audit row per chunk.
   */
  async recordPaths(actor: Actor, campaignId: number, items: readonly PathInput[]): Promise<{ recorded: number; notifications: number }> {
    requirePermission(actor, 'screening.write');
    const campaign = await this.scopedCampaign(actor, campaignId, true);
    return recordPaths({ db: this.db, audit: this.audit, today: this.today(), definitions: await this.definitions() }, actor, { id: campaignId, institutionId: campaign.institution_id, programmeCode: campaign.programme_code as ProgrammeCode }, items);
  }
}

export function tallyOf(t: TallyRow): ScreeningTally {
  const { key: _key, ...tally } = t;
  return tally;
}

export function sumTallies(rows: readonly TallyRow[]): ScreeningTally {
  const total: Record<keyof ScreeningTally, number> = {
    invited: 0, participated: 0, questionnaireDone: 0, highRisk: 0, highRiskClinicallyScreened: 0, screened: 0, positive: 0, followUpDone: 0,
    followUpOverdue: 0, cancer: 0, precancer: 0, early: 0, daysPositiveToDiagnosisSum: 0, daysPositiveToDiagnosisCount: 0,
  };
  for (const r of rows) for (const k of Object.keys(total) as (keyof ScreeningTally)[]) total[k] += r[k];
  return total;
}

export type { ParticipantDetail, ParticipantSummary, RemoteRead, ProgrammeView, ListImportReport, Stage };
