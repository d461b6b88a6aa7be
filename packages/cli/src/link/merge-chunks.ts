import type { FieldSpec } from '@onconet/domain/linkage/config/field-types';
import type { Dataset, Int32Allocator } from '@onconet/domain/linkage/dataset/dataset';
import { featureNames } from '@onconet/domain/linkage/dataset/features';
import type { EncodedChunk } from './encode-chunk.ts';

/** One feature's global dictionary and its record ids, in blocks as chunks arrive. */
class GlobalFeature {
  readonly index = new Map<string, number>();
  readonly dict: string[] = [];
  readonly blocks: Int32Array[] = [];
  constructor(readonly name: string) {}

  intern(value: string): number {
    if (value === '') return -1;
    let id = this.index.get(value);
    if (id === undefined) {
      id = this.dict.length;
      this.index.set(value, id);
      this.dict.push(value);
    }
    return id;
  }
}

/** Per worker and field: the worker's local raw-value id → global id of each of the field's features. */
class LocalMap {
  size = 0;
  ids: Int32Array;
  constructor(readonly width: number) {
    this.ids = new Int32Array(1024 * width);
  }

  push(globalIds: readonly number[]): void {
    if ((this.size + 1) * this.width > this.ids.length) {
      const grown = new Int32Array(this.ids.length * 2);
      grown.set(this.ids);
      this.ids = grown;
    }
    this.ids.set(globalIds, this.size * this.width);
    this.size += 1;
  }
}

/**
 * Builds the dictionary-encoded dataset from the chunks the workers encoded with their own dictionaries
 * (encode-chunk.ts), in file order. The result is the same Dataset that DatasetBuilder makes.
 */
export class ChunkMerger {
  private readonly features: GlobalFeature[][];
  private readonly local = new Map<number, LocalMap[]>();
  private rows = 0;
  constructor(readonly specs: readonly FieldSpec[]) {
    this.features = specs.map((s) => featureNames(s.type).map((name) => new GlobalFeature(name)));
  }

  get size(): number {
    return this.rows;
  }

  add(worker: number, chunk: EncodedChunk): void {
    let maps = this.local.get(worker);
    if (!maps) this.local.set(worker, (maps = this.features.map((f) => new LocalMap(f.length))));
    this.features.forEach((field, k) => {
      const map = maps[k]!;
      const count = chunk.addedCount[k] ?? 0;
      if (count > 0) {
        const values = field.map((_, x) => (chunk.added[k]?.[x] ?? '').split('\0'));
        for (let v = 0; v < count; v++) map.push(field.map((feature, x) => feature.intern(values[x]?.[v] ?? '')));
      }
      const codes = chunk.codes[k] ?? new Int32Array(chunk.records).fill(-1);
      const width = field.length;
      field.forEach((feature, x) => {
        const out = new Int32Array(chunk.records);
        for (let r = 0; r < chunk.records; r++) {
          const local = codes[r] ?? -1;
          out[r] = local < 0 ? -1 : (map.ids[local * width + x] ?? -1);
        }
        feature.blocks.push(out);
      });
    });
    this.rows += chunk.records;
  }

  finish(options: { leftSize?: number; allocate: Int32Allocator }): Dataset {
    const fields = this.specs.map((spec, k) => ({
      spec,
      features: (this.features[k] ?? []).map((feature) => {
        const ids = options.allocate(this.rows);
        let offset = 0;
        for (const block of feature.blocks) {
          ids.set(block, offset);
          offset += block.length;
        }
        feature.blocks.length = 0;
        feature.index.clear();
        const counts = options.allocate(feature.dict.length);
        for (const id of ids) if (id >= 0) counts[id] = (counts[id] ?? 0) + 1;
        return { name: feature.name, ids, dict: feature.dict, counts };
      }),
    }));
    this.local.clear();
    return { size: this.rows, leftSize: options.leftSize, fields };
  }
}
