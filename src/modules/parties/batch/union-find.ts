/** Disjoint sets over 0…n−1 with union by size and path halving, in typed arrays. */
export class UnionFind {
  private readonly parent: Int32Array;
  private readonly sizes: Int32Array;

  constructor(readonly count: number) {
    this.parent = new Int32Array(count);
    this.sizes = new Int32Array(count).fill(1);
    for (let i = 0; i < count; i++) this.parent[i] = i;
  }

  find(item: number): number {
    let x = item;
    for (;;) {
      const parent = this.parent[x] as number;
      if (parent === x) return x;
      const grandparent = this.parent[parent] as number;
      this.parent[x] = grandparent;
      x = grandparent;
    }
  }

  /** Size of the set whose root is `root`. */
  sizeOf(root: number): number {
    return this.sizes[root] as number;
  }

  /** Joins the sets with roots `a` and `b` (which must be roots), returning the new root. */
  unionRoots(a: number, b: number): number {
    if (a === b) return a;
    const [big, small] = (this.sizes[a] as number) >= (this.sizes[b] as number) ? [a, b] : [b, a];
    this.parent[small] = big;
    this.sizes[big] = (this.sizes[big] as number) + (this.sizes[small] as number);
    return big;
  }

  /**
   * Numbers the sets 0, 1, 2… in the order their first member appears, and returns each item's
   * number: stable for a given input order whatever order the unions happened in.
   */
  numberSets(): { readonly setOf: Int32Array; readonly setCount: number } {
    const numberOfRoot = new Int32Array(this.count).fill(-1);
    const setOf = new Int32Array(this.count);
    let setCount = 0;
    for (let i = 0; i < this.count; i++) {
      const root = this.find(i);
      if (numberOfRoot[root] === -1) numberOfRoot[root] = setCount++;
      setOf[i] = numberOfRoot[root] as number;
    }
    return { setOf, setCount };
  }
}
