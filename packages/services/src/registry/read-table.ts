/**
 * Reads an uploaded import file — CSV (UTF-8, or GBK/GB18030 as Chinese spreadsheets often save it) or Excel
 * (.xlsx) — into header-keyed rows of text. Problems name the file, row and column; nothing is guessed: an
 * encoding that is neither UTF-8 nor GB18030 is refused with what it looks like.
 */
import { isUtf8 } from 'node:buffer';
import { Readable } from 'node:stream';
import chardet from 'chardet';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { RowError } from '@onconet/domain/registry/import/row-error';

export interface TableRow {
  /** 1-based data row (the header is row 0). */
  readonly row: number;
  readonly values: Readonly<Record<string, string>>;
}

export interface Table {
  readonly format: 'csv' | 'xlsx';
  readonly encoding: string;
  readonly columns: readonly string[];
  readonly rows: readonly TableRow[];
}

/** A table read row by row (a province-year of notifications is not held in memory at once). */
export interface OpenedTable {
  readonly format: 'csv' | 'xlsx';
  readonly encoding: string;
  readonly columns: readonly string[];
  /** For a progress bar: the file's line count (a CSV cell may hold a line break, so it is an estimate). */
  readonly estimatedRows: number;
  /** Rows in order; iterating throws TableError where the file turns out malformed. */
  readonly rows: AsyncIterable<TableRow>;
}

export class TableError extends Error {
  constructor(readonly errors: readonly RowError[]) {
    super(errors.map((e) => e.message).join('; '));
    this.name = 'TableError';
  }
}

const fileError = (code: string, message: string, messageZh: string, row = 0, column = 'file'): TableError =>
  new TableError([{ row, column, code, message, messageZh }]);

const XLSX_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const isZip = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(4, bytes.byteLength)).equals(XLSX_MAGIC);

/** Whether the file is read as an Excel workbook (by its name or its zip signature), not as CSV. */
export const isXlsxFile = (fileName: string, bytes: Uint8Array): boolean => /\.xlsx$/i.test(fileName) || isZip(bytes);

/** The whole table at once (death and screening list files; a notification file is read row by row with openTable). */
export async function readTable(fileName: string, bytes: Uint8Array): Promise<Table> {
  const table = await openTable(fileName, bytes);
  const rows: TableRow[] = [];
  for await (const row of table.rows) rows.push(row);
  return { format: table.format, encoding: table.encoding, columns: table.columns, rows };
}

/** UTF-8 when it decodes cleanly; otherwise GB18030 (a superset of GBK) when chardet says so; else refused. */
export function detectEncoding(fileName: string, buffer: Buffer): 'UTF-8' | 'GB18030' {
  if (isUtf8(buffer)) return 'UTF-8';
  const guess = chardet.detect(buffer.subarray(0, 256 * 1024)) ?? 'unknown';
  if (/^(GB18030|GBK|GB2312)$/i.test(guess)) return 'GB18030';
  if (/^(Big5|EUC-KR|EUC-JP|Shift_JIS|ISO-8859-1|windows-125\d)$/i.test(guess)) {
    // Single-byte guesses are frequent for short GBK files; a clean GB18030 decoding with Han characters settles it.
    const text = iconv.decode(buffer, 'gb18030');
    if (!text.includes('\uFFFD') && /\p{Script=Han}/u.test(text)) return 'GB18030';
  }
  throw fileError('encoding', `${fileName}: the file is neither UTF-8 nor GBK/GB18030 (it looks like ${guess}); save it as UTF-8`, `文件编码不是UTF-8或GBK（疑似${guess}），请另存为UTF-8`);
}

/**
 * The file's text in slices of about 64 KB, decoded as they are read: a province-year's file as one string was
 * twice its size again in memory (two bytes a character), held for the whole import. A leading BOM is dropped.
 */
function* decodedSlices(buffer: Buffer, encoding: 'UTF-8' | 'GB18030'): Generator<string> {
  const step = 65536;
  if (encoding === 'UTF-8') {
    const decoder = new TextDecoder('utf-8');
    for (let i = 0; i < buffer.length; i += step) yield decoder.decode(buffer.subarray(i, i + step), { stream: i + step < buffer.length });
    return;
  }
  const decoder = iconv.getDecoder('gb18030');
  for (let i = 0; i < buffer.length; i += step) yield decoder.write(buffer.subarray(i, i + step));
  const rest = decoder.end();
  if (rest) yield rest;
}

