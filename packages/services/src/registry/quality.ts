/**
 * The data-quality table (Bray & Parkin 2009; NCCR criteria) by any of year, CI5 site, sex, reporting
 * institution and county, with the national reference values drawn beside ours. Counts come from one SQL
 * scan (storage registry-quality.ts); percentages and ratios from the domain's definitions.
 */
import { ci5Cancer, ci5CancerOf } from '@onconet/domain/registry/ci5-cancers';
import { CHINA_2017_REFERENCE, DEFAULT_TIMELINESS_DAYS, EMPTY_TALLY, mergeTallies, qualityIndicators, type QualityIndicators } from '@onconet/domain/registry/data-quality';
import type { ResolvedScope } from '@onconet/domain';
import { cancerDeathCounts, qualityCounts, refreshQualityCube, type QualityCountRow, type QualityDimension } from '@onconet/storage/queries/registry-quality';
import type { RegistryDB } from '@onconet/storage/queries/registry-tables';
import type { Kysely } from 'kysely';

export interface QualityRow {
  readonly year: number | null;
  readonly site: number | null;
  readonly siteName: { en: string; zh: string } | null;
  readonly sex: number | null;
  readonly institution: number | null;
  readonly institutionName: string | null;
  readonly county: string | null;
  readonly indicators: QualityIndicators;
}

export interface QualityTable {
  readonly by: readonly QualityDimension[];
  readonly rows: readonly QualityRow[];
  readonly total: QualityIndicators;
  readonly reference: typeof CHINA_2017_REFERENCE;
  readonly timelinessDays: number;
}

const tallyOf = (r: QualityCountRow) => ({
  cases: r.cases, microscopic: r.microscopic, dco: r.dco, clinical: r.clinical, unknownBasis: r.unknownBasis, primaryUnknown: r.primaryUnknown,
  unspecifiedMorphology: r.unspecifiedMorphology, unknownAge: r.unknownAge, delayDays: r.delayDays, delayCount: r.delayCount, onTime: r.onTime,
});

export async function qualityTable(db: Kysely<RegistryDB>, scope: ResolvedScope, by: readonly QualityDimension[], range: { fromYear?: number; toYear?: number }): Promise<QualityTable> {
  const filter = { ...range, timelinessDays: DEFAULT_TIMELINESS_DAYS };
  await refreshQualityCube(db, DEFAULT_TIMELINESS_DAYS);
  const counts = await qualityCounts(db, scope, by, filter);
  // M/I needs deaths of the same population: by institution it has no meaning, and an institution scope sees no population.
  const withDeaths = !by.includes('institution') && scope.kind !== 'institutions';
  const deaths = new Map<string, number>();
  let totalDeaths = 0;
  if (withDeaths) {
    for (const d of await cancerDeathCounts(db, filter)) {
      const key = JSON.stringify([by.includes('year') ? d.year : null, by.includes('site') ? (ci5CancerOf(d.category) ?? 0) : null, by.includes('sex') ? d.sex : null, by.includes('county') ? d.county : null]);
      deaths.set(key, (deaths.get(key) ?? 0) + d.deaths);
      totalDeaths += d.deaths;
    }
  }
  const names = by.includes('institution') ? new Map((await db.selectFrom('institution').select(['id', 'name_zh']).execute()).map((i) => [i.id, i.name_zh])) : new Map<number, string>();
  const indicators = (t: ReturnType<typeof tallyOf>, d: number | null): QualityIndicators => {
    const q = qualityIndicators(t, d ?? 0);
    return d === null ? { ...q, deaths: 0, miRatio: null } : q;
  };
  const rows = counts
    .map((r) => {
      const key = JSON.stringify([r.year, r.site, r.sex, r.county]);
      const site = r.site === null ? null : ci5Cancer(r.site);
      return {
        year: r.year, site: r.site, siteName: site ? { en: site.en, zh: site.zh } : null, sex: r.sex, institution: r.institution,
        institutionName: r.institution === null ? null : (names.get(r.institution) ?? null), county: r.county, indicators: indicators(tallyOf(r), withDeaths ? (deaths.get(key) ?? 0) : null),
      };
    })
    .sort((a, b) => (a.year ?? 0) - (b.year ?? 0) || (a.site ?? 0) - (b.site ?? 0) || (a.sex ?? 0) - (b.sex ?? 0) || (a.institution ?? 0) - (b.institution ?? 0) || (a.county ?? '').localeCompare(b.county ?? ''));
  const total = counts.reduce((t, r) => mergeTallies(t, tallyOf(r)), EMPTY_TALLY);
  return { by, rows, total: indicators(total, withDeaths ? totalDeaths : null), reference: CHINA_2017_REFERENCE, timelinessDays: DEFAULT_TIMELINESS_DAYS };
}
