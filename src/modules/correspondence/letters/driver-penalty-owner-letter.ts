import type { Offence } from '../../../domain/penalty/penalty-input.js';
import { formatDate, formatMoney } from '../../../platform/i18n/format.js';
import type { Language } from '../../../platform/i18n/languages.js';
import { t } from '../../../platform/i18n/messages.js';
import { bilingualParts, renderBilingual, type Letter, type LetterBlock, type LetterPart, type LetterRecipient } from '../../../platform/pdf/letter.js';
import { contactBlocks, homeOfficeSender, incidentRows, type IncidentSummary, type LetterContact } from './letter-parts.js';

/**
 * The letter telling the owner (the employer, or the owner or hirer the driver drove for) about its
 * driver's penalty, for which it is jointly and severally liable (seed 003 §8.4): when the penalty is
 * imposed, when it is paid in full and when it is overdue. Seed 003 §9.54: owners were told of the
 * imposition but never whether the driver paid, and a lorry could be detained without their knowing.
 * Form code JSL (ours: DOMAIN.md names none), kept here so the shared form table is not touched.
 */
export const DRIVER_PENALTY_OWNER_FORM = 'JSL';

export type DriverPenaltyNews = 'imposed' | 'paid' | 'overdue';

export interface DriverPenaltyOwnerLetterInput {
  news: DriverPenaltyNews;
  offence: Offence;
  /** The owner's language; the English letter always comes first. */
  language: Language;
  caseReference: string;
  /** The reference to quote when paying the driver's penalty (the case reference with the driver's suffix). */
  paymentReference: string;
  /** The day of the step that produced the letter, YYYY-MM-DD. */
  letterDate: string;
  recipient: LetterRecipient;
  driverName: string;
  incident: IncidentSummary;
  /** The driver's penalty in force, and what is still owed on it, in pence. */
  amountPence: number;
  outstandingPence: number;
  /** The date printed on the driver's penalty notice, YYYY-MM-DD (null when the clock gave none). */
  paymentDue: string | null;
  contact?: LetterContact;
}

function check(input: DriverPenaltyOwnerLetterInput): void {
  const where = `owner letter ${input.caseReference}`;
  for (const amount of [input.amountPence, input.outstandingPence]) {
    if (!Number.isSafeInteger(amount)) throw new Error(`${where}: amounts must be whole pence, not ${amount}`);
  }
  if (input.news === 'paid' && input.outstandingPence > 0) throw new Error(`${where}: a penalty with ${input.outstandingPence} pence owed is not paid`);
  if (input.news === 'overdue' && input.outstandingPence <= 0) throw new Error(`${where}: nothing is owed, so nothing is overdue`);
}

/** The owner's letter in one language. */
export function driverPenaltyOwnerLetter(input: DriverPenaltyOwnerLetterInput, language: Language): Letter {
  check(input);
  const money = (pence: number) => formatMoney(language, pence);
  const due = input.paymentDue ? formatDate(language, input.paymentDue) : '';
  const news: LetterBlock[] =
    input.news === 'imposed'
      ? [{ kind: 'paragraph', strong: true, text: t(language, 'ownerTold.imposed', { driver: input.driverName, amount: money(input.amountPence), date: formatDate(language, input.letterDate) }) }]
      : input.news === 'paid'
        ? [{ kind: 'paragraph', strong: true, text: t(language, 'ownerTold.paid', { driver: input.driverName }) }]
        : [{ kind: 'paragraph', strong: true, text: t(language, 'ownerTold.overdue', { driver: input.driverName, outstanding: money(input.outstandingPence), due }) }];
  const blocks: LetterBlock[] = [
    ...news,
    { kind: 'paragraph', text: t(language, 'ownerTold.joint', { driver: input.driverName }) },
    { kind: 'heading', text: t(language, 'ownerTold.detailsHeading') },
    {
      kind: 'keyValue',
      rows: [
        ...incidentRows(language, input.caseReference, { ...input.incident, driverName: input.driverName }, { offence: input.offence }),
        { key: t(language, 'ownerTold.amount'), value: money(input.amountPence) },
        { key: t(language, 'ownerTold.outstanding'), value: money(Math.max(input.outstandingPence, 0)) },
        ...(due ? [{ key: t(language, 'ownerTold.due'), value: due }] : []),
      ],
    },
    ...(input.news === 'paid'
      ? [{ kind: 'paragraph' as const, text: t(language, 'ownerTold.nothingOwed') }]
      : [
          { kind: 'heading' as const, text: t(language, 'ownerTold.whatNextHeading') },
          { kind: 'paragraph' as const, text: t(language, 'ownerTold.pay', { reference: input.paymentReference }) },
          { kind: 'paragraph' as const, text: t(language, 'ownerTold.vehicles') },
        ]),
    ...contactBlocks(language, input.caseReference, input.contact),
  ];
  return {
    language,
    title: t(language, 'ownerTold.title'),
    reference: input.caseReference,
    date: input.letterDate,
    formCode: DRIVER_PENALTY_OWNER_FORM,
    sender: homeOfficeSender(language, input.contact),
    recipient: input.recipient,
    blocks,
  };
}

/** The owner's letter as a PDF: English, then the owner's language when it is not English. */
export function renderDriverPenaltyOwnerLetter(input: DriverPenaltyOwnerLetterInput): Promise<Buffer> {
  return renderBilingual(driverPenaltyOwnerLetter(input, 'en'), driverPenaltyOwnerLetter(input, input.language));
}

/** The letter's parts (English, then the owner's language), as `keep` stores and the print bundle re-renders them. */
export function driverPenaltyOwnerLetterParts(input: DriverPenaltyOwnerLetterInput): LetterPart[] {
  return bilingualParts(driverPenaltyOwnerLetter(input, 'en'), driverPenaltyOwnerLetter(input, input.language));
}
