import type { Db } from '../../platform/database/client.js';
import type { MessageKey, MessageParams } from '../../platform/i18n/messages.js';
import type { Language } from '../../platform/i18n/languages.js';
import { clockFacts, deadlineOf } from '../../domain/liability/liability-clock.js';
import { outstandingPence, paidPence, penaltyCancelled, currentAmountPence, type LiabilityState } from '../../domain/liability/liability-state.js';
import type { Stage } from '../../domain/liability/stages.js';
import type { DeadlineName } from '../../domain/clock/deadlines.js';
import type { PenaltyStep } from '../../domain/penalty/penalty-steps.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import { parsePounds } from '../../domain/penalty/money.js';
import { inRequirementOrder, isSecurityRequirementCode, requirementName, securityRequirement, type SecurityRequirementCode } from '../../domain/incident/security-requirements.js';
import type { CaseFile, LiabilityRow } from '../casework/case-file.js';
import { caseDeadlines } from '../casework/case-deadlines.js';
import { deadlinesThatApply } from '../casework/liability-status.js';
import { lettersToLiabilities } from '../correspondence/queries.js';

/*
 * What a person sees of one penalty (liability) on the portal, built from the modules' published
 * queries and services only: the case file (casework), the letters (correspondence) and what the
 * incident recorded (intake's `incidentDataOf`, passed in). Words are message keys with their
 * parameters (`Phrase`), so the page writes them in the reader's language; amounts stay in pence
 * and dates as ISO calendar dates for `tMoney` and `tDate`.
 */

/** A message key with its parameters; `money` parameters are pence, written with the language's money format. */
export interface Phrase {
  key: MessageKey;
  params?: Record<string, string | number>;
  money?: Record<string, number>;
}

export interface PenaltyDeadline {
  name: DeadlineName;
  /** "Answer the initial notice by", "Object by"… */
  label: Phrase;
  date: string;
  passed: boolean;
}

export interface CalculationLine {
  label: Phrase;
  rule: Phrase;
  amountPence: number;
}

export interface PenaltyLetter {
  id: string;
  form: string;
  kind: Phrase;
  date: string;
  language: string;
  href: string;
}

export interface PaymentMade {
  amountPence: number;
  receivedOn: string;
}

export interface NextStep {
  /** What to do, as a task: "Answer the questions", "Pay the penalty"… */
  title: Phrase;
  /** Why or by when, with the deadline in full when there is one. */
  hint: Phrase | null;
  href: string | null;
  deadline: string | null;
}

export interface DriverPenalty {
  liabilityId: string;
  name: string;
  role: string;
  roleName: Phrase;
  amountPence: number | null;
  outstandingPence: number | null;
  paid: boolean;
  status: Phrase;
}

export interface PenaltyView {
  liabilityId: string;
  caseReference: string;
  name: string;
  role: string;
  roleName: Phrase;
  offence: string;
  incidentDate: string;
  vehicleRegistration: string;
  stage: Stage;
  status: Phrase;
  amountPence: number | null;
  paidPence: number;
  outstandingPence: number | null;
  cancelled: boolean;
  deadlines: PenaltyDeadline[];
  /** Why: the security requirements not met (S31A, names in the language) or the people found (S32). */
  reasons: { requirementsNotMet: { code: SecurityRequirementCode; name: string; lang: string }[]; summary: Phrase };
  calculation: CalculationLine[];
  letters: PenaltyLetter[];
  payments: PaymentMade[];
  nextSteps: NextStep[];
  /** For an owner or employer: its drivers' penalties on the case that it may see, paid or not. */
  drivers: DriverPenalty[];
}

/** The published readers the view is built from (`src/app.ts` passes them). */
export interface CaseViewSources {
  db: Db;
  cases: { caseFile(reference: string): Promise<CaseFile | null>; now(): Date };
  incidentDataOf: (db: Db, incidentId: string) => Promise<unknown>;
}

/** Who is looking: the portal session's case and the liabilities it may see. */
export interface Viewer {
  caseReference: string;
  liabilityId: string;
  visibleLiabilityIds: readonly string[];
}

/* ---- Status in plain words ---- */

