import type { BlockLayout } from './block-index.ts';

/**
 * The candidate pairs of rule r in blocks [fromBlock, toBlock), united with the earlier rules the way
 * Splink does it: a pair is produced by the first rule it satisfies only, so the union holds each pair
 * once without a set of seen pairs. `mask` has bit q set for every rule q the pair satisfies, which the
 * EM sessions use to select each rule's pairs.
 */
export function forEachCandidatePair(
  groups: readonly Int32Array[],
  rule: number,
  layout: BlockLayout,
  fromBlock: number,
  toBlock: number,
  twoFile: boolean,
  visit: (i: number, j: number, mask: number) => void,
): void {
  const { order, starts, lefts } = layout;
  const R = groups.length;
  for (let b = fromBlock; b < toBlock; b++) {
    const start = starts[b] ?? 0;
    const end = starts[b + 1] ?? 0;
    const split = twoFile ? start + (lefts[b] ?? 0) : 0;
    for (let x = start; x < (twoFile ? split : end); x++) {
      const i = order[x] ?? 0;
      for (let y = twoFile ? split : x + 1; y < end; y++) {
        const j = order[y] ?? 0;
        let mask = 0;
        let earlier = false;
        for (let q = 0; q < R; q++) {
          const g = groups[q];
          if (!g) continue;
          const gi = g[i] ?? -1;
          if (gi >= 0 && gi === g[j]) {
            if (q < rule) {
              earlier = true;
              break;
            }
            mask |= 1 << q;
          }
        }
        if (!earlier) visit(i, j, mask);
      }
    }
  }
}

/** Splits a rule's blocks into `parts` contiguous ranges of about equal pair counts, for the workers. */
export function splitBlocks(layout: BlockLayout, parts: number): [number, number][] {
  const total = layout.pairs.reduce((a, b) => a + b, 0);
  const ranges: [number, number][] = [];
  let from = 0;
  let acc = 0;
  const blocks = layout.pairs.length;
  for (let b = 0; b < blocks; b++) {
    acc += layout.pairs[b] ?? 0;
    if (ranges.length < parts - 1 && acc >= (total * (ranges.length + 1)) / parts) {
      ranges.push([from, b + 1]);
      from = b + 1;
    }
  }
  ranges.push([from, blocks]);
  return ranges;
}
