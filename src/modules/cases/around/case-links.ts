import { z } from 'zod';
import type { Db } from '../../../platform/database/client.js';
import { appendEvents, streamVersion, type Actor, type NewEvent } from '../../../platform/events/event-store.js';
import { CASEWORKERS } from '../../identity/roles.js';
import { caseCommand } from '../case-command.js';
import { casesProjector } from '../projector.js';
import { LINK_REASONS, type LinkReason } from '../../../domain/case/choices.js';
import { CASE_EVENT } from '../../../domain/case/events.js';
import { isEventOf } from '../../../domain/events.js';
import { currentLinks, decideLinkCase, decideUnlinkCase } from '../../../domain/case/links.js';

export { currentLinks };

/* Linked cases: recorded on both cases' streams; each stream's event makes its side of `case_links`. */

export { LINK_REASONS, type LinkReason };

/** What the route found about the case to link to (the decision checks it). */
const target = z.object({ caseId: z.string(), reference: z.string(), incidentDate: z.string(), offences: z.array(z.string()) });
export type LinkTarget = z.infer<typeof target>;

/**
 * The same event on the other case's stream, so its timeline and version show the change too; the
 * cases projector makes that case's side of the link from it, as from any other event.
 */
async function mirror(tx: Db, otherCaseId: string, event: NewEvent, actor: Actor, now: Date) {
  const streamId = `case-${otherCaseId}`;
  const version = await appendEvents(tx, { streamId, streamType: 'case', expectedVersion: await streamVersion(tx, streamId), events: [event], actor, occurredAt: now });
  const payload = JSON.parse(JSON.stringify(event.payload)) as Record<string, unknown>;
  await casesProjector.apply(tx, { streamId, streamType: 'case', version, type: event.type, payload, actorId: actor.id, actorName: actor.name, occurredAt: now });
}

export const linkCase = caseCommand({
  name: 'linkCase',
  input: z.object({ reference: z.string(), reason: z.enum(Object.keys(LINK_REASONS) as [LinkReason, ...LinkReason[]]), note: z.string().trim().max(2000).optional(), target }),
  roles: CASEWORKERS,
  decide: decideLinkCase,
  async project(tx, { file, input, actor, now, version }) {
    const other = input.target;
    await mirror(tx, other.caseId, { type: CASE_EVENT.CaseLinked, payload: { linkedCaseId: file.kase.id, linkedReference: file.kase.reference, reason: input.reason, note: input.note || null } }, actor, now);
    return { reference: file.kase.reference, version };
  },
});

export const unlinkCase = caseCommand({
  name: 'unlinkCase',
  input: z.object({ reference: z.string(), linkedReference: z.string() }),
  roles: CASEWORKERS,
  decide: decideUnlinkCase,
  async project(tx, { file, events, actor, now, version }) {
    const unlinked = events.find((event) => isEventOf(event, CASE_EVENT.CaseUnlinked));
    if (!unlinked) throw new Error(`case ${file.kase.reference}: unlinked without its event`);
    const otherId = unlinked.payload.linkedCaseId;
    await mirror(tx, otherId, { type: CASE_EVENT.CaseUnlinked, payload: { linkedCaseId: file.kase.id, linkedReference: file.kase.reference } }, actor, now);
    return { reference: file.kase.reference, version };
  },
});
