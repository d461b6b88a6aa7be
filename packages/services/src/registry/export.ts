/**
 * Exports of the registry (docs/registry.md): the case listing — one row per tumour, CanReg5-style variables,
 * no names or identity numbers — and the aggregated CI5 layout `registry, cancer, sex, age_group, cases, py`.
 */
import type { ResolvedScope } from '@onconet/domain';
import { ci5Layout, type Ci5Row } from '@onconet/domain/epi/report/ci5-table';
import { sql } from 'kysely';
import type { RegistryExecutor } from '@onconet/storage/queries/registry-tables';
import { scopedPersons } from '@onconet/storage/queries/registry-worklists';

export const CASE_LISTING_COLUMNS = [
  'tumour_id', 'person_id', 'sex', 'birth_date', 'age', 'county', 'incidence_date', 'incidence_rule', 'topography', 'morphology', 'behaviour', 'grade',
  'laterality', 'basis', 'icd10', 'ci5_cancer', 't', 'n', 'm', 'stage', 'detection', 'registry_scope', 'mp_status', 'check_status', 'institution',
  'first_reported_on', 'sources', 'vital_status', 'death_date',
] as const;
export type CaseListingRow = Record<(typeof CASE_LISTING_COLUMNS)[number], string | number | null>;

/** Streams the case listing in id order, a page at a time, so a registry of millions never sits in memory. */
export async function* caseListing(db: RegistryExecutor, scope: ResolvedScope, range: { fromYear?: number; toYear?: number }, pageSize = 5000): AsyncGenerator<CaseListingRow> {
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('tumour as t')
      .innerJoin('person as p', 'p.id', 't.person_id')
      .innerJoin('institution as i', 'i.id', 't.institution_id')
      .select([
        't.id', 't.person_id', 't.sex', 'p.birth_date', 't.age', 't.county_code', 't.incidence_date', 't.incidence_rule', 't.topography', 't.morphology', 't.behaviour', 't.grade',
        't.laterality', 't.basis', 't.icd10', 't.ci5_cancer', 't.t_category', 't.n_category', 't.m_category', 't.stage_group', 't.detection', 't.registry_scope', 't.mp_status',
        't.check_status', 'i.code', 't.first_reported_on', 'p.vital_status', 'p.death_date',
        sql<number>`(select count(*) from notification n where n.tumour_id = t.id)::int`.as('sources'),
      ])
      .where('t.id', '>', after)
      .where('t.incidence_date', '>=', `${range.fromYear ?? 1800}-01-01`)
      .where('t.incidence_date', '<=', `${range.toYear ?? 2200}-12-31`)
      .where('t.person_id', 'in', scopedPersons(db, scope))
      .orderBy('t.id')
      .limit(pageSize)
      .execute();
    for (const r of rows) {
      yield {
        tumour_id: r.id, person_id: r.person_id, sex: r.sex, birth_date: r.birth_date, age: r.age, county: r.county_code, incidence_date: r.incidence_date, incidence_rule: r.incidence_rule,
        topography: r.topography, morphology: r.morphology, behaviour: r.behaviour, grade: r.grade, laterality: r.laterality, basis: r.basis, icd10: r.icd10, ci5_cancer: r.ci5_cancer,
        t: r.t_category, n: r.n_category, m: r.m_category, stage: r.stage_group, detection: r.detection, registry_scope: r.registry_scope, mp_status: r.mp_status,
        check_status: r.check_status, institution: r.code, first_reported_on: r.first_reported_on, sources: Number(r.sources), vital_status: r.vital_status, death_date: r.death_date,
      };
    }
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1]!.id;
  }
}

/**
 * CI5 counts: reportable tumours of the period by CI5 group, sex and age (the layout is the domain's ci5Layout).
 * `py` comes from the population given (person-years over the period by sex and age group).
 */
export async function ci5Table(db: RegistryExecutor, scope: ResolvedScope, options: { registry: string; fromYear?: number; toYear?: number; population: ReadonlyMap<string, number> }): Promise<Ci5Row[]> {
  const counts = await db
    .selectFrom('tumour')
    .select(['ci5_cancer', 'sex', 'age', (eb) => eb.fn.countAll<number>().as('n')])
    .where('registry_scope', '=', 'reportable')
    .where('ci5_cancer', '>', 0)
    .where('incidence_date', '>=', `${options.fromYear ?? 1800}-01-01`)
    .where('incidence_date', '<=', `${options.toYear ?? 2200}-12-31`)
    .where('person_id', 'in', scopedPersons(db, scope))
    .groupBy(['ci5_cancer', 'sex', 'age'])
    .execute();
  const tallies = counts.map((c) => ({ cancer: c.ci5_cancer, sex: c.sex as 1 | 2, age: c.age, count: Number(c.n) }));
  return ci5Layout(tallies, options.population, { registry: options.registry, suppressBelow: null });
}
