import type { StoredEvent } from '../../../platform/events/event-store.js';
import { OBJECTION_OUTCOMES } from '../../../domain/liability/actions.js';
import { formatPounds } from '../../../domain/penalty/money.js';
import { CASE_EVENT } from '../../../domain/case/events.js';
import {
  RISK_LEVELS,
  type AddressChangeDecidedPayload,
  type AddressChangeProposedPayload,
  type DataBreachPayload,
  type LetterPostedPayload,
  type ResponseDocumentsPayload,
} from './correspondence-events.js';

/**
 * How the letter and response events read on the case timeline (called from `timeline.ts`): the
 * correspondence module's own events and the liability events about the notice and the objection.
 */
export function describeCorrespondenceEvent(event: StoredEvent): { title: string; description: string } {
  const p = event.payload as Record<string, unknown>;
  switch (event.type) {
    case 'InitialNoticeSent':
      return { title: p.resend ? 'Initial notice re-sent' : 'Initial notice sent', description: `Sent to ${String(p.address)}. The 28-day response window starts.` };
    case 'InitialNoticeResponseRecorded':
      return {
        title: 'Response to the initial notice recorded',
        description: `Received ${String(p.receivedOn)}${p.late ? ' (late)' : ''}${p.summary ? `: ${String(p.summary)}` : '.'}`,
      };
    case 'ObjectionReceived':
      return { title: 'Objection received', description: `Received ${String(p.receivedOn)}${p.late ? ' (late)' : ''}: ${String(p.grounds)}` };
    case 'ObjectionDetermined': {
      const outcome = String(p.outcome) as keyof typeof OBJECTION_OUTCOMES;
      const amounts = outcome === 'cancel' ? '' : outcome === 'maintain' ? ` at ${formatPounds(Number(p.amountPence))}` : ` from ${formatPounds(Number(p.previousAmountPence))} to ${formatPounds(Number(p.amountPence))}`;
      return { title: 'Objection determined', description: `${OBJECTION_OUTCOMES[outcome] ?? outcome}${amounts}. ${String(p.reasons)}` };
    }
    case CASE_EVENT.LetterPosted: {
      const letter = p as unknown as LetterPostedPayload;
      return { title: 'Letter posted', description: `${letter.title} was printed and posted.` };
    }
    case CASE_EVENT.ResponseDocumentsReceived: {
      const documents = p as unknown as ResponseDocumentsPayload;
      return {
        title: 'Documents received with the response',
        description: `Received ${documents.receivedOn}: ${documents.description} (${documents.files.map((file) => file.originalName).join(', ')}).`,
      };
    }
    case CASE_EVENT.AddressChangeProposed: {
      const change = p as unknown as AddressChangeProposedPayload;
      return { title: 'Address change proposed', description: `New address: ${change.addressLines.join(', ')}. ${change.reason} Waiting for a second officer's approval.` };
    }
    case CASE_EVENT.AddressChangeApproved: {
      const change = p as unknown as AddressChangeDecidedPayload;
      return { title: 'Address change approved', description: `Letters now go to ${change.addressLines.join(', ')}.` };
    }
    case CASE_EVENT.AddressChangeRejected: {
      const change = p as unknown as AddressChangeDecidedPayload;
      return { title: change.withdrawn ? 'Address change withdrawn' : 'Address change rejected', description: `${change.addressLines.join(', ')} was not approved. ${change.reason ?? ''}`.trim() };
    }
    case CASE_EVENT.DataBreachRecorded: {
      const breach = p as unknown as DataBreachPayload;
      return {
        title: 'Data breach recorded',
        description: `${breach.letterTitle} went to ${breach.addressLines.join(', ')}. ${RISK_LEVELS[breach.riskLevel]} risk; ${breach.icoMustBeTold ? `the ICO must be told by ${breach.icoReportBy}` : 'the ICO need not be told'}.`,
      };
    }
    default:
      return { title: event.type.replace(/([a-z])([A-Z])/g, '$1 $2'), description: '' };
  }
}
