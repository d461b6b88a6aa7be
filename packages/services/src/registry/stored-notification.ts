/**
 * Notifications that do not come from a file row: one already stored and waiting on the worklist (read back
 * from its columns), and the death-certificate-only notification made from an unresolved trace-back.
 */
import type { BasisCode } from '@onconet/domain/codes/basis';
import type { Grade } from '@onconet/domain/codes/behaviour-grade';
import type { Behaviour } from '@onconet/domain/codes/morphology';
import { icdO3FromIcd10 } from '@onconet/domain/registry/import/icd10-only';
import type { Detection, NotificationKind, NotificationRow } from '@onconet/domain/registry/import/notification-row';
import { incidenceDate, type IncidenceEvent } from '@onconet/domain/registry/incidence-date';
import type { Selectable } from 'kysely';
import type { NotificationTable } from '@onconet/storage/queries/registry-tables';

type Parsed = Pick<NotificationRow, 'kind' | 'sourceRef' | 'reportedOn' | 'tumour'>;

export function parsedFromStored(n: Selectable<NotificationTable>): Parsed | null {
  const events: IncidenceEvent[] = [];
  if (n.histology_date) events.push({ kind: 'histology', date: n.histology_date });
  if (n.admission_date) events.push({ kind: 'admission', date: n.admission_date });
  if (n.outpatient_date) events.push({ kind: 'outpatient', date: n.outpatient_date });
  if (n.clinical_date) events.push({ kind: 'clinicalDiagnosis', date: n.clinical_date });
  if (n.incidence_date) events.push({ kind: n.kind === 'death_certificate' ? 'death' : 'clinicalDiagnosis', date: n.incidence_date });
  const incidence = incidenceDate(events);
  if (!incidence || !n.topography || !n.morphology || n.behaviour === null || n.basis === null || !n.icd10) return null;
  return {
    kind: n.kind as NotificationKind, sourceRef: n.source_ref, reportedOn: n.reported_on,
    tumour: {
      topography: n.topography, morphology: n.morphology, behaviour: n.behaviour as Behaviour, grade: n.grade as Grade | null, laterality: n.laterality, basis: n.basis as BasisCode,
      icd10: n.icd10, fromIcd10: false, incidence,
      dates: { incidence: n.incidence_date, histology: n.histology_date, admission: n.admission_date, outpatient: n.outpatient_date, clinical: n.clinical_date },
      t: n.t_category, n: n.n_category, m: n.m_category, stage: n.stage_group, detection: (n.detection ?? 'unknown') as Detection,
    },
  };
}

/** DCO (basis 0): incidence date is the date of death (ENCR priority 5), codes from the underlying cause. */
export function dcoNotification(death: { sourceRef: string; deathDate: string; underlyingCause: string }, today: string): Parsed | null {
  const codes = icdO3FromIcd10(death.underlyingCause);
  if (!codes) return null;
  const incidence = incidenceDate([{ kind: 'death', date: death.deathDate }]);
  if (!incidence) return null;
  return {
    kind: 'death_certificate', sourceRef: `DCO:${death.sourceRef}`.slice(0, 64), reportedOn: today,
    tumour: {
      ...codes, grade: null, laterality: null, basis: 0, icd10: death.underlyingCause, fromIcd10: true, incidence,
      dates: { incidence: death.deathDate, histology: null, admission: null, outpatient: null, clinical: null }, t: null, n: null, m: null, stage: null, detection: 'death_certificate',
    },
  };
}
