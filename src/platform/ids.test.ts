import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { monotonicId } from './ids.js';

describe('monotonic ids', () => {
  it('sort in the order they were made, even thousands in one millisecond', () => {
    const ids = Array.from({ length: 10_000 }, () => monotonicId(1_790_000_000_000));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it('keep their order when the clock steps back', () => {
    const first = monotonicId(1_800_000_000_000);
    const after = monotonicId(1_799_999_999_000);
    expect(after > first).toBe(true);
  });

  it('are version 7 UUIDs with the millisecond in front', () => {
    const id = monotonicId(Date.UTC(2030, 0, 1));
    expect(z.uuid().safeParse(id).success).toBe(true);
    expect(id[14]).toBe('7');
    expect(Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBeGreaterThanOrEqual(Date.UTC(2030, 0, 1));
  });
});
