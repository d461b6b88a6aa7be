import { stratumRates, type StratumRates } from '../rates/stratum-rates.ts';
import { eapc, type Eapc } from '../rates/eapc.ts';
import { ageGroupIndex, AGE_GROUPS } from '../standards/age-groups.ts';
import { CHINA_2000, SEGI_1960_NCCR } from '../standards/standard-populations.ts';
import { groupSite } from '../site-groups/site-grouping.ts';
import type { SiteGroup, SiteGroupScheme } from '../site-groups/site-group.ts';
import { suppressSmallCells, type CellStatus } from '../suppression/small-cells.ts';

/**
 * The incidence table of NCCR's annual report (site, ICD-10, cases, crude rate, proportion, ASR China 2000,
 * ASR world Segi, cumulative rate 0–74) for a catchment and years, with the age-specific rates and the
 * yearly trend behind its charts. Counts are tallied in China's 19 age groups; cases of unknown age are
 * spread over the known ages as CI5 does.
 */

export interface CaseTally {
  readonly year: number;
  readonly icd10: string;
  readonly sex: 1 | 2;
  /** Age in years at incidence; null when unknown. */
  readonly age: number | null;
  readonly count: number;
}

export interface PopulationCell {
  readonly year: number;
  readonly sex: 1 | 2;
  /** Index in China's 19 age groups. */
  readonly ageGroup: number;
  readonly population: number;
}

export type SexKey = 'both' | 'male' | 'female';
export const SEX_KEYS: readonly SexKey[] = ['both', 'male', 'female'];

export interface ReportCell {
  /** null when suppressed. */
  readonly cases: number | null;
  readonly suppression: CellStatus;
  readonly crudeRate: number | null;
  readonly proportion: number | null;
  readonly asrChina: number | null;
  readonly asrChinaLower: number | null;
  readonly asrChinaUpper: number | null;
  readonly asrWorld: number | null;
  readonly cumRate0to74: number | null;
  readonly ageSpecific: readonly (number | null)[];
}

export interface ReportRow {
  readonly site: SiteGroup;
  readonly total: boolean;
  readonly cells: Readonly<Record<SexKey, ReportCell>>;
}

export interface TrendPoint {
  readonly year: number;
  readonly cases: number | null;
  readonly asrChina: number | null;
  readonly asrWorld: number | null;
}

export interface IncidenceReport {
  readonly years: readonly number[];
  readonly personYears: Readonly<Record<SexKey, number>>;
  readonly ageGroups: readonly string[];
  readonly rows: readonly ReportRow[];
  /** All sites, both sexes, year by year; EAPC of the China-standardised rate when there are ≥ 3 years. */
  readonly trend: readonly TrendPoint[];
  readonly eapc: Eapc | null;
  readonly excludedCases: number;
}

export interface ReportOptions {
  readonly scheme: SiteGroupScheme;
  /** Suppress counts below this (aggregate-only readers); null publishes every count. */
  readonly suppressBelow: number | null;
}

const AGES = AGE_GROUPS['china-19'].length;
const sexIndex = (sex: SexKey): readonly (1 | 2)[] => (sex === 'both' ? [1, 2] : sex === 'male' ? [1] : [2]);

interface Counts {
  readonly site: SiteGroup;
  readonly total: boolean;
  /** [sex 1|2][age group], last slot unknown age. */
  readonly bySex: Record<1 | 2, Float64Array>;
}

function tally(cases: readonly CaseTally[], scheme: SiteGroupScheme): { groups: Counts[]; excluded: number } {
  const groups = new Map<string, Counts>();
  let excluded = 0;
  const add = (site: SiteGroup, total: boolean, c: CaseTally) => {
    let counts = groups.get(site.id);
    if (!counts) groups.set(site.id, (counts = { site, total, bySex: { 1: new Float64Array(AGES + 1), 2: new Float64Array(AGES + 1) } }));
    counts.bySex[c.sex][c.age === null ? AGES : ageGroupIndex(c.age, 'china-19')]! += c.count;
  };
  for (const c of cases) {
    const grouping = groupSite(scheme, c.icd10);
    if (grouping.kind !== 'grouped') {
      excluded += c.count;
      continue;
    }
    add(grouping.group, false, c);
    for (const total of grouping.totals) add(total, true, c);
  }
  return { groups: [...groups.values()], excluded };
}

function personYears(population: readonly PopulationCell[], sexes: readonly (1 | 2)[], year?: number): Float64Array {
  const py = new Float64Array(AGES);
  for (const p of population) if (sexes.includes(p.sex) && (year === undefined || p.year === year)) py[p.ageGroup]! += p.population;
  return py;
}

function rates(cases: Float64Array, py: Float64Array): { china: StratumRates; world: StratumRates } {
  const counts = { scheme: 'china-19' as const, cases: cases.subarray(0, AGES), unknownAge: cases[AGES]!, personYears: py };
  return {
    china: stratumRates(counts, { standard: CHINA_2000, interval: 'fay-feuer', unknownAge: 'spread' }),
    world: stratumRates(counts, { standard: SEGI_1960_NCCR, interval: 'fay-feuer', unknownAge: 'spread' }),
  };
}

/**
 * A published row's age-specific rates would give back its small age cells (rate × person-years), so the
 * age breakdown is suppressed on its own, with complementary cells, against the published row total.
 */
