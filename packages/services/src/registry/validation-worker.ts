/**
 * The validation worker: reads a notification file (read-table.ts) and validates its rows (row-validator.ts) on a
 * thread of its own, handing them to the import a chunk at a time when asked (validated-file.ts). Reading and
 * validating are about a quarter of an import's JavaScript and need nothing from the database, so they run while
 * the main thread scores candidates and plans tumours and the database writes.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { RowError } from '@onconet/domain/registry/import/row-error';
import { openTable, TableError } from './read-table.ts';
import { validatedChunks, type ValidatedChunk, type ValidatorSettings } from './row-validator.ts';

export interface WorkerInput extends ValidatorSettings {
  readonly fileName: string;
  readonly bytes: Uint8Array;
  readonly chunkRows: number;
}

export type WorkerMessage =
  | { readonly type: 'opened'; readonly format: 'csv' | 'xlsx'; readonly encoding: string; readonly columns: readonly string[]; readonly estimatedRows: number }
  | ({ readonly type: 'chunk' } & ValidatedChunk)
  | { readonly type: 'table-error'; readonly errors: readonly RowError[] }
  | { readonly type: 'done' }
  | { readonly type: 'failed'; readonly message: string };

const port = parentPort!;
const input = workerData as WorkerInput;
/** Chunks the import has asked for and not been sent yet. */
let asked = 0;
let wake: (() => void) | null = null;
port.on('message', () => {
  asked += 1;
  wake?.();
});
const wanted = () => (asked > 0 ? Promise.resolve() : new Promise<void>((resolve) => (wake = resolve)));
const send = (message: WorkerMessage) => port.postMessage(message);

async function run(): Promise<void> {
  const table = await openTable(input.fileName, input.bytes);
  send({ type: 'opened', format: table.format, encoding: table.encoding, columns: table.columns, estimatedRows: table.estimatedRows });
  for await (const chunk of validatedChunks(table.rows, input, input.chunkRows)) {
    await wanted();
    asked -= 1;
    wake = null;
    send({ type: 'chunk', ...chunk });
  }
  send({ type: 'done' });
}

run().catch((error: unknown) => {
  if (error instanceof TableError) send({ type: 'table-error', errors: error.errors });
  else send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
});
