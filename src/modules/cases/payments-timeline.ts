import type { StoredEvent } from '../../platform/events/event-store.js';
import { PAYERS, PAYMENT_METHODS, REVIEW_REASONS } from '../../domain/liability/actions.js';
import { formatPounds } from '../../domain/penalty/money.js';

/* How payments, refunds, instalments and reviews read on the case timeline. */

type Entry = { title: string; description: string };
type P = Record<string, unknown>;

const pounds = (value: unknown) => formatPounds(Number(value));
const label = (labels: Record<string, string>, value: unknown) => labels[String(value)] ?? String(value);
const instalments = (value: unknown) => ((value as { dueOn: string; amountPence: number }[] | undefined) ?? []).map((i) => `${pounds(i.amountPence)} by ${i.dueOn}`).join(', ');

const DESCRIPTIONS: Record<string, (p: P) => Entry> = {
  PaymentDueConfirmed: (p) => ({ title: 'Payment due confirmed', description: `${pounds(p.amountPence)}${p.paymentDue ? `, due by ${String(p.paymentDue)}` : ''}.` }),
  PaymentReceived: (p) => ({
    title: 'Payment received',
    description: `${pounds(p.amountPence)} on ${String(p.receivedOn)} by ${label(PAYMENT_METHODS, p.method).toLowerCase()}, reference ${String(p.reference)}. ${label(PAYERS, p.paidBy)}.`,
  }),
  PaidInFull: (p) => ({ title: 'Paid in full', description: `Nothing more is owed (settled by the payment of ${String(p.paidOn)}).` }),
  OverpaymentDetected: (p) => ({ title: 'Overpayment found', description: `${pounds(p.amountPence)} more than is owed: waiting for a refund decision.` }),
  RefundApproved: (p) => ({ title: 'Refund approved', description: `${pounds(p.amountPence)}: ${String(p.reason)}` }),
  RefundRefused: (p) => ({ title: 'Refund refused', description: `${pounds(p.amountPence)}: ${String(p.reason)}` }),
  InstalmentsRequested: (p) => ({ title: 'Instalments asked for', description: `Received ${String(p.requestedOn)}: ${String(p.proposal)}` }),
  InstalmentsRefused: (p) => ({ title: 'Instalments refused', description: String(p.reason) }),
  InstalmentPlanAgreed: (p) => ({ title: 'Instalment plan agreed', description: `${instalments(p.schedule)}.` }),
  InstalmentPlanBroken: (p) => ({ title: 'Instalment plan broken', description: `Missed: ${instalments(p.missed)}.` }),
  PaymentOverdue: (p) => ({ title: 'Payment overdue', description: p.paymentDue ? `It was due by ${String(p.paymentDue)}.` : 'Recorded as overdue.' }),
  ReviewStarted: (p) => ({ title: 'Review started', description: `${label(REVIEW_REASONS, p.reason)}: ${String(p.note)}. No vehicle is stopped for this penalty meanwhile.` }),
  ReviewEnded: (p) => ({ title: 'Review ended', description: `${label(REVIEW_REASONS, p.reason)}: ${String(p.note)}` }),
  LiabilityClosed: () => ({ title: 'Closed', description: 'Nothing more is owed or to be done.' }),
};

/** The timeline entry for these events (naming the responsible person when `personOf` can), or null for any other. */
export function describePaymentEvent(event: StoredEvent, personOf?: (liabilityId: string) => string | undefined): Entry | null {
  const describe = DESCRIPTIONS[event.type];
  if (!describe) return null;
  const entry = describe(event.payload);
  const liabilityId = event.payload.liabilityId;
  const person = typeof liabilityId === 'string' ? personOf?.(liabilityId) : undefined;
  return person ? { title: entry.title, description: `${person} – ${entry.description}` } : entry;
}
