import { and, eq, isNull } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { CommandDefinition } from '../../../platform/events/command.js';
import type { ProjectedEvent } from '../../../platform/projections/projector.js';
import { streamVersion } from '../../../platform/events/event-store.js';
import { CASE_EVENT } from '../../../domain/case/events.js';
import { decideMarkNotificationRead } from '../../../domain/identity/decisions.js';
import { CASEWORKERS } from '../../identity/roles.js';
import { officerNotifications } from '../schema.js';
import type { casesProjector as CasesProjector } from '../projector.js';

/*
 * Messages to one officer on their work page: whoever loses a case (given to someone else, or put
 * back in the queue by someone other than themselves) is told. The message is made from the
 * assignment event by the cases projector; reading it is `NotificationRead` on the officer's own
 * stream (`user-<id>`), so the log rebuilds which are still unread.
 */

type NotificationRow = typeof officerNotifications.$inferInsert;

/**
 * The id of the message an event makes: its time first (so ids sort as they were made), then a hash
 * of the event's stream and version — the same on every replay, never random.
 */
export function notificationId(event: Pick<ProjectedEvent, 'streamId' | 'version' | 'occurredAt'>): string {
  const time = event.occurredAt.getTime().toString(16).padStart(12, '0').slice(-12);
  const hash = createHash('sha256').update(`${event.streamId}#${event.version}`).digest('hex');
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-8${hash.slice(0, 3)}-${((parseInt(hash[3]!, 16) & 0x3) | 0x8).toString(16)}${hash.slice(4, 7)}-${hash.slice(7, 19)}`;
}

/** The message an assignment event leaves for the officer who lost the case, or null. */
export function notificationFor(event: ProjectedEvent, caseId: string, reference: string): NotificationRow | null {
  const p = event.payload;
  const previous = typeof p.previousOfficerId === 'string' ? p.previousOfficerId : null;
  if (!previous || previous === event.actorId) return null;
  const message =
    event.type === CASE_EVENT.CaseAssigned
      ? `${event.actorName} gave case ${reference} to ${String(p.officerName ?? 'another officer')}. It is no longer on your work list.`
      : event.type === CASE_EVENT.CaseUnassigned
        ? `${event.actorName} took case ${reference} off your work list. It is back in the queue to be claimed.`
        : null;
  return message ? { id: notificationId(event), userId: previous, caseId, message, createdAt: event.occurredAt } : null;
}

/** An officer marks one of their own unread messages read. */
export function markNotificationReadCommand(projector: typeof CasesProjector): CommandDefinition<{ notificationId: string }, null, true> {
  return {
    name: 'markNotificationRead',
    input: z.object({ notificationId: z.uuid() }),
    // Who may read messages on the work page: an officer marks only their own (`load` finds no other).
    roles: CASEWORKERS,
    streamType: 'user',
    projectors: [projector],
    async load(tx, input, { actor }) {
      const [unread] = await tx
        .select({ id: officerNotifications.id })
        .from(officerNotifications)
        .where(and(eq(officerNotifications.id, input.notificationId), eq(officerNotifications.userId, actor.id), isNull(officerNotifications.readAt)));
      if (!unread) return null;
      const streamId = `user-${actor.id}`;
      return { streamId, version: await streamVersion(tx, streamId), state: null };
    },
    decide: decideMarkNotificationRead,
    async project() {
      return true;
    },
  };
}
