import type { Offence, Role } from '../../../domain/penalty/penalty-input.js';
import { recomputeFromSteps, type PenaltyStep } from '../../../domain/penalty/penalty-steps.js';
import { formatDate, formatMoney } from '../../../platform/i18n/format.js';
import type { Language } from '../../../platform/i18n/languages.js';
import { t } from '../../../platform/i18n/messages.js';
import { bilingualParts, renderParts, type Letter, type LetterPart, type LetterBlock, type LetterRecipient } from '../../../platform/pdf/letter.js';
import { ACT_SECTION, LETTER_FORMS } from './forms.js';
import { contactBlocks, guidanceBlock, homeOfficeSender, incidentRows, type IncidentSummary, type LetterContact } from './letter-parts.js';
import { stepInLanguage } from './penalty-steps-text.js';

export interface BankTransferDetails {
  accountName: string;
  sortCode: string;
  accountNumber: string;
  iban?: string;
  bic?: string;
}

/** Everything the penalty notice (IS1131A for S31A, IS1132 for S32) says, as plain values. */
export interface PenaltyNoticeInput {
  offence: Offence;
  /** The recipient's language; the English letter always comes first. */
  language: Language;
  caseReference: string;
  /** The notice's date, YYYY-MM-DD: the day the objection and appeal periods count from. */
  noticeDate: string;
  recipient: LetterRecipient;
  role: Role;
  incident: IncidentSummary;
  /** The calculation exactly as the penalty calculator returned it. */
  steps: readonly PenaltyStep[];
  amountPence: number;
  /** Dates from the statutory clock (DOMAIN.md §3), never typed by hand. */
  paymentDue: string;
  objectionDeadline: string;
  appealDeadline: string;
  payment: {
    /** What to quote with a payment; the case reference when not given. */
    reference?: string;
    onlineUrl?: string;
    bankTransfer?: BankTransferDetails;
  };
  /** Who is jointly and severally liable with the recipient (a driver's employer), by name. */
  jointlyLiableWith?: string;
  contact?: LetterContact;
}

/**
 * A notice whose steps do not add up to its amount must never be sent: that is a bug upstream,
 * so it throws rather than print a calculation a court could not follow.
 */
function checkCalculation(input: PenaltyNoticeInput): void {
  if (!Number.isSafeInteger(input.amountPence) || input.amountPence < 0) {
    throw new Error(`penalty notice ${input.caseReference}: the amount must be whole pence, not ${input.amountPence}`);
  }
  const recomputed = recomputeFromSteps(input.steps);
  if (!recomputed.ok) throw new Error(`penalty notice ${input.caseReference}: the calculation cannot be followed: ${recomputed.problem}`);
  if (recomputed.amountPence !== input.amountPence) {
    throw new Error(`penalty notice ${input.caseReference}: the steps come to ${recomputed.amountPence} pence, not ${input.amountPence}`);
  }
}

