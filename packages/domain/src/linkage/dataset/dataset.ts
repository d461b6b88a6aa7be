import type { FieldSpec } from '../config/field-types.ts';
import { extractFeatures, featureNames } from './features.ts';

/**
 * Records are stored by column and dictionary-encoded: every feature is an Int32Array of value ids
 * (-1 missing) into a dictionary of distinct strings. Exact agreement is then an integer test, term
 * frequencies are counts per id, and the id arrays can live in a SharedArrayBuffer that worker
 * threads read without copying. Memory is ~4 bytes per record per feature plus the distinct strings.
 */
export interface FeatureColumn {
  readonly name: string;
  readonly ids: Int32Array;
  readonly dict: readonly string[];
  /** Number of records holding each dictionary value (term frequencies, Splink's tf tables). */
  readonly counts: Int32Array;
}

export interface FieldColumns {
  readonly spec: FieldSpec;
  readonly features: readonly FeatureColumn[];
}

export interface Dataset {
  readonly size: number;
  /** Two-file linkage: records [0, leftSize) are the left file, the rest the right; undefined for dedupe. */
  readonly leftSize?: number;
  readonly fields: readonly FieldColumns[];
}

/** Allocates the id arrays; the CLI passes one backed by SharedArrayBuffer. */
export type Int32Allocator = (length: number) => Int32Array;
const plainAllocator: Int32Allocator = (length) => new Int32Array(length);

class FeatureBuilder {
  readonly index = new Map<string, number>();
  readonly dict: string[] = [];
  ids: number[] = [];
  constructor(readonly name: string) {}
  add(value: string): void {
    if (value === '') {
      this.ids.push(-1);
      return;
    }
    let id = this.index.get(value);
    if (id === undefined) {
      id = this.dict.length;
      this.index.set(value, id);
      this.dict.push(value);
    }
    this.ids.push(id);
  }
}

export class DatasetBuilder {
  private readonly builders: FeatureBuilder[][];
  private rows = 0;
  constructor(readonly specs: readonly FieldSpec[]) {
    this.builders = specs.map((s) => featureNames(s.type).map((name) => new FeatureBuilder(name)));
  }

  get size(): number {
    return this.rows;
  }

  /** Adds a record from its raw cells, in the order of the field specs. */
  addRaw(cells: readonly string[]): void {
    this.addFeatures(this.specs.map((s, k) => extractFeatures(s.type, cells[k] ?? '')));
  }

  /** Adds an already normalised record (features per field), e.g. as computed by a worker thread. */
  addFeatures(features: readonly (readonly string[])[]): void {
    this.builders.forEach((fieldBuilders, k) => {
      const values = features[k] ?? [];
      // A field missing in its primary feature is missing altogether.
      const missing = (values[0] ?? '') === '';
      fieldBuilders.forEach((b, f) => b.add(missing ? '' : (values[f] ?? '')));
    });
    this.rows += 1;
  }

  finish(options: { leftSize?: number; allocate?: Int32Allocator } = {}): Dataset {
    const allocate = options.allocate ?? plainAllocator;
    const fields = this.specs.map((spec, k) => ({
      spec,
      features: (this.builders[k] ?? []).map((b) => {
        const ids = allocate(b.ids.length);
        ids.set(b.ids);
        b.ids = [];
        const counts = allocate(b.dict.length);
        for (const id of ids) if (id >= 0) counts[id] = (counts[id] ?? 0) + 1;
        return { name: b.name, ids, dict: b.dict, counts };
      }),
    }));
    return { size: this.rows, leftSize: options.leftSize, fields };
  }
}

export function buildDataset(specs: readonly FieldSpec[], rows: Iterable<readonly string[]>, leftSize?: number): Dataset {
  const builder = new DatasetBuilder(specs);
  for (const row of rows) builder.addRaw(row);
  return builder.finish({ leftSize });
}
