/**
 * Screening reads filtered by the data scope inside the query: a participant is visible when the clinic
 * responsible for them (`institution_id`) is in scope or, for a region scope, when they reside in the region;
 * a campaign when its institution is in scope or it has participants in scope.
 */
import type { ResolvedScope } from '@onconet/domain';
import type { ScreeningTally } from '@onconet/domain/screening/types';
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

/** The tally's sums for one group: the domain's ScreeningTally, keyed. */
export type TallyRow = ScreeningTally & { readonly key: string };

const firstOfMonth = (d: string) => `${d.slice(0, 7)}-01`;
const nextMonth = (d: string) => {
  const [y, m] = [Number(d.slice(0, 4)), Number(d.slice(5, 7))];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
};

/** The grouping key over participant rows (`p`) or the tally cube (`c`, migration 0010). */
function groupKey(by: IndicatorGrouping, filter: IndicatorFilter, source: 'p' | 'c') {
  const ref = (column: string) => sql.ref(`${source}.${column}`);
  switch (by) {
    case 'campaign':
      return sql`${ref('campaign_id')}::text`;
    case 'programme':
      return ref('programme_code');
    case 'institution':
      return sql`${ref('institution_id')}::text`;
    case 'area':
      // Within one campaign the townships of its catchment; across campaigns the districts and counties.
      return filter.campaignId === undefined ? sql`coalesce(left(${ref('division_code')}, 6), '')` : sql`coalesce(${ref('division_code')}, '')`;
    case 'period': {
      const day = source === 'c' ? ref('period_month') : ref('index_date');
      return filter.period === 'month' ? sql`to_char(${day}, 'YYYY-MM')` : sql`to_char(${day}, 'YYYY')`;
    }
  }
}

function conditions(scope: ResolvedScope | null, filter: IndicatorFilter, source: 'p' | 'c') {
  const ref = (column: string) => sql.ref(`${source}.${column}`);
  const out = [scope === null ? sql`true` : participantInScope(scope, source)];
  if (filter.programme !== undefined) out.push(sql`${ref('programme_code')} = ${filter.programme}`);
  if (filter.campaignId !== undefined) out.push(sql`${ref('campaign_id')} = ${filter.campaignId}`);
  // Periods are whole months (the cube's grain): from the month of `from` to the month of `to`.
  const day = source === 'c' ? ref('period_month') : ref('index_date');
  if (filter.from !== undefined) out.push(sql`${day} >= ${firstOfMonth(filter.from)}::date`);
  if (filter.to !== undefined) out.push(sql`${day} < ${nextMonth(filter.to)}::date`);
  return sql.join(out, sql` and `);
}

type RawTally = Record<string, string | number>;
const tallyRow = (r: RawTally, overdue: number): TallyRow => ({
  key: String(r.key),
  invited: Number(r.invited),
  participated: Number(r.participated),
  questionnaireDone: Number(r.questionnaire_done),
  highRisk: Number(r.high_risk),
  highRiskClinicallyScreened: Number(r.high_risk_clinical),
  screened: Number(r.screened),
  positive: Number(r.positive),
  followUpDone: Number(r.follow_up_done),
  followUpOverdue: overdue,
  cancer: Number(r.cancer),
  precancer: Number(r.precancer),
  early: Number(r.early),
  daysPositiveToDiagnosisSum: Number(r.days_sum),
  daysPositiveToDiagnosisCount: Number(r.days_count),
});

/**
 * Every indicator's numerator and denominator, grouped by campaign, programme, institution, area or period, from the
 * tally cube kept by migration 0010's triggers (thousands of rows instead of millions); overdue follow-ups, which
 * depend on the day, are counted from the open positives (a partial index). Reads personal rows only as counts.
 */
export async function indicatorTallies(db: ScreeningExecutor, scope: ResolvedScope | null, by: IndicatorGrouping, filter: IndicatorFilter): Promise<TallyRow[]> {
  const { rows } = await sql<RawTally>`
    select ${groupKey(by, filter, 'c')} as key,
      sum(invited)::bigint as invited, sum(participated)::bigint as participated, sum(questionnaire_done)::bigint as questionnaire_done,
      sum(high_risk)::bigint as high_risk, sum(high_risk_clinical)::bigint as high_risk_clinical, sum(screened)::bigint as screened,
      sum(positive)::bigint as positive, sum(follow_up_done)::bigint as follow_up_done, sum(cancer)::bigint as cancer, sum(precancer)::bigint as precancer,
      sum(early)::bigint as early, sum(days_sum)::bigint as days_sum, sum(days_count)::bigint as days_count
    from screening_tally_cube c
    where ${conditions(scope, filter, 'c')}
    group by 1
    having sum(participants) > 0
    order by 1`.execute(db);
  const overdue = await sql<{ key: string; n: number }>`
    select ${groupKey(by, filter, 'p')} as key, count(*)::int as n
    from screening_participant p
    where p.f_positive and not p.f_follow_up_done and p.follow_up_due_on < ${filter.asOf}::date and ${conditions(scope, filter, 'p')}
    group by 1`.execute(db);
  const late = new Map(overdue.rows.map((r) => [String(r.key), Number(r.n)]));
  return rows.map((r) => tallyRow(r, late.get(String(r.key)) ?? 0));
}

/** The same tallies by one scan of the participants (the cube's reference: tests compare the two). */
export async function indicatorTalliesByScan(db: ScreeningExecutor, scope: ResolvedScope | null, by: IndicatorGrouping, filter: IndicatorFilter): Promise<TallyRow[]> {
  const { rows } = await sql<RawTally>`
    select ${groupKey(by, filter, 'p')} as key,
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
    where ${conditions(scope, filter, 'p')}
    group by 1
    order by 1`.execute(db);
  return rows.map((r) => tallyRow(r, Number(r.follow_up_overdue)));
}