const STATUS_OF_STAGE: Readonly<Record<Stage, MessageKey>> = {
  'case-created': 'portalCase.status.considering',
  'initial-notice-sent': 'portalCase.status.initialNotice',
  'response-window-closed': 'portalCase.status.considering',
  'recommendation-drafted': 'portalCase.status.considering',
  'returned-by-assurer': 'portalCase.status.considering',
  assured: 'portalCase.status.considering',
  imposed: 'portalCase.status.imposed',
  'objection-received': 'portalCase.status.objectionReceived',
  'objection-determined': 'portalCase.status.objectionDecided',
  'appeal-lodged': 'portalCase.status.appealLodged',
  'appeal-decided': 'portalCase.status.appealDecided',
  'payment-due': 'portalCase.status.paymentDue',
  paid: 'portalCase.status.paid',
  instalments: 'portalCase.status.instalments',
  overdue: 'portalCase.status.overdue',
  // A write-off is an internal decision about a debt: the person is not told it (see WRITE_OFF_LETTER_DUE).
  'write-off-proposed': 'portalCase.status.considering',
  'written-off': 'portalCase.status.considering',
  closed: 'portalCase.status.closed',
  'criminal-investigation': 'portalCase.status.considering',
  'criminal-investigation-accepted': 'portalCase.status.considering',
  'not-referred': 'portalCase.status.considering',
};

export function statusOf(state: LiabilityState): Phrase {
  if (penaltyCancelled(state)) return { key: 'portalCase.status.cancelled' };
  if (state.stage === 'written-off' && state.writeOff?.reason === 'deadline-missed') return { key: 'portalCase.status.noPenalty' };
  if (state.stage === 'written-off' && state.writeOff?.reason === 'cancelled') return { key: 'portalCase.status.cancelled' };
  return { key: STATUS_OF_STAGE[state.stage] ?? 'portalCase.status.considering' };
}

/* ---- Deadlines that apply to the person ---- */

const PUBLIC_DEADLINES: Partial<Record<DeadlineName, MessageKey>> = {
  initialNoticeResponseDue: 'portalCase.deadline.respond',
  objectionDue: 'portalCase.deadline.object',
  paymentDue: 'portalCase.deadline.pay',
  appealDue: 'portalCase.deadline.appeal',
  detentionSaleFrom: 'portalCase.deadline.detentionSale',
};

function personDeadlines(file: CaseFile, state: LiabilityState, today: string): PenaltyDeadline[] {
  const clock = caseDeadlines(clockFacts(state), file.versions, today, deadlinesThatApply(state));
  if (!clock.ok) return [];
  return clock.deadlines
    .filter((deadline) => PUBLIC_DEADLINES[deadline.name] !== undefined)
    .map((deadline) => ({ name: deadline.name, label: { key: PUBLIC_DEADLINES[deadline.name]! }, date: deadline.date, passed: deadline.daysLeft < 0 }));
}

/* ---- The calculation, step by step, in the language ---- */

const MONEY = '£([\\d,]+(?:\\.\\d{2})?)';
const ENTRANTS = '(?: × (\\d+) clandestine entrants?)?';
const PERCENT = '(\\d+(?:\\.\\d+)?)%';
const RULES = {
  start: new RegExp(`^${MONEY}${ENTRANTS}$`),
  reductionOfStart: new RegExp(`^${PERCENT} of the starting level \\(reductions so far ${PERCENT}(?:, capped at ${PERCENT})?\\)$`),
  percentOff: new RegExp(`^${PERCENT} off the amount so far$`),
  lowerOf: new RegExp(`^lower of the amount so far and ${MONEY}${ENTRANTS}$`),
  roundDown: /^round down to a whole pound$/,
};

const pence = (pounds: string | undefined) => (pounds === undefined ? undefined : parsePounds(`£${pounds}`));

