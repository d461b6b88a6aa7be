import type { Incidence, ReportRow, SexKey } from './statistics-api.ts';

/** The ten sites with the highest China-standardised rate for a sex; suppressed and totals rows left out. */
export function topSites(report: Incidence, sex: SexKey, count = 10): ReportRow[] {
  return report.rows
    .filter((r) => !r.total && r.cells[sex].asrChina !== null && r.cells[sex].cases !== 0)
    .sort((a, b) => b.cells[sex].asrChina! - a.cells[sex].asrChina!)
    .slice(0, count);
}

/** Site rows by descending cases, then the totals, as NCCR's report tables list them. */
export function tableRows(report: Incidence, sex: SexKey): ReportRow[] {
  const sites = report.rows.filter((r) => !r.total && (r.cells[sex].cases ?? 1) > 0);
  return [...sites, ...report.rows.filter((r) => r.total)];
}

/** Rates with two decimals, as the report prints them; '—' for a value that cannot be given. */
export function formatRate(value: number | null): string {
  return value === null || !Number.isFinite(value) ? '—' : value.toFixed(2);
}

/** The "all sites" row (NCCR's or CI5's), for the age-specific curves. */
export function allSitesRow(report: Incidence): ReportRow | undefined {
  return report.rows.find((r) => r.site.id === 'all' || r.site.id === '62');
}
