import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { LetterDetails } from '../../platform/config.js';
import { pageMessages } from '../../platform/i18n/page-messages.js';
import type { MessageKey } from '../../platform/i18n/messages.js';
import { paymentReference, ROLE_SUFFIXES } from '../../domain/payments/payment-reference.js';
import type { Role } from '../../domain/penalty/penalty-input.js';
import type { CardPaymentsService, PenaltyToPay } from '../card-payments/service.js';
import { portalPayActor, portalSessionOf, type PaySession } from './pay-session.js';
import { sendPortalNotFound } from './session.js';

/*
 * Paying online and by bank transfer (issue #15 item 5), on the portal contract's URLs:
 *   GET/POST /portal/penalties/:liabilityId/pay      what is left; all of it or an amount → the provider
 *   GET      /portal/payments/:paymentId/return      the provider sends the person back: settled once,
 *                                                    then the receipt, or why not and "try again"
 *   GET      /portal/payments/:paymentId/receipt     amount, date, reference, what is left; printable
 *   GET      /portal/penalties/:liabilityId/bank-transfer   the account and the reference to quote
 * Only penalties the session may see (its own, and an owner's drivers'); anything else is the same
 * 404 as a guessed one. Every word from the catalogue (`portal.pay.*`).
 */

const here = path.dirname(fileURLToPath(import.meta.url));
/** The portal's layout once portal-access provides it; the service's own until then. */
const LAYOUT = fs.existsSync(path.join(here, 'views', 'layout.njk')) ? 'portal/views/layout.njk' : 'layout.njk';
const PUBLIC = { access: { public: true } } as const;
const LIABILITY_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface PayRoutesDependencies {
  cardPayments: CardPaymentsService;
  letters: LetterDetails;
  /** The signed-in person (the contract's `request.portal`). */
  sessionOf?: (request: FastifyRequest) => PaySession | null;
}

/** Reads "150", "150.5", "1,500.00" or "£1,500" as pence; null when it is not an amount. */
export function penceFromPounds(text: string): number | null {
  const cleaned = text.trim().replace(/^£\s*/, '');
  if (!/^(\d{1,3}(,\d{3})+|\d{1,9})(\.\d{1,2})?$/.test(cleaned)) return null;
  const [pounds, pence = ''] = cleaned.replace(/,/g, '').split('.');
  return Number(pounds) * 100 + Number(pence.padEnd(2, '0'));
}

const ROLE_KEYS: Record<string, MessageKey> = {
  driver: 'portal.pay.role.driver',
  owner: 'portal.pay.role.owner',
  hirer: 'portal.pay.role.hirer',
  operator: 'portal.pay.role.operator',
};

function quoteReference(penalty: PenaltyToPay): string {
  return Object.hasOwn(ROLE_SUFFIXES, penalty.role) ? paymentReference(penalty.caseReference, penalty.role as Role) : penalty.caseReference;
}

