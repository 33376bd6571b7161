import type { StoredEvent } from '../../platform/events/event-store.js';
import { describeCaseworkEvent } from './around/event-descriptions.js';
import { describeCorrespondenceEvent } from './correspondence/correspondence-timeline.js';
import { describePaymentEvent } from './payments-timeline.js';
import { describeDebtEvent } from '../payments/debt-timeline.js';

const ROLE_NAMES: Record<string, string> = { driver: 'Driver', owner: 'Owner', hirer: 'Hirer', operator: 'Operator' };

/** How each case event reads on the case timeline. */
export function describeEvent(event: StoredEvent, personOf?: (liabilityId: string) => string | undefined): { title: string; description: string } {
  const p = event.payload as Record<string, unknown>;
  switch (event.type) {
    case 'ReferralReceived':
      return {
        title: 'Referral received',
        description: `${String(p.offence)} incident on ${String(p.incidentDate)} at ${String(p.port)}, vehicle ${String(p.vehicleRegistration)} (${String(p.vehicleCountry)})${p.clandestineEntrants ? `, ${String(p.clandestineEntrants)} clandestine entrant(s)` : ''}.`,
      };
    case 'IncidentReferred':
      return {
        title: 'Incident referred by the border',
        description: `${(p.offences as string[]).join(' and ')} incident on ${String(p.incidentDate)}${p.clandestineEntrants ? `, ${String(p.clandestineEntrants)} clandestine entrant(s)` : ''}.`,
      };
    case 'CaseOpened':
      return { title: 'Case opened', description: `Case ${String(p.reference)} created from the referral.` };
    case 'LiabilityOpened':
      return { title: `${ROLE_NAMES[String(p.role)] ?? String(p.role)} liability opened`, description: `${String(p.partyName)} may be liable for the ${String(p.offence)} penalty.` };
    case 'LiabilityPartyConfirmed':
      return {
        title: `${ROLE_NAMES[String(p.role)] ?? String(p.role)} identified in the register`,
        description: p.how === 'created-new' ? 'A new register entry was created for them.' : p.how === 'confirmed-proposal' ? 'A proposed match was confirmed.' : 'Chosen from a search of the register.',
      };
    case 'CriminalInvestigationReferred':
      return { title: 'Referred for criminal investigation', description: `To ${String(p.team)} on ${String(p.referredOn)}${p.investigationReference ? `, reference ${String(p.investigationReference)}` : ''}.` };
    case 'CriminalInvestigationDeclined':
      return { title: 'Criminal investigation declined', description: `Decided ${String(p.decidedOn)}. The case is back with the caseworkers.` };
    case 'CriminalInvestigationAccepted':
      return { title: 'Criminal investigation accepted', description: `Decided ${String(p.decidedOn)}. The penalty waits for the investigation.` };
    case 'CaseClaimed':
      return { title: 'Case claimed', description: `${event.actorName} took the case from the queue.` };
    case 'CaseAssigned':
      return {
        title: 'Case assigned',
        description: `Given to ${String(p.officerName ?? 'an officer')}${p.previousOfficerId ? `, who takes over from ${String(p.previousOfficerName ?? 'another officer')}` : ''}.`,
      };
    case 'CaseUnassigned':
      return { title: 'Case returned to the queue', description: `Taken off ${String(p.previousOfficerName ?? 'the officer')}’s work list; it waits to be claimed.` };
    case 'InitialNoticeSent':
    case 'InitialNoticeResponseRecorded':
    case 'ObjectionReceived':
    case 'ObjectionDetermined':
    case 'LetterPosted':
    case 'ResponseDocumentsReceived':
    case 'AddressChangeProposed':
    case 'AddressChangeApproved':
    case 'AddressChangeRejected':
    case 'DataBreachRecorded':
      return describeCorrespondenceEvent(event);
    default:
      return describeCaseworkEvent(event, personOf) ?? describePaymentEvent(event, personOf) ?? describeDebtEvent(event, personOf) ?? { title: event.type.replace(/([a-z])([A-Z])/g, '$1 $2'), description: '' };
  }
}
