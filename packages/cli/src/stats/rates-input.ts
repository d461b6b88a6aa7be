import { parseSex } from '@onconet/domain/common/sex';
import { parseAgeGroup, type AgeScheme } from '@onconet/domain/epi/standards/age-groups';
import type { SiteGroup, SiteGroupScheme } from '@onconet/domain/epi/site-groups/site-group';
import { groupSite } from '@onconet/domain/epi/site-groups/site-grouping';
import { CliInputError, CliUsageError } from '../errors.ts';
import { readCsv } from '../io/csv.ts';

/**
 * Reading `stats rates` inputs into strata. One streaming pass per file: counts go into 21 slots per stratum — the
 * 19 groups of China's scheme (0, 1–4, 5–9 … 85+), a slot for a combined 0–4 and one for unknown age — and the
 * scheme is settled at the end: any 0–4 anywhere collapses everything to the 18 five-year groups.
 */
const SLOT_0_4 = 19;
const SLOT_UNKNOWN = 20;
const SLOTS = 21;

export interface StratumInput {
  /** Values of the --by columns, in order (sex normalised to 1/2). */
  readonly key: readonly string[];
  /** First data row of the cases file in this stratum, for error messages. */
  readonly firstRow: number;
  readonly slots: Float64Array;
}

export interface RatesInput {
  readonly scheme: AgeScheme;
  readonly by: readonly string[];
  readonly strata: ReadonlyArray<StratumInput & { readonly population: Float64Array }>;
  /** With --site-groups: the groups met, in the order first seen, and the cases the scheme leaves out (in situ …). */
  readonly siteGroups: ReadonlyMap<string, SiteGroup>;
  readonly excludedCases: number;
}

function slotOf(label: string, file: string, row: number, column: string): number {
  const group = parseAgeGroup(label);
  if (group === null) throw new CliInputError(file, `"${label}" is not an age group (0-4, 5-9 … 85+; or 0, 1-4 …; or unknown)`, row, column);
  if (group.kind === 'unknown') return SLOT_UNKNOWN;
  if (group.scheme === 'five-year-18') return SLOT_0_4;
  return group.scheme === 'china-19' ? group.index : group.index + 1;
}

function slotOfAge(raw: string, file: string, row: number): number {
  if (raw === '') return SLOT_UNKNOWN;
  const age = Number(raw);
  if (!Number.isFinite(age) || age < 0 || age > 130) throw new CliInputError(file, `"${raw}" is not an age in years (0–130, decimals allowed; empty when unknown)`, row, 'age');
  return age < 1 ? 0 : age < 5 ? 1 : Math.min(18, Math.floor(age / 5) + 1);
}

function keyValue(column: string, raw: string, file: string, row: number): string {
  if (column !== 'sex') {
    if (raw === '') throw new CliInputError(file, `the grouping column "${column}" is empty`, row, column);
    return raw;
  }
  const sex = parseSex(raw);
  if (!sex.ok) throw new CliInputError(file, sex.error.message, row, column);
  return String(sex.value);
}

function nonNegative(raw: string, file: string, row: number, column: string): number {
  const value = Number(raw);
  if (raw === '' || !Number.isFinite(value) || value < 0) throw new CliInputError(file, `"${raw}" is not a number ≥ 0`, row, column);
  return value;
}

async function readHeader(file: string): Promise<string[]> {
  for await (const row of readCsv(file)) return Object.keys(row.values);
  throw new CliInputError(file, 'the file has no data rows');
}