/** Line feeds in the file: a line feed byte is never part of a UTF-8 or GB18030 multi-byte character. */
function countLines(buffer: Buffer): number {
  let lines = 0;
  for (let i = buffer.indexOf(0x0a); i !== -1; i = buffer.indexOf(0x0a, i + 1)) lines += 1;
  return lines;
}

/**
 * Opens an import file to be read row by row. CSV is parsed as it is read (csv-parse's stream, fed 64 KB at a
 * time); an Excel workbook is loaded whole (the .xlsx format has no cheaper reading) and its rows handed out.
 */
export async function openTable(fileName: string, bytes: Uint8Array): Promise<OpenedTable> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length === 0) throw fileError('empty', `${fileName}: the file is empty`, '文件为空');
  if (isXlsxFile(fileName, buffer)) {
    if (!isZip(buffer)) throw fileError('format', `${fileName}: not an Excel .xlsx file (an old .xls? save it as .xlsx or CSV)`, '不是有效的Excel .xlsx文件');
    const table = await readXlsx(fileName, buffer);
    return { ...table, estimatedRows: table.rows.length, rows: fromArray(table.rows) };
  }
  if (/\.xls$/i.test(fileName) || buffer.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
    throw fileError('format', `${fileName}: Excel 97–2003 .xls files are not read; save it as .xlsx or CSV`, '不支持Excel 97–2003 .xls文件，请另存为.xlsx或CSV');
  }
  const encoding = detectEncoding(fileName, buffer);
  const records = csvRecords(decodedSlices(buffer, encoding))[Symbol.asyncIterator]();
  const first = await nextRecord(fileName, records);
  if (first.done) throw fileError('empty', `${fileName}: the file has no header row`, '文件没有表头');
  const columns = first.value.map((h) => h.trim().toLowerCase());
  const lines = countLines(buffer);
  async function* rows(): AsyncGenerator<TableRow> {
    for (let row = 1; ; row += 1) {
      const next = await nextRecord(fileName, records);
      if (next.done) return;
      yield { row, values: rowValues(columns, next.value) };
    }
  }
  return { format: 'csv', encoding, columns, estimatedRows: Math.max(lines - 1, 0), rows: rows() };
}

async function* fromArray<T>(items: readonly T[]): AsyncGenerator<T> {
  yield* items;
}

function csvRecords(slices: Iterable<string>): AsyncIterable<string[]> {
  const parser = parse({ skip_empty_lines: true, relax_column_count: false, bom: true });
  Readable.from(slices, { objectMode: false }).pipe(parser);
  return parser;
}

async function nextRecord(fileName: string, records: AsyncIterator<string[]>): Promise<IteratorResult<string[]>> {
  try {
    return await records.next();
  } catch (error) {
    throw csvError(fileName, error);
  }
}

function csvError(fileName: string, error: unknown): TableError {
  const e = error as Error & { code?: string; lines?: number };
  const row = Math.max((e.lines ?? 1) - 1, 0);
  return fileError('csv', `${fileName}, row ${row}: malformed CSV (${e.code ?? e.message})`, 'CSV格式错误', row, 'row');
}

const rowValues = (columns: readonly string[], cells: readonly string[]): Record<string, string> => Object.fromEntries(columns.map((c, j) => [c, (cells[j] ?? '').trim()]));


/** Excel dates come as Date objects at UTC midnight; numbers and rich text become their text. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellText(value.result);
    if ('text' in value) return String(value.text);
    return '';
  }
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
}

async function readXlsx(fileName: string, buffer: Buffer): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch (error) {
    throw fileError('format', `${fileName}: cannot read the Excel file (${(error as Error).message})`, '无法读取Excel文件');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet || sheet.rowCount === 0) throw fileError('empty', `${fileName}: the first worksheet is empty`, '第一个工作表为空');
  const headerRow = sheet.getRow(1);
  const columns: string[] = [];
  headerRow.eachCell({ includeEmpty: true }, (c, col) => {
    columns[col - 1] = cellText(c.value).trim().toLowerCase();
  });
  const rows: TableRow[] = [];
  for (let r = 2; r <= sheet.rowCount; r += 1) {
    const row = sheet.getRow(r);
    if (!row.hasValues) continue;
    const values: Record<string, string> = {};
    columns.forEach((c, i) => {
      if (c) values[c] = cellText(row.getCell(i + 1).value).trim();
    });
    rows.push({ row: r - 1, values });
  }
  return { format: 'xlsx', encoding: 'xlsx', columns: columns.filter(Boolean), rows };
}