/** A step's rule in words of the catalogue; the English rule as stored when it is not one of the vocabulary's. */
export function rulePhrase(rule: string): Phrase {
  let match = RULES.start.exec(rule);
  if (match && pence(match[1]) !== undefined) {
    return match[2] ? { key: 'portalCase.calc.rule.startPerEntrant', params: { entrants: Number(match[2]) }, money: { amount: pence(match[1])! } } : { key: 'portalCase.calc.rule.start', money: { amount: pence(match[1])! } };
  }
  match = RULES.reductionOfStart.exec(rule);
  if (match) return match[3] ? { key: 'portalCase.calc.rule.reductionCapped', params: { percent: `${match[1]}%`, total: `${match[2]}%`, cap: `${match[3]}%` } } : { key: 'portalCase.calc.rule.reduction', params: { percent: `${match[1]}%`, total: `${match[2]}%` } };
  match = RULES.percentOff.exec(rule);
  if (match) return { key: 'portalCase.calc.rule.percentOff', params: { percent: `${match[1]}%` } };
  match = RULES.lowerOf.exec(rule);
  if (match && pence(match[1]) !== undefined) {
    return match[2] ? { key: 'portalCase.calc.rule.lowerOfPerEntrant', params: { entrants: Number(match[2]) }, money: { amount: pence(match[1])! } } : { key: 'portalCase.calc.rule.lowerOf', money: { amount: pence(match[1])! } };
  }
  if (RULES.roundDown.test(rule)) return { key: 'portalCase.calc.rule.roundDown' };
  return { key: 'portalCase.calc.rule.other', params: { rule } };
}

/** What a step considered, as the public is told it (officers' names and policy codes left out). */
export function labelPhrase(label: string): Phrase {
  if (label.startsWith('Starting level')) return { key: 'portalCase.calc.label.start' };
  if (label.startsWith('Member of the Civil Penalty Accreditation Scheme')) return { key: 'portalCase.calc.label.cpas' };
  if (label.startsWith('Complied with the regulations')) return { key: 'portalCase.calc.label.complied' };
  if (label.startsWith('Not present on the journey')) return { key: 'portalCase.calc.label.actedToEnsure' };
  if (label.startsWith('Discretion')) return { key: 'portalCase.calc.label.discretion' };
  if (label.startsWith('Per-person maximum')) return { key: 'portalCase.calc.label.maximum' };
  if (label.startsWith('Rounded down')) return { key: 'portalCase.calc.label.roundDown' };
  if (/means|afford/i.test(label)) return { key: 'portalCase.calc.label.means' };
  return { key: 'portalCase.calc.label.other' };
}

/** The steps of the calculation in force: the objection's new calculation when it gave one, else the recommendation's. */
function stepsInForce(state: LiabilityState): readonly PenaltyStep[] {
  if (!state.penaltyNotice) return [];
  const redone = state.objection?.determination ? state.objection.draftDetermination?.steps : null;
  return redone ?? state.recommendation?.steps ?? [];
}

export function calculationOf(state: LiabilityState): CalculationLine[] {
  return stepsInForce(state).map((step) => ({ label: labelPhrase(step.label), rule: rulePhrase(step.rule), amountPence: step.amountPence }));
}

/* ---- Letters ---- */

const LETTER_KIND_KEYS: Readonly<Record<string, MessageKey>> = {
  IS11D: 'portalCase.letter.initialNotice',
  IS11E: 'portalCase.letter.initialNotice',
  IS1131A: 'portalCase.letter.penaltyNotice',
  IS1132: 'portalCase.letter.penaltyNotice',
  IS11A: 'portalCase.letter.objectionDecision',
  IS11B: 'portalCase.letter.objectionDecision',
  IS11C: 'portalCase.letter.objectionDecision',
  REFUND: 'portalCase.letter.refund',
  INSTALMENTS: 'portalCase.letter.instalments',
  REMINDER: 'portalCase.letter.reminder',
  'FINAL-DEMAND': 'portalCase.letter.finalDemand',
  DETENTION: 'portalCase.letter.detention',
  'NO-PENALTY': 'portalCase.letter.noPenalty',
  'LATE-OBJECTION': 'portalCase.letter.lateObjection',
  MEANS: 'portalCase.letter.means',
  JSL: 'portalCase.letter.jointLiability',
};

export function letterKindPhrase(form: string): Phrase {
  return { key: LETTER_KIND_KEYS[form] ?? 'portalCase.letter.other', params: { form } };
}

/* ---- What to do next ---- */

const COLLECTING: readonly Stage[] = ['imposed', 'objection-received', 'objection-determined', 'appeal-lodged', 'appeal-decided', 'payment-due', 'instalments', 'overdue'];

