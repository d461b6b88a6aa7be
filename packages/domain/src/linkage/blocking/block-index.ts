import type { Dataset } from '../dataset/dataset.ts';
import type { BlockingRule } from './rules.ts';

/**
 * Block membership per rule: `groups[r][i]` is record i's block under rule r (-1 when a key is missing).
 * Keys are combined by interning pairs of ids into dense numbers, so no string keys are built.
 */
export function blockGroups(dataset: Dataset, rule: BlockingRule, allocate: (n: number) => Int32Array = (n) => new Int32Array(n)): Int32Array {
  const columns = rule.keys.map((key) => {
    const field = dataset.fields.find((f) => f.spec.column === key.column);
    const feature = field?.features.find((f) => f.name === key.feature);
    if (!feature) throw new Error(`blocking key ${key.column}.${key.feature} is not in the dataset`);
    return feature;
  });
  const groups = allocate(dataset.size);
  const first = columns[0];
  if (!first) throw new Error('a blocking rule needs at least one key');
  groups.set(first.ids);
  for (const column of columns.slice(1)) {
    const width = column.dict.length;
    const dense = new Map<number, number>();
    for (let i = 0; i < dataset.size; i++) {
      const g = groups[i] ?? -1;
      const v = column.ids[i] ?? -1;
      if (g < 0 || v < 0) {
        groups[i] = -1;
        continue;
      }
      const key = g * width + v;
      let id = dense.get(key);
      if (id === undefined) {
        id = dense.size;
        dense.set(key, id);
      }
      groups[i] = id;
    }
  }
  return groups;
}

/** Records sorted by block, blocks of two or more only; in two-file linkage left records come first. */
export interface BlockLayout {
  readonly order: Int32Array;
  /** Block b spans order[starts[b] .. starts[b + 1]). */
  readonly starts: Int32Array;
  /** Records from the left file in each block (two-file linkage), else the block size. */
  readonly lefts: Int32Array;
  /** Candidate pairs per block before removing pairs an earlier rule already produced. */
  readonly pairs: Float64Array;
}

export function blockLayout(groups: Int32Array, leftSize?: number): BlockLayout {
  const n = groups.length;
  let maxGroup = -1;
  for (let i = 0; i < n; i++) if ((groups[i] ?? -1) > maxGroup) maxGroup = groups[i] ?? -1;
  const sizes = new Int32Array(maxGroup + 1);
  const leftCounts = new Int32Array(maxGroup + 1);
  for (let i = 0; i < n; i++) {
    const g = groups[i] ?? -1;
    if (g < 0) continue;
    sizes[g] = (sizes[g] ?? 0) + 1;
    if (leftSize !== undefined && i < leftSize) leftCounts[g] = (leftCounts[g] ?? 0) + 1;
  }
  // Keep only blocks that can yield a pair, renumbered densely.
  const blockOf = new Int32Array(maxGroup + 1).fill(-1);
  const kept: number[] = [];
  for (let g = 0; g <= maxGroup; g++) {
    const size = sizes[g] ?? 0;
    const lefts = leftCounts[g] ?? 0;
    const useful = leftSize === undefined ? size >= 2 : lefts >= 1 && size - lefts >= 1;
    if (useful) {
      blockOf[g] = kept.length;
      kept.push(g);
    }
  }
  const starts = new Int32Array(kept.length + 1);
  const lefts = new Int32Array(kept.length);
  const pairs = new Float64Array(kept.length);
  kept.forEach((g, b) => {
    const size = sizes[g] ?? 0;
    const l = leftCounts[g] ?? 0;
    starts[b + 1] = (starts[b] ?? 0) + size;
    lefts[b] = leftSize === undefined ? size : l;
    pairs[b] = leftSize === undefined ? (size * (size - 1)) / 2 : l * (size - l);
  });
  const order = new Int32Array(starts[kept.length] ?? 0);
  const cursor = starts.slice(0, kept.length);
  // Records are visited in index order, so left-file records (lower indices) come first in each block.
  for (let i = 0; i < n; i++) {
    const g = groups[i] ?? -1;
    if (g < 0) continue;
    const b = blockOf[g] ?? -1;
    if (b < 0) continue;
    order[cursor[b] ?? 0] = i;
    cursor[b] = (cursor[b] ?? 0) + 1;
  }
  return { order, starts, lefts, pairs };
}

export function totalPairs(dataset: Dataset): number {
  return dataset.leftSize === undefined ? (dataset.size * (dataset.size - 1)) / 2 : dataset.leftSize * (dataset.size - dataset.leftSize);
}
