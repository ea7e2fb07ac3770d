/**
 * Disjoint sets with path halving and union by size (Tarjan, "Efficiency of a good but not
 * linear set union algorithm", JACM 1975): near-constant time per operation.
 */
export class UnionFind {
  private readonly parent: Int32Array;
  private readonly size: Int32Array;

  constructor(n: number) {
    this.parent = new Int32Array(n);
    this.size = new Int32Array(n).fill(1);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }

  find(x: number): number {
    const p = this.parent;
    while (p[x] !== x) {
      p[x] = p[p[x]!]!;
      x = p[x]!;
    }
    return x;
  }

  union(a: number, b: number): void {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return;
    if (this.size[ra]! < this.size[rb]!) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    this.size[ra]! += this.size[rb]!;
  }

  /** The sets as lists of `labels` (label i names element i), each in index order. */
  groups<T>(labels: readonly T[]): T[][] {
    const groups = new Map<number, T[]>();
    labels.forEach((label, i) => {
      const root = this.find(i);
      let g = groups.get(root);
      if (!g) groups.set(root, (g = []));
      g.push(label);
    });
    return [...groups.values()];
  }
}