export async function readRatesInput(casesFile: string, populationFile: string, by: readonly string[], siteScheme?: SiteGroupScheme): Promise<RatesInput> {
  const caseHeader = await readHeader(casesFile);
  const ageColumn = caseHeader.includes('age_group') ? 'age_group' : caseHeader.includes('age') ? 'age' : null;
  if (ageColumn === null) throw new CliInputError(casesFile, 'the cases file needs an "age" (years) or an "age_group" column', 0, 'age');
  for (const column of by) if (!caseHeader.includes(column)) throw new CliInputError(casesFile, `the --by column "${column}" is missing from the header`, 0, column);
  const aggregated = caseHeader.includes('cases');

  const siteIndex = by.indexOf('site');
  if (siteScheme !== undefined && siteIndex < 0) throw new CliUsageError('--site-groups needs "site" among the --by columns');
  const siteGroups = new Map<string, SiteGroup>();
  let excludedCases = 0;
  const strata = new Map<string, StratumInput>();
  for await (const { row, values } of readCsv(casesFile)) {
    const key = by.map((column) => keyValue(column, values[column] ?? '', casesFile, row));
    // A row with both columns uses the age group when it is filled in, the exact age otherwise.
    const label = values.age_group ?? '';
    const slot = ageColumn === 'age_group' && (label !== '' || !caseHeader.includes('age'))
      ? slotOf(label, casesFile, row, 'age_group')
      : slotOfAge(values.age ?? '', casesFile, row);
    const count = aggregated ? nonNegative(values.cases ?? '', casesFile, row, 'cases') : 1;
    // With site groups a case counts in its group and in the scheme's totals rows (all sites, all but C44).
    let sites: readonly (string | null)[] = [null];
    if (siteScheme !== undefined) {
      const grouping = groupSite(siteScheme, key[siteIndex]!);
      if (grouping.kind === 'invalid') throw new CliInputError(casesFile, `"${key[siteIndex]}" is not an ICD-10 code (C00–C97, D00–D48)`, row, 'site');
      if (grouping.kind === 'excluded') {
        excludedCases += count;
        continue;
      }
      sites = [grouping.group, ...grouping.totals].map((group) => {
        if (!siteGroups.has(group.id)) siteGroups.set(group.id, group);
        return group.id;
      });
    }
    for (const site of sites) {
      const stratumKey = site === null ? key : key.map((v, i) => (i === siteIndex ? site : v));
      const id = stratumKey.join('\u0000');
      let stratum = strata.get(id);
      if (!stratum) strata.set(id, (stratum = { key: stratumKey, firstRow: row, slots: new Float64Array(SLOTS) }));
      stratum.slots[slot]! += count;
    }
  }

  const popHeader = await readHeader(populationFile);
  if (!popHeader.includes('age_group')) throw new CliInputError(populationFile, 'the population file needs an "age_group" column', 0, 'age_group');
  const pyColumn = popHeader.includes('py') ? 'py' : popHeader.includes('population') ? 'population' : null;
  if (pyColumn === null) throw new CliInputError(populationFile, 'the population file needs a "py" (person-years) or "population" column', 0, 'py');
  // The population is matched on the --by columns it has (sex, year …) and summed over everything else.
  const popBy = by.map((column, i) => [column, i] as const).filter(([column]) => popHeader.includes(column));
  const population = new Map<string, Float64Array>();
  for await (const { row, values } of readCsv(populationFile)) {
    const id = popBy.map(([column]) => keyValue(column, values[column] ?? '', populationFile, row)).join('\u0000');
    let slots = population.get(id);
    if (!slots) population.set(id, (slots = new Float64Array(SLOTS)));
    const slot = slotOf(values.age_group ?? '', populationFile, row, 'age_group');
    if (slot === SLOT_UNKNOWN) throw new CliInputError(populationFile, 'person-years need a known age group', row, 'age_group');
    slots[slot]! += nonNegative(values[pyColumn] ?? '', populationFile, row, pyColumn);
  }

  const all = [...strata.values()];
  const scheme: AgeScheme = all.some((s) => s.slots[SLOT_0_4]! > 0) || [...population.values()].some((p) => p[SLOT_0_4]! > 0) ? 'five-year-18' : 'china-19';
  const out = all.map((stratum) => {
    const popKey = popBy.map(([, i]) => stratum.key[i]!).join('\u0000');
    const pop = population.get(popKey);
    if (!pop) {
      const described = popBy.map(([column, i]) => `${column}=${stratum.key[i]}`).join(', ') || 'all';
      throw new CliInputError(casesFile, `no population rows match this stratum (${described}) in ${populationFile}`, stratum.firstRow, popBy.map(([c]) => c).join(',') || undefined);
    }
    return { ...stratum, population: pop };
  });
  if (out.length === 0) throw new CliUsageError(`${casesFile}: no cases`);
  return { scheme, by, strata: out, siteGroups, excludedCases };
}

/** The counts of a stratum in the settled scheme: [cases by group, unknown age]. */
export function schemeCounts(slots: Float64Array, scheme: AgeScheme): { groups: Float64Array; unknown: number } {
  if (scheme === 'china-19') return { groups: slots.slice(0, 19), unknown: slots[SLOT_UNKNOWN]! };
  const groups = new Float64Array(18);
  groups[0] = slots[0]! + slots[1]! + slots[SLOT_0_4]!;
  for (let i = 2; i < 19; i += 1) groups[i - 1] = slots[i]!;
  return { groups, unknown: slots[SLOT_UNKNOWN]! };
}
