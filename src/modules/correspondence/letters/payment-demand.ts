import { formatDate, formatMoney } from '../../../platform/i18n/format.js';
import type { Language } from '../../../platform/i18n/languages.js';
import { t } from '../../../platform/i18n/messages.js';
import { bilingualParts, type Letter, type LetterBlock, type LetterPart } from '../../../platform/pdf/letter.js';
import { LETTER_FORMS } from './forms.js';
import { contactBlocks, homeOfficeSender, incidentRows, paymentBlocks, type CaseLetterBase, type PaymentDetails } from './letter-parts.js';

/** A reminder that an imposed penalty is unpaid, or the final demand that follows it. */
export interface PaymentDemandInput extends CaseLetterBase {
  kind: 'reminder' | 'final-demand';
  /** The penalty in force and what is still owed on it (costs charged included), in pence. */
  amountPence: number;
  outstandingPence: number;
  /** The payment due date printed on the penalty notice. */
  paymentDue: string;
  /** Final demand only: the last day to pay before enforcement. */
  payBy?: string;
  paymentReference: string;
  payment: PaymentDetails;
}

function checkDemand(input: PaymentDemandInput): void {
  const where = `${input.kind} ${input.caseReference}`;
  if (!Number.isSafeInteger(input.outstandingPence) || input.outstandingPence <= 0) throw new Error(`${where}: nothing is owed, so no demand can be sent`);
  if (input.kind === 'final-demand' && !input.payBy) throw new Error(`${where}: a final demand needs the last day to pay`);
}

export function paymentDemandLetter(input: PaymentDemandInput, language: Language): Letter {
  checkDemand(input);
  const money = (pence: number) => formatMoney(language, pence);
  const facts = { amount: money(input.amountPence), date: formatDate(language, input.paymentDue), outstanding: money(input.outstandingPence), reference: input.paymentReference };
  const final = input.kind === 'final-demand';
  const blocks: LetterBlock[] = final
    ? [
        { kind: 'paragraph', text: t(language, 'finalDemand.intro', facts) },
        { kind: 'paragraph', strong: true, text: t(language, 'finalDemand.payBy', { ...facts, payBy: formatDate(language, input.payBy ?? input.date) }) },
        { kind: 'paragraph', text: t(language, 'finalDemand.consequencesIntro') },
        { kind: 'list', items: [t(language, 'finalDemand.court'), t(language, 'finalDemand.agency'), t(language, 'finalDemand.vehicles')] },
      ]
    : [
        { kind: 'paragraph', text: t(language, 'reminder.intro', facts) },
        { kind: 'paragraph', strong: true, text: t(language, 'reminder.payNow', facts) },
        { kind: 'paragraph', text: t(language, 'reminder.alreadyPaid') },
      ];
  blocks.push(
    { kind: 'heading', text: t(language, 'penaltyNotice.payHeading') },
    ...paymentBlocks(language, input.payment),
    { kind: 'paragraph', text: t(language, 'reminder.cannotPay') },
    { kind: 'heading', text: t(language, 'refund.detailsHeading') },
    { kind: 'keyValue', rows: incidentRows(language, input.caseReference, input.incident, { offence: input.offence, role: input.role }) },
    ...contactBlocks(language, input.caseReference, input.contact),
  );
  return {
    language,
    title: t(language, final ? 'finalDemand.title' : 'reminder.title'),
    reference: input.caseReference,
    date: input.date,
    formCode: final ? LETTER_FORMS.finalDemand : LETTER_FORMS.reminder,
    sender: homeOfficeSender(language, input.contact),
    recipient: input.recipient,
    blocks,
  };
}

export function paymentDemandParts(input: PaymentDemandInput): LetterPart[] {
  return bilingualParts(paymentDemandLetter(input, 'en'), paymentDemandLetter(input, input.language));
}
