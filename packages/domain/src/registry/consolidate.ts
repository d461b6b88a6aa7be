/**
 * Consolidation: the registry's tumour record is built from every notification of that tumour, one field at a
 * time, each field keeping the notification it came from (IARC SP 95, Jensen et al. 1991, ch. 7 "Manual and
 * computerised record linkage": the best information from all sources; ENCR incidence-date recommendation).
 * A field a registrar has overridden is never replaced by a later notification.
 *
 *  - incidence date: the ENCR hierarchy (./incidence-date.ts) — better priority, then earlier date;
 *  - basis of diagnosis: the most valid basis (histology of the primary > autopsy histology > histology of a
 *    metastasis > cytology > tumour markers > … > clinical > DCO > unknown);
 *  - morphology (with its behaviour and grade): a specific morphology replaces an unspecified one
 *    (8000/8001/8010…), then invasive beats in situ beats uncertain beats benign;
 *  - topography: a named subsite replaces an unspecified one (.8/.9) and any site replaces C80;
 *  - grade and laterality: a known value replaces an unknown one;
 *  - TNM and stage group: taken together from the first notification that has them;
 *  - method of detection: the first that is known.
 */
import { isUnspecifiedMorphology } from '../codes/morphology.ts';
import type { IsoDate } from '../common/dates.ts';
import { incidencePriority, type IncidenceEventKind } from './incidence-date.ts';

export const TUMOUR_FIELDS = [
  'incidence_date', 'topography', 'morphology', 'behaviour', 'grade', 'laterality', 'basis', 'icd10',
  't_category', 'n_category', 'm_category', 'stage_group', 'detection',
] as const;
export type TumourFieldName = (typeof TUMOUR_FIELDS)[number];

export interface FieldValue {
  readonly value: string | null;
  /** The notification the value came from; null when a registrar set it. */
  readonly notificationId: number | null;
  readonly overridden: boolean;
}

export type TumourFields = Readonly<Record<TumourFieldName, FieldValue>>;

/** What one notification says about the tumour, as strings the way tumour_field stores them. */
export interface NotificationFacts {
  readonly id: number;
  readonly incidenceDate: IsoDate;
  readonly incidenceEvent: IncidenceEventKind;
  readonly topography: string;
  readonly morphology: string;
  readonly behaviour: number;
  readonly grade: number | null;
  readonly laterality: number | null;
  readonly basis: number;
  readonly icd10: string;
  readonly t: string | null;
  readonly n: string | null;
  readonly m: string | null;
  readonly stage: string | null;
  readonly detection: string;
}

export interface Consolidated {
  readonly fields: TumourFields;
  /** The incidence event kind behind the incidence date (kept on the tumour to rank later dates). */
  readonly incidenceEvent: IncidenceEventKind;
  readonly changed: readonly TumourFieldName[];
}

const BASIS_RANK: Readonly<Record<number, number>> = { 9: 0, 0: 1, 1: 2, 2: 3, 3: 4, 4: 5, 5: 6, 6: 7, 8: 8, 7: 9 };
const BEHAVIOUR_RANK: Readonly<Record<number, number>> = { 9: 0, 0: 1, 1: 2, 2: 3, 3: 4, 6: 4 };

const unspecifiedSubsite = (topography: string) => topography.startsWith('C80') || topography.endsWith('.8') || topography.endsWith('.9');
const str = (v: number | string | null): string | null => (v === null ? null : String(v));

/** The fields of a tumour registered from its first notification. */
export function fieldsFromNotification(n: NotificationFacts): Consolidated {
  const f = (value: number | string | null): FieldValue => ({ value: str(value), notificationId: n.id, overridden: false });
  return {
    fields: {
      incidence_date: f(n.incidenceDate), topography: f(n.topography), morphology: f(n.morphology), behaviour: f(n.behaviour),
      grade: f(n.grade ?? 9), laterality: f(n.laterality ?? 0), basis: f(n.basis), icd10: f(n.icd10),
      t_category: f(n.t), n_category: f(n.n), m_category: f(n.m), stage_group: f(n.stage), detection: f(n.detection),
    },
    incidenceEvent: n.incidenceEvent,
    changed: [...TUMOUR_FIELDS],
  };
}

/** Folds one more notification into a tumour's fields. */
export function mergeNotification(current: TumourFields, currentEvent: IncidenceEventKind, n: NotificationFacts): Consolidated {
  const next: Record<TumourFieldName, FieldValue> = { ...current };
  const changed: TumourFieldName[] = [];
  const take = (field: TumourFieldName, value: number | string | null) => {
    if (current[field].overridden) return;
    const v = str(value);
    if (v === current[field].value && current[field].notificationId !== null) return;
    next[field] = { value: v, notificationId: n.id, overridden: false };
    changed.push(field);
  };
  const cur = (field: TumourFieldName) => current[field].value;

  let incidenceEvent = currentEvent;
  const pNew = incidencePriority(n.incidenceEvent);
  const pOld = incidencePriority(currentEvent);
  if (!current.incidence_date.overridden && (pNew < pOld || (pNew === pOld && n.incidenceDate < (cur('incidence_date') ?? '9999-12-31')))) {
    take('incidence_date', n.incidenceDate);
    incidenceEvent = n.incidenceEvent;
  }

  if ((BASIS_RANK[n.basis] ?? 0) > (BASIS_RANK[Number(cur('basis'))] ?? 0)) take('basis', n.basis);

  const oldMorph = cur('morphology') ?? '8000';
  const oldSpecific = !isUnspecifiedMorphology(oldMorph);
  const newSpecific = !isUnspecifiedMorphology(n.morphology);
  const better = (newSpecific && !oldSpecific) || (newSpecific === oldSpecific && (BEHAVIOUR_RANK[n.behaviour] ?? 0) > (BEHAVIOUR_RANK[Number(cur('behaviour'))] ?? 0));
  if (better && !current.morphology.overridden && !current.behaviour.overridden) {
    take('morphology', n.morphology);
    take('behaviour', n.behaviour);
    if (n.grade !== null && n.grade !== 9) take('grade', n.grade);
  } else if (cur('grade') === '9' && n.grade !== null && n.grade !== 9) take('grade', n.grade);

  const oldTopo = cur('topography') ?? 'C80.9';
  if (!n.topography.startsWith('C80') && (oldTopo.startsWith('C80') || (unspecifiedSubsite(oldTopo) && !unspecifiedSubsite(n.topography) && n.topography.slice(0, 3) === oldTopo.slice(0, 3)))) {
    take('topography', n.topography);
  }

  if ((cur('laterality') === null || ['0', '9'].includes(cur('laterality') ?? '')) && n.laterality !== null && n.laterality >= 1 && n.laterality <= 4) take('laterality', n.laterality);

  const hasStage = (['t_category', 'n_category', 'm_category', 'stage_group'] as const).some((f) => cur(f) !== null || current[f].overridden);
  if (!hasStage && (n.stage !== null || (n.t !== null && n.n !== null && n.m !== null))) {
    take('t_category', n.t);
    take('n_category', n.n);
    take('m_category', n.m);
    take('stage_group', n.stage);
  }

  if ((cur('detection') ?? 'unknown') === 'unknown' && n.detection !== 'unknown') take('detection', n.detection);

  return { fields: next, incidenceEvent, changed };
}

/** A registrar's override: the value and reason win over every notification, now and later. */
export function overrideField(current: TumourFields, field: TumourFieldName, value: string | null): TumourFields {
  return { ...current, [field]: { value, notificationId: null, overridden: true } };
}
