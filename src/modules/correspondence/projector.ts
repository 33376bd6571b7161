import { and, eq, isNull } from 'drizzle-orm';
import type { ProjectedEvent, Projector } from '../../platform/projections/projector.js';
import { CASE_EVENT, LETTER_EVENT } from '../../domain/case/events.js';
import { caseLetters } from './schema.js';

type LetterRow = typeof caseLetters.$inferSelect;

/** The `case_letters` row of a `LetterProduced`: waiting to be posted, and emailed when it has an address. */
export function letterRow(caseId: string, event: ProjectedEvent): typeof caseLetters.$inferInsert {
  const p = event.payload;
  return {
    id: String(p.letterId),
    caseId,
    liabilityId: typeof p.liabilityId === 'string' ? p.liabilityId : null,
    form: String(p.form),
    title: String(p.title),
    language: String(p.language),
    fileHash: String(p.fileHash),
    layoutHash: typeof p.layoutHash === 'string' ? p.layoutHash : null,
    recipientName: String(p.recipientName),
    addressLines: p.addressLines as string[],
    email: typeof p.email === 'string' ? p.email : null,
    createdAt: event.occurredAt,
    createdBy: event.actorId,
  };
}

const when = (value: unknown): Date | null => (typeof value === 'string' ? new Date(value) : null);

/** The letters a `CaseCarriedOver` kept (its `letters`, timestamps as ISO text), as rows. */
export function carriedOverLetters(payload: Record<string, unknown>): LetterRow[] {
  const letters = (payload.letters ?? []) as Record<string, unknown>[];
  return letters.map((row) => ({ ...row, createdAt: when(row.createdAt)!, postedAt: when(row.postedAt), emailedAt: when(row.emailedAt) }) as LetterRow);
}

/**
 * The only writer of `case_letters`, from events alone: `LetterProduced` on the case's stream makes
 * the row (every fact of it is in the event), `LetterPosted` sets `posted_at`, `LetterEmailed` on the
 * letter's own stream sets `emailed_at`; an upgrade's `CaseCarriedOver` puts back the case's letters
 * as older code left them.
 */
export const correspondenceProjector: Projector = {
  module: 'correspondence',
  tables: [caseLetters],
  streamTypes: ['case', 'letter'],
  async apply(tx, event) {
    const p = event.payload;
    if (event.streamType === 'letter') {
      if (event.type !== LETTER_EVENT.LetterEmailed) return;
      await tx.update(caseLetters).set({ emailedAt: event.occurredAt }).where(eq(caseLetters.id, String(p.letterId)));
      return;
    }
    const caseId = event.streamId.slice('case-'.length);
    switch (event.type) {
      case CASE_EVENT.LetterProduced:
        await tx.insert(caseLetters).values(letterRow(caseId, event));
        return;
      case CASE_EVENT.LetterPosted:
        await tx
          .update(caseLetters)
          .set({ postedAt: event.occurredAt })
          .where(and(eq(caseLetters.id, String(p.letterId)), eq(caseLetters.caseId, caseId), isNull(caseLetters.postedAt)));
        return;
      case CASE_EVENT.CaseCarriedOver: {
        const letters = carriedOverLetters(p);
        await tx.delete(caseLetters).where(eq(caseLetters.caseId, caseId));
        if (letters.length) await tx.insert(caseLetters).values(letters);
        return;
      }
    }
  },
};