function ageSpecificFor(threshold: number | null) {
  return (rates: readonly number[], counts: Float64Array): Array<number | null> => {
    if (threshold === null) return [...rates];
    const table = suppressSmallCells([Array.from(counts.subarray(0, AGES))], { threshold, columnTotals: false });
    return rates.map((v, i) => (table.cells[0]![i] === 'published' ? v : null));
  };
}

function sum(values: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < values.length; i += 1) total += values[i]!;
  return total;
}

export function incidenceReport(cases: readonly CaseTally[], population: readonly PopulationCell[], options: ReportOptions): IncidenceReport {
  const years = [...new Set(population.map((p) => p.year))].sort((a, b) => a - b);
  const { groups, excluded } = tally(cases, options.scheme);
  const sites = groups.filter((g) => !g.total).sort((a, b) => sum(b.bySex[1]) + sum(b.bySex[2]) - sum(a.bySex[1]) - sum(a.bySex[2]) || a.site.id.localeCompare(b.site.id));
  const totals = groups.filter((g) => g.total).sort((a, b) => a.site.id.localeCompare(b.site.id));
  const pyBySex = Object.fromEntries(SEX_KEYS.map((s) => [s, personYears(population, sexIndex(s))])) as Record<SexKey, Float64Array>;

  // Suppression decides on the sites × (male, female) table with its margins, the layout that is published.
  const matrix = sites.map((g) => [sum(g.bySex[1]), sum(g.bySex[2])]);
  const suppressed = options.suppressBelow === null || matrix.length === 0 ? null : suppressSmallCells(matrix, { threshold: options.suppressBelow });
  const anyHidden = suppressed !== null && suppressed.cells.some((r) => r.some((c) => c !== 'published'));
  const statusOf = (row: number | 'margin' | 'partial-total', sex: SexKey): CellStatus => {
    if (suppressed === null) return 'published';
    // "All sites but C44" minus "all sites" would give C44 back: a partial total hides when any site is hidden.
    if (row === 'partial-total') return anyHidden ? 'secondary' : 'published';
    if (row === 'margin') return sex === 'both' ? suppressed.grandTotal : suppressed.columnTotals[sex === 'male' ? 0 : 1]!;
    return sex === 'both' ? suppressed.rowTotals[row]! : suppressed.cells[row]![sex === 'male' ? 0 : 1]!;
  };
  const allCases = Object.fromEntries(SEX_KEYS.map((s) => [s, sum(sexIndex(s).flatMap((x) => sites.map((g) => sum(g.bySex[x]))))])) as Record<SexKey, number>;

  const ageSpecific = ageSpecificFor(options.suppressBelow);
  const cell = (g: Counts, sex: SexKey, status: CellStatus): ReportCell => {
    const counts = new Float64Array(AGES + 1);
    for (const x of sexIndex(sex)) g.bySex[x].forEach((v, i) => (counts[i]! += v));
    const r = rates(counts, pyBySex[sex]);
    const hidden = status !== 'published';
    const n = sum(counts);
    return {
      cases: hidden ? null : n,
      suppression: status,
      crudeRate: hidden ? null : r.china.crude_rate,
      proportion: hidden || g.total ? null : allCases[sex] > 0 ? (100 * n) / allCases[sex] : 0,
      asrChina: hidden ? null : r.china.asr,
      asrChinaLower: hidden ? null : r.china.asr_lower,
      asrChinaUpper: hidden ? null : r.china.asr_upper,
      asrWorld: hidden ? null : r.world.asr,
      cumRate0to74: hidden ? null : r.china.cum_rate_0_74,
      ageSpecific: hidden ? r.china.age_specific_rates.map(() => null) : ageSpecific(r.china.age_specific_rates, counts),
    };
  };
  const rows: ReportRow[] = [
    ...sites.map((g, i) => ({ site: g.site, total: false, cells: Object.fromEntries(SEX_KEYS.map((s) => [s, cell(g, s, statusOf(i, s))])) as Record<SexKey, ReportCell> })),
    ...totals.map((g) => ({ site: g.site, total: true, cells: Object.fromEntries(SEX_KEYS.map((s) => [s, cell(g, s, statusOf(g.site.id === 'all' || g.site.id === '62' ? 'margin' : 'partial-total', s))])) as Record<SexKey, ReportCell> })),
  ];

  const trend = years.map((year): TrendPoint => {
    const yearly = new Float64Array(AGES + 1);
    for (const c of cases) if (c.year === year && groupSite(options.scheme, c.icd10).kind === 'grouped') yearly[c.age === null ? AGES : ageGroupIndex(c.age, 'china-19')]! += c.count;
    const r = rates(yearly, personYears(population, [1, 2], year));
    const small = options.suppressBelow !== null && sum(yearly) > 0 && sum(yearly) < options.suppressBelow;
    return { year, cases: small ? null : sum(yearly), asrChina: small ? null : r.china.asr, asrWorld: small ? null : r.world.asr };
  });
  const usable = trend.filter((t) => t.asrChina !== null && t.asrChina > 0) as Array<TrendPoint & { asrChina: number }>;
  return {
    years,
    personYears: { both: sum(pyBySex.both), male: sum(pyBySex.male), female: sum(pyBySex.female) },
    ageGroups: AGE_GROUPS['china-19'].map((g) => g.label),
    rows,
    trend,
    eapc: usable.length >= 3 ? eapc(usable.map((t) => ({ year: t.year, asr: t.asrChina }))) : null,
    excludedCases: excluded,
  };
}
