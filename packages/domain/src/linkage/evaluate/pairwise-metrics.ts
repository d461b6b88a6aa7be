/**
 * Pairwise precision, recall and F1 against known truth (Christen 2012, ch. 7): a predicted pair is
 * true when both records carry the same entity label; the true pairs are all same-label pairs
 * (dedupe) or same-label left–right pairs (two-file linkage, records [0, leftSize) on the left).
 */
export interface PairwiseMetrics {
  readonly truePairs: number;
  readonly predictedPairs: number;
  readonly truePositives: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export function countTruePairs(truth: readonly string[], leftSize?: number): number {
  const left = new Map<string, number>();
  const right = new Map<string, number>();
  truth.forEach((t, i) => {
    const side = leftSize === undefined || i < leftSize ? left : right;
    side.set(t, (side.get(t) ?? 0) + 1);
  });
  let total = 0;
  if (leftSize === undefined) for (const c of left.values()) total += (c * (c - 1)) / 2;
  else for (const [t, c] of left) total += c * (right.get(t) ?? 0);
  return total;
}

export function pairwiseMetrics(truth: readonly string[], left: ArrayLike<number>, right: ArrayLike<number>, leftSize?: number): PairwiseMetrics {
  const truePairs = countTruePairs(truth, leftSize);
  let tp = 0;
  for (let p = 0; p < left.length; p++) if (truth[left[p] ?? 0] === truth[right[p] ?? 0]) tp++;
  const predicted = left.length;
  const precision = predicted === 0 ? 1 : tp / predicted;
  const recall = truePairs === 0 ? 1 : tp / truePairs;
  return { truePairs, predictedPairs: predicted, truePositives: tp, precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
}

/** The pairs implied by a clustering (every two records of a cluster), for pairwise metrics of clusters. */
export function clusterPairs(cluster: ArrayLike<number>, leftSize?: number): { left: Int32Array; right: Int32Array } {
  const members = new Map<number, number[]>();
  for (let i = 0; i < cluster.length; i++) {
    const c = cluster[i] ?? i;
    let list = members.get(c);
    if (!list) members.set(c, (list = []));
    list.push(i);
  }
  const l: number[] = [];
  const r: number[] = [];
  for (const list of members.values()) {
    for (let a = 0; a < list.length; a++) {
      for (let b = a + 1; b < list.length; b++) {
        const x = list[a] ?? 0;
        const y = list[b] ?? 0;
        if (leftSize !== undefined && (x < leftSize) === (y < leftSize)) continue;
        l.push(x);
        r.push(y);
      }
    }
  }
  return { left: Int32Array.from(l), right: Int32Array.from(r) };
}

/** Pairs completeness: the share of true pairs that some blocking rule put in the same block (Christen 2012). */
export function pairsCompleteness(truth: readonly string[], groups: readonly Int32Array[], leftSize?: number): number {
  const members = new Map<string, number[]>();
  truth.forEach((t, i) => {
    let list = members.get(t);
    if (!list) members.set(t, (list = []));
    list.push(i);
  });
  let total = 0;
  let covered = 0;
  for (const list of members.values()) {
    for (let a = 0; a < list.length; a++) {
      for (let b = a + 1; b < list.length; b++) {
        const x = list[a] ?? 0;
        const y = list[b] ?? 0;
        if (leftSize !== undefined && (x < leftSize) === (y < leftSize)) continue;
        total++;
        if (groups.some((g) => (g[x] ?? -1) >= 0 && g[x] === g[y])) covered++;
      }
    }
  }
  return total === 0 ? 1 : covered / total;
}
