import { eq } from 'drizzle-orm';
import type { Projector } from '../../platform/projections/projector.js';
import { isEventOf } from '../../domain/events.js';
import { ACCREDITATION_LETTER_EVENT } from '../../domain/accreditation/letters.js';
import { accreditationLetters } from './assess-schema.js';

export const letterIdOfStream = (streamId: string) => streamId.slice('accreditation-letter-'.length);

/** The only writer of `accreditation_letters`. */
export const accreditationLettersProjector: Projector = {
  module: 'accreditation',
  tables: [accreditationLetters],
  streamTypes: ['accreditation-letter'],
  async apply(tx, event) {
    if (isEventOf(event, ACCREDITATION_LETTER_EVENT.AccreditationLetterProduced)) {
      const p = event.payload;
      await tx.insert(accreditationLetters).values({
        id: p.letterId,
        applicationReference: p.applicationReference,
        kind: p.kind,
        form: p.form,
        title: p.title,
        language: p.language,
        fileHash: p.fileHash,
        producedOn: p.producedOn,
        producedByName: event.actorName,
        version: event.version,
      });
    } else if (isEventOf(event, ACCREDITATION_LETTER_EVENT.AccreditationLetterEmailed)) {
      await tx.update(accreditationLetters).set({ emailedTo: event.payload.to, emailedOn: event.payload.emailedOn, version: event.version }).where(eq(accreditationLetters.id, letterIdOfStream(event.streamId)));
    }
  },
};
