import {
  NOTICE_DETAILS_CHECKLIST,
  OBJECTION_ASSURANCE_CHECKLIST,
  OBJECTION_OUTCOMES,
  RECOMMENDATION_CHECKLIST,
  REVIEW_REASONS,
  WRITE_OFF_REASONS,
  type LiabilityActionType,
} from '../../../domain/liability/actions.js';
import { clockFacts } from '../../../domain/liability/liability-clock.js';
import { creditPence, currentAmountPence, outstandingPence, paidPence, type LiabilityState } from '../../../domain/liability/liability-state.js';
import { stageLabel } from '../../../domain/liability/stages.js';
import { formatPounds } from '../../../domain/penalty/money.js';
import type { PenaltyStep } from '../../../domain/penalty/penalty-steps.js';
import { isLanguage, languageName } from '../../../platform/i18n/languages.js';
import { LETTER_FORMS } from '../../../domain/case/letter-forms.js';
import type { CaseFile, LiabilityRow } from '../case-file.js';
import { caseDeadlines } from '../case-deadlines.js';

/*
 * What a decision page shows above its button (CONVENTIONS.md "Pages people trust"): the person and
 * their role, the amount and each calculation step, the evidence, the deadlines that bear on the
 * decision, who drafted and who assured, and what happens next, with the letters that will go.
 * Built for one responsible person from the case file; the partial
 * `casework/decisions/views/decision-summary.njk` shows it. Other decision pages (means, discretion)
 * can build one with `decisionSummary` and add their own rows.
 */

export interface SummaryRow {
  key: string;
  value: string;
}

export interface DecisionSummary {
  liabilityId: string;
  /** "Trans-Pol Sp. z o.o., owner (S31A)". */
  heading: string;
  /** Person, role, offence, address, stage, amounts… as a GOV.UK summary list. */
  facts: SummaryRow[];
  /** The calculation, step by step, when the decision turns on one. */
  calculation: { caption: string; steps: { label: string; rule: string; amount: string }[]; total: string } | null;
  /** Who drafted, who assured or checked, and when. */
  people: SummaryRow[];
  /** A checklist already recorded (the assurer's, the checker's): what was ticked. */
  recordedChecklists: { caption: string; items: string[] }[];
  deadlines: { label: string; date: string; when: string }[];
  evidence: { text: string; href: string }[];
  /** What happens when the button is pressed, in sentences; letters named with their form. */
  whatHappensNext: string[];
}

export interface DecisionSummaryContext {
  file: CaseFile;
  today: string;
  officerName: (id: string) => string;
  /** The incident's evidence files (from intake, through the case page's reader). */
  evidence: readonly { originalName: string; fileHash: string; kind?: string }[];
}

const ROLE_NAMES: Record<string, string> = { driver: 'Driver', owner: 'Owner', hirer: 'Hirer', operator: 'Operator' };
const OFFENCE_NAMES: Record<string, string> = {
  S31A: 'Section 31A: a goods vehicle not secured against clandestine entrants',
  S32: 'Section 32: carrying clandestine entrants',
};

/** The deadlines each decision is measured against: the ones that a decision taken now could miss. */
const DEADLINES_FOR: Partial<Record<LiabilityActionType, readonly string[]>> = {
  checkNoticeDetails: ['lastDayToSendInitialNotice', 'lastDayToImpose'],
  sendInitialNotice: ['lastDayToSendInitialNotice', 'lastDayToImpose'],
  approveRecommendation: ['earliestImposition', 'lastDayToImpose'],
  returnRecommendation: ['earliestImposition', 'lastDayToImpose'],
  imposePenalty: ['earliestImposition', 'lastDayToImpose'],
  determineObjection: ['objectionDeterminationDue', 'paymentDue'],
  assureObjectionDetermination: ['objectionDeterminationDue', 'paymentDue'],
  decideLateObjection: ['objectionDue', 'objectionDeterminationDue'],
  decideAppeal: ['appealDue', 'paymentDue'],
  decideRefund: ['paymentDue'],
  proposeWriteOff: ['lastDayToSendInitialNotice', 'lastDayToImpose', 'paymentDue'],
  approveWriteOff: ['lastDayToSendInitialNotice', 'lastDayToImpose', 'paymentDue'],
  rejectWriteOff: ['lastDayToSendInitialNotice', 'lastDayToImpose', 'paymentDue'],
};

/** The decisions that get a summary: the others keep their plain form. */
export const SUMMARISED_DECISIONS: readonly LiabilityActionType[] = Object.keys(DEADLINES_FOR) as LiabilityActionType[];

const dayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
/** "4 December 2026" (GOV.UK style) from a calendar date. */
function formatDate(date: string): string {
  const instant = new Date(`${date.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(instant.getTime()) ? date : dayFormat.format(instant);
}

const pounds = (pence: number | undefined) => (pence === undefined ? 'None yet' : formatPounds(pence));
const on = (name: string, date: string | undefined) => (date ? `${name} on ${formatDate(date)}` : name);

function days(daysLeft: number): string {
  if (daysLeft === 0) return 'today';
  if (daysLeft === 1) return 'tomorrow';
  if (daysLeft > 0) return `in ${daysLeft} days`;
  return daysLeft === -1 ? 'passed yesterday' : `passed ${-daysLeft} days ago`;
}

function languageOf(row: LiabilityRow): string {
  return isLanguage(row.language) ? languageName(row.language) : row.language;
}

/** "by post and email" when an email address is known; letters are in English and the person's language. */
function delivery(row: LiabilityRow): string {
  const languages = row.language && row.language !== 'en' ? `in English and ${languageOf(row)}` : 'in English';
  return `${languages}, by post${row.email ? ' and email' : ''}`;
}

function stepsOf(steps: readonly PenaltyStep[]) {
  return steps.map((step) => ({ label: step.label, rule: step.rule, amount: formatPounds(step.amountPence) }));
}

function whatHappensNext(type: LiabilityActionType, row: LiabilityRow, state: LiabilityState): string[] {
  const offence = row.offence as 'S31A' | 'S32';
  const to = `${row.partyName} ${delivery(row)}`;
  const draft = state.objection?.draftDetermination;
  switch (type) {
    case 'checkNoticeDetails':
      return [
        'The check is recorded with the items you ticked and the address you checked.',
        `Another officer can then send the initial notice ${LETTER_FORMS.initialNotice[offence]} to ${to}. If the address changes, it must be checked again.`,
      ];
    case 'sendInitialNotice':
      return [`The initial notice ${LETTER_FORMS.initialNotice[offence]} will be sent to ${to}.`, 'The 28-day response window starts today.'];
    case 'approveRecommendation':
      return [
        `The recommendation of ${pounds(state.recommendation?.amountPence)} is assured; no letter goes yet.`,
        `A caseworker can then impose the penalty: the penalty notice ${LETTER_FORMS.penaltyNotice[offence]} will go to ${to}.`,
      ];
    case 'returnRecommendation':
      return ['The recommendation goes back to the caseworker with your reasons, to be corrected and drafted again. No letter is sent.'];
    case 'imposePenalty':
      return [
        `The penalty notice ${LETTER_FORMS.penaltyNotice[offence]} for ${pounds(state.recommendation?.amountPence)}, dated today and showing each calculation step, will be sent to ${to}.`,
        'The 28 days to object and to pay start from the notice date.',
      ];
    case 'determineObjection':
      return [
        'The determination is recorded as a draft. It takes effect only when a Higher Officer who did not make it assures it.',
        `Once assured, the objection decision letter (${LETTER_FORMS.objectionDecision.cancel} if cancelled, ${LETTER_FORMS.objectionDecision.maintain} if maintained, ${LETTER_FORMS.objectionDecision.reduce} if the amount changes) will be sent to ${to}.`,
      ];
    case 'assureObjectionDetermination':
      return draft
        ? [
            `If you approve: the penalty ${draft.outcome === 'cancel' ? 'is cancelled' : draft.outcome === 'maintain' ? `stays at ${pounds(draft.amountPence)}` : `becomes ${pounds(draft.amountPence)}`}, and the objection decision letter ${LETTER_FORMS.objectionDecision[draft.outcome]} will be sent to ${to}.`,
            'If you return it: nothing changes and no letter goes; the objection is determined again.',
          ]
        : [];
    case 'decideLateObjection':
      return ['If you accept it, the objection is considered and determined. If you refuse it, the case goes back to where it was and the objector is told.'];
    case 'decideAppeal':
      return ['The court’s decision is recorded and the amount owed follows it: a cancelled penalty is nothing owed, and any overpayment waits for a refund decision.'];
    case 'decideRefund':
      return [`If you approve, the whole credit of ${pounds(creditPence(state))} is repaid and a refund letter (${LETTER_FORMS.refund}) is sent to ${to}. If you refuse, the credit stays on the account.`];
    case 'proposeWriteOff':
      return ['The write-off goes to a senior officer to approve or reject. Enforcement continues meanwhile.'];
    case 'approveWriteOff':
      return [`The amount outstanding (${pounds(outstandingPence(state))}) is written off and the case is finished. No more letters are sent about this penalty.`];
    case 'rejectWriteOff':
      return ['The case goes back to the stage it was proposed at and casework continues.'];
    default:
      return [];
  }
}

function people(type: LiabilityActionType, state: LiabilityState, officerName: (id: string) => string): SummaryRow[] {
  const rows: SummaryRow[] = [];
  const check = state.noticeDetailsCheck;
  if (check && (type === 'sendInitialNotice' || type === 'checkNoticeDetails')) rows.push({ key: 'Name and address checked by', value: on(officerName(check.checkedBy), check.checkedOn) });
  const recommendation = state.recommendation;
  if (recommendation && ['approveRecommendation', 'returnRecommendation', 'imposePenalty', 'proposeWriteOff', 'approveWriteOff'].includes(type)) {
    rows.push({ key: 'Recommendation drafted by', value: on(officerName(recommendation.draftedBy), recommendation.draftedOn) });
  }
  for (const back of type === 'approveRecommendation' || type === 'returnRecommendation' ? state.assuranceReturns : []) {
    rows.push({ key: 'Returned before by', value: `${on(officerName(back.returnedBy), back.returnedOn)}: ${back.text}` });
  }
  if (state.approval && ['imposePenalty', 'proposeWriteOff', 'approveWriteOff'].includes(type)) {
    rows.push({ key: 'Recommendation assured by', value: `${on(officerName(state.approval.approvedBy), state.approval.approvedOn)}${state.approval.bySeniorOfficer ? ' (senior officer)' : ''}` });
  }
  if (state.penaltyNotice && !['approveRecommendation', 'returnRecommendation', 'imposePenalty'].includes(type)) {
    rows.push({ key: 'Penalty imposed by', value: on(officerName(state.penaltyNotice.imposedBy), state.penaltyNotice.noticeDate) });
  }
  const draft = state.objection?.draftDetermination;
  if (draft && type === 'assureObjectionDetermination') rows.push({ key: 'Objection determined by', value: on(officerName(draft.draftedBy), draft.draftedOn) });
  for (const back of type === 'determineObjection' || type === 'assureObjectionDetermination' ? (state.objection?.determinationReturns ?? []) : []) {
    rows.push({ key: 'Determination returned before by', value: `${on(officerName(back.returnedBy), back.returnedOn)}: ${back.reason}` });
  }
  const determination = state.objection?.determination;
  if (determination && ['decideAppeal', 'decideRefund'].includes(type)) {
    rows.push({ key: 'Objection determined by', value: on(officerName(determination.decidedBy), determination.decidedOn) });
    if (determination.assuredBy) rows.push({ key: 'Determination assured by', value: officerName(determination.assuredBy) });
  }
  const writeOff = state.writeOff;
  if (writeOff && (type === 'approveWriteOff' || type === 'rejectWriteOff')) rows.push({ key: 'Write-off proposed by', value: on(officerName(writeOff.proposedBy), writeOff.proposedOn) });
  return rows;
}

function facts(type: LiabilityActionType, row: LiabilityRow, state: LiabilityState): SummaryRow[] {
  const rows: SummaryRow[] = [
    { key: 'Person', value: row.partyName },
    { key: 'Role', value: ROLE_NAMES[row.role] ?? row.role },
    { key: 'Offence', value: OFFENCE_NAMES[row.offence] ?? row.offence },
    { key: 'Postal address', value: state.postalAddress?.trim() || (row.addressLines ?? []).join(', ') || 'None recorded' },
    { key: 'Letters in', value: row.language && row.language !== 'en' ? `English and ${languageOf(row)}` : 'English' },
    { key: 'Email', value: row.email || 'None recorded: letters go by post only' },
    { key: 'Stage', value: stageLabel(state.stage) },
  ];
  const current = currentAmountPence(state);
  if (state.recommendation && !state.penaltyNotice) rows.push({ key: 'Amount recommended', value: pounds(state.recommendation.amountPence) });
  if (current !== undefined) rows.push({ key: 'Penalty now', value: pounds(current) });
  if (state.penaltyNotice) {
    rows.push({ key: 'Paid so far', value: pounds(paidPence(state)) });
    const outstanding = outstandingPence(state) ?? 0;
    rows.push(outstanding < 0 ? { key: 'In credit', value: pounds(-outstanding) } : { key: 'Outstanding', value: pounds(outstanding) });
  }
  if (state.objection && ['determineObjection', 'assureObjectionDetermination', 'decideLateObjection'].includes(type)) {
    rows.push({ key: 'Objection received', value: `${formatDate(state.objection.receivedOn)}${state.objection.late ? ' (late)' : ''}` });
    rows.push({ key: 'Grounds of the objection', value: state.objection.grounds });
  }
  const draft = state.objection?.draftDetermination;
  if (draft && type === 'assureObjectionDetermination') {
    rows.push({ key: 'Outcome determined', value: OBJECTION_OUTCOMES[draft.outcome] });
    rows.push({ key: 'Amount after the determination', value: draft.outcome === 'cancel' ? 'Nothing: the penalty is cancelled' : `${pounds(draft.amountPence)} (was ${pounds(draft.previousAmountPence)})` });
    rows.push({ key: 'Reasons given to the objector', value: draft.reasons });
  }
  if (state.writeOff && (type === 'approveWriteOff' || type === 'rejectWriteOff')) {
    rows.push({ key: 'Reason for the write-off', value: `${WRITE_OFF_REASONS[state.writeOff.reason]}: ${state.writeOff.explanation}` });
  }
  if (type === 'decideRefund') {
    rows.push({ key: 'Overpayment to decide', value: pounds(state.overpayment?.amountPence ?? creditPence(state)) });
    for (const payment of state.payments) rows.push({ key: `Payment received ${formatDate(payment.receivedOn)}`, value: `${pounds(payment.amountPence)} (reference ${payment.reference})` });
  }
  if (state.review) rows.push({ key: 'Under review', value: `${REVIEW_REASONS[state.review.reason]}: ${state.review.note}` });
  return rows;
}

function calculation(type: LiabilityActionType, state: LiabilityState): DecisionSummary['calculation'] {
  const draft = state.objection?.draftDetermination;
  if (type === 'assureObjectionDetermination' && draft?.steps) {
    return { caption: 'The fresh calculation behind the determination', steps: stepsOf(draft.steps), total: pounds(draft.amountPence) };
  }
  const recommendation = state.recommendation;
  if (!recommendation) return null;
  if (!['approveRecommendation', 'returnRecommendation', 'imposePenalty', 'determineObjection', 'assureObjectionDetermination', 'decideAppeal'].includes(type)) return null;
  return {
    caption: `How ${pounds(recommendation.amountPence)} was calculated (policy ${recommendation.policyVersion}${recommendation.discretionApplied ? ', with discretion' : ''})`,
    steps: stepsOf(recommendation.steps),
    total: pounds(recommendation.amountPence),
  };
}

function recordedChecklists(type: LiabilityActionType, state: LiabilityState): DecisionSummary['recordedChecklists'] {
  const lists: DecisionSummary['recordedChecklists'] = [];
  const check = state.noticeDetailsCheck;
  if (check && type === 'sendInitialNotice') lists.push({ caption: 'The name and address check', items: check.checklist.map((item) => NOTICE_DETAILS_CHECKLIST[item]) });
  const approval = state.approval;
  if (approval?.checklist && type === 'imposePenalty') lists.push({ caption: 'The assurer checked', items: approval.checklist.map((item) => RECOMMENDATION_CHECKLIST[item]) });
  const determination = state.objection?.determination;
  if (determination?.checklist && type === 'decideAppeal') lists.push({ caption: 'The objection assurance checked', items: determination.checklist.map((item) => OBJECTION_ASSURANCE_CHECKLIST[item]) });
  return lists;
}

/** The summary for one responsible person and one decision, or null when the decision has none. */
export function decisionSummary(type: LiabilityActionType, row: LiabilityRow, context: DecisionSummaryContext): DecisionSummary | null {
  if (!SUMMARISED_DECISIONS.includes(type)) return null;
  const state = context.file.states.get(row.id);
  if (!state) return null;
  const clock = caseDeadlines(clockFacts(state), context.file.versions, context.today);
  const wanted = DEADLINES_FOR[type] ?? [];
  const deadlines = clock.ok
    ? clock.deadlines
        .filter((deadline) => wanted.includes(deadline.name))
        .sort((a, b) => wanted.indexOf(a.name) - wanted.indexOf(b.name))
        .map((deadline) => ({ label: deadline.label, date: formatDate(deadline.date), when: days(deadline.daysLeft) }))
    : [];
  return {
    liabilityId: row.id,
    heading: `${row.partyName}, ${(ROLE_NAMES[row.role] ?? row.role).toLowerCase()} (${row.offence})`,
    facts: facts(type, row, state),
    calculation: calculation(type, state),
    people: people(type, state, context.officerName),
    recordedChecklists: recordedChecklists(type, state),
    deadlines,
    evidence: context.evidence.map((file) => ({ text: file.originalName, href: `/evidence/${file.fileHash}` })),
    whatHappensNext: whatHappensNext(type, row, state),
  };
}
