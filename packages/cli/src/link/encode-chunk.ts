import { parse, type Options } from 'csv-parse/sync';
import type { FieldSpec } from '@onconet/domain/linkage/config/field-types';
import { extractFeatures, featureNames } from '@onconet/domain/linkage/dataset/features';

/** Where a chunk's columns sit in the header. */
export interface ChunkColumns {
  readonly width: number;
  readonly id: number;
  readonly truth?: number;
  /** Column index per field spec. */
  readonly fields: readonly number[];
}

/**
 * A parsed and normalised chunk, encoded by raw cell value with the worker's own dictionaries (one per
 * field, kept across its chunks): `codes[k]` holds the local id of field k's raw cell per record (-1 for
 * an empty cell), `added[k]` the features of the raw values this chunk added to dictionary k. Names,
 * dates and places repeat heavily, so each distinct cell is normalised once, and the main thread maps
 * local ids to global feature ids with array lookups, hashing only the new distinct values.
 */
export interface EncodedChunk {
  readonly records: number;
  /** Strings travel joined by NUL: one string clones in one piece, a million small ones do not. */
  readonly ids: string;
  readonly truth: string;
  readonly codes: Int32Array[];
  /** Per field: how many raw values this chunk added, and per feature their values joined by NUL. */
  readonly addedCount: number[];
  readonly added: string[][];
}

/** Column counts are checked against the header here, with the row named. */
const PARSE_OPTIONS: Options = { skip_empty_lines: true, trim: true, relax_column_count: true };
const SEPARATOR = '\0';
/** A NUL inside a value would split it; values never hold one legitimately. */
const clean = (value: string): string => (value.includes(SEPARATOR) ? value.replaceAll(SEPARATOR, '\uFFFD') : value);

export class ChunkProblem extends Error {
  constructor(
    message: string,
    /** 1-based record number within the chunk. */
    readonly record: number,
    readonly column?: string,
  ) {
    super(message);
  }
}

export class ChunkEncoder {
  private readonly dictionaries: Map<string, number>[];

  constructor(private readonly specs: readonly FieldSpec[]) {
    this.dictionaries = specs.map(() => new Map<string, number>());
  }

  /** Parses and encodes one chunk; `columns` may differ between files (the two files of a linkage). */
  encode(bytes: Uint8Array, columns: ChunkColumns): EncodedChunk {
    let rows: string[][];
    try {
      rows = parse(new TextDecoder().decode(bytes), PARSE_OPTIONS);
    } catch (error) {
      const e = error as Error & { code?: string; records?: number };
      throw new ChunkProblem(`malformed CSV (${e.code ?? e.message})`, (e.records ?? 0) + 1);
    }
    const K = this.specs.length;
    const codes = Array.from({ length: K }, () => new Int32Array(rows.length));
    const added: string[][][] = this.specs.map((s) => featureNames(s.type).map(() => []));
    const ids: string[] = new Array<string>(rows.length);
    const truth: string[] = [];
    const { id: idColumn, truth: truthColumn, width, fields } = columns;
    rows.forEach((row, r) => {
      if (row.length !== width) throw new ChunkProblem(`malformed CSV (the row has ${row.length} fields, the header ${width})`, r + 1);
      ids[r] = row[idColumn] ?? '';
      if (ids[r].includes(SEPARATOR)) throw new ChunkProblem('the record id holds a NUL character', r + 1);
      if (truthColumn !== undefined) truth.push(clean(row[truthColumn] || (row[idColumn] ?? '')));
      for (let k = 0; k < K; k++) {
        const raw = row[fields[k] ?? -1] ?? '';
        const column = codes[k]!;
        if (raw === '') {
          column[r] = -1;
          continue;
        }
        const dictionary = this.dictionaries[k]!;
        let local = dictionary.get(raw);
        if (local === undefined) {
          local = dictionary.size;
          dictionary.set(raw, local);
          const features = extractFeatures(this.specs[k]!.type, raw);
          // A field missing in its primary feature is missing altogether (as DatasetBuilder does).
          const missing = (features[0] ?? '') === '';
          added[k]!.forEach((list, x) => list.push(missing ? '' : clean(features[x] ?? '')));
        }
        column[r] = local;
      }
    });
    return {
      records: rows.length,
      ids: ids.join(SEPARATOR),
      truth: truth.join(SEPARATOR),
      codes,
      addedCount: added.map((field) => field[0]?.length ?? 0),
      added: added.map((field) => field.map((list) => list.join(SEPARATOR))),
    };
  }
}
