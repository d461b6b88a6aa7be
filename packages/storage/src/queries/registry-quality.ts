/**
 * The data-quality table in one scan of `tumour`: counts for each indicator of domain registry/data-quality.ts
 * (same definitions, as FILTER aggregates), grouped by any of year, CI5 site, sex, reporting institution and
 * county. Reportable tumours only (NCCR scope); deaths for M/I come from death_record.
 */
import type { ResolvedScope } from '@onconet/domain';
import { sql, type RawBuilder } from 'kysely';
import type { RegistryExecutor } from './registry-tables.ts';

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

const TUMOUR_DIMENSION: Readonly<Record<QualityDimension, RawBuilder<unknown>>> = {
  year: sql`extract(year from incidence_date)::int`,
  site: sql`ci5_cancer`,
  sex: sql`sex`,
  institution: sql`institution_id`,
  county: sql`county_code`,
};

/** Aggregate scopes see every count; an institution scope sees tumours its institutions reported. */
function scopeCondition(scope: ResolvedScope, column: string): RawBuilder<unknown> {
  if (scope.kind === 'institutions') return sql`${sql.ref(column)} in (${sql.join(scope.institutionIds.length > 0 ? scope.institutionIds : [-1])})`;
  return sql`true`;
}

export async function qualityCounts(db: RegistryExecutor, scope: ResolvedScope, by: readonly QualityDimension[], filter: QualityFilter): Promise<QualityCountRow[]> {
  const dims = QUALITY_DIMENSIONS.map((d) => sql`${by.includes(d) ? TUMOUR_DIMENSION[d] : sql`null`} as ${sql.ref(d)}`);
  const groups = by.map((d) => TUMOUR_DIMENSION[d]);
  const from = `${filter.fromYear ?? 1800}-01-01`;
  const to = `${filter.toYear ?? 2200}-12-31`;
  const { rows } = await sql<Record<string, string | number | null>>`
    select ${sql.join(dims)},
      count(*)::int as cases,
      count(*) filter (where basis between 5 and 8)::int as microscopic,
      count(*) filter (where basis = 0)::int as dco,
      count(*) filter (where basis between 1 and 4)::int as clinical,
      count(*) filter (where basis = 9)::int as unknown_basis,
      count(*) filter (where icd10 like 'C80%')::int as primary_unknown,
      count(*) filter (where morphology in ('8000', '8001'))::int as unspecified_morphology,
      count(*) filter (where age is null)::int as unknown_age,
      coalesce(sum(first_reported_on - incidence_date), 0)::bigint as delay_days,
      count(*)::int as delay_count,
      count(*) filter (where first_reported_on - incidence_date <= ${filter.timelinessDays})::int as on_time
    from tumour
    where registry_scope = 'reportable' and incidence_date between ${from}::date and ${to}::date and ${scopeCondition(scope, 'institution_id')}
    ${groups.length > 0 ? sql`group by ${sql.join(groups)}` : sql``}
  `.execute(db);
  return rows.map((r) => ({
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
