/** `onconet registry export`: the case listing or the CI5 table as CSV (docs/registry.md). */
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { CASE_LISTING_COLUMNS } from '@onconet/services/registry/export';
import { CI5_AGE_GROUPS } from '@onconet/domain/registry/ci5-cancers';
import { CliInputError } from '../errors.ts';
import { readCsv } from '../io/csv.ts';
import type { OpenRegistry } from './open-registry.ts';

/** Person-years by sex and CI5 age group: columns `sex, age_group, py`. */
export async function readPopulation(file: string): Promise<Map<string, number>> {
  const population = new Map<string, number>();
  for await (const { row, values } of readCsv(file, ['sex', 'age_group', 'py'])) {
    const sex = values.sex?.trim() ?? '';
    if (sex !== '1' && sex !== '2') throw new CliInputError(file, `sex "${sex}" is not 1 or 2`, row, 'sex');
    const group = values.age_group?.trim() ?? '';
    if (!CI5_AGE_GROUPS.includes(group) || group === 'unknown') throw new CliInputError(file, `age_group "${group}" is not a CI5 five-year group (0-4 … 85+)`, row, 'age_group');
    const py = Number(values.py);
    if (!/^\d+(\.\d+)?$/.test(values.py?.trim() ?? '') || !Number.isFinite(py)) throw new CliInputError(file, `py "${values.py}" is not a number of person-years`, row, 'py');
    if (population.has(`${sex}|${group}`)) throw new CliInputError(file, `sex ${sex}, age group ${group} appears twice`, row, 'age_group');
    population.set(`${sex}|${group}`, py);
  }
  return population;
}

export async function exportFile(open: OpenRegistry, options: { layout: 'cases' | 'ci5'; output: string | null; fromYear?: number; toYear?: number; population?: Map<string, number>; registryName: string }): Promise<number> {
  const out = options.output === null ? process.stdout : createWriteStream(options.output);
  let rows = 0;
  if (options.layout === 'cases') {
    const csv = stringify({ header: true, columns: [...CASE_LISTING_COLUMNS] });
    csv.pipe(out, { end: options.output !== null });
    for await (const row of open.registry.caseListing(open.actor, options)) {
      if (!csv.write(row)) await new Promise((resolve) => csv.once('drain', resolve));
      rows += 1;
    }
    csv.end();
    await finished(csv);
  } else {
    const table = await open.registry.ci5(open.actor, { registry: options.registryName, ...(options.fromYear === undefined ? {} : { fromYear: options.fromYear }), ...(options.toYear === undefined ? {} : { toYear: options.toYear }), population: options.population ?? new Map() });
    const csv = stringify({ header: true, columns: ['registry', 'cancer', 'sex', 'age_group', 'cases', 'py'] });
    csv.pipe(out, { end: options.output !== null });
    for (const r of table) csv.write(r);
    rows = table.length;
    csv.end();
    await finished(csv);
  }
  if (options.output !== null) await finished(out);
  return rows;
}
