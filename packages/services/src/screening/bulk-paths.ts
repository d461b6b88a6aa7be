/**
 * Records many participants' paths at once — a township's offline capture synchronised, the demo's campaigns, the
 * benchmark's 100,000 invitees — through the same rules as the one-at-a-time use cases: answers validated and risk
 * assessed by the domain, exam results checked against the programme, flags from participantFlags, cancers
 * registered as notifications; a chunk is one transaction with one audit row.
 */
import { assessRisk, resultCategory, validateAnswers } from '@onconet/domain';
import type { IsoDate } from '@onconet/domain/common/dates';
import type { FieldError } from '@onconet/domain/common/field-error';
import type { Sex } from '@onconet/domain/common/sex';
import type { Answers, ParticipantPath, ProgrammeCode, ProgrammeDefinition, RiskAssessment } from '@onconet/domain/screening/types';
import type { DB } from '@onconet/storage';
import type { ScreeningDB } from '@onconet/storage/queries/screening-tables';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { AuditWriter } from '../audit/audit-writer.ts';
import type { Actor } from '../context.ts';
import { validationError } from '../errors.ts';
import { refreshFlags } from './path.ts';
import { cancerCodes, notifyScreenDetectedCancer } from './registry-link.ts';

export interface PathInput {
  readonly participantId: number;
  readonly answers: Answers | null;
  readonly path: ParticipantPath;
}

const CHUNK = 1000;

export async function recordPaths(
  ctx: { db: Kysely<ScreeningDB>; audit: AuditWriter; today: IsoDate; definitions: (code: ProgrammeCode) => ProgrammeDefinition },
  actor: Actor,
  campaign: { id: number; institutionId: number; programmeCode: ProgrammeCode },
  items: readonly PathInput[],
): Promise<{ recorded: number; notifications: number }> {
  const def = ctx.definitions(campaign.programmeCode);
  let notifications = 0;
  for (let start = 0; start < items.length; start += CHUNK) {
    const part = items.slice(start, start + CHUNK);
    const rows = await ctx.db.selectFrom('screening_participant').select(['id', 'person_id', 'sex', 'age', 'institution_id', 'index_date']).where('campaign_id', '=', campaign.id).where('id', 'in', part.map((p) => p.participantId)).execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    const errors: FieldError[] = [];
    const questionnaires: Array<{ participant_id: number; answers: string; risk: string; completed_on: string; entered_by: number | null }> = [];
    const exams: Array<{ participant_id: number; exam_code: string; category: string; performed_on: string; entered_by: number | null }> = [];
    part.forEach((item, j) => {
      const i = start + j;
      const row = byId.get(item.participantId);
      if (!row) {
        errors.push({ field: `items[${i}].participantId`, code: 'not_in_campaign', message: `items[${i}].participantId: participant ${item.participantId} is not in this campaign` });
        return;
      }
      const p = item.path;
      if (p.questionnaireOn !== null) {
        const answers = validateAnswers(def.questionnaire, item.answers);
        if (!answers.ok) {
          errors.push({ ...answers.error, field: `items[${i}].${answers.error.field}`, message: `items[${i}].${answers.error.message}` });
          return;
        }
        const risk: RiskAssessment = assessRisk(def, answers.value, { sex: row.sex as Sex, ageYears: row.age });
        questionnaires.push({ participant_id: row.id, answers: JSON.stringify(answers.value), risk: JSON.stringify(risk), completed_on: p.questionnaireOn, entered_by: actor.userId > 0 ? actor.userId : null });
      }
      for (const e of p.exams) {
        if (resultCategory(def, e.examCode, e.category) === null) {
          errors.push({ field: `items[${i}].exams.${e.examCode}`, code: 'enum', message: `items[${i}].exams: "${e.category}" is not a result of ${e.examCode}` });
          return;
        }
        exams.push({ participant_id: row.id, exam_code: e.examCode, category: e.category, performed_on: e.performedOn, entered_by: actor.userId > 0 ? actor.userId : null });
      }
      if (p.diagnosis?.kind === 'cancer') {
        const codes = cancerCodes(p.diagnosis, row.sex as Sex);
        if ('field' in codes) errors.push({ ...codes, field: `items[${i}].diagnosis.${codes.field}`, message: `items[${i}].diagnosis.${codes.message}` });
      }
    });
    if (errors.length > 0) throw validationError(errors.slice(0, 100));

    await ctx.db.transaction().execute(async (tx) => {
      const values = part.map((item) => {
        const p = item.path;
        const d = p.diagnosis;
        return sql`(${item.participantId}, ${p.invitedOn}, ${p.checkedInOn}, ${p.questionnaireOn}, ${p.followUpDoneOn}, ${p.unreachable}, ${d?.kind ?? null}, ${d?.date ?? null}, ${d?.stageGroup ?? null}, ${d?.topography ?? null}, ${d?.morphology ?? null})`;
      });
      await sql`
        update screening_participant p set
          invited_on = v.invited::date, checked_in_on = v.checked::date, questionnaire_on = v.questionnaire::date, follow_up_done_on = v.done::date,
          unreachable = v.unreachable::boolean, follow_up_attempts = case when v.unreachable::boolean then greatest(p.follow_up_attempts, 3) else p.follow_up_attempts end,
          diagnosis_kind = v.kind, diagnosis_date = v.ddate::date, diagnosis_stage = v.stage, diagnosis_topography = v.topo, diagnosis_morphology = v.morph,
          index_date = coalesce(v.invited::date, p.index_date)
        from (values ${sql.join(values)}) as v(id, invited, checked, questionnaire, done, unreachable, kind, ddate, stage, topo, morph)
        where p.id = v.id::bigint`.execute(tx);
      for (let i = 0; i < questionnaires.length; i += 500) {
        await tx
          .insertInto('screening_questionnaire')
          .values(questionnaires.slice(i, i + 500))
          .onConflict((oc) => oc.column('participant_id').doUpdateSet((eb) => ({ answers: eb.ref('excluded.answers'), risk: eb.ref('excluded.risk'), completed_on: eb.ref('excluded.completed_on') })))
          .execute();
      }
      for (let i = 0; i < exams.length; i += 500) await tx.insertInto('screening_exam').values(exams.slice(i, i + 500)).execute();
      for (const item of part) {
        const d = item.path.diagnosis;
        if (d?.kind !== 'cancer') continue;
        const row = byId.get(item.participantId)!;
        const id = await notifyScreenDetectedCancer(tx, { participantId: row.id, personId: row.person_id, institutionId: row.institution_id, sex: row.sex as Sex, diagnosis: d, today: ctx.today });
        await tx.updateTable('screening_participant').set({ registry_notification_id: id }).where('id', '=', row.id).execute();
        notifications += 1;
      }
      await refreshFlags(tx, part.map((p) => p.participantId), ctx.definitions);
      await ctx.audit.appendInTransaction(tx as unknown as Transaction<DB>, actor, [
        { action: 'screening.paths.record', entityType: 'screening_campaign', entityId: String(campaign.id), personId: null, institutionId: campaign.institutionId, detail: { participants: part.length, from: part[0]!.participantId, to: part.at(-1)!.participantId } },
      ]);
    });
  }
  return { recorded: items.length, notifications };
}
