/**
 * The registrar's worklists and the tumour record, each filtered by the data scope inside the query (the
 * person must be in scope, exactly as for person reads), ordered and paged in SQL.
 */
import type { ResolvedScope } from '@onconet/domain';
import { sql, type ExpressionBuilder } from 'kysely';
import type { DB } from '../schema.ts';
import { personInScope } from './scope-filter.ts';
import type { RegistryExecutor } from './registry-tables.ts';

/** Ids of persons in scope, as a subquery. */
export function scopedPersons(db: RegistryExecutor, scope: ResolvedScope) {
  return db.selectFrom('person').select('person.id').where((eb) => personInScope(eb as unknown as ExpressionBuilder<DB, 'person'>, scope));
}

export interface Page {
  readonly limit: number;
  readonly offset: number;
}

export async function waitingNotifications(db: RegistryExecutor, scope: ResolvedScope, page: Page) {
  return db
    .selectFrom('notification as n')
    .innerJoin('person as p', 'p.id', 'n.person_id')
    .innerJoin('institution as i', 'i.id', 'n.institution_id')
    .select(['n.id', 'n.kind', 'n.source_ref as sourceRef', 'n.reported_on as reportedOn', 'n.topography', 'n.morphology', 'n.behaviour', 'n.basis', 'n.icd10', 'n.match_decision as matchDecision', 'n.match_probability as matchProbability', 'p.id as personId', 'p.name as personName', 'i.code as institutionCode', 'i.name_zh as institutionName'])
    .where('n.status', '=', 'new')
    .where('n.person_id', 'in', scopedPersons(db, scope))
    .orderBy('n.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function tumourWorklist(db: RegistryExecutor, scope: ResolvedScope, list: 'checks' | 'primaries', page: Page) {
  let q = db
    .selectFrom('tumour as t')
    .innerJoin('person as p', 'p.id', 't.person_id')
    .select(['t.id', 't.person_id as personId', 'p.name as personName', 't.incidence_date as incidenceDate', 't.topography', 't.morphology', 't.behaviour', 't.basis', 't.icd10', 't.check_status as checkStatus', 't.mp_status as mpStatus', 't.mp_rule as mpRule', 't.mp_explanation as mpExplanation'])
    .where('t.person_id', 'in', scopedPersons(db, scope));
  q = list === 'checks' ? q.where('t.check_status', '<>', 'passed') : q.where('t.mp_status', '=', 'pending');
  const rows = await q.orderBy('t.id').limit(page.limit).offset(page.offset).execute();
  if (list !== 'checks' || rows.length === 0) return rows.map((r) => ({ ...r, checks: [] as Array<{ rule: string; severity: string; messageEn: string; messageZh: string; confirmed: boolean }> }));
  const checks = await db.selectFrom('tumour_check').select(['tumour_id', 'rule', 'severity', 'message_en', 'message_zh', 'confirmed_at']).where('tumour_id', 'in', rows.map((r) => r.id)).orderBy('severity').orderBy('rule').execute();
  return rows.map((r) => ({ ...r, checks: checks.filter((c) => c.tumour_id === r.id).map((c) => ({ rule: c.rule, severity: c.severity, messageEn: c.message_en, messageZh: c.message_zh, confirmed: c.confirmed_at !== null })) }));
}

export async function tracebackWorklist(db: RegistryExecutor, scope: ResolvedScope, status: 'open' | 'resolved' | 'registered_dco', page: Page) {
  return db
    .selectFrom('traceback_task as t')
    .innerJoin('death_record as d', 'd.id', 't.death_record_id')
    .innerJoin('person as p', 'p.id', 't.person_id')
    .innerJoin('institution as i', 'i.id', 't.institution_id')
    .select(['t.id', 't.status', 't.due_on as dueOn', 't.tumour_id as tumourId', 't.note', 'd.death_date as deathDate', 'd.underlying_cause as underlyingCause', 'd.source_ref as certificate', 'p.id as personId', 'p.name as personName', 'i.code as institutionCode', 'i.name_zh as institutionName'])
    .where('t.status', '=', status)
    .where('t.person_id', 'in', scopedPersons(db, scope))
    .orderBy('t.due_on')
    .orderBy('t.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function tumourInScope(db: RegistryExecutor, scope: ResolvedScope, id: number) {
  return db.selectFrom('tumour').selectAll().where('id', '=', id).where('person_id', 'in', scopedPersons(db, scope)).executeTakeFirst();
}

export interface TumourFieldDetail {
  readonly field: string;
  readonly value: string | null;
  readonly notificationId: number | null;
  readonly sourceRef: string | null;
  readonly sourceKind: string | null;
  readonly institutionCode: string | null;
  readonly overrideReason: string | null;
  readonly overriddenAt: Date | null;
}

/** Each consolidated field with its source (notification, its kind and institution) or the registrar's override. */
export async function tumourDetail(db: RegistryExecutor, id: number) {
  const { rows: fields } = await sql<TumourFieldDetail>`
    SELECT f.field, CASE WHEN o.field IS NULL THEN s.value ->> 'value' ELSE o.value END AS value, n.id AS "notificationId", n.source_ref AS "sourceRef",
           n.kind AS "sourceKind", i.code AS "institutionCode", o.override_reason AS "overrideReason", o.overridden_at AS "overriddenAt"
    FROM tumour t
    CROSS JOIN LATERAL (SELECT k AS field FROM jsonb_object_keys(t.field_sources) k UNION SELECT field FROM tumour_override WHERE tumour_id = t.id) f
    LEFT JOIN tumour_override o ON o.tumour_id = t.id AND o.field = f.field
    LEFT JOIN LATERAL (SELECT t.field_sources -> f.field AS value) s ON o.field IS NULL
    LEFT JOIN notification n ON n.id = (s.value ->> 'notification')::bigint
    LEFT JOIN institution i ON i.id = n.institution_id
    WHERE t.id = ${id}
    ORDER BY f.field`.execute(db);
  const checks = await db.selectFrom('tumour_check').select(['rule', 'severity', 'fields', 'message_en as messageEn', 'message_zh as messageZh', 'confirm_reason as confirmReason', 'confirmed_at as confirmedAt']).where('tumour_id', '=', id).orderBy('severity').orderBy('rule').execute();
  const notifications = await db
    .selectFrom('notification as n')
    .innerJoin('institution as i', 'i.id', 'n.institution_id')
    .select(['n.id', 'n.kind', 'n.source_ref as sourceRef', 'n.reported_on as reportedOn', 'i.code as institutionCode', 'i.name_zh as institutionName', 'n.topography', 'n.morphology', 'n.behaviour', 'n.basis', 'n.icd10', 'n.mp_rule as mpRule', 'n.mp_explanation as mpExplanation'])
    .where('n.tumour_id', '=', id)
    .orderBy('n.reported_on')
    .execute();
  return { fields, checks, notifications };
}
