import { eq, sql } from 'drizzle-orm';
import type { Projector } from '../../platform/projections/projector.js';
import { isEventOf } from '../../domain/events.js';
import { INFORMATION_REQUEST_EVENT } from '../../domain/information-requests/events.js';
import { informationRequestAnswers, informationRequestFiles, informationRequests } from './schema.js';

export const requestIdOfStream = (streamId: string) => streamId.slice('information-request-'.length);

/** The only writer of `information_requests`, `information_request_answers` and `information_request_files`. */
export const informationRequestsProjector: Projector = {
  module: 'information-requests',
  tables: [informationRequests, informationRequestAnswers, informationRequestFiles],
  streamTypes: ['information-request'],
  async apply(tx, event) {
    const requestId = requestIdOfStream(event.streamId);
    if (isEventOf(event, INFORMATION_REQUEST_EVENT.InformationRequested)) {
      const p = event.payload;
      await tx.insert(informationRequests).values({
        id: requestId,
        caseId: p.caseId,
        caseReference: p.caseReference,
        items: p.items,
        otherDescription: p.otherDescription,
        details: p.details,
        dueDate: p.dueDate,
        addressedToId: p.addressedTo.kind === 'officer' ? p.addressedTo.officerId : null,
        addressedToName: p.addressedTo.kind === 'officer' ? p.addressedTo.officerName : null,
        portCode: p.addressedTo.kind === 'port' ? p.addressedTo.portCode : null,
        status: 'open',
        requestedById: event.actorId,
        requestedByName: event.actorName,
        requestedAt: event.occurredAt,
        version: event.version,
      });
    } else if (isEventOf(event, INFORMATION_REQUEST_EVENT.InformationRequestAnswered)) {
      const p = event.payload;
      await tx.insert(informationRequestAnswers).values({
        id: p.answerId,
        requestId,
        text: p.text,
        files: p.files,
        answeredById: event.actorId,
        answeredByName: event.actorName,
        answeredAt: event.occurredAt,
        answeredOn: p.answeredOn,
        daysLate: p.daysLate,
      });
      const [request] = await tx.select({ caseId: informationRequests.caseId }).from(informationRequests).where(eq(informationRequests.id, requestId));
      if (p.files.length && request) {
        await tx
          .insert(informationRequestFiles)
          .values(p.files.map((f) => ({ answerId: p.answerId, fileHash: f.hash, thumbnailHash: f.thumbnailHash, requestId, caseId: request.caseId, mediaType: f.mediaType, originalName: f.originalName })))
          .onConflictDoNothing();
      }
      // The first answer decides lateness; a further answer adds to the record and changes nothing of it.
      await tx
        .update(informationRequests)
        .set({ status: 'answered', firstAnswerDaysLate: sql`coalesce(${informationRequests.firstAnswerDaysLate}, ${p.daysLate})`, version: event.version })
        .where(eq(informationRequests.id, requestId));
    } else if (isEventOf(event, INFORMATION_REQUEST_EVENT.InformationRequestWithdrawn)) {
      const p = event.payload;
      await tx
        .update(informationRequests)
        .set({ status: 'withdrawn', withdrawnAt: event.occurredAt, withdrawnByName: event.actorName, withdrawnReason: p.reason, version: event.version })
        .where(eq(informationRequests.id, requestId));
    }
  },
};
