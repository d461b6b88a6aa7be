import type { Command } from 'commander';
import type { AgeScheme } from '@onconet/domain/epi/standards/age-groups';
import { AGE_GROUPS } from '@onconet/domain/epi/standards/age-groups';
import { BUILT_IN_STANDARDS, standardFromRows, type StandardPopulation } from '@onconet/domain/epi/standards/standard-populations';
import { stratumRates } from '@onconet/domain/epi/rates/stratum-rates';
import { proportionPercent } from '@onconet/domain/epi/rates/proportions';
import type { AsrInterval } from '@onconet/domain/epi/rates/direct-standardisation';
import type { UnknownAgeHandling } from '@onconet/domain/epi/rates/unknown-age';
import { NCCR_ROWS } from '@onconet/domain/epi/site-groups/nccr-groups';
import { CliInputError, CliUsageError } from '../errors.ts';
import { readAllCsv } from '../io/csv.ts';
import { parseFormat, renderTable } from '../io/output.ts';
import { readRatesInput, schemeCounts } from './rates-input.ts';

interface RatesOptions {
  cases: string;
  population: string;
  standard: string;
  by?: string;
  ci: string;
  unknownAge: string;
  siteGroups?: string;
  format?: string;
}

export function registerRates(stats: Command): void {
  stats
    .command('rates')
    .description('crude, age-specific and age-standardised rates per 100,000 with gamma intervals (发病率/死亡率, 标化率)')
    .requiredOption('--cases <csv>', 'cases: one row per case (sex, age or age_group, grouping columns) or aggregated with a "cases" column')
    .requiredOption('--population <csv>', 'population: age_group, py (or population), and the grouping columns that apply')
    .requiredOption('--standard <name|csv>', 'segi1960, who2000, china2000, or a CSV of age_group,weight')
    .option('--by <columns>', 'grouping columns, comma separated (e.g. site,sex,year)')
    .option('--ci <method>', 'interval: fay-feuer or tiwari', 'fay-feuer')
    .option('--unknown-age <how>', 'cases of unknown age: spread (as CI5) or apart', 'spread')
    .option('--site-groups <scheme>', 'read the site column as ICD-10 codes and group them: icd10 (three characters), ci5 or nccr, with totals rows')
    .option('--format <format>', 'json or table', 'table')
    .action(async (options: RatesOptions) => {
      if (options.ci !== 'fay-feuer' && options.ci !== 'tiwari') throw new CliUsageError(`--ci: "${options.ci}" is not fay-feuer or tiwari`);
      if (options.unknownAge !== 'spread' && options.unknownAge !== 'apart') throw new CliUsageError(`--unknown-age: "${options.unknownAge}" is not spread or apart`);
      const by = (options.by ?? '').split(',').map((c) => c.trim()).filter((c) => c !== '');
      if (new Set(by).size !== by.length) throw new CliUsageError('--by: a column is listed twice');
      const siteScheme = options.siteGroups;
      if (siteScheme !== undefined && siteScheme !== 'icd10' && siteScheme !== 'ci5' && siteScheme !== 'nccr') throw new CliUsageError(`--site-groups: "${siteScheme}" is not icd10, ci5 or nccr`);
      const standard = await loadStandard(options.standard);
      const input = await readRatesInput(options.cases, options.population, by, siteScheme);
      const groupOf = (id: unknown) => input.siteGroups.get(String(id));
      const strata = input.strata.map((stratum) => {
        const cases = schemeCounts(stratum.slots, input.scheme);
        const py = schemeCounts(stratum.population, input.scheme).groups;
        checkPersonYears(cases.groups, py, input.scheme, options.cases, stratum.firstRow);
        const rates = stratumRates(
          { scheme: input.scheme, cases: cases.groups, unknownAge: cases.unknown, personYears: py },
          { standard, interval: options.ci as AsrInterval, unknownAge: options.unknownAge as UnknownAgeHandling },
        );
        const keys = Object.fromEntries(by.map((column, i) => [column, column === 'sex' ? Number(stratum.key[i]) : stratum.key[i]]));
        return { keys, rates };
      });
      // With site groups, each site's share of all sites' cases in the same other strata (NCCR's 构成比).
      const proportionOf = siteProportions(strata, by, siteScheme);
      const collator = new Intl.Collator('en', { numeric: true });
      // Sites in the order of their scheme's table, totals last; other columns in natural order.
      const siteRank = (id: unknown) => sortKey(String(id));
      strata.sort((a, b) => {
        for (const column of by) {
          const d = column === 'site' && siteScheme !== undefined
            ? siteRank(a.keys.site) - siteRank(b.keys.site)
            : collator.compare(String(a.keys[column]), String(b.keys[column]));
          if (d !== 0) return d;
        }
        return 0;
      });
      if (parseFormat(options.format) === 'json') {
        const document = {
          standard: standard.id,
          ci: options.ci,
          unknown_age: options.unknownAge,
          age_groups: AGE_GROUPS[input.scheme].map((g) => g.label),
          per: 100_000,
          ...(siteScheme === undefined ? {} : { site_groups: siteScheme, excluded_cases: input.excludedCases }),
          strata: strata.map(({ keys, rates: r }) => ({
            ...keys,
            ...(siteScheme === undefined ? {} : { site_name: groupOf(keys.site)?.en, site_name_zh: groupOf(keys.site)?.zh, site_icd10: groupOf(keys.site)?.icd10 }),
            cases: r.cases,
            py: r.py,
            crude_rate: r.crude_rate,
            asr: r.asr,
            asr_lower: r.asr_lower,
            asr_upper: r.asr_upper,
            cum_risk_0_74: r.cum_risk_0_74,
            truncated_asr_35_64: r.truncated_asr_35_64,
            cum_rate_0_74: r.cum_rate_0_74,
            cases_unknown_age: r.cases_unknown_age,
            ...(siteScheme === undefined ? {} : { proportion: proportionOf(keys, r.cases) }),
            age_specific_rates: r.age_specific_rates,
          })),
        };
        process.stdout.write(`${JSON.stringify(document)}\n`);
        return;
      }
      const fixed = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : '-');
      const rows = strata.map(({ keys, rates: r }) => ({
        ...keys,
        ...(siteScheme === undefined ? {} : { site_name: groupOf(keys.site)?.en }),
        cases: r.cases,
        py: Math.round(r.py),
        crude_rate: fixed(r.crude_rate),
        asr: fixed(r.asr),
        '95% CI': `${fixed(r.asr_lower)}–${fixed(r.asr_upper)}`,
        'cum_risk_0_74 %': fixed(r.cum_risk_0_74),
        truncated_asr_35_64: fixed(r.truncated_asr_35_64),
      }));
      process.stdout.write(renderTable(rows));
      if (siteScheme !== undefined && input.excludedCases > 0) process.stdout.write(`${input.excludedCases} cases outside the ${siteScheme} groups (in situ, benign …) left out\n`);
      process.stdout.write(`rates per 100,000 person-years; ASR standard: ${standard.name} (${standard.name_zh}); ${options.ci} interval; unknown ages: ${options.unknownAge}\n`);
    });
}

