import { parseDate, toEpochDay } from '@onconet/domain/common/dates';
import { parseSex } from '@onconet/domain/common/sex';
import { DAYS_PER_YEAR } from '@onconet/domain/epi/life-table/life-table';
import { RATETABLE_ORIGIN_OFFSET } from '@onconet/domain/epi/life-table/rate-table';
import { ICSS_AGE_GROUPS, icssAgeGroup } from '@onconet/domain/epi/survival/standardise';
import type { SurvivalCohort } from '@onconet/domain/epi/survival/estimate';
import { CliInputError } from '../errors.ts';
import { readCsv } from '../io/csv.ts';

/** One cohort per combination of the --by columns, in order of first appearance sorted by key. */
export interface SurvivalStratum {
  readonly groups: Readonly<Record<string, string>>;
  readonly cohort: SurvivalCohort;
  /** Rows left out: zero follow-up under relative/net survival, as relsurv::rs.surv drops them. */
  readonly excludedZeroTime: number;
}

interface Accumulator {
  groups: Record<string, string>;
  time: number[];
  status: number[];
  age: number[];
  sex: number[];
  day: number[];
  excludedZeroTime: number;
}

/**
 * `--by` columns the input may leave out: derived from age at diagnosis (the ICSS age groups, with
 * 0-14 below them) and from the date of diagnosis (its calendar year).
 */
const DERIVED: Record<string, { from: string; value: (raw: string) => string }> = {
  age_group: { from: 'age', value: (raw) => (Number(raw) < 15 ? '0-14' : (ICSS_AGE_GROUPS[icssAgeGroup(Number(raw))] ?? '')) },
  year: { from: 'diagnosis_date', value: (raw) => raw.trim().slice(0, 4) },
};

/**
 * Reads the survival input CSV: `time` (days of follow-up), `status` (1 dead, 0 censored) and,
 * when `needCovariates`, `age` (years at diagnosis), `sex` and `diagnosis_date`. Any bad value
 * stops with the file, row and column (exit 2).
 */
export async function readSurvivalInput(file: string, options: { by: readonly string[]; needCovariates: boolean; dropZeroTime: boolean }): Promise<SurvivalStratum[]> {
  const required = ['time', 'status', ...(options.needCovariates ? ['age', 'sex', 'diagnosis_date'] : []), ...options.by.filter((c) => !(c in DERIVED))];
  const strata = new Map<string, Accumulator>();
  let derive: string[] | undefined;
  for await (const { row, values } of readCsv(file, required)) {
    const bad = (column: string, detail: string) => new CliInputError(file, detail, row, column);
    if (derive === undefined) {
      derive = options.by.filter((c) => c in DERIVED && !(c in values));
      for (const c of derive) {
        const from = (DERIVED[c] as { from: string }).from;
        if (!(from in values)) throw new CliInputError(file, `--by ${c}: the file has neither a "${c}" column nor "${from}" to derive it from`, 0, c);
      }
    }
    const time = Number(values.time);
    if (values.time === '' || !Number.isFinite(time) || time < 0) throw bad('time', `time must be days of follow-up (a number ≥ 0), got "${values.time}"`);
    const status = values.status === '1' ? 1 : values.status === '0' ? 0 : -1;
    if (status < 0) throw bad('status', `status must be 1 (dead) or 0 (censored), got "${values.status}"`);
    let age = 0;
    let sex = 0;
    let day = 0;
    if (options.needCovariates) {
      age = Number(values.age);
      if (values.age === '' || !Number.isFinite(age) || age < 0 || age > 130) throw bad('age', `age must be years at diagnosis (0–130, decimals allowed), got "${values.age}"`);
      const parsedSex = parseSex(values.sex ?? '');
      if (!parsedSex.ok) throw bad('sex', parsedSex.error.message);
      sex = parsedSex.value;
      const date = parseDate(values.diagnosis_date ?? '', 'diagnosis_date');
      if (!date.ok) throw bad('diagnosis_date', date.error.message);
      day = toEpochDay(date.value) + RATETABLE_ORIGIN_OFFSET;
    }
    const groups = Object.fromEntries(options.by.map((c) => [c, derive?.includes(c) ? (DERIVED[c] as { value: (raw: string) => string }).value(values[(DERIVED[c] as { from: string }).from] ?? '') : (values[c] ?? '')]));
    const key = JSON.stringify(options.by.map((c) => groups[c]));
    let acc = strata.get(key);
    if (acc === undefined) {
      acc = { groups, time: [], status: [], age: [], sex: [], day: [], excludedZeroTime: 0 };
      strata.set(key, acc);
    }
    if (options.dropZeroTime && time === 0) {
      acc.excludedZeroTime += 1;
      continue;
    }
    acc.time.push(time);
    acc.status.push(status);
    if (options.needCovariates) {
      acc.age.push(age * DAYS_PER_YEAR);
      acc.sex.push(sex);
      acc.day.push(day);
    }
  }
  const collator = new Intl.Collator('en', { numeric: true });
  return [...strata.entries()]
    .sort(([a], [b]) => collator.compare(a, b))
    .map(([, acc]) => ({
      groups: acc.groups,
      excludedZeroTime: acc.excludedZeroTime,
      cohort: {
        followUp: { time: Float64Array.from(acc.time), status: Uint8Array.from(acc.status) },
        ...(options.needCovariates ? { covariates: { ageDays: Float64Array.from(acc.age), sex: Uint8Array.from(acc.sex), diagnosisDay: Float64Array.from(acc.day) } } : {}),
      },
    }));
}
