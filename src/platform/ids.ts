import { randomFillSync } from 'node:crypto';

let lastMillisecond = 0;
let counter = 0;

/**
 * A UUID (RFC 9562 version 7) that sorts after every id this process made before it — as text and
 * as a PostgreSQL `uuid` (compared byte by byte): 48 bits of Unix milliseconds, a 12-bit counter
 * within the millisecond (method 1 of the RFC), then random bits. Rows made in the same
 * millisecond, or in one transaction with one "now", keep the order they were made in, so
 * `order by created_at, id` is the order things happened, not a coin toss. A clock that steps
 * back does not break the order: the last millisecond is kept until the clock passes it.
 */
export function monotonicId(now: number = Date.now()): string {
  if (now > lastMillisecond) {
    lastMillisecond = now;
    counter = 0;
  } else if (counter < 0xfff) {
    counter += 1;
  } else {
    // 4,096 ids in one millisecond: borrow the next one.
    lastMillisecond += 1;
    counter = 0;
  }
  const bytes = randomFillSync(Buffer.alloc(16));
  let ms = lastMillisecond;
  for (let i = 5; i >= 0; i -= 1) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes[6] = 0x70 | (counter >> 8);
  bytes[7] = counter & 0xff;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
