/**
 * A notification file read and validated a chunk at a time: a large one on the validation worker's thread
 * (validation-worker.ts), which reads at most CHUNKS_AHEAD chunks ahead of the import, so memory stays that of a
 * few chunks whatever the file's size; a small one on the import's own thread (starting a worker, which loads the
 * code tables and pinyin dictionaries again, takes about a second).
 */
import { Worker } from 'node:worker_threads';
import { isXlsxFile, openTable, TableError, type OpenedTable } from './read-table.ts';
import { validatedChunks, type ValidatedChunk } from './row-validator.ts';
import type { WorkerInput, WorkerMessage } from './validation-worker.ts';

export type { ValidatedChunk } from './row-validator.ts';

/** What openTable tells of the file, and its rows validated, a chunk at a time. */
export interface ValidatedFile extends Pick<OpenedTable, 'format' | 'encoding' | 'columns' | 'estimatedRows'> {
  /** In order; throws TableError where the file turns out malformed. */
  readonly chunks: AsyncIterable<ValidatedChunk>;
  /** Stops the worker (also when the import stops reading early). */
  close(): Promise<void>;
}

const CHUNKS_AHEAD = 2;
/**
 * The worker's heap: the code tables and pinyin dictionaries and a few chunks of rows (a CSV is decoded as it is
 * read, read-table.ts), whatever the file's size; an Excel workbook is loaded whole, so its heap grows with the file.
 * A heap with room to spare is collected lazily, and the worker's garbage lifted an import's resident memory over
 * 1 GiB (1,031–1,220 MiB at 200,000 rows without a limit).
 */
const workerHeap = (input: WorkerInput) => ({
  maxOldGenerationSizeMb: isXlsxFile(input.fileName, input.bytes) ? 96 + Math.ceil((3 * input.bytes.length) / 1024 / 1024) : 128,
  maxYoungGenerationSizeMb: 4,
});
/** Files from this size on (about 5,000 notifications) are read on the worker. */
export const WORKER_FROM_BYTES = 1024 * 1024;

/** Opens the file; throws TableError when it cannot be read (encoding, format, no header). */
export async function openValidatedFile(input: WorkerInput, where: 'worker' | 'here' = input.bytes.length >= WORKER_FROM_BYTES ? 'worker' : 'here'): Promise<ValidatedFile> {
  if (where === 'here') {
    const table = await openTable(input.fileName, input.bytes);
    return { format: table.format, encoding: table.encoding, columns: table.columns, estimatedRows: table.estimatedRows, chunks: validatedChunks(table.rows, input, input.chunkRows), close: async () => {} };
  }
  return onWorker(input);
}

async function onWorker(input: WorkerInput): Promise<ValidatedFile> {
  // The worker gets its own copy of the bytes (moved, not cloned again).
  const bytes = input.bytes.slice();
  const worker = new Worker(new URL('./validation-worker-entry.mjs', import.meta.url), { workerData: { ...input, bytes }, transferList: [bytes.buffer], resourceLimits: workerHeap(input) });
  const inbox: WorkerMessage[] = [];
  let stopped: Error | null = null;
  let closing = false;
  let notify: (() => void) | null = null;
  worker.on('message', (message: WorkerMessage) => {
    inbox.push(message);
    notify?.();
  });
  worker.on('error', (error: unknown) => {
    stopped = error instanceof Error ? error : new Error(String(error));
    notify?.();
  });
  worker.on('exit', (code) => {
    if (!closing) stopped ??= new Error(`the validation worker stopped (exit code ${code})`);
    notify?.();
  });
  const close = async () => {
    closing = true;
    await worker.terminate();
  };
  const next = async (): Promise<WorkerMessage> => {
    while (inbox.length === 0) {
      if (stopped) throw stopped;
      await new Promise<void>((resolve) => (notify = resolve));
      notify = null;
    }
    const message = inbox.shift()!;
    if (message.type === 'table-error') throw new TableError(message.errors);
    if (message.type === 'failed') throw new Error(`validation worker: ${message.message}`);
    return message;
  };

  let opened: WorkerMessage;
  try {
    opened = await next();
    if (opened.type !== 'opened') throw new Error(`validation worker: "${opened.type}" before the file was opened`);
  } catch (error) {
    await close();
    throw error;
  }
  for (let i = 0; i < CHUNKS_AHEAD; i++) worker.postMessage('more');
  async function* chunks(): AsyncGenerator<ValidatedChunk> {
    for (;;) {
      const message = await next();
      if (message.type === 'done') return;
      if (message.type !== 'chunk') throw new Error(`validation worker: unexpected "${message.type}"`);
      worker.postMessage('more');
      yield message;
    }
  }
  return { format: opened.format, encoding: opened.encoding, columns: opened.columns, estimatedRows: opened.estimatedRows, chunks: chunks(), close };
}
