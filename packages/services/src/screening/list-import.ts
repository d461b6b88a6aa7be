/**
 * Import of a target list (CSV UTF-8/GBK or Excel: name, sex, birth_date, resident_id, phone, division_code) into a
 * campaign, all or nothing:
 *  1. every row is read and validated (person rules, the programme's eligibility, duplicates within the file);
 *     any bad cell refuses the whole file with the row and column of each problem;
 *  2. each person is registered through the master patient index (joins a known person or becomes a new one) and
 *  3. the participants are added, in one transaction (a refusal by the MPI rolls back the MPI's writes too); persons
 *     already in the campaign are counted, not added twice.
 */
import { checkEligibility } from '@onconet/domain';
import { ageInYears, type IsoDate } from '@onconet/domain/common/dates';
import { personColumn, type RowError } from '@onconet/domain/registry/import/row-error';
import { validatePerson, type PersonRecord } from '@onconet/domain/people/person-input';
import type { ProgrammeDefinition } from '@onconet/domain/screening/types';
import type { BulkTransaction } from '@onconet/storage/pipelined-transaction';
import { screeningDb, type ScreeningDB } from '@onconet/storage/queries/screening-tables';
import type { Kysely } from 'kysely';
import type { AuditWriter } from '../audit/audit-writer.ts';
import type { Actor } from '../context.ts';
import type { MpiService } from '../mpi/mpi-service.ts';
import { registerBatch } from '../mpi/register-batch.ts';
import { mpiRowError } from '../registry/person-matcher.ts';
import { readTable, TableError, type Table } from '../registry/read-table.ts';

export const LIST_COLUMNS: ReadonlyArray<{ readonly name: string; readonly required: boolean; readonly en: string; readonly zh: string }> = [
  { name: 'name', required: true, en: 'name', zh: '姓名' },
  { name: 'sex', required: true, en: '1 male, 2 female (M/F, 男/女)', zh: '性别' },
  { name: 'birth_date', required: true, en: 'date of birth', zh: '出生日期' },
  { name: 'resident_id', required: false, en: 'resident identity number', zh: '身份证号' },
  { name: 'phone', required: false, en: 'phone', zh: '电话' },
  { name: 'division_code', required: false, en: 'GB/T 2260 code of residence', zh: '常住地行政区划代码' },
];

export interface ListImportReport {
  readonly added: number;
  readonly alreadyIn: number;
  /** Rows the MPI joined to a person it knew. */
  readonly linked: number;
  /** Rows that became new persons (or provisional ones waiting in the MPI review queue). */
  readonly created: number;
  readonly errors: readonly { readonly row: number; readonly column: string; readonly message: string }[];
}

const ELIGIBILITY_COLUMN: Readonly<Record<string, string>> = { age: 'birth_date', sex: 'sex', not_resident: 'division_code', prior_cancer: 'name', screened_within_interval: 'name', pregnant: 'name', severe_illness: 'name' };

