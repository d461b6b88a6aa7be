import type { Command } from 'commander';
import { CHINA_MODEL_LABEL } from '@onconet/domain/epi/life-table/china-model';
import { toRateTable, type RateTable } from '@onconet/domain/epi/life-table/rate-table';
import { estimateSurvival } from '@onconet/domain/epi/survival/estimate';
import { ICSS_STANDARDS, type IcssStandard } from '@onconet/domain/epi/survival/standardise';
import { CONF_TYPES, SURVIVAL_METHODS, type ConfType, type SurvivalMethod } from '@onconet/domain/epi/survival/survival-data';
import { CliUsageError } from '../errors.ts';
import { parseFormat, renderTable } from '../io/output.ts';
import { readSurvivalInput } from './survival-input.ts';
import { loadLifeTable, MODEL_LIFE_TABLE } from './survival-life-table.ts';

interface SurvivalFlags {
  input: string;
  times: string;
  method: string;
  lifeTable?: string;
  confType: string;
  by?: string;
  period?: string;
  standardise?: string;
  format?: string;
}

/** `onconet stats survival`: the command-line contract of issue 5 (README "Statistics: survival"). */
export function registerSurvival(stats: Command): void {
  stats
    .command('survival')
    .description('Kaplan–Meier, actuarial, relative (Ederer II) and net (Pohar Perme) survival from a CSV of follow-up / 生存率')
    .requiredOption('--input <csv>', 'time (days), status (1 dead, 0 censored); age, sex, diagnosis_date for relative/net survival')
    .requiredOption('--times <years>', 'years at which to report survival, e.g. 1,3,5 (a year is 365.241 days)')
    .option('--method <method>', SURVIVAL_METHODS.join('|'), 'km')
    .option('--life-table <csv>', `general-population life table (sex, age, year, qx); "${MODEL_LIFE_TABLE}" is the demo's model table`)
    .option('--conf-type <type>', CONF_TYPES.join('|'), 'log')
    .option('--by <columns>', 'one estimate per combination of these columns, e.g. site,stage,sex')
    .option('--period <years>', 'period analysis over calendar years, e.g. 2015-2019')
    .option('--standardise <standard>', `age-standardise with ICSS weights: ${ICSS_STANDARDS.join('|')}`)
    .option('--format <format>', 'json or table', 'table')
    .action(async (flags: SurvivalFlags) => runSurvival(flags));
}

async function runSurvival(flags: SurvivalFlags): Promise<void> {
  const method = choice(flags.method, SURVIVAL_METHODS, '--method') as SurvivalMethod;
  const confType = choice(flags.confType, CONF_TYPES, '--conf-type') as ConfType;
  const standard = flags.standardise === undefined ? undefined : (choice(flags.standardise, ICSS_STANDARDS, '--standardise') as IcssStandard);
  const timesYears = flags.times.split(',').map((raw) => {
    const years = Number(raw.trim());
    if (raw.trim() === '' || !Number.isFinite(years) || years < 0) throw new CliUsageError(`--times: "${raw}" is not a number of years ≥ 0`);
    return years;
  });
  const period = flags.period === undefined ? undefined : parsePeriod(flags.period);
  const by = flags.by === undefined ? [] : flags.by.split(',').map((c) => c.trim()).filter((c) => c !== '');
  const relative = method === 'ederer2' || method === 'pohar-perme';
  if (!relative && flags.lifeTable !== undefined) throw new CliUsageError(`--life-table is used by ederer2 and pohar-perme, not by --method ${method}`);
  if (period !== undefined && method === 'actuarial') throw new CliUsageError('--period works with km, ederer2 or pohar-perme, not the actuarial method');

  let rates: RateTable | undefined;
  if (relative) {
    if (flags.lifeTable === undefined) process.stderr.write(`onconet: no --life-table given; using the ${CHINA_MODEL_LABEL}\n`);
    rates = toRateTable(await loadLifeTable(flags.lifeTable ?? MODEL_LIFE_TABLE));
  }
  const strata = await readSurvivalInput(flags.input, { by, needCovariates: relative || period !== undefined || standard !== undefined, dropZeroTime: relative });
  const results = strata.map((stratum) => {
    const estimate = estimateSurvival(stratum.cohort, { method, timesYears, confType, ...(rates ? { rates } : {}), ...(period ? { period } : {}), ...(standard ? { standard } : {}) });
    if (!estimate.ok) throw new CliUsageError(estimate.error.message);
    return { ...stratum.groups, n: estimate.value.n, excluded_zero_time: stratum.excludedZeroTime, times: estimate.value.times, median_years: estimate.value.median_years };
  });

  if (parseFormat(flags.format) === 'json') {
    const document = { method, conf_type: confType, life_table: rates?.label ?? null, period: period ? { first_year: period.firstYear, last_year: period.lastYear } : null, standard: standard ?? null, strata: results };
    process.stdout.write(`${JSON.stringify(document)}\n`);
    return;
  }
  const rows = results.flatMap((s) => s.times.map((t) => ({ ...Object.fromEntries(by.map((c) => [c, s[c as keyof typeof s]])), n: s.n, ...t, median_years: s.median_years })));
  const header = `method ${method}, ${confType} 95% interval${rates ? `, life table: ${rates.label}` : ''}${period ? `, period ${period.firstYear}–${period.lastYear}` : ''}${standard ? `, ${standard.toUpperCase()} age-standardised` : ''}\n`;
  process.stdout.write(header + renderTable(rows, [...by, 'n', 'years', 'n_risk', 'survival', 'se', 'lower', 'upper', 'median_years']));
}

function choice(value: string, allowed: readonly string[], flag: string): string {
  if (!allowed.includes(value)) throw new CliUsageError(`${flag} must be one of ${allowed.join(', ')}; got "${value}"`);
  return value;
}

function parsePeriod(raw: string): { firstYear: number; lastYear: number } {
  const match = /^(\d{4})(?:-(\d{4}))?$/.exec(raw.trim());
  const firstYear = Number(match?.[1]);
  const lastYear = Number(match?.[2] ?? match?.[1]);
  if (!match || lastYear < firstYear) throw new CliUsageError(`--period must be a calendar year or a range such as 2015-2019; got "${raw}"`);
  return { firstYear, lastYear };
}
