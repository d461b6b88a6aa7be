import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../schema.ts';

type Executor = Kysely<DB> | Transaction<DB>;

export interface InstitutionRow {
  id: number;
  code: string;
  nameZh: string;
  nameEn: string;
  tier: string;
  type: string;
  parentId: number | null;
  divisionCode: string;
  active: boolean;
  alliances: string[];
}

/** The whole network with alliance codes; small (hundreds of rows), so it is read at once and cached above. */
export async function listInstitutions(db: Executor, includeInactive: boolean): Promise<InstitutionRow[]> {
  let q = db
    .selectFrom('institution as i')
    .select([
      'i.id',
      'i.code',
      'i.name_zh as nameZh',
      'i.name_en as nameEn',
      'i.tier',
      'i.type',
      'i.parent_id as parentId',
      'i.division_code as divisionCode',
      'i.active',
      sql<string[]>`coalesce((select array_agg(a.code order by a.code) from alliance_member m join alliance a on a.id = m.alliance_id where m.institution_id = i.id), '{}')`.as('alliances'),
    ])
    .orderBy('i.id');
  if (!includeInactive) q = q.where('i.active', '=', true);
  return q.execute();
}

export async function setAlliances(tx: Transaction<DB>, institutionId: number, allianceCodes: readonly string[]): Promise<string[]> {
  await tx.deleteFrom('alliance_member').where('institution_id', '=', institutionId).execute();
  if (allianceCodes.length === 0) return [];
  const alliances = await tx.selectFrom('alliance').select(['id', 'code']).where('code', 'in', [...allianceCodes]).execute();
  const missing = allianceCodes.filter((c) => !alliances.some((a) => a.code === c));
  if (alliances.length > 0) {
    await tx.insertInto('alliance_member').values(alliances.map((a) => ({ alliance_id: a.id, institution_id: institutionId }))).execute();
  }
  return missing;
}
