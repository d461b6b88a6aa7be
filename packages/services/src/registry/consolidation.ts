/**
 * Consolidates a chunk of notifications whose persons the MPI has already decided: each notification joins an
 * existing tumour of its person or starts a new one (IARC/IACR 2004 multiple-primary rules), the tumour's fields
 * are merged field by field (domain registry/consolidate.ts), the checks are run again on the result, and the
 * chunk is written back in a few multi-row statements (each tumour's field sources ride on its row).
 */
import type { IsoDate } from '@onconet/domain/common/dates';
import type { Sex } from '@onconet/domain/common/sex';
import { fieldsFromNotification, mergeNotification, type NotificationFacts } from '@onconet/domain/registry/consolidate';
import type { NotificationRow } from '@onconet/domain/registry/import/notification-row';
import { comparePrimaries, type PrimaryDecision } from '@onconet/domain/registry/multiple-primaries';
import type { RegistryExecutor } from '@onconet/storage/queries/registry-tables';
import { plainArray } from '@onconet/storage/queries/array-rows';
import { sql } from 'kysely';
import {
  insertNotifications, insertTumours, replaceTumourChecks, reserveIds, resolveTracebacks, tumoursOfPersons, updateTumours, type NotificationInsert, type TumourInsert, type TumourUpdate,
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
  /** The MPI created the person for this very chunk: no tumour of theirs is stored yet (none is read). */
  readonly newPerson?: boolean;
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
  // One primary-key probe per person (LATERAL, the ids behind a sub-select): planned with the ids in view, the join
  // became a hash join over every person, once per chunk (registry-tumours.ts).
  const { rows } = await sql<{ id: number; sex: number; birth_date: string; death_date: string | null; division_code: string | null }>`
    SELECT p.id, p.sex, p.birth_date, p.death_date, p.division_code FROM unnest((SELECT ${plainArray(ids)}::bigint[])) AS i(id)
    CROSS JOIN LATERAL (SELECT id, sex, birth_date, death_date, division_code FROM person WHERE id = i.id) p`.execute(db);
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

/** What consolidating a chunk reads first: its persons, their tumours and fields, confirmed checks, and ids reserved. */
export interface ChunkInput {
  readonly persons: Map<number, PersonFacts>;
  readonly loaded: Awaited<ReturnType<typeof tumoursOfPersons>>;
  readonly confirmedRows: ReadonlyArray<{ tumour_id: number; rule: string }>;
  readonly reserved: readonly number[];
  readonly tumourIds: readonly number[];
}

export async function loadChunk(db: RegistryExecutor, items: readonly MatchedNotification[]): Promise<ChunkInput> {
  const personIds = [...new Set(items.map((i) => i.personId))];
  // About half of a province-year's notifications are of persons first seen in their chunk.
  const known = [...new Set(items.filter((i) => i.newPerson !== true).map((i) => i.personId))];
  // Sent together: the database runs them back to back while JavaScript does other work.
  const [persons, loaded, reserved, tumourIds] = await Promise.all([
    loadPersonFacts(db, personIds),
    tumoursOfPersons(db, known),
    reserveIds(db, 'notification', items.filter((i) => i.existingId === undefined).length),
    reserveIds(db, 'tumour', items.filter((i) => i.consolidate).length),
  ]);
  // Confirmations of every loaded tumour (those the chunk changes are among them).
  const confirmedRows =
    loaded.tumours.length > 0
      ? await db.selectFrom('tumour_check').select(['tumour_id', 'rule']).where('tumour_id', 'in', loaded.tumours.map((t) => t.id)).where('confirmed_at', 'is not', null).execute()
      : [];
  return { persons, loaded, confirmedRows, reserved, tumourIds };
}

export async function consolidateChunk(db: RegistryExecutor, items: readonly MatchedNotification[], batchId: number | null, today: IsoDate): Promise<ChunkOutcome> {
  return writeChunk(db, planChunk(await loadChunk(db, items), items, batchId, today));
}

export interface ChunkPlan {
  readonly items: number;
  readonly inserts: TumourInsert[];
  readonly updates: Array<{ id: number; set: TumourUpdate }>;
  readonly notificationRows: NotificationInsert[];
  readonly existingUpdates: ReadonlyArray<{ id: number; personId: number; tumourId: number | null; rule: string | null; explanation: string | null }>;
  readonly checkRows: Parameters<typeof replaceTumourChecks>[2][number][];
  readonly dirtyIds: readonly number[];
  readonly created: Map<number, number>;
  readonly counts: Omit<ChunkOutcome, 'notifications' | 'tracebacksResolved'>;
}

/** The decisions, merged fields and checks of a chunk, in memory. */
export function planChunk(input: ChunkInput, items: readonly MatchedNotification[], batchId: number | null, today: IsoDate): ChunkPlan {
  const { persons, loaded, reserved, tumourIds, confirmedRows } = input;
  const overridesByTumour = new Map<number, typeof loaded.overrides>();
  for (const o of loaded.overrides) overridesByTumour.set(o.tumour_id, [...(overridesByTumour.get(o.tumour_id) ?? []), o]);
  const byPerson = new Map<number, TumourState[]>();
  for (const t of loaded.tumours) byPerson.set(t.person_id, [...(byPerson.get(t.person_id) ?? []), stateFromRows(t, overridesByTumour.get(t.id) ?? [])]);

  let nextNotification = 0;
  const notificationIds = items.map((i) => i.existingId ?? reserved[nextNotification++]!);
  const existingUpdates: Array<{ id: number; personId: number; tumourId: number | null; rule: string | null; explanation: string | null }> = [];
  let nextTumour = 0;
  const notificationRows: NotificationInsert[] = [];
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
      status: tumourId === null ? 'new' : 'consolidated', mp_rule: decision?.rule ?? null, mp_explanation: decision?.explanation ?? null,
      received: item.received, topography: t.topography, morphology: t.morphology, behaviour: t.behaviour, grade: t.grade,
      laterality: t.laterality, basis: t.basis, icd10: t.icd10, incidence_date: t.dates.incidence, histology_date: t.dates.histology,
      admission_date: t.dates.admission, outpatient_date: t.dates.outpatient, clinical_date: t.dates.clinical, t_category: t.t, n_category: t.n,
      m_category: t.m, stage_group: t.stage, detection: t.detection,
    });
  });

  const dirty = [...byPerson.values()].flat().filter((s) => s.dirty);
  const confirmed = new Map<number, Set<string>>();
  for (const c of confirmedRows) confirmed.set(c.tumour_id, (confirmed.get(c.tumour_id) ?? new Set()).add(c.rule));

  const inserts: TumourInsert[] = [];
  const updates: Array<{ id: number; set: TumourUpdate }> = [];
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
    for (const r of results) checkRows.push({ tumour_id: s.id, rule: r.rule, severity: r.severity, fields: [...r.fields], message_en: r.message.en, message_zh: r.message.zh });
  }

  return {
    items: items.length, inserts, updates, notificationRows, existingUpdates, checkRows, dirtyIds: dirty.map((s) => s.id), created,
    counts: { newTumours, attached, waiting, multiplePrimariesToConfirm },
  };
}

export async function writeChunk(db: RegistryExecutor, plan: ChunkPlan): Promise<ChunkOutcome> {
  // The tumours first (notifications, checks and trace-backs refer to them), then the rest sent together.
  await Promise.all([insertTumours(db, plan.inserts), updateTumours(db, plan.updates)]);
  const [, , tracebacksResolved] = await Promise.all([
    insertNotifications(db, plan.notificationRows),
    replaceTumourChecks(db, plan.dirtyIds, plan.checkRows),
    resolveTracebacks(db, plan.created),
    ...plan.existingUpdates.map((u) =>
      db.updateTable('notification').set({ person_id: u.personId, tumour_id: u.tumourId, status: u.tumourId === null ? 'new' : 'consolidated', mp_rule: u.rule, mp_explanation: u.explanation }).where('id', '=', u.id).execute(),
    ),
  ]);
  return { notifications: plan.items, ...plan.counts, tracebacksResolved };
}
