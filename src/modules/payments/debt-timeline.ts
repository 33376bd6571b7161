import type { StoredEvent } from '../../platform/events/event-store.js';
import { formatPounds } from '../../domain/penalty/money.js';
import { AGENCY_OUTCOMES, INSOLVENCY_FINDINGS } from '../../domain/payments/debt.js';
import { DETENTION_ENDINGS } from '../../domain/payments/detention.js';
import { CASE_EVENT } from '../../domain/case/events.js';

/** How the debt and detention events read on the case timeline; undefined for any other event. */
export function describeDebtEvent(event: StoredEvent, personOf?: (liabilityId: string) => string | undefined): { title: string; description: string } | undefined {
  const p = event.payload as Record<string, unknown>;
  const who = typeof p.liabilityId === 'string' ? (personOf?.(p.liabilityId) ?? 'the responsible person') : 'the responsible person';
  const pounds = (value: unknown) => formatPounds(Number(value));
  switch (event.type) {
    case CASE_EVENT.DebtAcknowledged:
      return { title: 'Debt acknowledged in writing', description: `By ${who}, on ${String(p.acknowledgedOn)}${p.note ? `: ${String(p.note)}` : ''}. The limitation period runs again from this date.` };
    case CASE_EVENT.InsolvencyCheckRecorded:
      return {
        title: 'Insolvency check',
        description: `${who}, checked ${String(p.checkedOn)} at ${String(p.source)}: ${INSOLVENCY_FINDINGS[p.finding as keyof typeof INSOLVENCY_FINDINGS] ?? String(p.finding)}${p.note ? `. ${String(p.note)}` : ''}.`,
      };
    case CASE_EVENT.DebtReferredToAgency:
      return { title: 'Referred to the debt collection agency', description: `${who}’s debt of ${pounds(p.amountPence)}.` };
    case CASE_EVENT.DebtAgencyOutcomeRecorded:
      return {
        title: 'Debt collection agency reported',
        description: `${who}: ${AGENCY_OUTCOMES[p.outcome as keyof typeof AGENCY_OUTCOMES] ?? String(p.outcome)} on ${String(p.outcomeOn)}${p.note ? `. ${String(p.note)}` : ''}.`,
      };
    case CASE_EVENT.VehicleDetained:
      return { title: 'Vehicle detained', description: `${String(p.registration)} held at ${String(p.place)} from ${String(p.startedOn)} for ${who}’s unpaid penalty, at ${pounds(p.dailyCostPence)} a day.` };
    case CASE_EVENT.DetentionEnded:
      return { title: 'Detention ended', description: `${DETENTION_ENDINGS[p.how as keyof typeof DETENTION_ENDINGS] ?? String(p.how)} on ${String(p.endedOn)} after ${String(p.days)} days; costs ${pounds(p.costsPence)}.` };
    case CASE_EVENT.DetentionCostsCharged:
      return { title: 'Detention costs added to the debt', description: `${pounds(p.amountPence)} added to what ${who} owes.` };
    default:
      return undefined;
  }
}
