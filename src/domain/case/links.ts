import { isEventOf } from '../events.js';
import type { CaseFile, RecordedCaseEvent } from './case-file.js';
import type { LinkReason } from './choices.js';
import type { CaseDecision } from './decision.js';
import { CASE_EVENT, type CaseEvent } from './events.js';

/*
 * Linked cases: a link is recorded on both cases' streams by the one decision (`alsoOn`), so each
 * case's timeline and version show it and the cases projector makes each side of `case_links` from
 * its own stream's event.
 */

/** The other case's stream version, read by the command before deciding (its events go after it). */
export interface OtherCaseVersion {
  otherCaseVersion: number;
}

function onTheOtherCase(otherCaseId: string, expectedVersion: number, event: CaseEvent) {
  return [{ streamId: `case-${otherCaseId}`, streamType: 'case', expectedVersion, events: [event] }];
}

/** What the front door found about the case to link to: the decision checks it. */
export interface LinkTarget {
  caseId: string;
  reference: string;
  incidentDate: string;
  offences: readonly string[];
}

/** The cases this case is linked to now, from its own stream (a link made from the other side is on it too). */
export function currentLinks(events: readonly RecordedCaseEvent[]): Map<string, { reference: string; reason: LinkReason; note: string | null }> {
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

/** Links this case to another: not itself, not twice, with a note for “other”, and a same-incident link only where it holds. */
export function decideLinkCase(file: CaseFile & OtherCaseVersion, input: { reason: LinkReason; note?: string | undefined; target: LinkTarget }): CaseDecision {
  const other = input.target;
  if (other.caseId === file.kase.id) return { ok: false, message: 'A case cannot be linked to itself', errors: [{ field: 'linkedReference', message: 'Enter the reference of another case' }] };
  if (currentLinks(file.events).has(other.caseId)) return { ok: false, message: `This case is already linked to ${other.reference}`, errors: [{ field: 'linkedReference', message: `This case is already linked to ${other.reference}` }] };
  if (input.reason === 'other' && !input.note) return { ok: false, message: 'Say why the cases are linked', errors: [{ field: 'note', message: 'Say why the cases are linked' }] };
  const problem = input.reason === 'same-incident' ? sameIncidentProblem(file, other) : null;
  if (problem) return { ok: false, message: problem, errors: [{ field: 'reason', message: problem }] };
  const note = input.note || null;
  return {
    ok: true,
    events: [{ type: CASE_EVENT.CaseLinked, payload: { linkedCaseId: other.caseId, linkedReference: other.reference, reason: input.reason, note } }],
    alsoOn: onTheOtherCase(other.caseId, file.otherCaseVersion, { type: CASE_EVENT.CaseLinked, payload: { linkedCaseId: file.kase.id, linkedReference: file.kase.reference, reason: input.reason, note } }),
  };
}

/** Unlinks a case this case is linked to now. */
export function decideUnlinkCase(file: CaseFile & OtherCaseVersion, input: { linkedReference: string }): CaseDecision {
  const found = [...currentLinks(file.events)].find(([, link]) => link.reference === input.linkedReference.trim().toUpperCase());
  if (!found) return { ok: false, message: `This case is not linked to ${input.linkedReference}` };
  return {
    ok: true,
    events: [{ type: CASE_EVENT.CaseUnlinked, payload: { linkedCaseId: found[0], linkedReference: found[1].reference } }],
    alsoOn: onTheOtherCase(found[0], file.otherCaseVersion, { type: CASE_EVENT.CaseUnlinked, payload: { linkedCaseId: file.kase.id, linkedReference: file.kase.reference } }),
  };
}

/** The id of the case a reference typed to unlink names, among this case's links now (or null). */
export function linkedCaseIdOf(file: CaseFile, linkedReference: string): string | null {
  const found = [...currentLinks(file.events)].find(([, link]) => link.reference === linkedReference.trim().toUpperCase());
  return found ? found[0] : null;
}