export function nextStepsOf(state: LiabilityState, liabilityId: string, deadlines: readonly PenaltyDeadline[], today: string, objectionDue: string | undefined): NextStep[] {
  const base = `/portal/penalties/${liabilityId}`;
  const due = (name: DeadlineName) => deadlines.find((deadline) => deadline.name === name)?.date ?? null;
  const steps: NextStep[] = [];
  if (state.stage === 'initial-notice-sent') {
    const by = due('initialNoticeResponseDue');
    steps.push({ title: { key: 'portalCase.next.questionnaire' }, hint: by ? { key: 'portalCase.next.questionnaireBy', params: { date: by } } : null, href: `${base}/questionnaire`, deadline: by });
  }
  const outstanding = outstandingPence(state);
  const cancelled = penaltyCancelled(state);
  if (state.penaltyNotice && !state.objection && !cancelled && ['imposed', 'payment-due', 'overdue', 'instalments'].includes(state.stage)) {
    if (objectionDue && today <= objectionDue) {
      steps.push({ title: { key: 'portalCase.next.object' }, hint: { key: 'portalCase.next.objectBy', params: { date: objectionDue } }, href: `${base}/objection`, deadline: objectionDue });
    } else {
      steps.push({ title: { key: 'portalCase.next.lateObjection' }, hint: { key: 'portalCase.next.lateObjectionHint' }, href: `${base}/objection`, deadline: null });
    }
  }
  if (outstanding !== undefined && outstanding > 0 && !cancelled && COLLECTING.includes(state.stage)) {
    const by = due('paymentDue');
    steps.push({ title: { key: 'portalCase.next.pay' }, hint: by ? { key: 'portalCase.next.payBy', params: { date: by }, money: { amount: outstanding } } : { key: 'portalCase.next.payNow', money: { amount: outstanding } }, href: `${base}/pay`, deadline: by });
    steps.push({ title: { key: 'portalCase.next.bankTransfer' }, hint: null, href: `${base}/bank-transfer`, deadline: null });
    if (state.stage !== 'instalments' && !(state.instalmentRequest && !state.instalmentRequest.decision)) {
      steps.push({ title: { key: 'portalCase.next.instalments' }, hint: null, href: `${base}/instalments`, deadline: null });
    }
    if (!state.meansAssessmentPending) steps.push({ title: { key: 'portalCase.next.means' }, hint: { key: 'portalCase.next.meansHint' }, href: `${base}/means`, deadline: null });
  }
  const appealBy = due('appealDue');
  if (appealBy && !deadlines.find((deadline) => deadline.name === 'appealDue')?.passed) {
    steps.push({ title: { key: 'portalCase.next.appeal' }, hint: { key: 'portalCase.next.appealBy', params: { date: appealBy } }, href: null, deadline: appealBy });
  }
  steps.push({ title: { key: 'portalCase.next.contactDetails' }, hint: null, href: `${base}/contact-details`, deadline: null });
  steps.push({ title: { key: 'portalCase.next.question' }, hint: null, href: '/portal/questions/new', deadline: null });
  return steps;
}

/* ---- The reasons ---- */

interface IncidentFindings {
  requirements?: Record<string, string>;
}

function reasonsOf(file: CaseFile, row: LiabilityRow, data: IncidentFindings | null, language: Language): PenaltyView['reasons'] {
  if (row.offence === 'S32') {
    const count = file.kase.clandestineEntrants ?? 0;
    return { requirementsNotMet: [], summary: count > 0 ? { key: 'portalCase.reason.s32', params: { count } } : { key: 'portalCase.reason.s32Unknown' } };
  }
  const codes = Object.entries(data?.requirements ?? {})
    .filter(([code, finding]) => finding === 'not-met' && isSecurityRequirementCode(code))
    .map(([code]) => code as SecurityRequirementCode);
  const requirementsNotMet = inRequirementOrder(codes).map((code) => {
    const names: Readonly<Record<string, string>> = securityRequirement(code).names;
    return { code, name: requirementName(code, language), lang: names[language] ? language : 'en' };
  });
  return { requirementsNotMet, summary: { key: requirementsNotMet.length ? 'portalCase.reason.s31a' : 'portalCase.reason.s31aNoneRecorded' } };
}

/* ---- Putting it together ---- */

const ROLE_KEYS: Readonly<Record<string, MessageKey>> = {
  driver: 'portalCase.role.driver',
  owner: 'portalCase.role.owner',
  hirer: 'portalCase.role.hirer',
  operator: 'portalCase.role.operator',
};

export function roleName(role: string): Phrase {
  return { key: ROLE_KEYS[role] ?? 'portalCase.role.other' };
}

