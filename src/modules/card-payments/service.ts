import { randomUUID } from 'node:crypto';
import { desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/database/client.js';
import { executeCommand, type CommandOutcome } from '../../platform/events/command.js';
import type { Actor } from '../../platform/events/event-store.js';
import { outcomeOf, type PaymentProvider, type WebhookReading } from '../../platform/payments/provider.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import { amountProblem } from '../../domain/card-payments/decisions.js';
import type { CasesService } from '../casework/service.js';
import { penalties } from '../casework/queries.js';
import { CARD_PAYMENTS_ACTOR, finishCardPayment, startCardPayment } from './commands.js';
import { cardPayments } from './schema.js';

export type CardPaymentRow = typeof cardPayments.$inferSelect;

/** What is owed on one penalty and whose it is: read through casework's published `penalties`. */
export interface PenaltyToPay {
  liabilityId: string;
  caseId: string;
  caseReference: string;
  role: string;
  partyName: string;
  stage: string;
  owedPence: number;
  amountPence: number | null;
}

export type StartOutcome =
  | { ok: true; paymentId: string; nextUrl: string }
  | { ok: false; problem: 'too-small' | 'too-large' | 'nothing-owed' | 'not-found' | 'provider' };

export type SettleOutcome = { row: CardPaymentRow; outcome: 'pending' | 'succeeded' | 'declined' | 'cancelled' | 'error' } | null;

/**
 * Card payments online: start one with the provider, and settle it when the person comes back, a
 * poll asks, or a webhook arrives — whichever is first records the payment on the penalty with the
 * casework step a finance officer uses (`recordPayment`, method card, reference the provider's id)
 * under the idempotency key `card-payment:<provider id>`, so the others (and any repeat) record nothing
 * more. A declined or cancelled payment records nothing on the penalty; the person can try again.
 */
export function cardPaymentsService(db: Db, deps: { cases: CasesService; provider: PaymentProvider }) {
  const { cases, provider } = deps;

  async function penalty(liabilityId: string): Promise<PenaltyToPay | null> {
    const [row] = await db.select().from(penalties).where(eq(penalties.liabilityId, liabilityId));
    if (!row) return null;
    const owed = row.outstandingPence ?? (row.imposedOn ? row.amountPence : null);
    return {
      liabilityId: row.liabilityId,
      caseId: row.caseId,
      caseReference: row.reference,
      role: row.role,
      partyName: row.partyName,
      stage: row.stage,
      owedPence: Number(owed ?? 0),
      amountPence: row.amountPence === null ? null : Number(row.amountPence),
    };
  }

  async function byId(paymentId: string): Promise<CardPaymentRow | null> {
    if (!/^[0-9a-f-]{36}$/i.test(paymentId)) return null;
    const [row] = await db.select().from(cardPayments).where(eq(cardPayments.id, paymentId));
    return row ?? null;
  }

  async function byProviderId(providerId: string): Promise<CardPaymentRow | null> {
    const [row] = await db.select().from(cardPayments).where(eq(cardPayments.providerId, providerId));
    return row ?? null;
  }

  /** Records the money on the penalty, once whatever calls it (the idempotency key is the provider's id). */
  async function recordOnPenalty(row: CardPaymentRow, receivedOn: string): Promise<CommandOutcome<unknown>> {
    return cases.act(
      {
        reference: row.caseReference,
        liabilityIds: [row.liabilityId],
        action: { type: 'recordPayment', amountPence: row.amountPence, receivedOn, method: 'card', reference: row.providerId, paidBy: row.paidBy },
      },
      { actor: CARD_PAYMENTS_ACTOR, now: cases.now(), idempotencyKey: `card-payment:${row.providerId}` },
    );
  }

  /** Asks the provider where the payment stands and records what it says, once. */
  async function settle(paymentId: string, actor: Actor = CARD_PAYMENTS_ACTOR): Promise<SettleOutcome> {
    const row = await byId(paymentId);
    if (!row) return null;
    if (row.status !== 'started') return { row, outcome: row.status as 'succeeded' };
    const state = await provider.getPayment(row.providerId);
    if (!state) return { row, outcome: 'pending' };
    const outcome = outcomeOf(state);
    if (outcome === 'pending') return { row, outcome };
    // The date the money counts from is the day the payment was started: the same on every repeat.
    const receivedOn = row.startedOn;
    let recordedOnPenalty = false;
    let problem: string | null = null;
    if (outcome === 'succeeded') {
      const recorded = await recordOnPenalty(row, receivedOn);
      recordedOnPenalty = recorded.ok;
      if (!recorded.ok) problem = recorded.message;
    }
    const finished = await executeCommand(
      db,
      finishCardPayment,
      { paymentId, outcome, receivedOn, recordedOnPenalty, problem, providerStatus: state.status, providerCode: state.code },
      { actor, now: cases.now() },
    );
    // Refused as finished, or a conflict: another request recorded it first. Either way, read it again.
    void finished;
    const after = (await byId(paymentId))!;
    return { row: after, outcome: after.status === 'started' ? 'pending' : (after.status as 'succeeded') };
  }

  return {
    penalty,
    byId,
    byProviderId,
    settle,

    /** Starts a card payment on a penalty: the provider's payment, then the record of it. */
    async start(input: { liabilityId: string; payerLiabilityId: string; amountPence: number; description: string; returnUrlFor: (paymentId: string) => string; language: string; actor: Actor }): Promise<StartOutcome> {
      const target = await penalty(input.liabilityId);
      if (!target) return { ok: false, problem: 'not-found' };
      const tooMuch = amountProblem(input.amountPence, target.owedPence);
      if (tooMuch) return { ok: false, problem: tooMuch };
      const paidBy = input.payerLiabilityId === input.liabilityId ? 'recipient' : target.role === 'driver' ? 'employer' : 'other';
      const paymentId = randomUUID();
      let created;
      try {
        created = await provider.createPayment({ amountPence: input.amountPence, reference: target.caseReference, description: input.description, returnUrl: input.returnUrlFor(paymentId), language: input.language });
      } catch {
        return { ok: false, problem: 'provider' };
      }
      const started = await executeCommand(
        db,
        startCardPayment,
        {
          paymentId,
          caseId: target.caseId,
          caseReference: target.caseReference,
          liabilityId: target.liabilityId,
          payerLiabilityId: input.payerLiabilityId,
          paidBy,
          amountPence: input.amountPence,
          owedPence: target.owedPence,
          provider: provider.name,
          providerId: created.providerId,
          nextUrl: created.nextUrl,
          startedOn: ukDate(cases.now()),
        },
        { actor: input.actor, now: cases.now() },
      );
      if (!started.ok) return { ok: false, problem: 'provider' };
      return { ok: true, paymentId, nextUrl: created.nextUrl };
    },

    /** A webhook: checked, then the payment it names settled (an unknown payment is acknowledged and ignored). */
    async webhook(rawBody: string, signature: string | undefined): Promise<WebhookReading & { settled?: SettleOutcome }> {
      const reading = provider.readWebhook(rawBody, signature);
      if (!reading.ok) return reading;
      const row = await byProviderId(reading.notice.providerId);
      if (!row) return { ...reading, settled: null };
      return { ...reading, settled: await settle(row.id) };
    },

    /** Card payments on these penalties, newest first. */
    async ofLiability(liabilityId: string): Promise<CardPaymentRow[]> {
      return db.select().from(cardPayments).where(eq(cardPayments.liabilityId, liabilityId)).orderBy(desc(cardPayments.startedAt));
    },

    /** Payments on the penalty that succeeded (for a count in tests and the staff view). */
    async succeededCount(liabilityId: string): Promise<number> {
      const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(cardPayments).where(sql`${cardPayments.liabilityId} = ${liabilityId} and ${cardPayments.status} = 'succeeded'`);
      return Number(row?.n ?? 0);
    },
  };
}

export type CardPaymentsService = ReturnType<typeof cardPaymentsService>;
