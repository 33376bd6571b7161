import type { StoredEvent } from '../../platform/events/event-store.js';
import { formatPounds } from '../../domain/penalty/money.js';
import { AGENCY_OUTCOMES, DEBT_ACKNOWLEDGED, INSOLVENCY_CHECK_RECORDED, INSOLVENCY_FINDINGS } from '../../domain/payments/debt.js';
import { DETENTION_COSTS_CHARGED, DETENTION_ENDED, DETENTION_ENDINGS, VEHICLE_DETAINED } from '../../domain/payments/detention.js';
import { AGENCY_OUTCOME_RECORDED, DEBT_REFERRED } from './debt-commands.js';

/** How the debt and detention events read on the case timeline; undefined for any other event. */
export function describeDebtEvent(event: StoredEvent, personOf?: (liabilityId: string) => string | undefined): { title: string; description: string } | undefined {
  const p = event.payload as Record<string, unknown>;
  const who = typeof p.liabilityId === 'string' ? (personOf?.(p.liabilityId) ?? 'the responsible person') : 'the responsible person';
  const pounds = (value: unknown) => formatPounds(Number(value));
  switch (event.type) {
    case DEBT_ACKNOWLEDGED:
      return { title: 'Debt acknowledged in writing', description: `By ${who}, on ${String(p.acknowledgedOn)}${p.note ? `: ${String(p.note)}` : ''}. The limitation period runs again from this date.` };
    case INSOLVENCY_CHECK_RECORDED:
      return {
        title: 'Insolvency check',
        description: `${who}, checked ${String(p.checkedOn)} at ${String(p.source)}: ${INSOLVENCY_FINDINGS[p.finding as keyof typeof INSOLVENCY_FINDINGS] ?? String(p.finding)}${p.note ? `. ${String(p.note)}` : ''}.`,
      };
    case DEBT_REFERRED:
      return { title: 'Referred to the debt collection agency', description: `${who}’s debt of ${pounds(p.amountPence)}.` };
    case AGENCY_OUTCOME_RECORDED:
      return {
        title: 'Debt collection agency reported',
        description: `${who}: ${AGENCY_OUTCOMES[p.outcome as keyof typeof AGENCY_OUTCOMES] ?? String(p.outcome)} on ${String(p.outcomeOn)}${p.note ? `. ${String(p.note)}` : ''}.`,
      };
    case VEHICLE_DETAINED:
      return { title: 'Vehicle detained', description: `${String(p.registration)} held at ${String(p.place)} from ${String(p.startedOn)} for ${who}’s unpaid penalty, at ${pounds(p.dailyCostPence)} a day.` };
    case DETENTION_ENDED:
      return { title: 'Detention ended', description: `${DETENTION_ENDINGS[p.how as keyof typeof DETENTION_ENDINGS] ?? String(p.how)} on ${String(p.endedOn)} after ${String(p.days)} days; costs ${pounds(p.costsPence)}.` };
    case DETENTION_COSTS_CHARGED:
      return { title: 'Detention costs added to the debt', description: `${pounds(p.amountPence)} added to what ${who} owes.` };
    default:
      return undefined;
  }
}