function driverPenalty(file: CaseFile, row: LiabilityRow): DriverPenalty {
  const state = file.states.get(row.id)!;
  const outstanding = outstandingPence(state) ?? null;
  return {
    liabilityId: row.id,
    name: row.partyName,
    role: row.role,
    roleName: roleName(row.role),
    amountPence: penaltyCancelled(state) ? 0 : (currentAmountPence(state) ?? null),
    outstandingPence: outstanding,
    paid: state.penaltyNotice !== undefined && outstanding !== null && outstanding <= 0,
    status: statusOf(state),
  };
}

/** The penalties the viewer may see on their case, each in brief (the overview page). */
export async function visiblePenalties(sources: CaseViewSources, viewer: Viewer): Promise<DriverPenalty[] | null> {
  const file = await sources.cases.caseFile(viewer.caseReference);
  if (!file) return null;
  const visible = new Set(viewer.visibleLiabilityIds);
  const rows = file.liabilities.filter((row) => visible.has(row.id));
  // The viewer's own first.
  rows.sort((a, b) => Number(b.id === viewer.liabilityId) - Number(a.id === viewer.liabilityId));
  return rows.map((row) => driverPenalty(file, row));
}

/**
 * Everything a person sees about one penalty: null when the liability is not one the viewer may see
 * (the page answers the same 404 as for a guessed id).
 */
export async function penaltyView(sources: CaseViewSources, viewer: Viewer, liabilityId: string, language: Language): Promise<PenaltyView | null> {
  if (!viewer.visibleLiabilityIds.includes(liabilityId)) return null;
  const file = await sources.cases.caseFile(viewer.caseReference);
  const row = file?.liabilities.find((candidate) => candidate.id === liabilityId);
  const state = row ? file!.states.get(row.id) : undefined;
  if (!file || !row || !state) return null;
  const todayUk = ukDate(sources.cases.now());
  const deadlines = personDeadlines(file, state, todayUk);
  const objectionDue = file.policy.ok && state.penaltyNotice ? deadlineOf(state, file.policy.policyVersion, 'objectionDue') : undefined;
  const data = file.kase.incidentId ? ((await sources.incidentDataOf(sources.db, file.kase.incidentId)) as IncidentFindings | null) : null;
  const letters = (await lettersToLiabilities(sources.db, [row.id])).map((letter) => ({
    id: letter.id,
    form: letter.form,
    kind: letterKindPhrase(letter.form),
    date: letter.createdAt.toISOString().slice(0, 10),
    language: letter.language,
    href: `/portal/penalties/${row.id}/letters/${letter.id}`,
  }));
  const visible = new Set(viewer.visibleLiabilityIds);
  const drivers = row.role === 'driver' ? [] : file.liabilities.filter((other) => other.role === 'driver' && other.id !== row.id && visible.has(other.id)).map((other) => driverPenalty(file, other));
  return {
    liabilityId: row.id,
    caseReference: file.kase.reference,
    name: row.partyName,
    role: row.role,
    roleName: roleName(row.role),
    offence: row.offence,
    incidentDate: file.kase.incidentDate,
    vehicleRegistration: file.kase.vehicleRegistration,
    stage: state.stage,
    status: statusOf(state),
    amountPence: penaltyCancelled(state) ? 0 : (currentAmountPence(state) ?? null),
    paidPence: paidPence(state),
    outstandingPence: outstandingPence(state) ?? null,
    cancelled: penaltyCancelled(state),
    deadlines,
    reasons: reasonsOf(file, row, data, language),
    calculation: calculationOf(state),
    letters,
    payments: state.payments.map((payment) => ({ amountPence: payment.amountPence, receivedOn: payment.receivedOn })),
    nextSteps: nextStepsOf(state, row.id, deadlines, todayUk, objectionDue),
    drivers,
  };
}

/** A phrase in words, through the page's translator (`t` or `tText`) and money format (`tMoney`). */
export function phraseWith<T>(translate: (key: MessageKey, params?: MessageParams) => T, money: (pence: number) => string, date?: (iso: string) => string) {
  return (phrase: Phrase): T => {
    const params: Record<string, string | number> = { ...(phrase.params ?? {}) };
    for (const [name, pence] of Object.entries(phrase.money ?? {})) params[name] = money(pence);
    if (date && typeof params.date === 'string') params.date = date(params.date);
    return translate(phrase.key, params);
  };
}
