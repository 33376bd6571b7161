import type { Instalment } from '../../../domain/liability/actions.js';
import { formatDate, formatMoney } from '../../../platform/i18n/format.js';
import type { Language } from '../../../platform/i18n/languages.js';
import { t } from '../../../platform/i18n/messages.js';
import { bilingualParts, type Letter, type LetterBlock, type LetterPart } from '../../../platform/pdf/letter.js';
import { LETTER_FORMS } from './forms.js';
import { contactBlocks, homeOfficeSender, incidentRows, paymentBlocks, type CaseLetterBase, type PaymentDetails } from './letter-parts.js';

/** The letter confirming an agreed instalment plan, with its schedule. */
export interface InstalmentPlanInput extends CaseLetterBase {
  /** The penalty in force, and what had been paid when the plan was agreed, in pence. */
  amountPence: number;
  paidBeforePence: number;
  schedule: readonly Instalment[];
  /** What to quote with each payment (the reference with the person's suffix). */
  paymentReference: string;
  payment: PaymentDetails;
}

/** A plan letter without a schedule, or with an instalment of nothing, is a bug upstream: it throws rather than print. */
function checkSchedule(input: InstalmentPlanInput): void {
  const where = `instalment plan letter ${input.caseReference}`;
  if (input.schedule.length === 0) throw new Error(`${where}: the schedule is empty`);
  if (input.schedule.some((instalment) => !Number.isSafeInteger(instalment.amountPence) || instalment.amountPence <= 0)) throw new Error(`${where}: every instalment must be whole pence above nothing`);
}

export function instalmentPlanLetter(input: InstalmentPlanInput, language: Language): Letter {
  checkSchedule(input);
  const money = (pence: number) => formatMoney(language, pence);
  // What the plan pays off: the schedule's total (what was owed when it was agreed).
  const owed = input.schedule.reduce((sum, instalment) => sum + instalment.amountPence, 0);
  const blocks: LetterBlock[] = [
    { kind: 'paragraph', strong: true, text: t(language, 'instalments.intro', { amount: money(owed), count: input.schedule.length }) },
    ...(input.paidBeforePence > 0 ? [{ kind: 'paragraph' as const, text: t(language, 'instalments.paidBefore', { paid: money(input.paidBeforePence), amount: money(input.amountPence) }) }] : []),
    { kind: 'heading', text: t(language, 'instalments.scheduleHeading') },
    {
      kind: 'keyValue',
      rows: [
        ...input.schedule.map((instalment, index) => ({
          key: t(language, 'instalments.instalment', { number: index + 1, date: formatDate(language, instalment.dueOn) }),
          value: money(instalment.amountPence),
        })),
        { key: t(language, 'instalments.total'), value: money(owed) },
      ],
    },
    { kind: 'heading', text: t(language, 'penaltyNotice.payHeading') },
    { kind: 'paragraph', text: t(language, 'instalments.howToPay', { reference: input.paymentReference }) },
    ...paymentBlocks(language, input.payment),
    { kind: 'heading', text: t(language, 'instalments.missedHeading') },
    { kind: 'paragraph', text: t(language, 'instalments.missed') },
    { kind: 'heading', text: t(language, 'refund.detailsHeading') },
    { kind: 'keyValue', rows: incidentRows(language, input.caseReference, input.incident, { offence: input.offence, role: input.role }) },
    ...contactBlocks(language, input.caseReference, input.contact),
  ];
  return {
    language,
    title: t(language, 'instalments.title'),
    reference: input.caseReference,
    date: input.date,
    formCode: LETTER_FORMS.instalmentPlan,
    sender: homeOfficeSender(language, input.contact),
    recipient: input.recipient,
    blocks,
  };
}

export function instalmentPlanParts(input: InstalmentPlanInput): LetterPart[] {
  return bilingualParts(instalmentPlanLetter(input, 'en'), instalmentPlanLetter(input, input.language));
}
