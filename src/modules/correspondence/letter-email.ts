import { z } from 'zod';
import { and, asc, eq, isNotNull, isNull } from 'drizzle-orm';
import type { Db } from '../../platform/database/client.js';
import { executeCommand, type CommandDefinition } from '../../platform/events/command.js';
import { streamVersion, type Actor } from '../../platform/events/event-store.js';
import type { FileStore } from '../../platform/files/file-store.js';
import { enqueueJob, type JobKind } from '../../platform/jobs/queue.js';
import type { Mailer } from '../../platform/notify/mailer.js';
import type { Clock } from '../../platform/clock.js';
import { decideRecordLetterEmailed, type LetterEmailState } from '../../domain/case/correspondence.js';
import { caseLetters } from './schema.js';
import { correspondenceProjector } from './projector.js';
import { emailLetterJob } from './case-letters.js';
import { caseReferenceOf } from '../casework/queries.js';
import { isLanguage, languageName, SOURCE_LANGUAGE, type Language } from '../../platform/i18n/languages.js';
import { t } from '../../platform/i18n/messages.js';

/** Who sends letters by email and records it (in the event log as the actor). */
export const LETTER_MAILER: Actor = { id: 'system', name: 'Cordon (letters by email)', roles: ['administrator'] };

/**
 * `LetterEmailed` on the letter's own stream (`letter-<id>`), so emailing it does not move the case's
 * version under an officer's feet; refused when the letter was already recorded as emailed.
 */
export const recordLetterEmailed: CommandDefinition<{ letterId: string }, LetterEmailState, { letterId: string }> = {
  name: 'recordLetterEmailed',
  input: z.object({ letterId: z.uuid() }),
  roles: ['administrator'],
  streamType: 'letter',
  async load(tx, { letterId }) {
    const [letter] = await tx.select({ caseId: caseLetters.caseId }).from(caseLetters).where(eq(caseLetters.id, letterId));
    if (!letter) return null;
    const streamId = `letter-${letterId}`;
    const version = await streamVersion(tx, streamId);
    return { streamId, version, state: { caseId: letter.caseId, emailed: version > 0 } };
  },
  decide: decideRecordLetterEmailed,
  projectors: [correspondenceProjector],
  async project(_tx, { input }) {
    return { letterId: input.letterId };
  },
};

/**
 * The `email-letter` job: sends one letter to its recipient's email address and records it. A
 * letter already recorded as emailed is not sent again (a job retried after its record, or queued
 * twice by an upgrade). A failed send throws: the runner tries again later, with growing delays.
 * What cannot be made exactly-once is a process dying between the send and the record: the retry
 * then sends it a second time (at least once, never lost).
 */
export function emailLetterJobKind(db: Db, files: FileStore, mailer: Mailer, clock: Clock): JobKind {
  return {
    async run(payload) {
      const letterId = String(payload.letterId);
      const [letter] = await db.select().from(caseLetters).where(eq(caseLetters.id, letterId));
      if (!letter) throw new Error(`letter ${letterId} is not in case_letters`);
      if (letter.emailedAt || !letter.email) return;
      const reference = String(payload.reference ?? '');
      const bytes = await files.get(letter.fileHash);
      if (!bytes) throw new Error(`the PDF of letter ${letterId} (${letter.fileHash}) is not in the file store`);
      await mailer.send({ ...letterEmail(letter, reference), to: letter.email, reference, attachment: { filename: `${reference}-${letter.form}.pdf`, bytes, mediaType: 'application/pdf' } });
      const recorded = await executeCommand(db, recordLetterEmailed, { letterId }, { actor: LETTER_MAILER, now: clock.now() });
      // Refused or a conflict: another run recorded it first (the email went; nothing more to do).
      if (!recorded.ok && recorded.kind !== 'refused' && recorded.kind !== 'conflict') throw new Error(`letter ${letterId} was emailed but could not be recorded: ${recorded.message}`);
    },
  };
}

/**
 * The email that carries a letter: in the recipient's language with the English alongside (the
 * letter itself is English followed by their language). The subject names the letter in English
 * (the outbox and the team's searches read it) after the recipient's own words.
 */
export function letterEmail(letter: { language: string; title: string }, reference: string): { subject: string; body: string } {
  const language: Language = isLanguage(letter.language) ? letter.language : SOURCE_LANGUAGE;
  const english = {
    subject: `${letter.title} – ${t(SOURCE_LANGUAGE, 'email.subject', { reference })}`,
    body: t(SOURCE_LANGUAGE, 'email.body', { reference }),
  };
  if (language === SOURCE_LANGUAGE) return english;
  return {
    subject: `${t(language, 'email.subject', { reference })} / ${english.subject}`,
    body: `${t(language, 'email.body', { reference })}\n\n${languageName(SOURCE_LANGUAGE, SOURCE_LANGUAGE)}:\n${english.body}`,
  };
}

/**
 * An upgrade step: letters kept by earlier code (which emailed after each step) with an address and
 * not yet emailed get their job, once (the job's unique key). Answers how many were queued.
 */
export async function queueLetterEmailsNotYetSent(db: Db, now: Date): Promise<number> {
  const letters = await db
    .select({ id: caseLetters.id, reference: caseReferenceOf(caseLetters.caseId) })
    .from(caseLetters)
    .where(and(isNull(caseLetters.emailedAt), isNotNull(caseLetters.email)))
    .orderBy(asc(caseLetters.createdAt), asc(caseLetters.id));
  let queued = 0;
  for (const letter of letters) if (await enqueueJob(db, emailLetterJob(letter.id, letter.reference), now)) queued++;
  return queued;
}
