import type { BlockLayout } from '../blocking/block-index.ts';
import { forEachCandidatePair } from '../blocking/candidate-pairs.ts';
import type { FieldComparison } from '../compare/field-comparison.ts';
import type { Dataset } from '../dataset/dataset.ts';
import { emptyLevelCounts, type LevelCounts, type PatternCounter } from '../model/patterns.ts';
import type { PairStore } from './pair-store.ts';
import { seededRandom } from './random.ts';

export interface BlockedData {
  readonly dataset: Dataset;
  readonly comparisons: readonly FieldComparison[];
  /** Block ids per rule and record. */
  readonly groups: readonly Int32Array[];
  readonly layouts: readonly BlockLayout[];
}

export interface BlockRange {
  readonly rule: number;
  readonly from: number;
  readonly to: number;
}

/**
 * Compares the candidate pairs of the given block ranges: each pair's levels are kept in `store` for
 * scoring and counted by pattern (with its rule mask) for the EM sessions.
 */
export function compareCandidates(data: BlockedData, ranges: readonly BlockRange[], store: PairStore, counter: PatternCounter): void {
  const { comparisons, groups, layouts, dataset } = data;
  const K = comparisons.length;
  const twoFile = dataset.leftSize !== undefined;
  for (const range of ranges) {
    const layout = layouts[range.rule];
    if (!layout) continue;
    forEachCandidatePair(groups, range.rule, layout, range.from, range.to, twoFile, (i, j, mask) => {
      const offset = store.push(i, j);
      const levels = store.levels;
      for (let c = 0; c < K; c++) levels[offset + c] = comparisons[c]?.level(i, j) ?? 0;
      counter.add(levels.subarray(offset, offset + K), mask);
    });
  }
}

/** Level counts over `count` pairs drawn uniformly at random (two-file: one record from each file). */
export function sampleRandomLevels(dataset: Dataset, comparisons: readonly FieldComparison[], count: number, seed: number): LevelCounts {
  const counts = emptyLevelCounts(comparisons.map((c) => c.levels.length));
  const random = seededRandom(seed);
  const n = dataset.size;
  const left = dataset.leftSize;
  for (let k = 0; k < count; k++) {
    let i: number;
    let j: number;
    if (left === undefined) {
      i = Math.floor(random() * n);
      j = Math.floor(random() * (n - 1));
      if (j >= i) j++;
    } else {
      i = Math.floor(random() * left);
      j = left + Math.floor(random() * (n - left));
    }
    comparisons.forEach((comparison, c) => {
      const row = counts[c];
      const level = comparison.level(i, j);
      if (row) row[level] = (row[level] ?? 0) + 1;
    });
  }
  return counts;
}
