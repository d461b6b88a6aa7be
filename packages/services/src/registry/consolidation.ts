/**
 * Consolidates a chunk of notifications whose persons the MPI has already decided: each notification joins an
 * existing tumour of its person or starts a new one (IARC/IACR 2004 multiple-primary rules), the tumour's fields
 * are merged field by field (domain registry/consolidate.ts), the checks are run again on the result, and the
 * chunk is written back in a few multi-row statements.
 */
import type { IsoDate } from '@onconet/domain/common/dates';
import type { Sex } from '@onconet/domain/common/sex';
import { fieldsFromNotification, mergeNotification, type NotificationFacts } from '@onconet/domain/registry/consolidate';
import type { NotificationRow } from '@onconet/domain/registry/import/notification-row';
import { comparePrimaries, type PrimaryDecision } from '@onconet/domain/registry/multiple-primaries';
import type { RegistryExecutor } from '@onconet/storage/queries/registry-tables';
import {
  insertNotifications, insertTumourFields, insertTumours, replaceTumourChecks, reserveIds, resolveTracebacks, tumoursOfPersons, updateTumours, upsertTumourFields,
} from '@onconet/storage/queries/registry-tumours';
import { checkStatusOf, deriveIcd10, stateFromRows, tumourChecks, tumourColumns, type PersonFacts, type TumourState } from './tumour-state.ts';

export interface MatchedNotification {
  readonly row: number;
  readonly institutionId: number;
  readonly parsed: Pick<NotificationRow, 'kind' | 'sourceRef' | 'reportedOn' | 'tumour'>;
  /** A notification already stored (waiting on the worklist): updated instead of inserted. */
  readonly existingId?: number;
  readonly received: Readonly<Record<string, string>>;
  readonly personId: number;
  readonly decision: string;
  readonly probability: number | null;
  /** False when the MPI could not decide (review): the notification waits on the worklist. */
  readonly consolidate: boolean;
}

export interface ChunkOutcome {
  readonly notifications: number;
  readonly newTumours: number;
  readonly attached: number;
  readonly waiting: number;
  readonly multiplePrimariesToConfirm: number;
  readonly tracebacksResolved: number;
}

export function factsOf(id: number, p: Pick<NotificationRow, 'tumour'>): NotificationFacts {
  const t = p.tumour;
  return {
    id, incidenceDate: t.incidence.date, incidenceEvent: t.incidence.event.kind, topography: t.topography, morphology: t.morphology, behaviour: t.behaviour,
    grade: t.grade, laterality: t.laterality, basis: t.basis, icd10: t.icd10, t: t.t, n: t.n, m: t.m, stage: t.stage, detection: t.detection,
  };
}

export async function loadPersonFacts(db: RegistryExecutor, ids: readonly number[]): Promise<Map<number, PersonFacts>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('person').select(['id', 'sex', 'birth_date', 'death_date', 'division_code']).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((r) => [r.id, { sex: r.sex as Sex, birthDate: r.birth_date, deathDate: r.death_date, divisionCode: r.division_code }]));
}

const candidateOf = (s: TumourState) => ({ id: String(s.id), topography: s.fields.topography.value ?? 'C80.9', morphology: s.fields.morphology.value ?? '8000', incidenceDate: s.fields.incidence_date.value });

/** The first "same" decision against the person's tumours, else the last "new" one (as decidePrimaries). */
function decide(states: readonly TumourState[], candidate: NotificationFacts): { decision: PrimaryDecision; tumour: TumourState | null } {
  let last: PrimaryDecision = { kind: 'new', rule: 'IARC/IACR 2004 rule 2', explanation: { en: 'first primary tumour of this person', zh: '该人的第一个原发肿瘤' } };
  for (const s of states) {
    const d = comparePrimaries(candidateOf(s), { id: 'new', topography: candidate.topography, morphology: candidate.morphology, incidenceDate: candidate.incidenceDate });
    if (d.kind === 'same') return { decision: d, tumour: s };
    last = d;
  }
  return { decision: last, tumour: null };
}

