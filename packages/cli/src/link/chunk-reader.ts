import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { parse, type Options } from 'csv-parse/sync';
import { CliInputError } from '../errors.ts';
import { assertUtf8 } from '../io/csv.ts';

/**
 * Splits a CSV file into byte chunks that end on a record boundary, so that worker threads can parse
 * them in parallel: csv-parse on the main thread alone would take longer than the whole rest of a
 * million-record linkage. A newline ends a record only outside quotes; the quote parity is tracked from
 * the start of each chunk (which is a record start), so quoted fields with line breaks stay whole.
 */
export interface CsvChunk {
  readonly bytes: Uint8Array;
  /** The chunk's position in the file (0, 1, 2…); its first row number is known once the earlier chunks are parsed. */
  readonly index: number;
}

export interface CsvHead {
  readonly header: readonly string[];
  /** Byte offset of the first data row. */
  readonly dataStart: number;
}

const HEADER_OPTIONS: Options = { to_line: 1, relax_column_count: true, trim: true };
const NEWLINE = 0x0a;
const QUOTE = 0x22;

/** The end (exclusive) of the last complete record in `bytes`, or -1 when it holds none. */
export function lastRecordEnd(bytes: Uint8Array): number {
  let inQuotes = false;
  let last = -1;
  let from = 0;
  // The next quote is looked up once and reused until passed: searching it afresh for every line
  // would rescan to the end of a quote-free chunk each time.
  let q = bytes.indexOf(QUOTE);
  for (;;) {
    const n = bytes.indexOf(NEWLINE, from);
    if (n < 0) return last;
    while (q >= 0 && q < n) {
      inQuotes = !inQuotes;
      q = bytes.indexOf(QUOTE, q + 1);
    }
    if (!inQuotes) last = n + 1;
    from = n + 1;
  }
}

/** Reads the first 64 KiB of a file (for the encoding check and the header). */
export function readFileHead(file: string): Buffer {
  try {
    const fd = openSync(file, 'r');
    try {
      const buffer = Buffer.alloc(1 << 16);
      return buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, 0));
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    throw new CliInputError(file, `cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** Reads and checks the header: UTF-8, columns trimmed (BOM removed), the required ones present. */
export function readHead(file: string, head: Buffer, required: readonly string[]): CsvHead {
  assertUtf8(file, head);
  const line = firstLine(head);
  let rows: string[][];
  try {
    rows = parse(new TextDecoder().decode(line), HEADER_OPTIONS);
  } catch (error) {
    throw new CliInputError(file, `malformed CSV header (${(error as { code?: string }).code ?? (error as Error).message})`, 0);
  }
  const header = (rows[0] ?? []).map((h, k) => (k === 0 ? h.replace(/^\uFEFF/, '') : h).trim());
  if (header.length === 0) throw new CliInputError(file, 'the file has no data rows');
  for (const column of required) {
    if (!header.includes(column)) throw new CliInputError(file, `the required column "${column}" is missing from the header`, 0, column);
  }
  return { header, dataStart: line.length };
}

/** The bytes up to and including the header's newline (outside quotes). */
function firstLine(head: Buffer): Uint8Array {
  let inQuotes = false;
  for (let k = 0; k < head.length; k++) {
    const b = head[k];
    if (b === QUOTE) inQuotes = !inQuotes;
    else if (b === NEWLINE && !inQuotes) return head.subarray(0, k + 1);
  }
  return head;
}

/** Streams the data rows of a file as record-aligned byte chunks of about `size` bytes. */
export async function* readChunks(file: string, start: number, size = 1 << 22): AsyncGenerator<CsvChunk> {
  let carry: Uint8Array = new Uint8Array(0);
  let index = 0;
  for await (const piece of createReadStream(file, { start, highWaterMark: size }) as AsyncIterable<Buffer>) {
    const bytes = carry.length === 0 ? piece : Buffer.concat([carry, piece]);
    const end = lastRecordEnd(bytes);
    if (end <= 0) {
      carry = bytes;
      continue;
    }
    // Copy the chunk into its own buffer so it can be transferred to a worker without detaching the stream's pool.
    yield { bytes: Uint8Array.prototype.slice.call(bytes, 0, end), index: index++ };
    carry = Uint8Array.prototype.slice.call(bytes, end);
  }
  if (carry.length > 0) yield { bytes: carry, index };
}
