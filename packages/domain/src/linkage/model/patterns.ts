import type { PatternTable } from './fellegi-sunter.ts';

/** At most 12 comparisons (3 bits each) and 16 blocking rules, so a pattern and its mask fit one double. */
export const MAX_COMPARISONS = 12;
export const MAX_RULES = 16;
const MASK_SPAN = 2 ** MAX_RULES;

/** Counts comparison vectors by pattern and rule mask; merging counters from workers is addition. */
export class PatternCounter {
  private readonly counts = new Map<number, number>();
  constructor(readonly comparisons: number) {
    if (comparisons > MAX_COMPARISONS) throw new Error(`at most ${MAX_COMPARISONS} compared fields are supported`);
  }

  add(levels: ArrayLike<number>, mask: number, count = 1): void {
    let key = 0;
    for (let c = this.comparisons - 1; c >= 0; c--) key = key * 8 + (levels[c] ?? 0);
    key = key * MASK_SPAN + mask;
    this.counts.set(key, (this.counts.get(key) ?? 0) + count);
  }

  addTable(table: PatternTable): void {
    const K = this.comparisons;
    for (let p = 0; p < table.counts.length; p++) this.add(table.levels.subarray(p * K, p * K + K), table.masks[p] ?? 0, table.counts[p] ?? 0);
  }

  toTable(): PatternTable {
    const K = this.comparisons;
    const n = this.counts.size;
    const levels = new Uint8Array(n * K);
    const masks = new Uint32Array(n);
    const counts = new Float64Array(n);
    let p = 0;
    for (const [key, count] of this.counts) {
      masks[p] = key % MASK_SPAN;
      let rest = Math.floor(key / MASK_SPAN);
      for (let c = 0; c < K; c++) {
        levels[p * K + c] = rest % 8;
        rest = Math.floor(rest / 8);
      }
      counts[p] = count;
      p++;
    }
    return { comparisons: K, levels, masks, counts };
  }
}

/** Per-comparison level counts (index 0 = missing), e.g. from random pairs for the u probabilities. */
export type LevelCounts = number[][];

export function emptyLevelCounts(levelsPerComparison: readonly number[]): LevelCounts {
  return levelsPerComparison.map((n) => new Array<number>(n + 1).fill(0));
}

export function addLevelCounts(into: LevelCounts, other: LevelCounts): void {
  into.forEach((row, c) => row.forEach((_, l) => (row[l] = (row[l] ?? 0) + (other[c]?.[l] ?? 0))));
}
