/**
 * A cancer diagnosed after a positive screen becomes a registry notification (kind `screening`, method of
 * detection `screening`, basis 7: histology of the primary) of the clinic responsible for the participant, and is
 * consolidated into the person's tumours by the registry's own code (registry/consolidation.ts), with its
 * multiple-primary decision and checks, in the caller's transaction.
 */
import { normaliseTopography } from '@onconet/domain/codes/topography';
import { parseMorphology, isKnownMorphology } from '@onconet/domain/codes/morphology';
import { convertIcdO3ToIcd10 } from '@onconet/domain/codes/icdo3-to-icd10';
import type { FieldError } from '@onconet/domain/common/field-error';
import type { Sex } from '@onconet/domain/common/sex';
import { incidenceDate } from '@onconet/domain/registry/incidence-date';
import type { NotificationRow } from '@onconet/domain/registry/import/notification-row';
import type { DiagnosisOutcome } from '@onconet/domain/screening/types';
import type { RegistryDB } from '@onconet/storage/queries/registry-tables';
import type { ScreeningDB } from '@onconet/storage/queries/screening-tables';
import type { Transaction } from 'kysely';
import { consolidateChunk, type MatchedNotification } from '../registry/consolidation.ts';

/** The source reference of the notification a participant's diagnosis becomes (unique per clinic). */
export const screeningSourceRef = (participantId: number): string => `SCR-${participantId}`;

/** The ICD-O-3 codes of a screen-detected cancer, normalised, or the field that is wrong. */
/** A stage 0 cancer given as `/2` (in situ) keeps behaviour 2; otherwise a cancer is malignant (3). */
export function cancerCodes(d: Pick<DiagnosisOutcome, 'topography' | 'morphology'>, sex: Sex): { topography: string; morphology: string; behaviour: 2 | 3; icd10: string } | FieldError {
  const topography = d.topography === null ? null : normaliseTopography(d.topography);
  if (topography === null) return { field: 'topography', code: 'required', message: 'topography: a cancer needs its ICD-O-3 topography (e.g. C15.5) to be registered' };
  const parsed = d.morphology === null ? null : parseMorphology(d.morphology);
  const morphology = parsed === null ? null : parsed.code;
  if (morphology === null || !isKnownMorphology(morphology)) return { field: 'morphology', code: 'invalid', message: 'morphology: a cancer needs a known ICD-O-3 morphology code (e.g. 8070)' };
  const behaviour = parsed?.behaviour === 2 ? 2 : 3;
  if (parsed?.behaviour !== null && parsed?.behaviour !== undefined && parsed.behaviour !== 2 && parsed.behaviour !== 3) return { field: 'morphology', code: 'behaviour', message: `morphology: a cancer is behaviour /3 (or /2 in situ), not /${parsed.behaviour}` };
  const converted = convertIcdO3ToIcd10({ topography, morphology, behaviour, sex });
  if (!converted.ok) return { field: 'morphology', code: 'combination', message: `morphology: ${morphology}/${behaviour} at ${topography} has no ICD-10 code (${converted.reason})` };
  return { topography, morphology, behaviour, icd10: converted.icd10 };
}

/** Registers one screen-detected cancer; returns the notification's id. */
export async function notifyScreenDetectedCancer(
  tx: Transaction<ScreeningDB>,
  input: { participantId: number; personId: number; institutionId: number; sex: Sex; diagnosis: DiagnosisOutcome; today: string },
): Promise<number> {
  const codes = cancerCodes(input.diagnosis, input.sex);
  if ('field' in codes) throw new Error(codes.message);
  const date = input.diagnosis.date;
  const incidence = incidenceDate([{ kind: 'histology', date }]);
  if (incidence === null) throw new Error('no incidence date');
  const parsed: Pick<NotificationRow, 'kind' | 'sourceRef' | 'reportedOn' | 'tumour'> = {
    kind: 'screening',
    sourceRef: screeningSourceRef(input.participantId),
    reportedOn: input.today,
    tumour: {
      topography: codes.topography, morphology: codes.morphology, behaviour: codes.behaviour, grade: null, laterality: null, basis: 7, icd10: codes.icd10, fromIcd10: false, incidence,
      dates: { incidence: date, histology: date, admission: null, outpatient: null, clinical: null },
      t: null, n: null, m: null, stage: input.diagnosis.stageGroup, detection: 'screening',
    },
  };
  const item: MatchedNotification = {
    row: 0, institutionId: input.institutionId, parsed, received: { screening_participant: String(input.participantId) },
    personId: input.personId, decision: 'link', probability: null, consolidate: true,
  };
  // The registry's code sees the registry's tables of the same transaction.
  await consolidateChunk(tx as unknown as Transaction<RegistryDB>, [item], null, input.today);
  const row = await tx.selectFrom('notification').select('id').where('institution_id', '=', input.institutionId).where('kind', '=', 'screening').where('source_ref', '=', parsed.sourceRef).executeTakeFirstOrThrow();
  return row.id;
}
