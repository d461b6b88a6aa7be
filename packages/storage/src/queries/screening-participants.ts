/**
 * Screening reads filtered by the data scope inside the query: a participant is visible when the clinic
 * responsible for them (`institution_id`) is in scope or, for a region scope, when they reside in the region;
 * a campaign when its institution is in scope or it has participants in scope.
 */
import type { ResolvedScope } from '@onconet/domain';
import { sql, type Expression, type SqlBool } from 'kysely';
import type { ScreeningExecutor } from './screening-tables.ts';

const ids = (scope: { institutionIds: readonly number[] }) => (scope.institutionIds.length > 0 ? [...scope.institutionIds] : [-1]);
const prefixOf = (divisionPrefix: string) => `${divisionPrefix.replace(/[%_\\]/g, '')}%`;

/** The scope predicate on a participant row aliased `alias` (a reference to its table in the query). */
export function participantInScope(scope: ResolvedScope, alias = 'screening_participant'): Expression<SqlBool> {
  switch (scope.kind) {
    case 'network':
      return sql<boolean>`true`;
    case 'aggregate':
      return sql<boolean>`false`;
    case 'institutions': {
      const held = sql<boolean>`${sql.ref(`${alias}.institution_id`)} in (${sql.join(ids(scope))})`;
      if (scope.divisionPrefix === null) return held;
      return sql<boolean>`(${held} or ${sql.ref(`${alias}.division_code`)} COLLATE "C" LIKE ${prefixOf(scope.divisionPrefix)})`;
    }
  }
}

/** Whether an institution is in the scope (institution-level rows: campaigns, sites, remote reads). */
export function institutionInScope(scope: ResolvedScope, column: string): Expression<SqlBool> {
  switch (scope.kind) {
    case 'network':
      return sql<boolean>`true`;
    case 'aggregate':
      return sql<boolean>`false`;
    case 'institutions':
      return sql<boolean>`${sql.ref(column)} in (${sql.join(ids(scope))})`;
  }
}

/** A campaign (aliased `c`) is visible when its institution is in scope or it has participants in scope. */
export function campaignInScope(scope: ResolvedScope, alias = 'c'): Expression<SqlBool> {
  if (scope.kind === 'network') return sql<boolean>`true`;
  if (scope.kind === 'aggregate') return sql<boolean>`false`;
  return sql<boolean>`(${institutionInScope(scope, `${alias}.institution_id`)} or exists (select 1 from screening_participant sp where sp.campaign_id = ${sql.ref(`${alias}.id`)} and ${participantInScope(scope, 'sp')}))`;
}

export interface CampaignCounts {
  readonly targeted: number;
  readonly invited: number;
  readonly participated: number;
  readonly screened: number;
  readonly positive: number;
  readonly cancer: number;
}

/** Counts per campaign over the participants the scope sees (one grouped read for a page of campaigns). */
export async function campaignCounts(db: ScreeningExecutor, scope: ResolvedScope, campaignIds: readonly number[]): Promise<Map<number, CampaignCounts>> {
  if (campaignIds.length === 0) return new Map();
  const { rows } = await sql<{ campaign_id: number; targeted: number; invited: number; participated: number; screened: number; positive: number; cancer: number }>`
    select campaign_id, count(*)::int as targeted, count(*) filter (where f_invited)::int as invited, count(*) filter (where f_participated)::int as participated,
      count(*) filter (where f_screened)::int as screened, count(*) filter (where f_positive)::int as positive, count(*) filter (where f_cancer)::int as cancer
    from screening_participant p
    where campaign_id in (${sql.join([...campaignIds])}) and ${participantInScope(scope, 'p')}
    group by campaign_id`.execute(db);
  return new Map(rows.map((r) => [Number(r.campaign_id), { targeted: Number(r.targeted), invited: Number(r.invited), participated: Number(r.participated), screened: Number(r.screened), positive: Number(r.positive), cancer: Number(r.cancer) }]));
}

export const INDICATOR_GROUPINGS = ['campaign', 'programme', 'institution', 'area', 'period'] as const;
export type IndicatorGrouping = (typeof INDICATOR_GROUPINGS)[number];

