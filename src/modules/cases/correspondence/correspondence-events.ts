import type { StoredEvent } from '../../../platform/events/event-store.js';
import { RISK_LEVELS, type RiskLevel } from '../../../domain/case/choices.js';

/*
 * The case events of correspondence (on the case stream, beside the liability events) and small
 * pure readers over a case's events: what was posted, which documents came with a response, the
 * address changes of a liability and the data breaches recorded against letters.
 */

export const LETTER_POSTED = 'LetterPosted';
export const RESPONSE_DOCUMENTS_RECEIVED = 'ResponseDocumentsReceived';
export const ADDRESS_CHANGE_PROPOSED = 'AddressChangeProposed';
export const ADDRESS_CHANGE_APPROVED = 'AddressChangeApproved';
export const ADDRESS_CHANGE_REJECTED = 'AddressChangeRejected';
export const DATA_BREACH_RECORDED = 'DataBreachRecorded';

export interface LetterPostedPayload {
  letterId: string;
  liabilityId: string | null;
  form: string;
  title: string;
}

export interface ResponseDocument {
  hash: string;
  originalName: string;
  mediaType: string;
  size: number;
}

export interface ResponseDocumentsPayload {
  liabilityId: string;
  files: ResponseDocument[];
  receivedOn: string;
  description: string;
  /** Absent on documents recorded before objections had evidence: those came with the response. */
  about?: 'response' | 'objection';
}

export interface StructuredAddress {
  line1: string;
  line2?: string | undefined;
  town: string;
  postcode?: string | undefined;
  /** ISO 3166-1 alpha-2. */
  country: string;
}

export interface AddressChangeProposedPayload {
  liabilityId: string;
  address: StructuredAddress;
  /** The envelope lines the address becomes (`postalAddressLines`). */
  addressLines: string[];
  previousAddressLines: string[];
  reason: string;
}

export interface AddressChangeDecidedPayload {
  liabilityId: string;
  /** The version of the AddressChangeProposed event on the case stream: which proposal was decided. */
  proposal: number;
  addressLines: string[];
  reason?: string;
  /** Rejected by the officer who proposed it. */
  withdrawn?: boolean;
}

export { RISK_LEVELS, type RiskLevel };

export interface DataBreachPayload {
  letterId: string;
  liabilityId: string | null;
  letterForm: string;
  letterTitle: string;
  /** Where the letter went. */
  addressLines: string[];
  foundOn: string;
  disclosed: string;
  riskLevel: RiskLevel;
  riskReasons: string;
  icoMustBeTold: boolean;
  /** 72 hours from finding it (UK GDPR article 33), as the last calendar day; null when not told. */
  icoReportBy: string | null;
  actionsTaken: string;
  lettersSent: string[];
}

export type Recorded<P> = P & { version: number; by: string; byName: string; at: Date };

function recorded<P>(event: StoredEvent): Recorded<P> {
  return { ...(event.payload as P), version: event.version, by: event.actorId, byName: event.actorName, at: event.occurredAt };
}

export function postedLetterIds(events: readonly StoredEvent[]): Set<string> {
  return new Set(events.filter((event) => event.type === LETTER_POSTED).map((event) => (event.payload as unknown as LetterPostedPayload).letterId));
}

export function responseDocumentsOf(events: readonly StoredEvent[], liabilityId: string): Recorded<ResponseDocumentsPayload>[] {
  return events
    .filter((event) => event.type === RESPONSE_DOCUMENTS_RECEIVED && event.payload.liabilityId === liabilityId)
    .map((event) => recorded<ResponseDocumentsPayload>(event));
}

/** Whether the file with this hash came in with a response on this case (so it may be served from it). */
export function isResponseDocument(events: readonly StoredEvent[], hash: string): ResponseDocument | undefined {
  for (const event of events) {
    if (event.type !== RESPONSE_DOCUMENTS_RECEIVED) continue;
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
export function addressChangesOf(events: readonly StoredEvent[], liabilityId: string): AddressChange[] {
  const changes: AddressChange[] = [];
  for (const event of events) {
    if (event.payload.liabilityId !== liabilityId) continue;
    if (event.type === ADDRESS_CHANGE_PROPOSED) changes.push({ ...recorded<AddressChangeProposedPayload>(event), status: 'pending' });
    if (event.type === ADDRESS_CHANGE_APPROVED || event.type === ADDRESS_CHANGE_REJECTED) {
      const decision = recorded<AddressChangeDecidedPayload>(event);
      const change = changes.find((entry) => entry.version === decision.proposal);
      if (!change) continue;
      change.decision = decision;
      change.status = event.type === ADDRESS_CHANGE_APPROVED ? 'approved' : decision.withdrawn ? 'withdrawn' : 'rejected';
    }
  }
  return changes;
}

/** The one address change waiting for a second officer, if any. */
export function pendingAddressChange(events: readonly StoredEvent[], liabilityId: string): AddressChange | undefined {
  return addressChangesOf(events, liabilityId).find((change) => change.status === 'pending');
}

export function dataBreachesOf(events: readonly StoredEvent[]): Recorded<DataBreachPayload>[] {
  return events.filter((event) => event.type === DATA_BREACH_RECORDED).map((event) => recorded<DataBreachPayload>(event));
}
