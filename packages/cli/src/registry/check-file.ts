/**
 * `onconet registry check`: runs every registry check of @onconet/domain on a CSV of tumours without touching
 * a database. Rows are streamed; only the small multiple-primary keys are kept per person.
 */
import { convertIcdO3ToIcd10 } from '@onconet/domain/codes/icdo3-to-icd10';
import { checkTumour, type CheckResult } from '@onconet/domain/registry/checks';
import { decidePrimaries, type PrimaryCandidate, type PrimaryDecision } from '@onconet/domain/registry/multiple-primaries';
import type { IsoDate } from '@onconet/domain/common/dates';
import { CliInputError } from '../errors.ts';
import type { CsvRow } from '../io/csv.ts';

export const REQUIRED_COLUMNS = ['id', 'sex', 'incidence_date', 'topography', 'morphology', 'behaviour', 'grade', 'basis'] as const;

export interface RecordReport {
  readonly id: string;
  readonly row: number;
  readonly icd10: string | null;
  readonly results: ReadonlyArray<{ rule: string; severity: 'error' | 'warning'; message: string; message_zh: string; fields: readonly string[] }>;
  readonly multiple_primary: { duplicate_of: string | null; rule: string | null; explanation: string | null; explanation_zh: string | null };
}

export interface CheckSummary {
  readonly records: number;
  readonly errors: number;
  readonly warnings: number;
  readonly records_with_errors: number;
  readonly records_with_warnings: number;
  readonly duplicates: number;
  readonly by_rule: Readonly<Record<string, number>>;
}

export interface CheckReport {
  readonly records: RecordReport[];
  readonly summary: CheckSummary;
}

const get = (values: Readonly<Record<string, string>>, key: string): string | null => values[key] ?? null;

export async function checkRows(file: string, rows: AsyncIterable<CsvRow>, today: IsoDate): Promise<CheckReport> {
  const records: RecordReport[] = [];
  const results: CheckResult[][] = [];
  const persons = new Map<string, Array<PrimaryCandidate & { index: number }>>();
  const seenIds = new Map<string, number>();
  let first = true;
  for await (const { row, values } of rows) {
    if (first) {
      if (!('birth_date' in values) && !('age' in values)) throw new CliInputError(file, 'the header needs a "birth_date" or an "age" column', 0, 'birth_date');
      first = false;
    }
    const id = (values.id ?? '').trim();
    if (id === '') throw new CliInputError(file, 'the id is empty', row, 'id');
    const previous = seenIds.get(id);
    if (previous !== undefined) throw new CliInputError(file, `the id "${id}" is already used on row ${previous}`, row, 'id');
    seenIds.set(id, row);
    const check = checkTumour(
      {
        sex: get(values, 'sex'), birthDate: get(values, 'birth_date'), age: get(values, 'age'), incidenceDate: get(values, 'incidence_date'),
        topography: get(values, 'topography'), morphology: get(values, 'morphology'), behaviour: get(values, 'behaviour'),
        grade: get(values, 'grade'), basis: get(values, 'basis'), deathDate: get(values, 'death_date'),
      },
      { today },
    );
    const t = check.tumour;
    const converted = t.topography !== null && t.morphology !== null && t.behaviour !== null
      ? convertIcdO3ToIcd10({ topography: t.topography, morphology: t.morphology, behaviour: t.behaviour, sex: t.sex })
      : null;
    const person = (values.person_id ?? '').trim();
    if (person !== '' && t.topography !== null && t.morphology !== null && !check.results.some((r) => r.rule === 'code.morphology')) {
      const list = persons.get(person) ?? [];
      list.push({ id, topography: t.topography, morphology: t.morphology, incidenceDate: t.incidenceDate, index: records.length });
      persons.set(person, list);
    }
    results.push([...check.results]);
    records.push({
      id,
      row,
      icd10: converted?.ok ? converted.icd10 : null,
      results: check.results.map((r) => ({ rule: r.rule, severity: r.severity, message: r.message.en, message_zh: r.message.zh, fields: r.fields })),
      multiple_primary: { duplicate_of: null, rule: null, explanation: null, explanation_zh: null },
    });
  }
  if (first) throw new CliInputError(file, 'the file has no data rows');
  let duplicates = 0;
  for (const list of persons.values()) {
    if (list.length < 2) continue;
    const decisions: ReadonlyMap<string, PrimaryDecision> = decidePrimaries(list);
    for (const c of list) {
      const d = decisions.get(c.id);
      const record = records[c.index];
      if (!d || !record) continue;
      if (d.kind === 'same') duplicates += 1;
      records[c.index] = {
        ...record,
        multiple_primary: { duplicate_of: d.kind === 'same' ? d.duplicateOf : null, rule: d.rule, explanation: d.explanation.en, explanation_zh: d.explanation.zh },
      };
    }
  }
  const byRule: Record<string, number> = {};
  let errors = 0;
  let warnings = 0;
  let withErrors = 0;
  let withWarnings = 0;
  for (const list of results) {
    let e = false;
    let w = false;
    for (const r of list) {
      byRule[r.rule] = (byRule[r.rule] ?? 0) + 1;
      if (r.severity === 'error') {
        errors += 1;
        e = true;
      } else {
        warnings += 1;
        w = true;
      }
    }
    if (e) withErrors += 1;
    if (w) withWarnings += 1;
  }
  return {
    records,
    summary: { records: records.length, errors, warnings, records_with_errors: withErrors, records_with_warnings: withWarnings, duplicates, by_rule: byRule },
  };
}
