import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { openTable, TableError } from './read-table.ts';

async function readAll(fileName: string, bytes: Uint8Array) {
  const table = await openTable(fileName, bytes);
  const rows: Array<Readonly<Record<string, string>>> = [];
  for await (const row of table.rows) rows.push(row.values);
  return { ...table, rows };
}

// Names of two to four Han characters and free text with commas and quotes: a CSV's cells as registrars fill them.
const han = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c));
const name = fc.array(han, { minLength: 2, maxLength: 4 }).map((cs) => cs.join(''));
const note = fc.array(fc.oneof(han, fc.constantFrom('a', 'Z', '7', ',', '"', ' ', '：', '（', '）')), { maxLength: 40 }).map((cs) => cs.join('').trim());
const csvCell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

describe('openTable: a CSV decoded as it is read', () => {
  it('property: rows come back whole from UTF-8 and GB18030 files larger than a read slice, whatever falls on a slice boundary', async () => {
    await fc.assert(
      fc.asyncProperty(
        // The first row's GB18030 bytes are not UTF-8 (short random ones can be: 一 is D2 BB in both readings).
        fc.array(fc.record({ name, note }), { minLength: 1, maxLength: 40 }).map((rows) => [{ name: '张三', note: '重庆市' }, ...rows]),
        fc.integer({ min: 0, max: 7 }),
        fc.constantFrom('utf-8', 'gb18030'),
        fc.boolean(),
        async (sample, shift, encoding, bom) => {
          // Repeated until the file spans several 64 KB slices; `shift` moves every boundary by a few bytes.
          const perRow = sample.reduce((n, r) => n + Buffer.byteLength(`R0000,${r.name},${r.note}`), 0) / sample.length;
          const rows = Array.from({ length: Math.ceil(200_000 / perRow) }, (_, i) => ({ id: `R${i}`, ...sample[i % sample.length]! }));
          const text = `${'x'.repeat(shift)}id,name,note\r\n${rows.map((r) => [r.id, r.name, r.note].map(csvCell).join(',')).join('\r\n')}\r\n`.slice(shift);
          const encoded = encoding === 'utf-8' ? Buffer.from(text, 'utf8') : iconv.encode(text, 'gb18030');
          const bytes = bom && encoding === 'utf-8' ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), encoded]) : encoded;
          expect(bytes.length).toBeGreaterThan(65536);
          const table = await readAll('list.csv', bytes);
          expect(table.encoding).toBe(encoding === 'utf-8' ? 'UTF-8' : 'GB18030');
          expect(table.columns).toEqual(['id', 'name', 'note']);
          expect(table.rows).toEqual(rows);
          expect(table.estimatedRows).toBe(rows.length);
        },
      ),
      { numRuns: 12 },
    );
  });

  it('refuses a file in neither UTF-8 nor GB18030, naming the file', async () => {
    const utf16 = Buffer.from('\ufeffid,name\r\n1,张三\r\n2,李四\r\n', 'utf16le');
    const error = await openTable('list.csv', utf16).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TableError);
    expect((error as TableError).errors[0]).toMatchObject({ code: 'encoding', column: 'file' });
    expect((error as TableError).message).toContain('list.csv');
  });
});