export function payRoutes(app: FastifyInstance, deps: PayRoutesDependencies): void {
  const { cardPayments } = deps;
  const sessionOf = deps.sessionOf ?? portalSessionOf;

  /** The session, or a redirect to sign in; the page's language is the session's. */
  function signedIn(request: FastifyRequest, reply: FastifyReply): PaySession | null {
    const session = sessionOf(request);
    if (!session) {
      void reply.redirect('/portal?expired=1', 303);
      return null;
    }
    request.language = session.language;
    return session;
  }

  // The same 404 page as a guessed address (the portal contract).
  const notFound = (reply: FastifyReply) => sendPortalNotFound(reply);

  async function visiblePenalty(session: PaySession, liabilityId: string): Promise<PenaltyToPay | null> {
    if (!LIABILITY_ID.test(liabilityId) || !session.visibleLiabilityIds.includes(liabilityId)) return null;
    return cardPayments.penalty(liabilityId);
  }

  /** The other penalties this person may pay that still have money owed (an owner's driver's). */
  async function othersOwing(session: PaySession, except: string) {
    const others = [];
    for (const id of session.visibleLiabilityIds) {
      if (id === except) continue;
      const penalty = await cardPayments.penalty(id);
      if (penalty && penalty.owedPence > 0) others.push(penalty);
    }
    return others;
  }

  function whose(session: PaySession, penalty: PenaltyToPay) {
    const m = pageMessages(session.language);
    return penalty.liabilityId === session.liabilityId ? m.tText('portal.pay.yourPenalty') : m.tText('portal.pay.theirPenalty', { name: penalty.partyName, role: m.tText(ROLE_KEYS[penalty.role] ?? 'portal.pay.role.other') });
  }

  async function payPage(request: FastifyRequest, reply: FastifyReply, session: PaySession, penalty: PenaltyToPay, form: { how?: string; amount?: string }, errors: { field: string; key: MessageKey; params?: Record<string, string> }[]) {
    const m = pageMessages(session.language);
    const errorList = errors.map((e) => ({ text: m.tText(e.key, e.params), href: `#${e.field}` }));
    const errorOf = (field: string) => errorList.find((e) => e.href === `#${field}`) ?? null;
    return reply.code(errors.length ? 422 : 200).page('portal/views/pay.njk', {
      layout: LAYOUT,
      pageTitle: `${errors.length ? `${m.tText('portal.pay.errorPrefix')} ` : ''}${m.tText('portal.pay.title')}`,
      penalty,
      whose: whose(session, penalty),
      reference: quoteReference(penalty),
      others: (await othersOwing(session, penalty.liabilityId)).map((other) => ({ ...other, whose: whose(session, other) })),
      form: { how: form.how ?? 'all', amount: form.amount ?? '' },
      // Not `errorList`: the staff layout would add its own English summary; this page has its own.
      payErrors: errorList,
      howError: errorOf('how'),
      amountError: errorOf('amount'),
    });
  }

  app.get<{ Params: { liabilityId: string } }>('/portal/penalties/:liabilityId/pay', { config: PUBLIC }, async (request, reply) => {
    const session = signedIn(request, reply);
    if (!session) return reply;
    const penalty = await visiblePenalty(session, request.params.liabilityId);
    if (!penalty) return notFound(reply);
    return payPage(request, reply, session, penalty, {}, []);
  });

  app.post<{ Params: { liabilityId: string }; Body: Record<string, unknown> }>('/portal/penalties/:liabilityId/pay', { config: PUBLIC }, async (request, reply) => {
    const session = signedIn(request, reply);
    if (!session) return reply;
    const penalty = await visiblePenalty(session, request.params.liabilityId);
    if (!penalty) return notFound(reply);
    const m = pageMessages(session.language);
    const body = request.body ?? {};
    const how = typeof body.how === 'string' ? body.how : '';
    const amountText = typeof body.amount === 'string' ? body.amount.slice(0, 40) : '';
    if (penalty.owedPence <= 0) return payPage(request, reply, session, penalty, { how, amount: amountText }, [{ field: 'how', key: 'portal.pay.error.nothingOwed' }]);
    if (how !== 'all' && how !== 'part') return payPage(request, reply, session, penalty, { how, amount: amountText }, [{ field: 'how', key: 'portal.pay.error.chooseHow' }]);
    let amountPence = penalty.owedPence;
    if (how === 'part') {
      const pence = amountText.trim() ? penceFromPounds(amountText) : null;
      const error: MessageKey | null = !amountText.trim() ? 'portal.pay.error.amountMissing' : pence === null ? 'portal.pay.error.amountFormat' : pence < 100 ? 'portal.pay.error.amountTooSmall' : pence > penalty.owedPence ? 'portal.pay.error.amountTooLarge' : null;
      if (error) return payPage(request, reply, session, penalty, { how, amount: amountText }, [{ field: 'amount', key: error, params: { owed: m.tMoney(penalty.owedPence) } }]);
      amountPence = pence!;
    }
    const host = request.headers.host ?? 'localhost';
    const origin = `${request.protocol}://${host}`;
    const started = await cardPayments.start({
      liabilityId: penalty.liabilityId,
      payerLiabilityId: session.liabilityId,
      amountPence,
      description: m.tText('portal.pay.providerDescription', { reference: quoteReference(penalty) }),
      returnUrlFor: (paymentId) => `${origin}/portal/payments/${paymentId}/return`,
      language: session.language,
      actor: portalPayActor(session),
    });
    if (!started.ok) {
      const key: MessageKey = started.problem === 'too-large' ? 'portal.pay.error.amountTooLarge' : started.problem === 'too-small' ? 'portal.pay.error.amountTooSmall' : started.problem === 'nothing-owed' ? 'portal.pay.error.nothingOwed' : 'portal.pay.error.provider';
      return payPage(request, reply, session, penalty, { how, amount: amountText }, [{ field: how === 'part' ? 'amount' : 'how', key, params: { owed: m.tMoney(penalty.owedPence) } }]);
    }
    return reply.redirect(started.nextUrl, 303);
  });

  async function visiblePayment(session: PaySession, paymentId: string) {
    const row = await cardPayments.byId(paymentId);
    return row && session.visibleLiabilityIds.includes(row.liabilityId) ? row : null;
  }

  app.get<{ Params: { paymentId: string } }>('/portal/payments/:paymentId/return', { config: PUBLIC }, async (request, reply) => {
    const session = signedIn(request, reply);
    if (!session) return reply;
    const row = await visiblePayment(session, request.params.paymentId);
    if (!row) return notFound(reply);
    const settled = await cardPayments.settle(row.id, portalPayActor(session));
    if (!settled) return notFound(reply);
    const m = pageMessages(session.language);
    if (settled.outcome === 'succeeded') {
      return reply.confirmation(m.tText('portal.pay.paidBanner', { amount: m.tMoney(settled.row.amountPence) })).redirect(`/portal/payments/${row.id}/receipt`, 303);
    }
    const key = settled.outcome === 'pending' ? 'pending' : settled.outcome === 'cancelled' ? 'cancelled' : settled.outcome === 'declined' ? 'declined' : 'error';
    return reply.page('portal/views/pay-return.njk', {
      layout: LAYOUT,
      pageTitle: m.tText(`portal.pay.return.${key}.title` as MessageKey),
      outcome: key,
      payment: settled.row,
    });
  });

  app.get<{ Params: { paymentId: string } }>('/portal/payments/:paymentId/receipt', { config: PUBLIC }, async (request, reply) => {
    const session = signedIn(request, reply);
    if (!session) return reply;
    const row = await visiblePayment(session, request.params.paymentId);
    if (!row || row.status !== 'succeeded') return notFound(reply);
    const penalty = await cardPayments.penalty(row.liabilityId);
    if (!penalty) return notFound(reply);
    const m = pageMessages(session.language);
    return reply.page('portal/views/pay-receipt.njk', {
      layout: LAYOUT,
      pageTitle: m.tText('portal.pay.receipt.title'),
      payment: row,
      penalty,
      whose: whose(session, penalty),
      reference: quoteReference(penalty),
    });
  });

  app.get<{ Params: { liabilityId: string } }>('/portal/penalties/:liabilityId/bank-transfer', { config: PUBLIC }, async (request, reply) => {
    const session = signedIn(request, reply);
    if (!session) return reply;
    const penalty = await visiblePenalty(session, request.params.liabilityId);
    if (!penalty) return notFound(reply);
    const m = pageMessages(session.language);
    return reply.page('portal/views/pay-bank-transfer.njk', {
      layout: LAYOUT,
      pageTitle: m.tText('portal.pay.bank.title'),
      penalty,
      whose: whose(session, penalty),
      reference: quoteReference(penalty),
      bank: deps.letters.bank,
    });
  });
}
