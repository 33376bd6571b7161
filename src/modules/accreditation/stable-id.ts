import { createHash } from 'node:crypto';

/**
 * A UUID-shaped id derived from `seed` (SHA-256, version 4 and variant bits set): the same thing —
 * a step's letter, a member's suspension, a review's trigger and incidents — always gets the same
 * id, so recording it twice meets its stream and records nothing.
 */
export function stableId(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
