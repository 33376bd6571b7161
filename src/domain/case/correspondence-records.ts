import type { RecordedCaseEvent } from './case-file.js';
import { RISK_LEVELS, type RiskLevel } from './choices.js';
import {
  CASE_EVENT,
  type AddressChangeApprovedPayload,
  type AddressChangeProposedPayload,
  type AddressChangeRejectedPayload,
  type DataBreachPayload,
  type LetterPostedPayload,
  type ResponseDocument,
  type ResponseDocumentsPayload,
} from './events.js';

/*
 * The case events of correspondence (on the case stream, beside the liability events) and small
 * pure readers over a case's events: what was posted, which documents came with a response, the
 * address changes of a liability and the data breaches recorded against letters.
 */

export type {
  AddressChangeProposedPayload,
  DataBreachPayload,
  LetterPostedPayload,
  ResponseDocument,
  ResponseDocumentsPayload,
  StructuredAddress,
} from './events.js';

/** An address change's decision, as read back: approved, or rejected (`withdrawn` when by its proposer). */
export type AddressChangeDecidedPayload = AddressChangeApprovedPayload & Partial<Pick<AddressChangeRejectedPayload, 'reason' | 'withdrawn'>>;

export { RISK_LEVELS, type RiskLevel };

export type Recorded<P> = P & { version: number; by: string; byName: string; at: Date };

function recorded<P>(event: RecordedCaseEvent): Recorded<P> {
  return { ...(event.payload as P), version: event.version, by: event.actorId, byName: event.actorName, at: event.occurredAt };
}

export function postedLetterIds(events: readonly RecordedCaseEvent[]): Set<string> {
  return new Set(events.filter((event) => event.type === CASE_EVENT.LetterPosted).map((event) => (event.payload as unknown as LetterPostedPayload).letterId));
}

export function responseDocumentsOf(events: readonly RecordedCaseEvent[], liabilityId: string): Recorded<ResponseDocumentsPayload>[] {
  return events
    .filter((event) => event.type === CASE_EVENT.ResponseDocumentsReceived && event.payload.liabilityId === liabilityId)
    .map((event) => recorded<ResponseDocumentsPayload>(event));
}

/** Whether the file with this hash came in with a response on this case (so it may be served from it). */
export function isResponseDocument(events: readonly RecordedCaseEvent[], hash: string): ResponseDocument | undefined {
  for (const event of events) {
    // Documents sent online with a request for a means test are kept and served the same way.
    if (event.type !== CASE_EVENT.ResponseDocumentsReceived && event.type !== CASE_EVENT.MeansTestRequested) continue;
    const found = (event.payload as unknown as ResponseDocumentsPayload).files.find((file) => file.hash === hash);
    if (found) return found;
  }
  return undefined;
}

export type AddressChange = Recorded<AddressChangeProposedPayload> & {
  status: 'pending' | 'approved' | 'rejected' | 'withdrawn';
  decision?: Recorded<AddressChangeDecidedPayload>;
};

/** Every address change proposed for the liability, oldest first, with its decision if any. */
export function addressChangesOf(events: readonly RecordedCaseEvent[], liabilityId: string): AddressChange[] {
  const changes: AddressChange[] = [];
  for (const event of events) {
    if (event.payload.liabilityId !== liabilityId) continue;
    if (event.type === CASE_EVENT.AddressChangeProposed) changes.push({ ...recorded<AddressChangeProposedPayload>(event), status: 'pending' });
    if (event.type === CASE_EVENT.AddressChangeApproved || event.type === CASE_EVENT.AddressChangeRejected) {
      const decision = recorded<AddressChangeDecidedPayload>(event);
      const change = changes.find((entry) => entry.version === decision.proposal);
      if (!change) continue;
      change.decision = decision;
      change.status = event.type === CASE_EVENT.AddressChangeApproved ? 'approved' : decision.withdrawn ? 'withdrawn' : 'rejected';
    }
  }
  return changes;
}

/** The one address change waiting for a second officer, if any. */
export function pendingAddressChange(events: readonly RecordedCaseEvent[], liabilityId: string): AddressChange | undefined {
  return addressChangesOf(events, liabilityId).find((change) => change.status === 'pending');
}

export function dataBreachesOf(events: readonly RecordedCaseEvent[]): Recorded<DataBreachPayload>[] {
  return events.filter((event) => event.type === CASE_EVENT.DataBreachRecorded).map((event) => recorded<DataBreachPayload>(event));
}