/** The penalty notice in one language. */
export function penaltyNoticeLetter(input: PenaltyNoticeInput, language: Language): Letter {
  checkCalculation(input);
  const amount = formatMoney(language, input.amountPence);
  const bank = input.payment.bankTransfer;
  const blocks: LetterBlock[] = [
    { kind: 'paragraph', text: t(language, 'penaltyNotice.intro', { amount }), strong: true },
    { kind: 'paragraph', text: t(language, 'penaltyNotice.law', { section: ACT_SECTION[input.offence] }) },
    { kind: 'heading', text: t(language, 'penaltyNotice.detailsHeading') },
    { kind: 'keyValue', rows: incidentRows(language, input.caseReference, input.incident, { offence: input.offence, role: input.role }) },
    { kind: 'heading', text: t(language, 'penaltyNotice.calculationHeading') },
    { kind: 'paragraph', text: t(language, 'penaltyNotice.calculationIntro') },
    {
      kind: 'steps',
      rows: input.steps.map((step) => stepInLanguage(language, step)),
      total: { label: t(language, 'penaltyNotice.total'), amountPence: input.amountPence },
    },
  ];
  if (input.jointlyLiableWith) blocks.push({ kind: 'paragraph', text: t(language, 'penaltyNotice.jointlyLiable', { name: input.jointlyLiableWith }) });

  blocks.push(
    { kind: 'heading', text: t(language, 'penaltyNotice.payHeading') },
    {
      kind: 'paragraph',
      strong: true,
      text: t(language, 'penaltyNotice.payBy', {
        amount,
        date: formatDate(language, input.paymentDue),
        reference: input.payment.reference ?? input.caseReference,
      }),
    },
  );
  if (input.payment.onlineUrl) blocks.push({ kind: 'paragraph', text: t(language, 'penaltyNotice.payOnline', { url: input.payment.onlineUrl }) });
  if (bank) {
    blocks.push(
      { kind: 'paragraph', text: t(language, 'penaltyNotice.payBank') },
      {
        kind: 'keyValue',
        rows: [
          { key: t(language, 'penaltyNotice.accountName'), value: bank.accountName },
          { key: t(language, 'penaltyNotice.sortCode'), value: bank.sortCode },
          { key: t(language, 'penaltyNotice.accountNumber'), value: bank.accountNumber },
          ...(bank.iban ? [{ key: t(language, 'penaltyNotice.iban'), value: bank.iban }] : []),
          ...(bank.bic ? [{ key: t(language, 'penaltyNotice.bic'), value: bank.bic }] : []),
        ],
      },
    );
  }
  blocks.push(
    { kind: 'paragraph', text: t(language, 'penaltyNotice.cannotPay') },
    { kind: 'heading', text: t(language, 'penaltyNotice.objectHeading') },
    { kind: 'paragraph', text: t(language, 'penaltyNotice.objectBy', { date: formatDate(language, input.objectionDeadline) }), strong: true },
    { kind: 'paragraph', text: t(language, 'penaltyNotice.objectGrounds') },
    {
      kind: 'list',
      items: [t(language, 'penaltyNotice.groundNotLiable'), t(language, 'penaltyNotice.groundDefence'), t(language, 'penaltyNotice.groundTooHigh')],
    },
    { kind: 'paragraph', text: t(language, 'penaltyNotice.objectOutcome') },
    { kind: 'heading', text: t(language, 'penaltyNotice.appealHeading') },
    { kind: 'paragraph', text: t(language, 'penaltyNotice.appealBy', { date: formatDate(language, input.appealDeadline) }), strong: true },
    { kind: 'paragraph', text: t(language, 'penaltyNotice.appealAfterObjection') },
    { kind: 'paragraph', text: t(language, 'penaltyNotice.appealScotland') },
    { kind: 'heading', text: t(language, 'penaltyNotice.unpaidHeading') },
    { kind: 'paragraph', text: t(language, 'penaltyNotice.unpaid') },
    guidanceBlock(language),
    ...contactBlocks(language, input.caseReference, input.contact),
  );

  return {
    language,
    title: t(language, 'penaltyNotice.title'),
    reference: input.caseReference,
    date: input.noticeDate,
    formCode: LETTER_FORMS.penaltyNotice[input.offence],
    sender: homeOfficeSender(language, input.contact),
    recipient: input.recipient,
    blocks,
  };
}

/** The penalty notice as a PDF: English, then the recipient's language when it is not English. */
export function renderPenaltyNotice(input: PenaltyNoticeInput): Promise<Buffer> {
  return renderParts(penaltyNoticeParts(input));
}

/** The letter's parts (English, then the recipient's language), as `keep` stores and the print bundle re-renders them. */
export function penaltyNoticeParts(input: PenaltyNoticeInput): LetterPart[] {
  return bilingualParts(penaltyNoticeLetter(input, 'en'), penaltyNoticeLetter(input, input.language));
}
