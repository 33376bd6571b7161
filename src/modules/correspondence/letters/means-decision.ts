import type { Offence, Role } from '../../../domain/penalty/penalty-input.js';
import { formatDate, formatMoney } from '../../../platform/i18n/format.js';
import type { Language } from '../../../platform/i18n/languages.js';
import { t } from '../../../platform/i18n/messages.js';
import { bilingualParts, renderBilingual, type Letter, type LetterBlock, type LetterPart, type LetterRecipient } from '../../../platform/pdf/letter.js';
import { LETTER_FORMS } from './forms.js';
import { contactBlocks, homeOfficeSender, incidentRows, paymentBlocks, type IncidentSummary, type LetterContact, type PaymentDetails } from './letter-parts.js';

/** Everything the means decision letter says (seed 003 §10.83, §10.86): a reduction on means granted or refused, as plain values. */
export interface MeansDecisionInput {
  offence: Offence;
  /** The recipient's language; the English letter always comes first. */
  language: Language;
  caseReference: string;
  /** The day of the decision, YYYY-MM-DD. */
  decisionDate: string;
  recipient: LetterRecipient;
  role: Role;
  incident: IncidentSummary;
  granted: boolean;
  /** The day the person asked for means testing. */
  requestedOn: string;
  /** The penalty before the decision, and the penalty in force after it (the same when refused), in pence. */
  previousAmountPence: number;
  amountPence: number;
  /** Paid towards the penalty so far, net of refunds. */
  paidPence: number;
  /** The payment due date on the notice; `payNow` when it has passed. */
  paymentDue: string | null;
  /** The Higher Officer's reasons, in English as recorded. */
  reasons: string;
  contact?: LetterContact;
  /** How to pay what is still owed (from configuration) and the person's payment reference (the case reference with their suffix). */
  payment?: PaymentDetails & { reference: string };
}

function checkDecision(input: MeansDecisionInput): void {
  const where = `means decision ${input.caseReference}`;
  for (const amount of [input.previousAmountPence, input.amountPence, input.paidPence]) {
    if (!Number.isSafeInteger(amount) || amount < 0) throw new Error(`${where}: amounts must be whole pence, not ${amount}`);
  }
  if (input.granted && input.amountPence >= input.previousAmountPence) throw new Error(`${where}: a reduction must be lower than the penalty it reduces`);
  if (!input.granted && input.amountPence !== input.previousAmountPence) throw new Error(`${where}: a refused reduction leaves the penalty as it was`);
  if (!input.reasons.trim()) throw new Error(`${where}: the reasons are missing`);
}

/** The means decision letter in one language. */
export function meansDecisionLetter(input: MeansDecisionInput, language: Language): Letter {
  checkDecision(input);
  const money = (pence: number) => formatMoney(language, pence);
  const owed = Math.max(0, input.amountPence - input.paidPence);
  const pastDue = input.paymentDue !== null && input.paymentDue < input.decisionDate;
  const blocks: LetterBlock[] = [
    { kind: 'paragraph', text: t(language, 'meansDecision.intro', { date: formatDate(language, input.requestedOn), amount: money(input.previousAmountPence) }) },
    {
      kind: 'paragraph',
      strong: true,
      text: input.granted ? t(language, 'meansDecision.granted', { amount: money(input.amountPence) }) : t(language, 'meansDecision.refused', { amount: money(input.amountPence) }),
    },
    { kind: 'heading', text: t(language, 'meansDecision.detailsHeading') },
    {
      kind: 'keyValue',
      rows: [
        ...incidentRows(language, input.caseReference, input.incident, { offence: input.offence, role: input.role }),
        { key: t(language, 'meansDecision.before'), value: money(input.previousAmountPence) },
        { key: t(language, 'meansDecision.now'), value: money(input.amountPence) },
        { key: t(language, 'meansDecision.paid'), value: money(input.paidPence) },
        { key: t(language, 'meansDecision.owed'), value: money(owed) },
      ],
    },
    { kind: 'heading', text: t(language, 'meansDecision.reasonsHeading') },
    { kind: 'paragraph', text: t(language, 'meansDecision.reasonsIntro') },
    ...input.reasons
      .split(/\n\s*\n/)
      .map((part) => part.trim())
      .filter(Boolean)
      .map((text): LetterBlock => ({ kind: 'paragraph', text })),
    { kind: 'heading', text: t(language, 'meansDecision.payHeading') },
  ];
  if (owed === 0) {
    blocks.push({ kind: 'paragraph', text: t(language, 'meansDecision.nothingOwed') });
  } else {
    const pay = { amount: money(owed), reference: input.payment?.reference ?? input.caseReference };
    blocks.push(
      {
        kind: 'paragraph',
        text: input.paymentDue && !pastDue ? t(language, 'meansDecision.payBy', { ...pay, date: formatDate(language, input.paymentDue) }) : t(language, 'meansDecision.payNow', pay),
      },
      ...(input.payment ? paymentBlocks(language, input.payment) : []),
      { kind: 'paragraph', text: t(language, 'meansDecision.instalments') },
    );
  }
  blocks.push(...contactBlocks(language, input.caseReference, input.contact));
  return {
    language,
    title: t(language, input.granted ? 'meansDecision.title.granted' : 'meansDecision.title.refused'),
    reference: input.caseReference,
    date: input.decisionDate,
    formCode: LETTER_FORMS.meansDecision,
    sender: homeOfficeSender(language, input.contact),
    recipient: input.recipient,
    blocks,
  };
}

/** The means decision as a PDF: English, then the recipient's language when it is not English. */
export function renderMeansDecision(input: MeansDecisionInput): Promise<Buffer> {
  return renderBilingual(meansDecisionLetter(input, 'en'), meansDecisionLetter(input, input.language));
}

/** The letter's parts (English, then the recipient's language), as `keep` stores and the print bundle re-renders them. */
export function meansDecisionParts(input: MeansDecisionInput): LetterPart[] {
  return bilingualParts(meansDecisionLetter(input, 'en'), meansDecisionLetter(input, input.language));
}
