/**
 * The data-quality table: counts for each indicator of domain registry/data-quality.ts (same definitions, as
 * FILTER aggregates) summed into a cube by year, CI5 site, sex, reporting institution and county (migration
 * 0008), grouped on read by any of them. Reportable tumours only (NCCR scope); deaths for M/I from death_record.
 */
import type { ResolvedScope } from '@onconet/domain';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { RegistryDB, RegistryExecutor } from './registry-tables.ts';

export const QUALITY_DIMENSIONS = ['year', 'site', 'sex', 'institution', 'county'] as const;
export type QualityDimension = (typeof QUALITY_DIMENSIONS)[number];

export interface QualityFilter {
  readonly fromYear?: number;
  readonly toYear?: number;
  /** Timeliness target in days (report date − incidence date). */
  readonly timelinessDays: number;
}

export interface QualityCountRow {
  readonly year: number | null;
  readonly site: number | null;
  readonly sex: number | null;
  readonly institution: number | null;
  readonly county: string | null;
  readonly cases: number;
  readonly microscopic: number;
  readonly dco: number;
  readonly clinical: number;
  readonly unknownBasis: number;
  readonly primaryUnknown: number;
  readonly unspecifiedMorphology: number;
  readonly unknownAge: number;
  readonly delayDays: number;
  readonly delayCount: number;
  readonly onTime: number;
}

const CUBE_DIMENSION: Readonly<Record<QualityDimension, RawBuilder<unknown>>> = {
  year: sql`year`,
  site: sql`site`,
  sex: sql`sex`,
  institution: sql`institution_id`,
  county: sql`county_code`,
};

/** Aggregate scopes see every count; an institution scope sees tumours its institutions reported. */
function scopeCondition(scope: ResolvedScope, column: string): RawBuilder<unknown> {
  if (scope.kind === 'institutions') return sql`${sql.ref(column)} in (${sql.join(scope.institutionIds.length > 0 ? scope.institutionIds : [-1])})`;
  return sql`true`;
}

/**
 * Rebuilds the cube from `tumour` when a write marked it stale (one grouped scan, in a transaction holding an
 * advisory lock so concurrent readers rebuild once). The timeliness target is fixed when the cube is built.
 */
export async function refreshQualityCube(db: Kysely<RegistryDB>, timelinessDays: number): Promise<boolean> {
  const state = await sql<{ stale: boolean }>`select stale from registry_quality_state where id = 1`.execute(db);
  if (state.rows[0]?.stale === false) return false;
  return db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(7301006)`.execute(tx);
    const again = await sql<{ stale: boolean }>`select stale from registry_quality_state where id = 1`.execute(tx);
    if (again.rows[0]?.stale === false) return false;
    // Marked fresh first: a tumour written while we rebuild marks it stale again and is counted next time.
    await sql`update registry_quality_state set stale = false where id = 1`.execute(tx);
    await sql`delete from registry_quality_cube`.execute(tx);
    await sql`
      insert into registry_quality_cube
      select extract(year from incidence_date)::smallint, ci5_cancer, sex, institution_id, county_code,
        count(*)::int,
        count(*) filter (where basis between 5 and 8)::int,
        count(*) filter (where basis = 0)::int,
        count(*) filter (where basis between 1 and 4)::int,
        count(*) filter (where basis = 9)::int,
        count(*) filter (where icd10 like 'C80%')::int,
        count(*) filter (where morphology in ('8000', '8001'))::int,
        count(*) filter (where age is null)::int,
        coalesce(sum(first_reported_on - incidence_date), 0)::bigint,
        count(*)::int,
        count(*) filter (where first_reported_on - incidence_date <= ${timelinessDays})::int
      from tumour where registry_scope = 'reportable'
      group by 1, 2, 3, 4, 5`.execute(tx);
    return true;
  });
}

export async function qualityCounts(db: RegistryExecutor, scope: ResolvedScope, by: readonly QualityDimension[], filter: QualityFilter): Promise<QualityCountRow[]> {
  const dims = QUALITY_DIMENSIONS.map((d) => sql`${by.includes(d) ? CUBE_DIMENSION[d] : sql`null`} as ${sql.ref(d)}`);
  const groups = by.map((d) => CUBE_DIMENSION[d]);
  const { rows } = await sql<Record<string, string | number | null>>`
    select ${sql.join(dims)},
      coalesce(sum(cases), 0)::int as cases, coalesce(sum(microscopic), 0)::int as microscopic, coalesce(sum(dco), 0)::int as dco,
      coalesce(sum(clinical), 0)::int as clinical, coalesce(sum(unknown_basis), 0)::int as unknown_basis, coalesce(sum(primary_unknown), 0)::int as primary_unknown,
      coalesce(sum(unspecified_morphology), 0)::int as unspecified_morphology, coalesce(sum(unknown_age), 0)::int as unknown_age,
      coalesce(sum(delay_days), 0)::bigint as delay_days, coalesce(sum(delay_count), 0)::int as delay_count, coalesce(sum(on_time), 0)::int as on_time
    from registry_quality_cube
    where year between ${filter.fromYear ?? 1800} and ${filter.toYear ?? 2200} and ${scopeCondition(scope, 'institution_id')}
    ${groups.length > 0 ? sql`group by ${sql.join(groups)}` : sql``}
  `.execute(db);
  return rows.filter((r) => Number(r.cases) > 0).map((r) => ({
    year: r.year === null ? null : Number(r.year),
    site: r.site === null ? null : Number(r.site),
    sex: r.sex === null ? null : Number(r.sex),
    institution: r.institution === null ? null : Number(r.institution),
    county: r.county === null ? null : String(r.county),
    cases: Number(r.cases), microscopic: Number(r.microscopic), dco: Number(r.dco), clinical: Number(r.clinical), unknownBasis: Number(r.unknown_basis),
    primaryUnknown: Number(r.primary_unknown), unspecifiedMorphology: Number(r.unspecified_morphology), unknownAge: Number(r.unknown_age),
    delayDays: Number(r.delay_days), delayCount: Number(r.delay_count), onTime: Number(r.on_time),
  }));
}

/** Cancer deaths by year, ICD-10 category, sex and county (few rows; the caller maps categories to CI5 sites). */
export async function cancerDeathCounts(db: RegistryExecutor, filter: QualityFilter): Promise<Array<{ year: number; category: string; sex: number; county: string | null; deaths: number }>> {
  const from = `${filter.fromYear ?? 1800}-01-01`;
  const to = `${filter.toYear ?? 2200}-12-31`;
  const { rows } = await sql<{ year: number; category: string; sex: number; county: string | null; deaths: number }>`
    select extract(year from death_date)::int as year, left(underlying_cause, 3) as category, sex, county_code as county, count(*)::int as deaths
    from death_record where cancer_death and death_date between ${from}::date and ${to}::date
    group by 1, 2, 3, 4
  `.execute(db);
  return rows.map((r) => ({ ...r, year: Number(r.year), sex: Number(r.sex), deaths: Number(r.deaths) }));
}
