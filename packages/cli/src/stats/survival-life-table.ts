import { chinaModelLifeTable } from '@onconet/domain/epi/life-table/china-model';
import { buildLifeTable, type LifeTable, type LifeTableRow } from '@onconet/domain/epi/life-table/life-table';
import { parseSex } from '@onconet/domain/common/sex';
import { CliInputError } from '../errors.ts';
import { readAllCsv } from '../io/csv.ts';

/** `--life-table china-model` selects the demo's model table; anything else is a CSV `sex, age, year, qx`. */
export const MODEL_LIFE_TABLE = 'china-model';

export async function loadLifeTable(source: string): Promise<LifeTable> {
  if (source === MODEL_LIFE_TABLE) return chinaModelLifeTable();
  const csv = await readAllCsv(source, ['sex', 'age', 'year', 'qx']);
  const rows: LifeTableRow[] = csv.map(({ row, values }) => {
    const sex = parseSex(values.sex ?? '');
    if (!sex.ok) throw new CliInputError(source, sex.error.message, row, 'sex');
    const number = (column: 'age' | 'year' | 'qx'): number => {
      const raw = values[column] ?? '';
      const value = Number(raw);
      if (raw === '' || !Number.isFinite(value)) throw new CliInputError(source, `${column} must be a number, got "${raw}"`, row, column);
      return value;
    };
    return { sex: sex.value, age: number('age'), year: number('year'), qx: number('qx') };
  });
  const built = buildLifeTable(rows, source);
  if (!built.ok) {
    const { index, message, field } = built.error;
    throw new CliInputError(source, message, index >= 0 ? csv[index]?.row : undefined, field);
  }
  return built.value;
}
