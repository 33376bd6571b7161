import { and, eq, sql } from 'drizzle-orm';
import type { Projector } from '../../platform/projections/projector.js';
import { isEventOf } from '../../domain/events.js';
import { RECOMMENDATION_EVENT } from '../../domain/recommendations/events.js';
import { recommendationActions, recommendationEvidence, recommendations } from './schema.js';

export const recommendationIdOfStream = (streamId: string) => streamId.slice('recommendation-'.length);

/** The only writer of `recommendations`, `recommendation_actions` and `recommendation_evidence`. */
export const recommendationsProjector: Projector = {
  module: 'recommendations',
  tables: [recommendations, recommendationActions, recommendationEvidence],
  streamTypes: ['recommendation'],
  async apply(tx, event) {
    const id = recommendationIdOfStream(event.streamId);
    const touch = { version: event.version };
    if (isEventOf(event, RECOMMENDATION_EVENT.RecommendationRecorded)) {
      const p = event.payload;
      await tx.insert(recommendations).values({
        id,
        inspectionId: p.inspection.id,
        inspectionTitle: p.inspection.title,
        inspectionYear: p.inspection.year,
        number: p.number,
        text: p.text,
        response: p.response,
        responseWording: p.responseWording,
        paragraph: p.paragraph,
        responseParagraph: p.responseParagraph,
        figure: p.figure,
        status: 'open',
        evidenceCount: 0,
        recordedAt: event.occurredAt,
        version: event.version,
      });
    } else if (isEventOf(event, RECOMMENDATION_EVENT.RecommendationOwnerAssigned)) {
      const p = event.payload;
      await tx.update(recommendations).set({ ownerId: p.ownerId, ownerName: p.ownerName, dueDate: p.dueDate, ...touch }).where(eq(recommendations.id, id));
    } else if (isEventOf(event, RECOMMENDATION_EVENT.RecommendationActionAdded)) {
      const p = event.payload;
      await tx.insert(recommendationActions).values({ id: p.actionId, recommendationId: id, description: p.description, dueDate: p.dueDate, addedByName: event.actorName, addedAt: event.occurredAt });
      await tx.update(recommendations).set(touch).where(eq(recommendations.id, id));
    } else if (isEventOf(event, RECOMMENDATION_EVENT.RecommendationActionCompleted)) {
      const p = event.payload;
      await tx.update(recommendationActions).set({ completedOn: p.completedOn, completedByName: event.actorName }).where(and(eq(recommendationActions.id, p.actionId), eq(recommendationActions.recommendationId, id)));
      await tx.update(recommendations).set(touch).where(eq(recommendations.id, id));
    } else if (isEventOf(event, RECOMMENDATION_EVENT.RecommendationEvidenceRecorded)) {
      const p = event.payload;
      await tx.insert(recommendationEvidence).values({ id: p.evidenceId, recommendationId: id, description: p.description, link: p.link, recordedOn: p.recordedOn, recordedByName: event.actorName, recordedAt: event.occurredAt });
      await tx.update(recommendations).set({ evidenceCount: sql`${recommendations.evidenceCount} + 1`, ...touch }).where(eq(recommendations.id, id));
    } else if (isEventOf(event, RECOMMENDATION_EVENT.RecommendationFigureLinked)) {
      await tx.update(recommendations).set({ figure: event.payload.figure, ...touch }).where(eq(recommendations.id, id));
    } else if (isEventOf(event, RECOMMENDATION_EVENT.RecommendationClosed)) {
      const p = event.payload;
      await tx
        .update(recommendations)
        .set({ status: 'closed', closedOn: p.closedOn, closedByName: event.actorName, closingSummary: p.summary, embeddedCheckDue: p.embeddedCheckDue, ...touch })
        .where(eq(recommendations.id, id));
    } else if (isEventOf(event, RECOMMENDATION_EVENT.RecommendationEmbeddedCheckRecorded)) {
      const p = event.payload;
      await tx
        .update(recommendations)
        .set({ status: p.embedded ? 'embedded' : 'reopened', checkedOn: p.checkedOn, embedded: p.embedded, checkNotes: p.notes, checkedByName: event.actorName, ...touch })
        .where(eq(recommendations.id, id));
    }
  },
};
