/**
 * A participant's path as the domain sees it (ParticipantPath), read back from its rows, and the flag columns and
 * stage written from it. The flags come only from the domain's `participantFlags`; this file only moves them
 * between the rows and the domain, one chunk of participants at a time.
 */
import { participantFlags } from '@onconet/domain';
import type { IsoDate } from '@onconet/domain/common/dates';
import type { DiagnosisKind, DiagnosisOutcome, ExamRecord, ParticipantFlags, ParticipantPath, ProgrammeCode, ProgrammeDefinition, RiskAssessment } from '@onconet/domain/screening/types';
import type { ScreeningExecutor } from '@onconet/storage/queries/screening-tables';
import { sql } from 'kysely';

export const STAGES = ['targeted', 'invited', 'booked', 'checked_in', 'assessed', 'screened', 'positive', 'diagnosed', 'closed'] as const;
export type Stage = (typeof STAGES)[number];

export interface PathRow {
  readonly id: number;
  readonly programme_code: string;
  readonly slot_id: number | null;
  readonly invited_on: string | null;
  readonly checked_in_on: string | null;
  readonly questionnaire_on: string | null;
  readonly follow_up_done_on: string | null;
  readonly unreachable: boolean;
  readonly diagnosis_kind: string | null;
  readonly diagnosis_date: string | null;
  readonly diagnosis_stage: string | null;
  readonly diagnosis_topography: string | null;
  readonly diagnosis_morphology: string | null;
}

export const parseJson = <T>(value: unknown): T => (typeof value === 'string' ? (JSON.parse(value) as T) : (value as T));

export function diagnosisOf(row: PathRow): DiagnosisOutcome | null {
  if (row.diagnosis_kind === null || row.diagnosis_date === null) return null;
  return { kind: row.diagnosis_kind as DiagnosisKind, date: row.diagnosis_date, stageGroup: row.diagnosis_stage, topography: row.diagnosis_topography, morphology: row.diagnosis_morphology };
}

export function pathOf(row: PathRow, risk: RiskAssessment | null, exams: readonly ExamRecord[]): ParticipantPath {
  return {
    invitedOn: row.invited_on,
    checkedInOn: row.checked_in_on,
    questionnaireOn: row.questionnaire_on,
    risk,
    exams,
    followUpDoneOn: row.follow_up_done_on,
    unreachable: row.unreachable,
    diagnosis: diagnosisOf(row),
  };
}

/** Where the participant is on the path, for lists and filters (the furthest step reached). */
export function stageOf(row: Pick<PathRow, 'slot_id' | 'invited_on' | 'checked_in_on' | 'questionnaire_on' | 'diagnosis_kind'>, flags: ParticipantFlags): Stage {
  if (row.diagnosis_kind !== null) return 'diagnosed';
  if (flags.positive) return flags.followUpDone ? 'closed' : 'positive';
  if (flags.screened) return 'screened';
  if (row.questionnaire_on !== null) return 'assessed';
  if (row.checked_in_on !== null) return 'checked_in';
  if (row.slot_id !== null) return 'booked';
  if (row.invited_on !== null) return 'invited';
  return 'targeted';
}

export interface FlagUpdate {
  readonly id: number;
  readonly stage: Stage;
  readonly flags: ParticipantFlags;
}

const CHUNK = 500;

/** Writes flags and stage of many participants in a few multi-row UPDATE … FROM (VALUES …) statements. */
export async function writeFlags(db: ScreeningExecutor, updates: readonly FlagUpdate[]): Promise<void> {
  for (let i = 0; i < updates.length; i += CHUNK) {
    const part = updates.slice(i, i + CHUNK);
    const values = part.map((u) => {
      const f = u.flags;
      return sql`(${u.id}, ${u.stage}, ${f.invited}, ${f.participated}, ${f.questionnaireDone}, ${f.highRisk}, ${f.highRiskClinicallyScreened}, ${f.screened}, ${f.positive}, ${f.followUpDueOn}, ${f.followUpDone}, ${f.cancer}, ${f.precancer}, ${f.early}, ${f.daysPositiveToDiagnosis})`;
    });
    await sql`
      update screening_participant p set
        stage = v.stage, f_invited = v.a::boolean, f_participated = v.b::boolean, f_questionnaire = v.c::boolean, f_high_risk = v.d::boolean,
        f_high_risk_clinical = v.e::boolean, f_screened = v.f::boolean, f_positive = v.g::boolean, follow_up_due_on = v.due::date,
        f_follow_up_done = v.h::boolean, f_cancer = v.i::boolean, f_precancer = v.j::boolean, f_early = v.k::boolean,
        days_positive_to_diagnosis = v.days::int, updated_at = now()
      from (values ${sql.join(values)}) as v(id, stage, a, b, c, d, e, f, g, due, h, i, j, k, days)
      where p.id = v.id::bigint`.execute(db);
  }
}

/**
 * Recomputes the flags of these participants from their stored path (rows, questionnaire, exams with a result)
 * and writes them: called in the transaction of every change of a path.
 */
export async function refreshFlags(db: ScreeningExecutor, ids: readonly number[], definition: (code: ProgrammeCode) => ProgrammeDefinition): Promise<Map<number, FlagUpdate>> {
  const out = new Map<number, FlagUpdate>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const part = [...new Set(ids.slice(i, i + CHUNK))];
    const rows = await db
      .selectFrom('screening_participant')
      .select(['id', 'programme_code', 'slot_id', 'invited_on', 'checked_in_on', 'questionnaire_on', 'follow_up_done_on', 'unreachable', 'diagnosis_kind', 'diagnosis_date', 'diagnosis_stage', 'diagnosis_topography', 'diagnosis_morphology'])
      .where('id', 'in', part)
      .execute();
    const risks = await db.selectFrom('screening_questionnaire').select(['participant_id', 'risk']).where('participant_id', 'in', part).execute();
    const exams = await db.selectFrom('screening_exam').select(['participant_id', 'exam_code', 'category', 'performed_on']).where('participant_id', 'in', part).where('category', 'is not', null).orderBy('performed_on').orderBy('id').execute();
    const riskOf = new Map(risks.map((r) => [r.participant_id, parseJson<RiskAssessment>(r.risk)]));
    const examsOf = new Map<number, ExamRecord[]>();
    for (const e of exams) examsOf.set(e.participant_id, [...(examsOf.get(e.participant_id) ?? []), { examCode: e.exam_code, category: e.category!, performedOn: e.performed_on }]);
    const updates: FlagUpdate[] = rows.map((row) => {
      const flags = participantFlags(definition(row.programme_code as ProgrammeCode), pathOf(row, riskOf.get(row.id) ?? null, examsOf.get(row.id) ?? []));
      return { id: row.id, stage: stageOf(row, flags), flags };
    });
    await writeFlags(db, updates);
    for (const u of updates) out.set(u.id, u);
  }
  return out;
}

export const isoDay = (d: Date): IsoDate => d.toISOString().slice(0, 10);
