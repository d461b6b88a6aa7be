import type { FieldSpec } from '@onconet/domain/linkage/config/field-types';
import { CliInputError } from '../errors.ts';
import { readCsv } from '../io/csv.ts';

export interface RecordBatch {
  readonly ids: string[];
  readonly rows: string[][];
}

/**
 * Streams a CSV in batches of the configured columns; only the ids and raw cells of the batch in hand are
 * held. Every record needs a non-empty, unique id (exit 2 naming file, row and column otherwise).
 */
export async function* readRecordBatches(file: string, idColumn: string, specs: readonly FieldSpec[], seen: Set<string>, batchSize = 20_000): AsyncGenerator<RecordBatch> {
  let batch: RecordBatch = { ids: [], rows: [] };
  for await (const { row, values } of readCsv(file, [idColumn, ...specs.map((s) => s.column)])) {
    const id = values[idColumn] ?? '';
    if (id === '') throw new CliInputError(file, 'the record id is empty', row, idColumn);
    if (seen.has(id)) throw new CliInputError(file, `the record id "${id}" occurs twice`, row, idColumn);
    seen.add(id);
    batch.ids.push(id);
    batch.rows.push(specs.map((s) => values[s.column] ?? ''));
    if (batch.ids.length >= batchSize) {
      yield batch;
      batch = { ids: [], rows: [] };
    }
  }
  if (batch.ids.length > 0) yield batch;
}
