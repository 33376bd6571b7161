import { describe, expect, it } from 'vitest';
import { CONTROL_CHARACTER_MESSAGE, LONE_SURROGATE_MESSAGE, NUMBER_TOO_LARGE_MESSAGE, unreadableJson } from './readable-input.js';

describe('unreadableJson', () => {
  it('lets through what a person types: letters of any alphabet, emoji, tabs and line breaks', () => {
    expect(unreadableJson({ name: 'Łukasz Żółkiewski 🚚', note: 'line one\r\n\tline two', amounts: [1, -2.5, 9007199254740991], ok: true, none: null })).toEqual([]);
  });

  it('names each string, key and number that cannot be kept by its path', () => {
    expect(unreadableJson({ reason: 'a\u0000b', schedule: [{ amountPence: 1e308 }], '\ud800': 1, nested: { text: '\udc00' } })).toEqual([
      { field: 'reason', message: CONTROL_CHARACTER_MESSAGE },
      { field: 'schedule.0.amountPence', message: NUMBER_TOO_LARGE_MESSAGE },
      { field: '\ud800', message: LONE_SURROGATE_MESSAGE },
      { field: 'nested.text', message: LONE_SURROGATE_MESSAGE },
    ]);
    expect(unreadableJson('\u0007')).toEqual([{ field: '(body)', message: CONTROL_CHARACTER_MESSAGE }]);
  });

  it('stops at a depth no request needs', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 50; i += 1) deep = { deep };
    expect(unreadableJson(deep)).toHaveLength(1);
  });
});
