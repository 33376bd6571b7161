import type { LetterPart } from '../../platform/pdf/letter.js';

/**
 * A letter's stored layout (the parts `keep` wrote beside its PDF) read back for re-rendering. The
 * file store gives back exactly the bytes it was given (checked against their hash), so the shape
 * is only checked enough to fail with a message rather than print nonsense.
 */
export function parseLetterParts(bytes: Buffer): LetterPart[] {
  const parts = JSON.parse(bytes.toString('utf8')) as unknown;
  const valid =
    Array.isArray(parts) &&
    parts.length > 0 &&
    parts.every((part) => typeof part === 'object' && part !== null && 'letter' in part && Array.isArray((part as LetterPart).notes) && Array.isArray((part as LetterPart).letter?.blocks));
  if (!valid) throw new Error('a stored letter layout is not a list of letters');
  return parts as LetterPart[];
}