export interface IndicatorFilter {
  readonly programme?: string;
  readonly campaignId?: number;
  readonly from?: string;
  readonly to?: string;
  /** For grouping by period. */
  readonly period?: 'year' | 'month';
  /** Follow-ups due before this date and not done count as overdue. */
  readonly asOf: string;
}

/** The tally's sums (ScreeningTally, domain screening/types.ts) for one group. */
export interface TallyRow {
  readonly key: string;
  readonly invited: number;
  readonly participated: number;
  readonly questionnaireDone: number;
  readonly highRisk: number;
  readonly highRiskClinicallyScreened: number;
  readonly screened: number;
  readonly positive: number;
  readonly followUpDone: number;
  readonly followUpOverdue: number;
  readonly cancer: number;
  readonly precancer: number;
  readonly early: number;
  readonly daysPositiveToDiagnosisSum: number;
  readonly daysPositiveToDiagnosisCount: number;
}

function groupKey(by: IndicatorGrouping, filter: IndicatorFilter) {
  switch (by) {
    case 'campaign':
      return sql`p.campaign_id::text`;
    case 'programme':
      return sql`p.programme_code`;
    case 'institution':
      return sql`p.institution_id::text`;
    case 'area':
      // Within one campaign the townships of its catchment; across campaigns the districts and counties.
      return filter.campaignId === undefined ? sql`coalesce(left(p.division_code, 6), '')` : sql`coalesce(p.division_code, '')`;
    case 'period':
      return filter.period === 'month' ? sql`to_char(p.index_date, 'YYYY-MM')` : sql`to_char(p.index_date, 'YYYY')`;
  }
}

/**
 * Every indicator's numerator and denominator as FILTER sums over the participants' flag columns (one scan),
 * grouped by campaign, programme, institution, area or period. Reads personal rows only as counts.
 */
export async function indicatorTallies(db: ScreeningExecutor, scope: ResolvedScope | null, by: IndicatorGrouping, filter: IndicatorFilter): Promise<TallyRow[]> {
  const conditions = [scope === null ? sql`true` : participantInScope(scope, 'p')];
  if (filter.programme !== undefined) conditions.push(sql`p.programme_code = ${filter.programme}`);
  if (filter.campaignId !== undefined) conditions.push(sql`p.campaign_id = ${filter.campaignId}`);
  if (filter.from !== undefined) conditions.push(sql`p.index_date >= ${filter.from}::date`);
  if (filter.to !== undefined) conditions.push(sql`p.index_date <= ${filter.to}::date`);
  const { rows } = await sql<Record<string, string | number>>`
    select ${groupKey(by, filter)} as key,
      count(*) filter (where f_invited)::int as invited,
      count(*) filter (where f_participated)::int as participated,
      count(*) filter (where f_questionnaire)::int as questionnaire_done,
      count(*) filter (where f_high_risk)::int as high_risk,
      count(*) filter (where f_high_risk_clinical)::int as high_risk_clinical,
      count(*) filter (where f_screened)::int as screened,
      count(*) filter (where f_positive)::int as positive,
      count(*) filter (where f_follow_up_done)::int as follow_up_done,
      count(*) filter (where f_positive and not f_follow_up_done and follow_up_due_on < ${filter.asOf}::date)::int as follow_up_overdue,
      count(*) filter (where f_cancer)::int as cancer,
      count(*) filter (where f_precancer)::int as precancer,
      count(*) filter (where f_early)::int as early,
      coalesce(sum(days_positive_to_diagnosis), 0)::bigint as days_sum,
      count(days_positive_to_diagnosis)::int as days_count
    from screening_participant p
    where ${sql.join(conditions, sql` and `)}
    group by 1
    order by 1`.execute(db);
  return rows.map((r) => ({
    key: String(r.key),
    invited: Number(r.invited),
    participated: Number(r.participated),
    questionnaireDone: Number(r.questionnaire_done),
    highRisk: Number(r.high_risk),
    highRiskClinicallyScreened: Number(r.high_risk_clinical),
    screened: Number(r.screened),
    positive: Number(r.positive),
    followUpDone: Number(r.follow_up_done),
    followUpOverdue: Number(r.follow_up_overdue),
    cancer: Number(r.cancer),
    precancer: Number(r.precancer),
    early: Number(r.early),
    daysPositiveToDiagnosisSum: Number(r.days_sum),
    daysPositiveToDiagnosisCount: Number(r.days_count),
  }));
}
