import { namePinyin } from '@onconet/domain';
import { generatePersons, type SyntheticPerson } from '@onconet/domain/synthetic/population';
import { csvField, type Database } from '@onconet/storage';
import { sql } from 'kysely';

export interface NetworkMember {
  readonly id: number;
  readonly code: string;
  readonly tier: string;
  readonly parentId: number | null;
  readonly divisionCode: string;
}

const COLUMNS = ['name', 'name_pinyin', 'name_pinyin_compact', 'name_initials', 'sex', 'birth_date', 'resident_id', 'phone', 'division_code', 'address', 'vital_status', 'death_date', 'registered_by'] as const;

/** The institution that registered a person: a member in their county (spread round-robin), else the core hospital. */
export function registrarFor(network: readonly NetworkMember[]): (person: SyntheticPerson, index: number) => number {
  const core = network.find((i) => i.tier === 'core');
  if (!core) throw new Error('the network has no core institution');
  const byCounty = new Map<string, number[]>();
  for (const inst of network) {
    if (inst.tier === 'core') continue;
    const county = inst.divisionCode.slice(0, 6);
    byCounty.set(county, [...(byCounty.get(county) ?? []), inst.id]);
  }
  return (person, index) => {
    const local = byCounty.get(person.divisionCode.slice(0, 6));
    return local && local.length > 0 ? local[index % local.length]! : core.id;
  };
}

function* csvChunks(options: { seed: number; count: number; startIndex: number }, registrar: (p: SyntheticPerson, i: number) => number, rowsPerChunk: number): Generator<string> {
  let lines: string[] = [];
  let index = options.startIndex;
  for (const person of generatePersons({ seed: options.seed, count: options.count, startIndex: options.startIndex })) {
    const pinyin = namePinyin(person.name);
    lines.push(
      [person.name, pinyin.full, pinyin.compact, pinyin.initials, person.sex, person.birthDate, person.residentId, person.phone, person.divisionCode, person.address, person.vitalStatus, person.deathDate, registrar(person, index)]
        .map(csvField)
        .join(','),
    );
    index += 1;
    if (lines.length === rowsPerChunk) {
      yield `${lines.join('\n')}\n`;
      lines = [];
    }
  }
  if (lines.length > 0) yield `${lines.join('\n')}\n`;
}

/**
 * Loads synthetic persons with COPY, then links them to institutions and gives them MRNs with
 * set-based SQL, so a million persons load in minutes on either engine (the benchmark uses this too).
 * Every seventh person is also known at the core hospital, the way referrals bring patients there.
 */
export async function loadSyntheticPersons(database: Database, network: readonly NetworkMember[], options: { seed: number; count: number; startIndex?: number; rowsPerChunk?: number }): Promise<number> {
  const before = await database.db.selectFrom('person').select(sql<number>`coalesce(max(id), 0)`.as('max')).executeTakeFirstOrThrow();
  const loaded = await database.copyCsv('person', COLUMNS, csvChunks({ seed: options.seed, count: options.count, startIndex: options.startIndex ?? 0 }, registrarFor(network), options.rowsPerChunk ?? 20_000));
  const core = network.find((i) => i.tier === 'core')!;
  const from = Number(before.max);
  await database.exec(`
    INSERT INTO person_institution (person_id, institution_id, name, name_pinyin_compact, name_initials)
      SELECT id, registered_by, name, name_pinyin_compact, name_initials FROM person WHERE id > ${from};
    INSERT INTO person_institution (person_id, institution_id, name, name_pinyin_compact, name_initials)
      SELECT id, ${core.id}, name, name_pinyin_compact, name_initials FROM person WHERE id > ${from} AND id % 7 = 0 ON CONFLICT DO NOTHING;
    INSERT INTO person_identifier (person_id, institution_id, kind, value)
      SELECT pi.person_id, pi.institution_id, 'mrn', i.code || '-' || lpad(pi.person_id::text, 8, '0')
      FROM person_institution pi JOIN institution i ON i.id = pi.institution_id WHERE pi.person_id > ${from};
    ANALYZE person; ANALYZE person_institution; ANALYZE person_identifier;`);
  return loaded;
}
