import { makeResidentId } from '@onconet/domain';
import { describe, expect, it } from 'vitest';
import { TableError } from './read-table.ts';
import { openValidatedFile, type ValidatedChunk } from './validated-file.ts';

/** The file is read and validated on a worker thread, or on the import's for a small file, and handed over a chunk at a time. */
const HEADER = 'source_ref,kind,reported_on,institution,name,sex,birth_date,resident_id,topography,morphology,behaviour,basis,histology_date';
const row = (i: number, extra: Partial<Record<'institution' | 'topography' | 'ref', string>> = {}) =>
  `${extra.ref ?? `P-${i}`},pathology,2024-03-02,${extra.institution ?? ''},王建国,1,1950-04-01,${makeResidentId('500235', '1950-04-01', i % 999, 1)},${extra.topography ?? 'C16.2'},8140,3,7,2024-02-20`;
const bytes = (lines: readonly string[]) => new TextEncoder().encode([HEADER, ...lines].join('\n') + '\n');
const settings = { today: '2024-06-30', importingInstitution: 1, codes: [['CORE', 1], ['FAR', 2]] as Array<[string, number]>, inScope: [1] };

async function readAll(file: Awaited<ReturnType<typeof openValidatedFile>>): Promise<ValidatedChunk[]> {
  const chunks: ValidatedChunk[] = [];
  try {
    for await (const chunk of file.chunks) chunks.push(chunk);
  } finally {
    await file.close();
  }
  return chunks;
}

describe.each(['worker', 'here'] as const)('openValidatedFile, read on %s', (where) => {
  it('hands over every row in order, a chunk at a time, validated as the import validates them', async () => {
    const lines = Array.from({ length: 23 }, (_, i) => row(i + 1));
    const file = await openValidatedFile({ fileName: 'n.csv', bytes: bytes(lines), chunkRows: 5, ...settings }, where);
    expect([file.format, file.encoding, file.estimatedRows]).toEqual(['csv', 'UTF-8', 23]);
    expect(file.columns).toContain('resident_id');
    const chunks = await readAll(file);
    expect(chunks.map((c) => c.rowsRead)).toEqual([5, 5, 5, 5, 3]);
    const valid = chunks.flatMap((c) => c.valid);
    expect(valid.map((v) => v.row)).toEqual(Array.from({ length: 23 }, (_, i) => i + 1));
    expect(valid[0]).toMatchObject({ institutionId: 1, parsed: { sourceRef: 'P-1', kind: 'pathology', person: { name: '王建国' } }, received: { source_ref: 'P-1' } });
    expect(chunks.every((c) => c.errors.length === 0)).toBe(true);
  });

  it('reports bad rows where they are, and hands over no valid rows after the first bad one', async () => {
    const lines = [row(1), row(2), row(3, { topography: 'C99.9' }), row(4), row(5, { institution: 'FAR' }), row(6, { ref: 'P-1' }), row(7)];
    const chunks = await readAll(await openValidatedFile({ fileName: 'n.csv', bytes: bytes(lines), chunkRows: 2, ...settings }, where));
    expect(chunks.flatMap((c) => c.valid).map((v) => v.row)).toEqual([1, 2]);
    expect(chunks.flatMap((c) => c.errors).map((e) => [e.row, e.column])).toEqual([
      [3, 'topography'],
      [5, 'institution'],
      [6, 'source_ref'],
    ]);
  });

  it('throws the file error when the CSV breaks further down, after the chunks before it', async () => {
    // Well past the first 64 KB the CSV reader takes in, so that the break is met after chunks were handed over.
    const lines = [...Array.from({ length: 2000 }, (_, i) => row(i + 1)), 'P-x,pathology,"2024-03-02,unclosed'];
    const file = await openValidatedFile({ fileName: 'n.csv', bytes: bytes(lines), chunkRows: 500, ...settings }, where);
    const seen: number[] = [];
    const reading = (async () => {
      for await (const chunk of file.chunks) seen.push(chunk.rowsRead);
    })();
    await expect(reading).rejects.toEqual(expect.objectContaining({ errors: [expect.objectContaining({ row: 2001 })] }));
    await file.close();
    // Chunks before the break were handed over (the rows read together with the broken line may not be).
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(seen.every((n) => n === 500)).toBe(true);
  });

  it('refuses an unreadable file before any chunk', async () => {
    await expect(openValidatedFile({ fileName: 'n.xls', bytes: new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2]), chunkRows: 2, ...settings }, where)).rejects.toBeInstanceOf(TableError);
  });

  it('lets go of the file (and its worker) when the import stops reading early', async () => {
    const file = await openValidatedFile({ fileName: 'n.csv', bytes: bytes(Array.from({ length: 50 }, (_, i) => row(i + 1))), chunkRows: 5, ...settings }, where);
    for await (const chunk of file.chunks) {
      expect(chunk.rowsRead).toBe(5);
      break;
    }
    await file.close();
  });
});
