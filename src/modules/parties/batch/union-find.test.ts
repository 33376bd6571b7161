import { describe, expect, it } from 'vitest';
import { UnionFind } from './union-find.js';

describe('union-find', () => {
  it('joins sets, tracks their sizes and numbers them by first member', () => {
    const sets = new UnionFind(6);
    sets.unionRoots(sets.find(4), sets.find(5));
    sets.unionRoots(sets.find(5), sets.find(1));
    expect(sets.find(1)).toBe(sets.find(4));
    expect(sets.sizeOf(sets.find(4))).toBe(3);
    expect(Array.from(sets.numberSets().setOf)).toEqual([0, 1, 2, 3, 1, 1]);
    expect(sets.numberSets().setCount).toBe(4);
  });
});
