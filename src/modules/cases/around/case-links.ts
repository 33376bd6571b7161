import { z } from 'zod';
import type { Db } from '../../../platform/database/client.js';
import { appendEvents, streamVersion, type Actor, type NewEvent, type StoredEvent } from '../../../platform/events/event-store.js';
import { CASEWORKERS } from '../../identity/roles.js';
import { caseCommand } from '../case-command.js';
import type { CaseFile } from '../case-file.js';
import { casesProjector } from '../projector.js';
import { LINK_REASONS, type LinkReason } from '../../../domain/case/choices.js';
import { CASE_EVENT } from '../../../domain/case/events.js';
import { isEventOf } from '../../../domain/events.js';

/* Linked cases: recorded on both cases' streams; each stream's event makes its side of `case_links`. */

export { LINK_REASONS, type LinkReason };

/** What the route found about the case to link to (the decision checks it). */
const target = z.object({ caseId: z.string(), reference: z.string(), incidentDate: z.string(), offences: z.array(z.string()) });
export type LinkTarget = z.infer<typeof target>;

/** The cases this case is linked to now, from its own stream (a link made from the other side is on it too). */
export function currentLinks(events: readonly StoredEvent[]): Map<string, { reference: string; reason: LinkReason; note: string | null }> {
  const links = new Map<string, { reference: string; reason: LinkReason; note: string | null }>();
  for (const event of events) {
    if (isEventOf(event, CASE_EVENT.CaseLinked)) links.set(event.payload.linkedCaseId, { reference: event.payload.linkedReference, reason: event.payload.reason, note: event.payload.note ?? null });
    if (isEventOf(event, CASE_EVENT.CaseUnlinked)) links.delete(event.payload.linkedCaseId);
  }
  return links;
}

function sameIncidentProblem(file: CaseFile, other: LinkTarget): string | null {
  const mine = new Set(file.liabilities.map((l) => l.offence));
  const theirs = new Set(other.offences);
  if (mine.size > 1 || theirs.size > 1) return 'A case opened from an incident with both offences already holds the S31A and S32 liabilities: link only cases from separate referrals';
  if ([...mine].some((offence) => theirs.has(offence))) return 'Both cases are for the same offence: an “S31A and S32” link joins an S31A case to an S32 case';
  if (file.kase.incidentDate !== other.incidentDate) return `The incidents are on different dates (${file.kase.incidentDate} and ${other.incidentDate}): choose another reason`;
  return null;
}

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
  decide(file, input) {
    const other = input.target;
    if (other.caseId === file.kase.id) return { ok: false, message: 'A case cannot be linked to itself', errors: [{ field: 'linkedReference', message: 'Enter the reference of another case' }] };
    if (currentLinks(file.events).has(other.caseId)) return { ok: false, message: `This case is already linked to ${other.reference}`, errors: [{ field: 'linkedReference', message: `This case is already linked to ${other.reference}` }] };
    if (input.reason === 'other' && !input.note) return { ok: false, message: 'Say why the cases are linked', errors: [{ field: 'note', message: 'Say why the cases are linked' }] };
    const problem = input.reason === 'same-incident' ? sameIncidentProblem(file, other) : null;
    if (problem) return { ok: false, message: problem, errors: [{ field: 'reason', message: problem }] };
    return { ok: true, events: [{ type: CASE_EVENT.CaseLinked, payload: { linkedCaseId: other.caseId, linkedReference: other.reference, reason: input.reason, note: input.note || null } }] };
  },
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
  decide(file, input) {
    const found = [...currentLinks(file.events)].find(([, link]) => link.reference === input.linkedReference.trim().toUpperCase());
    if (!found) return { ok: false, message: `This case is not linked to ${input.linkedReference}` };
    return { ok: true, events: [{ type: CASE_EVENT.CaseUnlinked, payload: { linkedCaseId: found[0], linkedReference: found[1].reference } }] };
  },
  async project(tx, { file, events, actor, now, version }) {
    const unlinked = events.find((event) => isEventOf(event, CASE_EVENT.CaseUnlinked));
    if (!unlinked) throw new Error(`case ${file.kase.reference}: unlinked without its event`);
    const otherId = unlinked.payload.linkedCaseId;
    await mirror(tx, otherId, { type: CASE_EVENT.CaseUnlinked, payload: { linkedCaseId: file.kase.id, linkedReference: file.kase.reference } }, actor, now);
    return { reference: file.kase.reference, version };
  },
});
