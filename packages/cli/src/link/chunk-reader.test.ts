import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lastRecordEnd, readChunks, readHead } from './chunk-reader.ts';

const dir = mkdtempSync(join(tmpdir(), 'onconet-chunks-'));
const cell = fc.oneof(fc.constantFrom('王丽', '張偉', 'ZHANG Wei', '', '1980-03-07', '"quoted, with comma"', '"two\nlines"', '"a ""quote"""'), fc.string({ unit: fc.constantFrom('a', '1', ' ', '丽') }));
const csv = fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 40 }).map((rows) => rows.map((r) => r.join(',')).join('\n') + '\n');
const records = (text: string): string[][] => parse(text, { relax_column_count: true });

describe('record-aligned chunks for the workers', () => {
  it('finds the end of the last complete record, ignoring newlines inside quotes', () => {
    const bytes = (s: string) => new TextEncoder().encode(s);
    expect(lastRecordEnd(bytes('a,b\nc,"d\ne"\nf,g'))).toBe('a,b\nc,"d\ne"\n'.length);
    expect(lastRecordEnd(bytes('a,"b\nc'))).toBe(-1);
    expect(lastRecordEnd(bytes('a,b'))).toBe(-1);
  });

  it('property: the chunks hold exactly the file, each parses to whole records, together to all of them', async () => {
    await fc.assert(
      fc.asyncProperty(csv, fc.integer({ min: 8, max: 200 }), async (body, size) => {
        const path = join(dir, 'data.csv');
        const header = 'a,b,c\n';
        writeFileSync(path, header + body);
        const head = readHead(path, Buffer.from(header + body), ['a']);
        expect(head.header).toEqual(['a', 'b', 'c']);
        const chunks: Uint8Array[] = [];
        for await (const chunk of readChunks(path, head.dataStart, size)) chunks.push(chunk.bytes);
        const decoder = new TextDecoder();
        expect(chunks.map((c) => decoder.decode(c)).join('')).toBe(body);
        expect(chunks.flatMap((c) => records(decoder.decode(c)))).toEqual(records(body));
      }),
      { numRuns: 60 },
    );
  });
});
