import type { ObjectionOutcome } from '../../../domain/liability/actions.js';
import type { Offence, Role } from '../../../domain/penalty/penalty-input.js';
import { recomputeFromSteps, type PenaltyStep } from '../../../domain/penalty/penalty-steps.js';
import { formatDate, formatMoney } from '../../../platform/i18n/format.js';
import type { Language } from '../../../platform/i18n/languages.js';
import { t } from '../../../platform/i18n/messages.js';
import { bilingualParts, renderParts, type Letter, type LetterPart, type LetterBlock, type LetterRecipient } from '../../../platform/pdf/letter.js';
import { LETTER_FORMS } from './forms.js';
import { contactBlocks, homeOfficeSender, incidentRows, type IncidentSummary, type LetterContact } from './letter-parts.js';
import { stepInLanguage } from './penalty-steps-text.js';

/**
 * Everything the decision on an objection says (IS11A when the penalty is cancelled, IS11B when it
 * is maintained, IS11C when it is reduced or increased), as plain values.
 */
export interface ObjectionDecisionInput {
  offence: Offence;
  /** The recipient's language; the English letter always comes first. */
  language: Language;
  caseReference: string;
  /** The decision's date, YYYY-MM-DD: the appeal period counts from it. */
  decisionDate: string;
  recipient: LetterRecipient;
  role: Role;
  incident: IncidentSummary;
  outcome: ObjectionOutcome;
  /** The penalty notice objected to, and when the objection arrived. */
  noticeDate: string;
  objectionReceivedOn: string;
  /** The amount before the decision and after it, in pence. */
  previousAmountPence: number;
  amountPence: number;
  /** The reasons given to the objector, in English as the officer recorded them. */
  reasons: string;
  /** The fresh calculation exactly as the calculator returned it: required to reduce or increase. */
  steps: readonly PenaltyStep[] | null;
  /** The last day to appeal, from the statutory clock: required unless the penalty is cancelled. */
  appealDeadline?: string;
  contact?: LetterContact;
}

/** A decision letter that contradicts itself is a bug upstream: it throws rather than print. */
function checkDecision(input: ObjectionDecisionInput): void {
  const where = `objection decision ${input.caseReference}`;
  for (const amount of [input.amountPence, input.previousAmountPence]) {
    if (!Number.isSafeInteger(amount) || amount < 0) throw new Error(`${where}: amounts must be whole pence, not ${amount}`);
  }
  if (input.outcome === 'cancel' && input.amountPence !== 0) throw new Error(`${where}: a cancelled penalty is £0, not ${input.amountPence} pence`);
  if (input.outcome === 'maintain' && input.amountPence !== input.previousAmountPence) {
    throw new Error(`${where}: a maintained penalty keeps its amount (${input.previousAmountPence} pence), not ${input.amountPence}`);
  }
  if (input.outcome === 'reduce' || input.outcome === 'increase') {
    if (!input.steps?.length) throw new Error(`${where}: to ${input.outcome} a penalty the letter needs the fresh calculation`);
    const recomputed = recomputeFromSteps(input.steps);
    if (!recomputed.ok) throw new Error(`${where}: the calculation cannot be followed: ${recomputed.problem}`);
    if (recomputed.amountPence !== input.amountPence) throw new Error(`${where}: the steps come to ${recomputed.amountPence} pence, not ${input.amountPence}`);
  }
  if (input.outcome !== 'cancel' && !input.appealDeadline) throw new Error(`${where}: the appeal date is missing`);
  if (!input.reasons.trim()) throw new Error(`${where}: the reasons given to the objector are missing`);
}

/** The decision on the objection in one language. */
export function objectionDecisionLetter(input: ObjectionDecisionInput, language: Language): Letter {
  checkDecision(input);
  const amount = formatMoney(language, input.amountPence);
  const previousAmount = formatMoney(language, input.previousAmountPence);
  const { outcome } = input;

  const blocks: LetterBlock[] = [
    {
      kind: 'paragraph',
      text: t(language, 'objectionDecision.intro', { receivedOn: formatDate(language, input.objectionReceivedOn), noticeDate: formatDate(language, input.noticeDate) }),
    },
    { kind: 'paragraph', strong: true, text: t(language, `objectionDecision.outcome.${outcome}`, { amount, previousAmount }) },
    { kind: 'heading', text: t(language, 'objectionDecision.detailsHeading') },
    { kind: 'keyValue', rows: incidentRows(language, input.caseReference, input.incident, { offence: input.offence, role: input.role }) },
    { kind: 'heading', text: t(language, 'objectionDecision.reasonsHeading') },
    { kind: 'paragraph', text: t(language, 'objectionDecision.reasonsIntro') },
    ...input.reasons
      .split(/\n\s*\n/)
      .map((part) => part.trim())
      .filter(Boolean)
      .map((text): LetterBlock => ({ kind: 'paragraph', text })),
  ];

  if ((outcome === 'reduce' || outcome === 'increase') && input.steps) {
    blocks.push(
      { kind: 'heading', text: t(language, 'objectionDecision.calculationHeading') },
      { kind: 'paragraph', text: t(language, 'objectionDecision.calculationIntro') },
      {
        kind: 'steps',
        rows: input.steps.map((step) => stepInLanguage(language, step)),
        total: { label: t(language, 'objectionDecision.total'), amountPence: input.amountPence },
      },
    );
  }

  if (outcome === 'cancel') {
    blocks.push({ kind: 'paragraph', text: t(language, 'objectionDecision.refund') }, { kind: 'paragraph', text: t(language, 'objectionDecision.nothingMore') });
  } else {
    blocks.push(
      { kind: 'heading', text: t(language, 'objectionDecision.payHeading') },
      { kind: 'paragraph', text: t(language, 'objectionDecision.pay', { amount, reference: input.caseReference }) },
    );
    if (outcome === 'reduce') blocks.push({ kind: 'paragraph', text: t(language, 'objectionDecision.overpaid', { amount }) });
    blocks.push(
      { kind: 'heading', text: t(language, 'objectionDecision.appealHeading') },
      { kind: 'paragraph', strong: true, text: t(language, 'objectionDecision.appealBy', { date: formatDate(language, input.appealDeadline!) }) },
      { kind: 'paragraph', text: t(language, 'objectionDecision.appealScotland') },
    );
  }
  blocks.push(...contactBlocks(language, input.caseReference, input.contact));

  return {
    language,
    title: t(language, `objectionDecision.title.${outcome}`),
    reference: input.caseReference,
    date: input.decisionDate,
    formCode: LETTER_FORMS.objectionDecision[outcome],
    sender: homeOfficeSender(language, input.contact),
    recipient: input.recipient,
    blocks,
  };
}

/** The decision as a PDF: English, then the recipient's language when it is not English. */
export function renderObjectionDecision(input: ObjectionDecisionInput): Promise<Buffer> {
  return renderParts(objectionDecisionParts(input));
}

/** The letter's parts (English, then the recipient's language), as `keep` stores and the print bundle re-renders them. */
export function objectionDecisionParts(input: ObjectionDecisionInput): LetterPart[] {
  return bilingualParts(objectionDecisionLetter(input, 'en'), objectionDecisionLetter(input, input.language));
}
