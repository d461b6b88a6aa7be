import { averageLinkage } from './average-linkage.ts';
import { UnionFind } from './union-find.ts';

export interface Links {
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly probability: Float64Array;
}

export interface ClusterOptions {
  /** Links at or above this probability connect records into candidate components. */
  readonly linkThreshold: number;
  /** Components up to this size are split exactly by average linkage over all their pairs. */
  readonly maxExactComponent?: number;
}

/**
 * Clusters records into persons in two steps. (1) Connected components of the links above the
 * threshold. (2) Every component of three or more records is re-examined with all its pairs scored —
 * including pairs no blocking rule produced — and split by average linkage (average-linkage.ts).
 * Plain connected components chain: A–B and B–C above the threshold glue A and C even when they
 * disagree on everything; step 2 undoes exactly that. A component too large for the exact step is first
 * cut by raising its edge threshold (stricter connected components) until its pieces are small enough.
 * Returns a cluster id per record (the smallest record index of the cluster).
 */
export function clusterLinks(n: number, links: Links, scorePair: (i: number, j: number) => number, options: ClusterOptions): Int32Array {
  const maxExact = options.maxExactComponent ?? 300;
  const cluster = new Int32Array(n);
  for (let i = 0; i < n; i++) cluster[i] = i;
  const edges: number[] = [];
  for (let e = 0; e < links.left.length; e++) if ((links.probability[e] ?? 0) >= options.linkThreshold) edges.push(e);
  split(edges, options.linkThreshold);
  return cluster;

  function split(edgeIds: readonly number[], threshold: number): void {
    const uf = new UnionFind(n);
    for (const e of edgeIds) uf.union(links.left[e] ?? 0, links.right[e] ?? 0);
    const members = new Map<number, Set<number>>();
    const componentEdges = new Map<number, number[]>();
    for (const e of edgeIds) {
      const root = uf.find(links.left[e] ?? 0);
      let list = componentEdges.get(root);
      if (!list) componentEdges.set(root, (list = []));
      list.push(e);
      for (const r of [links.left[e] ?? 0, links.right[e] ?? 0]) {
        let m = members.get(root);
        if (!m) members.set(root, (m = new Set()));
        m.add(r);
      }
    }
    for (const [root, set] of members) {
      const records = [...set];
      if (records.length > maxExact) {
        const stricter = Math.min(1, threshold + (1 - threshold) / 2);
        const kept = (componentEdges.get(root) ?? []).filter((e) => (links.probability[e] ?? 0) >= stricter);
        if (stricter < 1 - 1e-12 && kept.length > 0) {
          split(kept, stricter);
          continue;
        }
      }
      assign(records.length <= maxExact ? records : records.slice(0, maxExact));
    }
  }

  function assign(records: number[]): void {
    records.sort((a, b) => a - b);
    const labels = records.length === 2 ? Int32Array.from([0, 0]) : averageLinkage(records.length, (a, b) => scorePair(records[a] ?? 0, records[b] ?? 0));
    const smallest = new Map<number, number>();
    records.forEach((r, k) => {
      const l = labels[k] ?? k;
      if (!smallest.has(l)) smallest.set(l, r);
    });
    records.forEach((r, k) => (cluster[r] = smallest.get(labels[k] ?? k) ?? r));
  }
}
