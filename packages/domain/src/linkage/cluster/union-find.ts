/** Disjoint sets with path halving and union by size (Tarjan 1975). */
export class UnionFind {
  readonly parent: Int32Array;
  private readonly size: Int32Array;
  constructor(n: number) {
    this.parent = new Int32Array(n);
    this.size = new Int32Array(n).fill(1);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }

  find(x: number): number {
    let v = x;
    while (this.parent[v] !== v) {
      const up = this.parent[this.parent[v] ?? v] ?? v;
      this.parent[v] = up;
      v = up;
    }
    return v;
  }

  union(a: number, b: number): void {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return;
    if ((this.size[ra] ?? 0) < (this.size[rb] ?? 0)) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    this.size[ra] = (this.size[ra] ?? 0) + (this.size[rb] ?? 0);
  }
}
