import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvField, type Database } from './database.ts';
import { openTestDatabase, testDatabaseKind } from './testing/test-database.ts';

describe(`COPY bulk load (${testDatabaseKind()})`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
    await database.exec('CREATE TABLE copy_probe (id integer PRIMARY KEY, note text)');
  });
  afterAll(async () => database.close());

  it('loads streamed chunks and keeps NULL apart from the empty string', async () => {
    const chunks = ['1,hello\n2,\n', `3,${csvField('')}\n4,${csvField('逗号, "引号"\n换行')}\n`];
    expect(await database.copyCsv('copy_probe', ['id', 'note'], chunks)).toBe(4);
    const rows = await database.db.selectFrom('copy_probe' as never).selectAll().orderBy('id' as never).execute();
    expect(rows).toEqual([
      { id: 1, note: 'hello' },
      { id: 2, note: null },
      { id: 3, note: '' },
      { id: 4, note: '逗号, "引号"\n换行' },
    ]);
  });

  it('property: any text survives csvField and COPY unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ unit: 'grapheme' }).filter((s) => !s.includes('\u0000')), { minLength: 1, maxLength: 20 }), async (notes) => {
        await database.exec('DELETE FROM copy_probe');
        const csv = notes.map((n, i) => `${i},${csvField(n)}\n`).join('');
        await database.copyCsv('copy_probe', ['id', 'note'], [csv]);
        const rows = await database.db.selectFrom('copy_probe' as never).selectAll().orderBy('id' as never).execute();
        expect(rows.map((r) => (r as { note: string }).note)).toEqual(notes);
      }),
      { numRuns: 30 },
    );
  });

  it('refuses identifiers that are not plain names', async () => {
    await expect(database.copyCsv('copy_probe; drop table person', ['id'], [''])).rejects.toThrow(/identifier/);
  });
});
