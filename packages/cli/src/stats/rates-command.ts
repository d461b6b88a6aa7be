import type { Command } from 'commander';
import type { AgeScheme } from '@onconet/domain/epi/standards/age-groups';
import { AGE_GROUPS } from '@onconet/domain/epi/standards/age-groups';
import { BUILT_IN_STANDARDS, standardFromRows, type StandardPopulation } from '@onconet/domain/epi/standards/standard-populations';
import { stratumRates } from '@onconet/domain/epi/rates/stratum-rates';
import type { AsrInterval } from '@onconet/domain/epi/rates/direct-standardisation';
import type { UnknownAgeHandling } from '@onconet/domain/epi/rates/unknown-age';
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
    .option('--format <format>', 'json or table', 'table')
    .action(async (options: RatesOptions) => {
      if (options.ci !== 'fay-feuer' && options.ci !== 'tiwari') throw new CliUsageError(`--ci: "${options.ci}" is not fay-feuer or tiwari`);
      if (options.unknownAge !== 'spread' && options.unknownAge !== 'apart') throw new CliUsageError(`--unknown-age: "${options.unknownAge}" is not spread or apart`);
      const by = (options.by ?? '').split(',').map((c) => c.trim()).filter((c) => c !== '');
      if (new Set(by).size !== by.length) throw new CliUsageError('--by: a column is listed twice');
      const standard = await loadStandard(options.standard);
      const input = await readRatesInput(options.cases, options.population, by);
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
      const collator = new Intl.Collator('en', { numeric: true });
      strata.sort((a, b) => {
        for (const column of by) {
          const d = collator.compare(String(a.keys[column]), String(b.keys[column]));
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
          strata: strata.map(({ keys, rates: r }) => ({
            ...keys,
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
            age_specific_rates: r.age_specific_rates,
          })),
        };
        process.stdout.write(`${JSON.stringify(document)}\n`);
        return;
      }
      const fixed = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : '-');
      const rows = strata.map(({ keys, rates: r }) => ({
        ...keys,
        cases: r.cases,
        py: Math.round(r.py),
        crude_rate: fixed(r.crude_rate),
        asr: fixed(r.asr),
        '95% CI': `${fixed(r.asr_lower)}–${fixed(r.asr_upper)}`,
        'cum_risk_0_74 %': fixed(r.cum_risk_0_74),
        truncated_asr_35_64: fixed(r.truncated_asr_35_64),
      }));
      process.stdout.write(renderTable(rows));
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
