import type { Db } from '../../platform/database/client.js';
import { enqueueJob } from '../../platform/jobs/queue.js';
import type { AccreditationLetterKind } from '../../domain/accreditation/letters.js';
import { ACCREDITATION_APPLICATION_EVENT as E } from '../../domain/accreditation/events.js';

/*
 * The letter an application's step calls for, queued as a job in the step's own transaction (from
 * the commands' `project`): the job exists exactly when the step does, once (its unique key is the
 * application and the step's version), and survives a crash before the letter is made. The job
 * (`accreditationLetterJobKind`, assess-letters.ts) renders, keeps and records the letter for the
 * postal outbox and emails a decision with the PDF attached.
 */

export const ACCREDITATION_LETTER_JOB = 'accreditation-letter';

const LETTER_OF_EVENT: Readonly<Record<string, AccreditationLetterKind>> = {
  [E.AccreditationApplicationSubmitted]: 'acknowledgement',
  [E.AccreditationInformationRequested]: 'informationRequest',
  [E.AccreditationApplicationAccepted]: 'accepted',
  [E.AccreditationRefusalApproved]: 'refused',
};

/** The letter a step's events call for, if any (a step records at most one of these). */
export function letterCalledFor(events: readonly { type: string }[]): AccreditationLetterKind | null {
  for (const event of events) {
    const kind = LETTER_OF_EVENT[event.type];
    if (kind) return kind;
  }
  return null;
}

/** Queues the step's letter, if it calls for one, in the step's transaction. */
export async function queueApplicationLetter(tx: Db, step: { reference: string; version: number; events: readonly { type: string }[]; now: Date }): Promise<void> {
  const letter = letterCalledFor(step.events);
  if (!letter) return;
  await enqueueJob(tx, { kind: ACCREDITATION_LETTER_JOB, payload: { reference: step.reference, version: step.version, letter }, uniqueKey: `${ACCREDITATION_LETTER_JOB}:${step.reference}:${step.version}` }, step.now);
}
