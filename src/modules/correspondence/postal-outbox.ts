import type { Actor } from '../../platform/events/event-store.js';

/*
 * Letters the postal outbox (`/letters/outbox`) lists beside the case letters: another module's
 * letters that are not about a case (a CPAS application's acknowledgement, request for information
 * and decision). The module that owns them hands in a source (src/app.ts); the outbox reads and marks
 * them only through it, never through the module's tables, and each is posted by the owner's own
 * command on its own stream.
 */

export interface PostalLetter {
  id: string;
  /** What the letter is about, linked from the outbox (an application reference and its page). */
  record: { label: string; href: string };
  title: string;
  form: string;
  /** The recipient's language (the English letter comes first in the same PDF). */
  language: string;
  recipientName: string;
  addressLines: readonly string[];
  createdAt: Date;
  emailedAt: Date | null;
  /** The letter's PDF for staff. */
  href: string;
  /** The letter's parts as JSON in the file store (for the print bundle), or null. */
  layoutHash: string | null;
}

export interface PostalLetterSource {
  /** The source's letters waiting to be posted, oldest first. */
  unposted(): Promise<PostalLetter[]>;
  /** Of these ids, the source's letters still waiting to be posted. */
  waitingAmong(ids: readonly string[]): Promise<PostalLetter[]>;
  /** Marks each letter as posted (one command each); how many were, and what stopped the others. */
  markPosted(ids: readonly string[], actor: Actor): Promise<{ posted: number; problems: string[] }>;
}
