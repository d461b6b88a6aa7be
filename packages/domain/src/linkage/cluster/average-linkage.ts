/**
 * Average-linkage agglomeration of one small component under the correlation-clustering criterion:
 * two clusters merge only while the mean match probability over all their cross pairs exceeds 0.5 —
 * merging then lowers the disagreement cost Σ(1 − 2p) (Bansal, Blum & Chawla 2004). One strong link
 * between two otherwise unrelated groups adds at most 1/(|X|·|Y|) to that mean, so it cannot chain them.
 * `probability(a, b)` takes member positions 0..n−1. O(n³) in the worst case; callers keep n small.
 */
export function averageLinkage(n: number, probability: (a: number, b: number) => number, mergeAbove = 0.5): Int32Array {
  // sum[x*n+y]: sum of pair probabilities between clusters x and y; count of cross pairs is size[x]*size[y].
  const sum = new Float64Array(n * n);
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      const p = probability(a, b);
      sum[a * n + b] = p;
      sum[b * n + a] = p;
    }
  }
  const size = new Int32Array(n).fill(1);
  const alive = new Uint8Array(n).fill(1);
  const label = new Int32Array(n);
  for (let a = 0; a < n; a++) label[a] = a;
  for (;;) {
    let best = mergeAbove;
    let bx = -1;
    let by = -1;
    for (let x = 0; x < n; x++) {
      if (!alive[x]) continue;
      for (let y = x + 1; y < n; y++) {
        if (!alive[y]) continue;
        const mean = (sum[x * n + y] ?? 0) / ((size[x] ?? 1) * (size[y] ?? 1));
        if (mean > best) {
          best = mean;
          bx = x;
          by = y;
        }
      }
    }
    if (bx < 0) break;
    // Merge y into x.
    for (let z = 0; z < n; z++) {
      if (!alive[z] || z === bx || z === by) continue;
      const s = (sum[bx * n + z] ?? 0) + (sum[by * n + z] ?? 0);
      sum[bx * n + z] = s;
      sum[z * n + bx] = s;
    }
    size[bx] = (size[bx] ?? 0) + (size[by] ?? 0);
    alive[by] = 0;
    for (let a = 0; a < n; a++) if (label[a] === by) label[a] = bx;
  }
  return label;
}
