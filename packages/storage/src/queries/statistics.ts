/**
 * Aggregates behind the statistics pages: registered tumours and population denominators of a catchment
 * (a GB/T 2260 code prefix), tallied in SQL so that no person row reaches the application.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema.ts';
import { registryDb } from './registry-tables.ts';

export interface PopulationTable {
  division_code: string;
  year: number;
  sex: number;
  age_group: number;
  population: number;
  source: string;
}

export interface CatchmentFilter {
  /** GB/T 2260 prefix: '50' all Chongqing, '500235' Yunyang county. */
  readonly divisionPrefix: string;
  readonly fromYear: number;
  readonly toYear: number;
}

const likePrefix = (prefix: string) => `${prefix.replace(/[%_\\]/g, '')}%`;

export async function tumourTallies(db: Kysely<DB>, filter: CatchmentFilter) {
  const year = sql<number>`extract(year from incidence_date)::int`;
  const rows = await registryDb(db)
    .selectFrom('tumour')
    .select([year.as('year'), 'icd10', 'sex', 'age', sql<number>`count(*)::int`.as('count')])
    .where(sql<boolean>`county_code COLLATE "C" LIKE ${likePrefix(filter.divisionPrefix)}`)
    .where('incidence_date', '>=', `${filter.fromYear}-01-01`)
    .where('incidence_date', '<=', `${filter.toYear}-12-31`)
    .groupBy([year, 'icd10', 'sex', 'age'])
    .execute();
  return rows.map((r) => ({ year: Number(r.year), icd10: r.icd10, sex: r.sex as 1 | 2, age: r.age, count: Number(r.count) }));
}

export async function populationCells(db: Kysely<DB>, filter: CatchmentFilter) {
  const rows = await db
    .withTables<{ population: PopulationTable }>()
    .selectFrom('population')
    .select(['year', 'sex', 'age_group', sql<number>`sum(population)::float8`.as('population')])
    .where(sql<boolean>`division_code COLLATE "C" LIKE ${likePrefix(filter.divisionPrefix)}`)
    .where('year', '>=', filter.fromYear)
    .where('year', '<=', filter.toYear)
    .groupBy(['year', 'sex', 'age_group'])
    .execute();
  return rows.map((r) => ({ year: r.year, sex: r.sex as 1 | 2, ageGroup: r.age_group, population: Number(r.population) }));
}

/** Years with population data, the range a statistics page can offer. */
export async function populationYears(db: Kysely<DB>): Promise<number[]> {
  const rows = await db.withTables<{ population: PopulationTable }>().selectFrom('population').select('year').distinct().orderBy('year').execute();
  return rows.map((r) => r.year);
}

/** Replaces the rows of the same division, year, sex and age group: loading a table twice changes nothing. */
export async function upsertPopulation(db: Kysely<DB>, rows: readonly PopulationTable[]): Promise<void> {
  const pdb = db.withTables<{ population: PopulationTable }>();
  for (let i = 0; i < rows.length; i += 1000) {
    await pdb
      .insertInto('population')
      .values(rows.slice(i, i + 1000))
      .onConflict((oc) => oc.columns(['division_code', 'year', 'sex', 'age_group']).doUpdateSet((eb) => ({ population: eb.ref('excluded.population'), source: eb.ref('excluded.source') })))
      .execute();
  }
}

/** Registered tumours of a catchment with their person's date of death: the follow-up of survival analysis. */
export async function survivalCases(db: Kysely<DB>, filter: CatchmentFilter) {
  const rows = await registryDb(db)
    .selectFrom('tumour as t')
    .innerJoin('person as p', 'p.id', 't.person_id')
    .select(['t.icd10', 't.sex', 't.age', 't.incidence_date', 't.basis', 'p.death_date'])
    .where(sql<boolean>`t.county_code COLLATE "C" LIKE ${likePrefix(filter.divisionPrefix)}`)
    .where('t.incidence_date', '>=', `${filter.fromYear}-01-01`)
    .where('t.incidence_date', '<=', `${filter.toYear}-12-31`)
    .execute();
  return rows.map((r) => ({ icd10: r.icd10, sex: r.sex as 1 | 2, age: r.age, incidenceDate: r.incidence_date, deathDate: r.death_date, basis: r.basis }));
}
