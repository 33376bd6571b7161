import { and, eq, or } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../platform/database/client.js';
import { appendEvents, streamVersion, type Actor, type NewEvent } from '../../../platform/events/event-store.js';
import { CASEWORKERS } from '../../identity/roles.js';
import { caseCommand } from '../case-command.js';
import { caseLinks, cases } from '../schema.js';
import { LINK_REASONS, type LinkReason } from '../../../domain/case/choices.js';
import { CASE_EVENT } from '../../../domain/case/events.js';
import { isEventOf } from '../../../domain/events.js';
import { currentLinks, decideLinkCase, decideUnlinkCase } from '../../../domain/case/links.js';

export { currentLinks };

/* Linked cases: recorded on both cases' streams and kept in `case_links` both ways. */

export { LINK_REASONS, type LinkReason };

/** What the route found about the case to link to (the decision checks it). */
const target = z.object({ caseId: z.string(), reference: z.string(), incidentDate: z.string(), offences: z.array(z.string()) });
export type LinkTarget = z.infer<typeof target>;

/** The same event on the other case's stream, so its timeline and version show the change too. */
async function mirror(tx: Db, otherCaseId: string, event: NewEvent, actor: Actor, now: Date) {
  const streamId = `case-${otherCaseId}`;
  const version = await appendEvents(tx, { streamId, streamType: 'case', expectedVersion: await streamVersion(tx, streamId), events: [event], actor, occurredAt: now });
  await tx.update(cases).set({ version }).where(eq(cases.id, otherCaseId));
}

export const linkCase = caseCommand({
  name: 'linkCase',
  input: z.object({ reference: z.string(), reason: z.enum(Object.keys(LINK_REASONS) as [LinkReason, ...LinkReason[]]), note: z.string().trim().max(2000).optional(), target }),
  roles: CASEWORKERS,
  decide: decideLinkCase,
  async project(tx, { file, input, actor, now, version }) {
    const other = input.target;
    await tx
      .insert(caseLinks)
      .values([
        { caseId: file.kase.id, linkedCaseId: other.caseId, reason: input.reason, createdAt: now, createdBy: actor.id },
        { caseId: other.caseId, linkedCaseId: file.kase.id, reason: input.reason, createdAt: now, createdBy: actor.id },
      ])
      .onConflictDoNothing();
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
    await tx
      .delete(caseLinks)
      .where(or(and(eq(caseLinks.caseId, file.kase.id), eq(caseLinks.linkedCaseId, otherId)), and(eq(caseLinks.caseId, otherId), eq(caseLinks.linkedCaseId, file.kase.id))));
    await mirror(tx, otherId, { type: CASE_EVENT.CaseUnlinked, payload: { linkedCaseId: file.kase.id, linkedReference: file.kase.reference } }, actor, now);
    return { reference: file.kase.reference, version };
  },
});
