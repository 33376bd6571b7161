import { formatDate, formatMoney } from '../../../platform/i18n/format.js';
import type { Language } from '../../../platform/i18n/languages.js';
import { t } from '../../../platform/i18n/messages.js';
import { bilingualParts, type Letter, type LetterBlock, type LetterPart } from '../../../platform/pdf/letter.js';
import { LETTER_FORMS } from './forms.js';
import { contactBlocks, homeOfficeSender, incidentRows, paymentBlocks, type CaseLetterBase, type PaymentDetails } from './letter-parts.js';

/** The notice that a vehicle has been detained for an unpaid penalty (§10.99). */
export interface DetentionNoticeInput extends CaseLetterBase {
  registration: string;
  place: string;
  startedOn: string;
  dailyCostPence: number;
  /** What is owed on the penalty when the vehicle was detained, in pence. */
  outstandingPence: number;
  /** The first day the vehicle may be sold, from the statutory clock. */
  saleFrom: string;
  paymentReference: string;
  payment: PaymentDetails;
}

export function detentionNoticeLetter(input: DetentionNoticeInput, language: Language): Letter {
  const money = (pence: number) => formatMoney(language, pence);
  const blocks: LetterBlock[] = [
    { kind: 'paragraph', strong: true, text: t(language, 'detention.intro', { date: formatDate(language, input.startedOn), registration: input.registration, place: input.place }) },
    { kind: 'paragraph', text: t(language, 'detention.owed', { outstanding: money(input.outstandingPence), dailyCost: money(input.dailyCostPence) }) },
    { kind: 'heading', text: t(language, 'detention.releaseHeading') },
    { kind: 'paragraph', text: t(language, 'detention.release', { reference: input.paymentReference }) },
    ...paymentBlocks(language, input.payment),
    { kind: 'paragraph', strong: true, text: t(language, 'detention.sale', { date: formatDate(language, input.saleFrom) }) },
    { kind: 'paragraph', text: t(language, 'detention.court') },
    { kind: 'heading', text: t(language, 'refund.detailsHeading') },
    { kind: 'keyValue', rows: incidentRows(language, input.caseReference, input.incident, { offence: input.offence, role: input.role }) },
    ...contactBlocks(language, input.caseReference, input.contact),
  ];
  return {
    language,
    title: t(language, 'detention.title'),
    reference: input.caseReference,
    date: input.date,
    formCode: LETTER_FORMS.detention,
    sender: homeOfficeSender(language, input.contact),
    recipient: input.recipient,
    blocks,
  };
}

export function detentionNoticeParts(input: DetentionNoticeInput): LetterPart[] {
  return bilingualParts(detentionNoticeLetter(input, 'en'), detentionNoticeLetter(input, input.language));
}