export async function importTargetList(
  ctx: { db: Kysely<ScreeningDB>; bulk: BulkTransaction; mpi: MpiService; audit: AuditWriter; today: IsoDate; clinicOf: (division: string | null, fallback: number) => number },
  actor: Actor,
  campaign: { id: number; name: string; institution_id: number; start_date: string; catchment: readonly string[]; programme_code: string; definition: ProgrammeDefinition },
  file: { fileName: string; bytes: Uint8Array },
): Promise<ListImportReport> {
  const rejected = (errors: readonly RowError[]): ListImportReport => ({ added: 0, alreadyIn: 0, linked: 0, created: 0, errors: errors.map((e) => ({ row: e.row, column: e.column, message: e.messageZh ? `${e.message} / ${e.messageZh}` : e.message })) });
  let table: Table;
  try {
    table = await readTable(file.fileName, file.bytes);
  } catch (error) {
    if (error instanceof TableError) return rejected(error.errors);
    throw error;
  }
  const missing = LIST_COLUMNS.filter((c) => c.required && !table.columns.includes(c.name));
  if (missing.length > 0) return rejected(missing.map((c) => ({ row: 0, column: c.name, code: 'column.missing', message: `${c.name}: the required column is missing from the header`, messageZh: `表头缺少必需列“${c.name}”` })));
  if (table.rows.length === 0) return rejected([{ row: 0, column: 'file', code: 'empty', message: `${file.fileName}: the list has no rows`, messageZh: '名单为空' }]);
  if (table.rows.length > 50_000) return rejected([{ row: 0, column: 'file', code: 'too_many', message: `${file.fileName}: at most 50,000 rows a file`, messageZh: '每个文件最多50000行' }]);

  // 1. Validation of every row.
  const errors: RowError[] = [];
  const valid: Array<{ row: number; record: PersonRecord }> = [];
  const seen = new Map<string, number>();
  for (const { row, values } of table.rows) {
    const v = (c: string) => (values[c] ?? '').trim() || null;
    const checked = validatePerson({ name: v('name'), sex: v('sex'), birthDate: v('birth_date'), residentId: v('resident_id'), phone: v('phone'), divisionCode: v('division_code') }, ctx.today);
    if (!checked.ok) {
      for (const e of checked.errors) errors.push({ row, column: personColumn(e.field), code: e.code, message: e.message });
      continue;
    }
    const record = checked.value;
    const decision = checkEligibility(campaign.definition, { sex: record.sex, birthDate: record.birthDate, residenceDivision: record.divisionCode, priorCancer: false, lastScreenedOn: null }, campaign.start_date);
    if (!decision.eligible) {
      for (const reason of decision.reasons) errors.push({ row, column: ELIGIBILITY_COLUMN[reason.code] ?? 'name', code: `eligibility.${reason.code}`, message: `${ELIGIBILITY_COLUMN[reason.code] ?? 'name'}: not eligible for the ${campaign.definition.code} programme: ${reason.text.en}`, messageZh: reason.text.zh });
      continue;
    }
    if (record.divisionCode !== null && !campaign.catchment.some((c) => record.divisionCode!.startsWith(c))) {
      errors.push({ row, column: 'division_code', code: 'catchment', message: `division_code: ${record.divisionCode} is outside the campaign's catchment (${campaign.catchment.join(', ')})`, messageZh: '不在本次筛查的覆盖地区' });
      continue;
    }
    const key = record.residentId ?? `${record.name}|${record.sex}|${record.birthDate}`;
    const first = seen.get(key);
    if (first !== undefined) {
      const column = record.residentId === null ? 'name' : 'resident_id';
      errors.push({ row, column, code: 'duplicate', message: `${column}: the same person as row ${first} (a person is invited once)`, messageZh: `与第${first}行为同一人（每人只能邀请一次）` });
      continue;
    }
    seen.set(key, row);
    valid.push({ row, record });
  }
  if (errors.length > 0) return rejected(errors);

  // 2–3. Each person through the MPI (batch registration, registered by the clinic responsible for them) and the
  // participants added, in one transaction: a person the MPI refuses rolls back the whole list, MPI included.
  // A person listed again for the same campaign (the same file twice, or a corrected list) is the same report: its
  // earlier registration is reused instead of reporting the person to the MPI a second time.
  const refOf = (r: PersonRecord) => `C${campaign.id}:${r.residentId ?? `${r.name}|${r.sex}|${r.birthDate}`}`.slice(0, 64);
  const rows = valid.map((v) => ({ ...v, institutionId: ctx.clinicOf(v.record.divisionCode, campaign.institution_id), sourceRef: refOf(v.record) }));
  let outcome: { added: number; alreadyIn: number; linked: number; created: number };
  try {
    outcome = await ctx.bulk(async (mpiTx) => {
      const tx = screeningDb(mpiTx);
      const known = new Map(
        (await tx.selectFrom('person_record').select(['source_ref', 'person_id', 'institution_id']).where('source', '=', 'screening').where('source_ref', 'in', [...rows.map((r) => r.sourceRef), '']).execute()).map((r) => [`${r.institution_id}|${r.source_ref}`, r.person_id]),
      );
      const toRegister = rows.filter((r) => !known.has(`${r.institutionId}|${r.sourceRef}`));
      const model = await ctx.mpi.currentModel(mpiTx);
      const batch = await registerBatch(mpiTx, model, actor, toRegister.map((r) => ({ record: r.record, source: 'screening' as const, sourceRef: r.sourceRef, institutionId: r.institutionId })));
      const refused: RowError[] = [];
      const registered = new Map<number, { personId: number; linked: boolean }>();
      batch.outcomes.forEach((o, i) => {
        const r = toRegister[i]!;
        if (o.ok) registered.set(r.row, { personId: o.value.personId, linked: o.value.decision === 'link' });
        else refused.push(mpiRowError(r.row, o.error));
      });
      if (refused.length > 0) throw new ListRefused(refused);
      const matched = rows.map((r) => {
        const earlier = known.get(`${r.institutionId}|${r.sourceRef}`);
        const m = earlier !== undefined ? { personId: earlier, linked: true } : registered.get(r.row)!;
        return { ...r, ...m };
      });
      const existing = new Set(
        (await tx.selectFrom('screening_participant').select('person_id').where('campaign_id', '=', campaign.id).where('person_id', 'in', [...matched.map((m) => m.personId), -1]).execute()).map((r) => r.person_id),
      );
      const fresh = new Map<number, (typeof matched)[number]>();
      for (const m of matched) if (!existing.has(m.personId) && !fresh.has(m.personId)) fresh.set(m.personId, m);
      const participants = [...fresh.values()].map((m) => ({
        campaign_id: campaign.id, person_id: m.personId, programme_code: campaign.programme_code, institution_id: m.institutionId, division_code: m.record.divisionCode,
        sex: m.record.sex, age: ageInYears(m.record.birthDate, campaign.start_date), source: 'import', index_date: campaign.start_date,
      }));
      for (let i = 0; i < participants.length; i += 1000) await tx.insertInto('screening_participant').values(participants.slice(i, i + 1000)).execute();
      // Audit last: the log's lock is held from here to commit only.
      await ctx.audit.appendManyInTransaction(mpiTx, [
        ...batch.audit,
        { actor, event: { action: 'screening.list.import', entityType: 'screening_campaign', entityId: String(campaign.id), personId: null, institutionId: campaign.institution_id, detail: { file: file.fileName, rows: table.rows.length, added: participants.length, persons: participants.length <= 1000 ? participants.map((r) => r.person_id) : undefined } } },
      ]);
      return { added: fresh.size, alreadyIn: matched.length - fresh.size, linked: matched.filter((m) => m.linked).length, created: matched.filter((m) => !m.linked).length };
    });
  } catch (error) {
    if (error instanceof ListRefused) return rejected(error.errors);
    throw error;
  }
  return { ...outcome, errors: [] };
}

/** Rows the MPI refused: thrown inside the transaction to roll the whole list back. */
class ListRefused extends Error {
  constructor(readonly errors: readonly RowError[]) {
    super(`${errors.length} row(s) refused by the master patient index`);
    this.name = 'ListRefused';
  }
}
