import type { Offence, Role } from '../../../domain/penalty/penalty-input.js';
import { formatMoney } from '../../../platform/i18n/format.js';
import type { Language } from '../../../platform/i18n/languages.js';
import { t } from '../../../platform/i18n/messages.js';
import { bilingualParts, renderParts, type Letter, type LetterPart, type LetterBlock, type LetterRecipient } from '../../../platform/pdf/letter.js';
import { LETTER_FORMS } from './forms.js';
import { contactBlocks, homeOfficeSender, incidentRows, type IncidentSummary, type LetterContact } from './letter-parts.js';

/** Everything the letter telling a person of an approved refund says, as plain values. */
export interface RefundLetterInput {
  offence: Offence;
  /** The recipient's language; the English letter always comes first. */
  language: Language;
  caseReference: string;
  /** The day the refund was approved, YYYY-MM-DD. */
  decisionDate: string;
  recipient: LetterRecipient;
  role: Role;
  incident: IncidentSummary;
  /**
   * The penalty now in force (nothing once cancelled), what was paid towards it net of earlier
   * refunds, and this refund (the whole credit, so nothing is owed or overpaid after it), in pence.
   */
  amountInForcePence: number;
  paidPence: number;
  refundPence: number;
  /** The officer's reasons, in English as recorded. */
  reasons: string;
  contact?: LetterContact;
}

/** A refund letter whose sums do not add up is a bug upstream: it throws rather than print. */
function checkRefund(input: RefundLetterInput): void {
  const where = `refund letter ${input.caseReference}`;
  for (const amount of [input.amountInForcePence, input.paidPence, input.refundPence]) {
    if (!Number.isSafeInteger(amount) || amount < 0) throw new Error(`${where}: amounts must be whole pence, not ${amount}`);
  }
  if (input.refundPence === 0) throw new Error(`${where}: there is nothing to refund`);
  if (input.refundPence > input.paidPence - input.amountInForcePence) {
    throw new Error(`${where}: a refund of ${input.refundPence} pence is more than the ${input.paidPence - input.amountInForcePence} pence overpaid`);
  }
  if (!input.reasons.trim()) throw new Error(`${where}: the reasons are missing`);
}

/** The refund letter in one language. */
export function refundLetter(input: RefundLetterInput, language: Language): Letter {
  checkRefund(input);
  const money = (pence: number) => formatMoney(language, pence);
  const refund = money(input.refundPence);
  const blocks: LetterBlock[] = [
    { kind: 'paragraph', text: t(language, 'refund.intro', { paid: money(input.paidPence), amount: money(input.amountInForcePence), refund }) },
    { kind: 'paragraph', strong: true, text: t(language, 'refund.decision', { refund }) },
    { kind: 'heading', text: t(language, 'refund.detailsHeading') },
    {
      kind: 'keyValue',
      rows: [
        ...incidentRows(language, input.caseReference, input.incident, { offence: input.offence, role: input.role }),
        { key: t(language, 'refund.amountInForce'), value: money(input.amountInForcePence) },
        { key: t(language, 'refund.paid'), value: money(input.paidPence) },
        { key: t(language, 'refund.refund'), value: refund },
      ],
    },
    { kind: 'heading', text: t(language, 'refund.reasonsHeading') },
    { kind: 'paragraph', text: t(language, 'refund.reasonsIntro') },
    ...input.reasons
      .split(/\n\s*\n/)
      .map((part) => part.trim())
      .filter(Boolean)
      .map((text): LetterBlock => ({ kind: 'paragraph', text })),
    { kind: 'heading', text: t(language, 'refund.howHeading') },
    { kind: 'paragraph', text: t(language, 'refund.how', { reference: input.caseReference }) },
    { kind: 'paragraph', text: t(language, 'refund.nothingOwed') },
    ...contactBlocks(language, input.caseReference, input.contact),
  ];
  return {
    language,
    title: t(language, 'refund.title'),
    reference: input.caseReference,
    date: input.decisionDate,
    formCode: LETTER_FORMS.refund,
    sender: homeOfficeSender(language, input.contact),
    recipient: input.recipient,
    blocks,
  };
}

/** The refund letter as a PDF: English, then the recipient's language when it is not English. */
export function renderRefundLetter(input: RefundLetterInput): Promise<Buffer> {
  return renderParts(refundLetterParts(input));
}

/** The letter's parts (English, then the recipient's language), as `keep` stores and the print bundle re-renders them. */
export function refundLetterParts(input: RefundLetterInput): LetterPart[] {
  return bilingualParts(refundLetter(input, 'en'), refundLetter(input, input.language));
}