/** Cases in an age group with no person-years have no rate: bad input, named by the first cases row of the stratum. */
function checkPersonYears(cases: Float64Array, py: Float64Array, scheme: AgeScheme, file: string, row: number): void {
  cases.forEach((c, i) => {
    if (c > 0 && !(py[i]! > 0)) {
      throw new CliInputError(file, `${c} cases in age group ${AGE_GROUPS[scheme][i]!.label} but no person-years in the population file for this stratum`, row, 'age_group');
    }
  });
}

async function loadStandard(spec: string): Promise<StandardPopulation> {
  if (spec in BUILT_IN_STANDARDS) return BUILT_IN_STANDARDS[spec as keyof typeof BUILT_IN_STANDARDS];
  if (!spec.toLowerCase().endsWith('.csv')) throw new CliUsageError(`--standard: "${spec}" is not segi1960, who2000, china2000 or a .csv file`);
  const rows = await readAllCsv(spec, ['age_group']);
  const weightColumn = ['weight', 'population', 'pop'].find((c) => c in (rows[0]?.values ?? {}));
  if (weightColumn === undefined) throw new CliInputError(spec, 'the standard needs a "weight" (or "population") column', 0, 'weight');
  const parsed = standardFromRows(rows.map((r) => ({ ageGroup: r.values.age_group ?? '', weight: r.values[weightColumn] ?? '', row: r.row })), spec);
  if (!parsed.ok) {
    const match = /^row (\d+): (\w+)$/.exec(parsed.error.field);
    const column = match ? (match[2] === 'weight' ? weightColumn : match[2]) : parsed.error.field === 'weight' ? weightColumn : parsed.error.field;
    throw new CliInputError(spec, parsed.error.message, match ? Number(match[1]) : undefined, column);
  }
  return parsed.value;
}

function siteProportions(
  strata: ReadonlyArray<{ keys: Record<string, unknown>; rates: { cases: number } }>,
  by: readonly string[],
  siteScheme: string | undefined,
): (keys: Record<string, unknown>, cases: number) => number | null {
  const allId = siteScheme === 'ci5' ? '62' : 'all';
  const rest = (keys: Record<string, unknown>) => by.filter((c) => c !== 'site').map((c) => String(keys[c])).join('\u0000');
  const totals = new Map(strata.filter((s) => s.keys.site === allId).map((s) => [rest(s.keys), s.rates.cases]));
  return (keys, cases) => {
    const total = totals.get(rest(keys));
    return total === undefined ? null : proportionPercent(cases, total);
  };
}

/** Table order of a site group: CI5 codes numerically, ICD-10 categories and NCCR ids by their first code. */
function sortKey(id: string): number {
  const total = TOTAL_IDS.indexOf(id);
  if (total >= 0) return 10_000 + total;
  if (/^\d+$/.test(id)) return Number(id);
  const code = /^([CD])(\d{2})$/.exec(id);
  if (code) return (code[1] === 'C' ? 0 : 100) + Number(code[2]);
  return NCCR_ORDER.indexOf(id) >= 0 ? NCCR_ORDER.indexOf(id) : 9_999;
}

const NCCR_ORDER = NCCR_ROWS.map(([id]) => id);
const TOTAL_IDS = ['62', '63', 'all', 'all-but-c44'];
