import { isAfter } from '../clock/calendar-date.js';
import type { LiabilityEvent } from './liability-events.js';
import type { LiabilityState } from './liability-state.js';

/**
 * The state after one event: the only place facts and stage change. `decide` folds its own events
 * through this to say which stage a command leads to, so the two cannot disagree.
 */
export function evolve(previous: LiabilityState, event: LiabilityEvent): LiabilityState {
  const { by, on } = event.payload;
  const state: LiabilityState = previous.involvedOfficerIds.includes(by)
    ? previous
    : { ...previous, involvedOfficerIds: [...previous.involvedOfficerIds, by] };

  switch (event.type) {
    case 'NoticeDetailsChecked':
      return { ...state, noticeDetailsCheck: { checkedBy: by, checkedOn: on, address: event.payload.address, checklist: event.payload.checklist } };
    case 'InitialNoticeSent': {
      const { initialNoticeResend: _resent, responseWindowClosedOn: _reopened, ...rest } = state;
      const sent: LiabilityState = {
        ...rest,
        stage: 'initial-notice-sent',
        initialNotices: [...state.initialNotices, { sentOn: on, address: event.payload.address }],
      };
      if (!event.payload.resend) return sent;
      // A re-sent notice opens a fresh response window: an earlier assurance no longer holds.
      const { approval: _stale, ...withoutApproval } = sent;
      return withoutApproval;
    }
    case 'InitialNoticeResendRequired':
      return { ...state, initialNoticeResend: { requiredOn: on, requiredBy: by, wrongAddress: event.payload.wrongAddress, reason: event.payload.reason } };
    case 'InitialNoticeResponseRecorded': {
      const { receivedOn, late, summary } = event.payload;
      const responses = [...state.responses, { receivedOn, late, summary }];
      return state.stage === 'initial-notice-sent'
        ? { ...state, responses, stage: 'response-window-closed', responseWindowClosedOn: on }
        : { ...state, responses };
    }
    case 'ResponseWindowClosed':
      return { ...state, stage: 'response-window-closed', responseWindowClosedOn: on };
    case 'RecommendationDrafted': {
      const { approval: _stale, ...rest } = state;
      const { amountPence, policyVersion, discretionApplied, steps, warnings, discretion, cpas } = event.payload;
      return {
        ...rest,
        stage: 'recommendation-drafted',
        recommendation: { draftedBy: by, draftedOn: on, amountPence, policyVersion, discretionApplied, steps, warnings, ...(discretion ? { discretion } : {}), ...(cpas ? { cpas } : {}) },
      };
    }
    case 'RecommendationReturned':
      return {
        ...state,
        stage: 'returned-by-assurer',
        assuranceReturns: [...state.assuranceReturns, { returnedBy: by, returnedOn: on, categories: event.payload.categories, text: event.payload.text }],
      };
    case 'RecommendationApproved':
      return {
        ...state,
        stage: 'assured',
        approval: { approvedBy: by, approvedOn: on, bySeniorOfficer: event.payload.bySeniorOfficer, ...(event.payload.checklist ? { checklist: event.payload.checklist } : {}) },
      };
    case 'PenaltyImposed':
      return { ...state, stage: 'imposed', penaltyNotice: { noticeDate: event.payload.noticeDate, amountPence: event.payload.amountPence, imposedBy: by } };
    case 'ObjectionReceived': {
      const { receivedOn, grounds, late, previousStage } = event.payload;
      return { ...state, stage: 'objection-received', objection: { receivedOn, grounds, late, stageBefore: previousStage } };
    }
    case 'LateObjectionAccepted':
    case 'LateObjectionRefused': {
      if (!state.objection) return state;
      const accepted = event.type === 'LateObjectionAccepted';
      const objection = { ...state.objection, lateDecision: { accepted, by, on, reason: event.payload.reason } };
      return event.type === 'LateObjectionRefused' ? { ...state, objection, stage: event.payload.returnTo } : { ...state, objection };
    }
    case 'ObjectionDeterminationDrafted': {
      if (!state.objection) return state;
      const { outcome, amountPence, previousAmountPence, reasons, steps, cpas } = event.payload;
      return { ...state, objection: { ...state.objection, draftDetermination: { outcome, draftedBy: by, draftedOn: on, amountPence, previousAmountPence, reasons, steps, ...(cpas ? { cpas } : {}) } } };
    }
    case 'ObjectionDeterminationReturned': {
      if (!state.objection) return state;
      const { draftDetermination: _returned, ...objection } = state.objection;
      const returned = { returnedBy: by, returnedOn: on, reason: event.payload.reason, determinedBy: event.payload.determinedBy };
      return { ...state, objection: { ...objection, determinationReturns: [...(objection.determinationReturns ?? []), returned] } };
    }
    case 'ObjectionDetermined': {
      if (!state.objection) return state;
      const { draftDetermination: _assured, ...objection } = state.objection;
      const { outcome, amountPence, reasons, determinedBy, checklist } = event.payload;
      // Since assurance, `by` is the assurer and the determination is the drafter's; older events had one officer.
      const assurance = determinedBy ? { decidedBy: determinedBy, assuredBy: by, ...(checklist ? { checklist } : {}) } : { decidedBy: by };
      return { ...withoutMeansReduction(state), stage: 'objection-determined', objection: { ...objection, determination: { outcome, decidedOn: on, amountPence, reasons, ...assurance } } };
    }
    case 'AppealLodged': {
      const { lodgedOn, inTime, court, claimNumber } = event.payload;
      return { ...state, stage: 'appeal-lodged', appeal: { lodgedOn, inTime, court, claimNumber } };
    }
    case 'AppealAllocated':
      return state.appeal ? { ...state, appeal: { ...state.appeal, allocatedTo: event.payload.officerId } } : state;
    case 'AppealDecided': {
      if (!state.appeal) return state;
      const { outcome, decidedOn, amountPence, costs } = event.payload;
      return { ...withoutMeansReduction(state), stage: 'appeal-decided', appeal: { ...state.appeal, decision: { outcome, decidedOn, amountPence, costs } } };
    }
    case 'PaymentDueConfirmed':
      return { ...state, stage: 'payment-due', payment: { ...state.payment, dueConfirmedOn: on } };
    case 'PaymentReceived': {
      const { amountPence, receivedOn, method, reference, paidBy } = event.payload;
      const last = state.payment.lastPaymentOn;
      return {
        ...state,
        payments: [...state.payments, { amountPence, receivedOn, method, reference, paidBy, recordedBy: by, recordedOn: on }],
        payment: { ...state.payment, lastPaymentOn: last && isAfter(last, receivedOn) ? last : receivedOn },
      };
    }
    case 'OverpaymentDetected':
      return { ...state, overpayment: { amountPence: event.payload.amountPence, detectedOn: on } };
    case 'RefundApproved':
    case 'RefundRefused': {
      const { overpayment: _decided, ...rest } = state;
      const refund = { approved: event.type === 'RefundApproved', amountPence: event.payload.amountPence, reason: event.payload.reason, decidedBy: by, decidedOn: on };
      return { ...rest, refunds: [...state.refunds, refund] };
    }
    case 'InstalmentsRequested':
      return { ...state, instalmentRequest: { requestedOn: event.payload.requestedOn, proposal: event.payload.proposal, recordedBy: by } };
    case 'InstalmentsRefused':
      return state.instalmentRequest
        ? { ...state, instalmentRequest: { ...state.instalmentRequest, decision: { agreed: false, by, on, reason: event.payload.reason } } }
        : state;
    case 'InstalmentPlanAgreed': {
      const request = state.instalmentRequest && !state.instalmentRequest.decision
        ? { instalmentRequest: { ...state.instalmentRequest, decision: { agreed: true, by, on, reason: null } } }
        : {};
      return {
        ...state,
        ...request,
        stage: 'instalments',
        instalmentPlan: { agreedBy: by, agreedOn: on, schedule: event.payload.schedule ?? [], paidBeforePence: event.payload.paidBeforePence ?? 0 },
        payment: { ...state.payment, instalmentsAgreedOn: on },
      };
    }
    case 'InstalmentPlanBroken':
      return state.instalmentPlan ? { ...state, instalmentPlan: { ...state.instalmentPlan, broken: { on, by, missed: event.payload.missed } } } : state;
    case 'PaymentOverdue':
      return { ...state, stage: 'overdue', payment: { ...state.payment, overdueFrom: on } };
    case 'PaidInFull': {
      const last = state.payment.lastPaymentOn;
      const paidOn = event.payload.paidOn;
      return { ...state, stage: 'paid', payment: { ...state.payment, paidOn, lastPaymentOn: last && isAfter(last, paidOn) ? last : paidOn } };
    }
    case 'ReviewStarted':
      return { ...state, review: { reason: event.payload.reason, note: event.payload.note, startedBy: by, startedOn: on } };
    case 'ReviewEnded': {
      const { review: _ended, ...rest } = state;
      return rest;
    }
    case 'LiabilityClosed':
      return { ...state, stage: 'closed', closedOn: on };
    case 'WriteOffProposed': {
      const { reason, explanation, previousStage } = event.payload;
      return { ...state, stage: 'write-off-proposed', writeOff: { reason, explanation, proposedBy: by, proposedOn: on, stageBefore: previousStage } };
    }
    case 'WriteOffApproved':
      return state.writeOff
        ? { ...state, stage: 'written-off', writeOff: { ...state.writeOff, approvedBy: by, writtenOffOn: event.payload.writtenOffOn } }
        : state;
    case 'WriteOffRejected': {
      const { writeOff: _rejected, ...rest } = state;
      return { ...rest, stage: event.payload.returnTo };
    }
    case 'CriminalInvestigationReferred': {
      const { referredOn, team, previousStage } = event.payload;
      return { ...state, stage: 'criminal-investigation', investigation: { referredOn, team, stageBefore: previousStage } };
    }
    case 'CriminalInvestigationDeclined':
    case 'CriminalInvestigationReturned':
      return { ...state, stage: event.payload.returnTo };
    case 'CriminalInvestigationAccepted':
      return state.investigation
        ? { ...state, stage: 'criminal-investigation-accepted', investigation: { ...state.investigation, acceptedOn: event.payload.decidedOn } }
        : state;
    case 'CpasOverrideConfirmed':
      return state.recommendation
        ? { ...state, recommendation: { ...state.recommendation, cpasOverrideConfirmation: { confirmedBy: by, confirmedOn: on, note: event.payload.note } } }
        : state;
    case 'DiscretionApproved':
      return state.recommendation
        ? { ...state, recommendation: { ...state.recommendation, discretionApproval: { approvedBy: by, approvedOn: on, note: event.payload.note } } }
        : state;
    case 'MeansReductionProposed': {
      const { requestedOn, amountPence, previousAmountPence, basis, reasons, paymentDue } = event.payload;
      const proposal = { requestedOn, amountPence, previousAmountPence, basis, reasons, paymentDue, proposedBy: by, proposedOn: on };
      return { ...state, meansReductions: [...(state.meansReductions ?? []), proposal] };
    }
    case 'MeansReductionAssured':
    case 'MeansReductionRefused': {
      const reductions = state.meansReductions ?? [];
      const last = reductions[reductions.length - 1];
      if (!last || last.decision) return state;
      const approved = event.type === 'MeansReductionAssured';
      const decided = { ...last, decision: { approved, by, on, reason: event.payload.reason } };
      return {
        ...state,
        meansReductions: [...reductions.slice(0, -1), decided],
        ...(approved ? { meansReducedAmountPence: event.payload.amountPence } : {}),
      };
    }
    case 'LegacyStatusMigrated':
      // The legacy record's stage, as it was: the imported events before it carry every dated fact.
      return { ...state, stage: event.payload.stage, migratedStatus: { status: event.payload.status, nothingOwed: event.payload.nothingOwed } };
    case 'NotReferralDecided':
      return { ...state, stage: 'not-referred', notReferred: { reasonCode: event.payload.reasonCode, explanation: event.payload.explanation, decidedBy: by, decidedOn: on } };
  }
}

/** An objection or the court decides afresh from the amount in force: a means reduction before it no longer sets the amount. */
function withoutMeansReduction(state: LiabilityState): LiabilityState {
  const { meansReducedAmountPence: _replaced, ...rest } = state;
  return rest;
}

export function applyEvents(state: LiabilityState, events: readonly LiabilityEvent[]): LiabilityState {
  return events.reduce(evolve, state);
}
