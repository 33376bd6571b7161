import { formatDate, formatMoney } from '../../../platform/i18n/format.js';
import type { Language } from '../../../platform/i18n/languages.js';
import { t } from '../../../platform/i18n/messages.js';
import { bilingualParts, type Letter, type LetterBlock, type LetterPart } from '../../../platform/pdf/letter.js';
import { LETTER_FORMS } from './forms.js';
import { contactBlocks, homeOfficeSender, incidentRows, paymentBlocks, type CaseLetterBase, type PaymentDetails } from './letter-parts.js';

/** The letter telling an objector that their late objection will not be considered. */
export interface LateObjectionRefusedInput extends CaseLetterBase {
  noticeDate: string;
  objectionReceivedOn: string;
  /** The last day an objection could be received, from the statutory clock. */
  objectionDue: string;
  /** The officer's reasons, in English as recorded. */
  reasons: string;
  /** The penalty that stands and what is still owed on it, in pence. */
  amountPence: number;
  outstandingPence: number;
  paymentReference: string;
  payment: PaymentDetails;
}

export function lateObjectionRefusedLetter(input: LateObjectionRefusedInput, language: Language): Letter {
  if (!input.reasons.trim()) throw new Error(`late objection letter ${input.caseReference}: the reasons are missing`);
  const money = (pence: number) => formatMoney(language, pence);
  const blocks: LetterBlock[] = [
    {
      kind: 'paragraph',
      text: t(language, 'lateObjection.intro', {
        received: formatDate(language, input.objectionReceivedOn),
        noticeDate: formatDate(language, input.noticeDate),
        due: formatDate(language, input.objectionDue),
      }),
    },
    { kind: 'paragraph', strong: true, text: t(language, 'lateObjection.decision') },
    { kind: 'heading', text: t(language, 'objectionDecision.reasonsHeading') },
    { kind: 'paragraph', text: t(language, 'objectionDecision.reasonsIntro') },
    ...input.reasons
      .split(/\n\s*\n/)
      .map((part) => part.trim())
      .filter(Boolean)
      .map((text): LetterBlock => ({ kind: 'paragraph', text })),
    { kind: 'heading', text: t(language, 'penaltyNotice.payHeading') },
    { kind: 'paragraph', text: t(language, 'lateObjection.stands', { amount: money(input.amountPence), outstanding: money(input.outstandingPence), reference: input.paymentReference }) },
    ...(input.outstandingPence > 0 ? paymentBlocks(language, input.payment) : []),
    { kind: 'paragraph', text: t(language, 'lateObjection.disagree') },
    { kind: 'heading', text: t(language, 'refund.detailsHeading') },
    { kind: 'keyValue', rows: incidentRows(language, input.caseReference, input.incident, { offence: input.offence, role: input.role }) },
    ...contactBlocks(language, input.caseReference, input.contact),
  ];
  return {
    language,
    title: t(language, 'lateObjection.title'),
    reference: input.caseReference,
    date: input.date,
    formCode: LETTER_FORMS.lateObjectionRefused,
    sender: homeOfficeSender(language, input.contact),
    recipient: input.recipient,
    blocks,
  };
}

export function lateObjectionRefusedParts(input: LateObjectionRefusedInput): LetterPart[] {
  return bilingualParts(lateObjectionRefusedLetter(input, 'en'), lateObjectionRefusedLetter(input, input.language));
}
