import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { parse } from 'csv-parse';
import { CliInputError } from '../errors.ts';

export interface CsvRow {
  /** 1-based data row number (the header is row 0). */
  readonly row: number;
  readonly values: Readonly<Record<string, string>>;
}

/** GBK files are common in Chinese registries; we refuse them with a clear message rather than decode garbage. */
export function assertUtf8(file: string, sample: Buffer): void {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(sample, { stream: true }); // stream: a character cut at the end of the sample is not an error
  if (text.includes('\uFFFD')) {
    throw new CliInputError(file, 'the file is not UTF-8 (it looks like GBK/GB18030); save it as UTF-8 and try again');
  }
}

function readHead(file: string): Buffer {
  try {
    // Only the first 64 KiB: a million-row file is not read whole just to sniff its encoding.
    const fd = openSync(file, 'r');
    try {
      const buffer = Buffer.alloc(64 * 1024);
      return buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, 0));
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    throw new CliInputError(file, `cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/**
 * Streams a UTF-8 CSV with a header row. Required columns are checked before the first row is yielded,
 * and every malformed line is reported with its row number.
 */
export async function* readCsv(file: string, required: readonly string[] = []): AsyncGenerator<CsvRow> {
  assertUtf8(file, readHead(file));
  const parser = createReadStream(file).pipe(
    parse({ columns: (header: string[]) => header.map((h) => h.replace(/^\uFEFF/, '').trim()), skip_empty_lines: true, trim: true }),
  );
  let row = 0;
  let checked = false;
  try {
    for await (const record of parser as AsyncIterable<Record<string, string>>) {
      row += 1;
      if (!checked) {
        for (const column of required) {
          if (!(column in record)) throw new CliInputError(file, `the required column "${column}" is missing from the header`, 0, column);
        }
        checked = true;
      }
      yield { row, values: record };
    }
  } catch (error) {
    if (error instanceof CliInputError) throw error;
    const err = error as Error & { code?: string; lines?: number };
    throw new CliInputError(file, `malformed CSV (${err.code ?? err.message})`, err.lines === undefined ? row + 1 : err.lines - 1);
  }
  if (!checked && required.length > 0) throw new CliInputError(file, 'the file has no data rows');
}

export async function readAllCsv(file: string, required: readonly string[] = []): Promise<CsvRow[]> {
  const rows: CsvRow[] = [];
  for await (const row of readCsv(file, required)) rows.push(row);
  return rows;
}