export async function consolidateChunk(db: RegistryExecutor, items: readonly MatchedNotification[], batchId: number | null, today: IsoDate): Promise<ChunkOutcome> {
  const personIds = [...new Set(items.map((i) => i.personId))];
  const persons = await loadPersonFacts(db, personIds);
  const loaded = await tumoursOfPersons(db, personIds);
  const fieldsByTumour = new Map<number, typeof loaded.fields>();
  for (const f of loaded.fields) fieldsByTumour.set(f.tumour_id, [...(fieldsByTumour.get(f.tumour_id) ?? []), f]);
  const byPerson = new Map<number, TumourState[]>();
  for (const t of loaded.tumours) byPerson.set(t.person_id, [...(byPerson.get(t.person_id) ?? []), stateFromRows(t, fieldsByTumour.get(t.id) ?? [])]);

  const reserved = await reserveIds(db, 'notification', items.filter((i) => i.existingId === undefined).length);
  let nextNotification = 0;
  const notificationIds = items.map((i) => i.existingId ?? reserved[nextNotification++]!);
  const existingUpdates: Array<{ id: number; personId: number; tumourId: number | null; rule: string | null; explanation: string | null }> = [];
  const consolidating = items.filter((i) => i.consolidate).length;
  const tumourIds = await reserveIds(db, 'tumour', consolidating);
  let nextTumour = 0;
  const notificationRows: Parameters<typeof insertNotifications>[1][number][] = [];
  let newTumours = 0;
  let attached = 0;
  let waiting = 0;

  items.forEach((item, index) => {
    const id = notificationIds[index]!;
    const p = item.parsed;
    const t = p.tumour;
    const facts = factsOf(id, p);
    let tumourId: number | null = null;
    let decision: PrimaryDecision | null = null;
    if (item.consolidate) {
      const states = byPerson.get(item.personId) ?? [];
      const decided = decide(states, facts);
      decision = decided.decision;
      if (decided.tumour) {
        const s = decided.tumour;
        const merged = mergeNotification(s.fields, s.incidenceEvent, facts);
        s.fields = merged.fields;
        s.incidenceEvent = merged.incidenceEvent;
        for (const c of merged.changed) s.changed.add(c);
        if (p.reportedOn < s.firstReportedOn) s.firstReportedOn = p.reportedOn;
        s.dirty = true;
        tumourId = s.id;
        attached += 1;
      } else {
        const created = fieldsFromNotification(facts);
        const s: TumourState = {
          id: tumourIds[nextTumour++]!, personId: item.personId, isNew: true, fields: created.fields, incidenceEvent: created.incidenceEvent,
          institutionId: item.institutionId, firstReportedOn: p.reportedOn, mpStatus: states.length === 0 ? 'single' : 'pending',
          mpRule: decision.rule, mpExplanation: decision.explanation, changed: new Set(created.changed), dirty: true,
        };
        byPerson.set(item.personId, [...states, s]);
        tumourId = s.id;
        newTumours += 1;
      }
    } else waiting += 1;
    if (item.existingId !== undefined) {
      existingUpdates.push({ id, personId: item.personId, tumourId, rule: decision?.rule ?? null, explanation: decision ? JSON.stringify(decision.explanation) : null });
      return;
    }
    notificationRows.push({
      id, institution_id: item.institutionId, kind: p.kind, source_ref: p.sourceRef, reported_on: p.reportedOn, batch_id: batchId, row_number: item.row,
      person_id: item.personId, match_decision: item.decision, match_probability: item.probability, tumour_id: tumourId,
      status: tumourId === null ? 'new' : 'consolidated', mp_rule: decision?.rule ?? null, mp_explanation: decision ? JSON.stringify(decision.explanation) : null,
      received: JSON.stringify(item.received), topography: t.topography, morphology: t.morphology, behaviour: t.behaviour, grade: t.grade,
      laterality: t.laterality, basis: t.basis, icd10: t.icd10, incidence_date: t.dates.incidence, histology_date: t.dates.histology,
      admission_date: t.dates.admission, outpatient_date: t.dates.outpatient, clinical_date: t.dates.clinical, t_category: t.t, n_category: t.n,
      m_category: t.m, stage_group: t.stage, detection: t.detection,
    });
  });

  const dirty = [...byPerson.values()].flat().filter((s) => s.dirty);
  const confirmedRows = dirty.some((s) => !s.isNew)
    ? await db.selectFrom('tumour_check').select(['tumour_id', 'rule']).where('tumour_id', 'in', dirty.filter((s) => !s.isNew).map((s) => s.id)).where('confirmed_at', 'is not', null).execute()
    : [];
  const confirmed = new Map<number, Set<string>>();
  for (const c of confirmedRows) confirmed.set(c.tumour_id, (confirmed.get(c.tumour_id) ?? new Set()).add(c.rule));

  const inserts: Parameters<typeof insertTumours>[1][number][] = [];
  const updates: Parameters<typeof updateTumours>[1][number][] = [];
  const fieldRows: Parameters<typeof upsertTumourFields>[1][number][] = [];
  const checkRows: Parameters<typeof replaceTumourChecks>[2][number][] = [];
  const created = new Map<number, number>();
  let multiplePrimariesToConfirm = 0;
  for (const s of dirty) {
    const person = persons.get(s.personId);
    if (!person) throw new Error(`person ${s.personId} vanished during consolidation`);
    const icd10 = deriveIcd10(s.fields, person.sex);
    if (icd10 !== s.fields.icd10.value && !s.fields.icd10.overridden) {
      s.fields = { ...s.fields, icd10: { value: icd10, notificationId: s.fields.morphology.notificationId ?? s.fields.icd10.notificationId, overridden: false } };
      s.changed.add('icd10');
    }
    const results = tumourChecks(s, person, today);
    const status = checkStatusOf(results, confirmed.get(s.id) ?? new Set());
    const columns = tumourColumns(s, person, status);
    if (s.isNew) {
      inserts.push({ id: s.id, person_id: s.personId, ...columns });
      if (s.mpStatus === 'pending') multiplePrimariesToConfirm += 1;
      if (!created.has(s.personId)) created.set(s.personId, s.id);
    } else updates.push({ id: s.id, set: columns });
    for (const field of s.changed) {
      const f = s.fields[field];
      if (f.notificationId !== null && !f.overridden) fieldRows.push({ tumour_id: s.id, field, value: f.value, notification_id: f.notificationId, override_reason: null, overridden_by: null, overridden_at: null });
    }
    for (const r of results) checkRows.push({ tumour_id: s.id, rule: r.rule, severity: r.severity, fields: [...r.fields], message_en: r.message.en, message_zh: r.message.zh });
  }

  await insertTumours(db, inserts);
  await updateTumours(db, updates);
  await insertNotifications(db, notificationRows);
  for (const u of existingUpdates) {
    await db.updateTable('notification').set({ person_id: u.personId, tumour_id: u.tumourId, status: u.tumourId === null ? 'new' : 'consolidated', mp_rule: u.rule, mp_explanation: u.explanation }).where('id', '=', u.id).execute();
  }
  const createdIds = new Set(inserts.map((t) => t.id));
  await insertTumourFields(db, fieldRows.filter((f) => createdIds.has(f.tumour_id)));
  await upsertTumourFields(db, fieldRows.filter((f) => !createdIds.has(f.tumour_id)));
  await replaceTumourChecks(db, dirty.map((s) => s.id), checkRows);
  const tracebacksResolved = await resolveTracebacks(db, created);
  return { notifications: items.length, newTumours, attached, waiting, multiplePrimariesToConfirm, tracebacksResolved };
}
