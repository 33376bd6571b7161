import { isFinished } from '../liability/stages.js';
import type { CompanyBand } from '../penalty/penalty-input.js';
import type { CaseDecisionContext, CaseFile } from './case-file.js';
import type { CaseDecision } from './decision.js';
import { CASE_EVENT } from './events.js';
import { meansAssessmentsOf, type MeansRecordedPayload } from './means-record.js';
import { companySuggestion, individualSuggestion } from './means-suggestion.js';

/* Recording a means assessment (the officer's decision on the domain's suggestion) and assuring it. */

type CompanyRecorded = Extract<MeansRecordedPayload, { kind: 'company' }>;
type IndividualRecorded = Extract<MeansRecordedPayload, { kind: 'individual' }>;

/** What the officer entered: a company's figures and band, or an individual's payslips and amount; a reason where it differs from the suggestion. */
export type MeansAssessmentEntered =
  | { kind: 'company'; figures: CompanyRecorded['inputs']; rate: CompanyRecorded['rate']; decision: { band: CompanyBand; reason: string | null } }
  | { kind: 'individual'; payslips: IndividualRecorded['inputs']['payslips']; decision: { assessedAmountPence: number; reason: string | null } };

function liabilityProblem(file: CaseFile, liabilityId: string): string | null {
  const state = file.states.get(liabilityId);
  if (!state) return 'That responsible person is not on this case';
  if (isFinished(state.stage)) return 'This liability is finished: there is nothing left to means test';
  return null;
}

/** The suggestion is worked out again from the figures; a decision that differs from it needs a reason. */
export function decideRecordMeansAssessment(file: CaseFile, input: { liabilityId: string; assessmentId: string; assessment: MeansAssessmentEntered }): CaseDecision {
  const problem = liabilityProblem(file, input.liabilityId);
  if (problem) return { ok: false, message: problem };
  if (!file.policy.ok) return { ok: false, message: file.policy.reasons.join(' ') };
  const parameters = file.policy.policyVersion.parameters;
  const a = input.assessment;
  const suggestion = a.kind === 'company' ? companySuggestion(a.figures, parameters) : individualSuggestion(a.payslips, parameters);
  if (!suggestion.ok) return { ok: false, message: suggestion.reasons.join(' '), errors: suggestion.reasons.map((message) => ({ field: a.kind === 'company' ? 'turnover' : 'payslip1', message })) };
  const differs = suggestion.kind === 'company' ? a.kind === 'company' && a.decision.band !== suggestion.band : a.kind === 'individual' && a.decision.assessedAmountPence !== suggestion.amountPence;
  const why = a.decision.reason?.trim() || null;
  if (differs && !why) return { ok: false, message: 'Enter why your decision differs from the suggestion', errors: [{ field: 'reason', message: 'Enter why your decision differs from the suggestion' }] };
  const common = { liabilityId: input.liabilityId, assessmentId: input.assessmentId };
  let payload: MeansRecordedPayload;
  if (a.kind === 'company' && suggestion.kind === 'company') {
    payload = { ...common, kind: 'company', inputs: a.figures, rate: a.rate, suggestion: { band: suggestion.band, explanation: suggestion.explanation }, decision: { band: a.decision.band, reason: why } };
  } else if (a.kind === 'individual' && suggestion.kind === 'individual') {
    payload = { ...common, kind: 'individual', inputs: { payslips: a.payslips }, rate: null, suggestion: { amountPence: suggestion.amountPence, explanation: suggestion.explanation }, decision: { assessedAmountPence: a.decision.assessedAmountPence, reason: why } };
  } else {
    throw new Error('the suggestion is of another kind than the assessment');
  }
  return { ok: true, events: [{ type: CASE_EVENT.MeansAssessmentRecorded, payload }] };
}

/** Another officer than the one who recorded it assures the assessment, or returns it with a reason. */
export function decideAssureMeansAssessment(
  file: CaseFile,
  input: { liabilityId: string; assessmentId: string; outcome: 'assure' | 'return'; reason?: string | undefined },
  { actor }: CaseDecisionContext,
): CaseDecision {
  const problem = liabilityProblem(file, input.liabilityId);
  if (problem) return { ok: false, message: problem };
  const assessment = meansAssessmentsOf(file.events, input.liabilityId).find((a) => a.recorded.assessmentId === input.assessmentId);
  if (!assessment) return { ok: false, message: 'That means assessment is not on this case' };
  if (assessment.status !== 'awaiting-assurance') return { ok: false, message: `That means assessment was already ${assessment.status}` };
  if (assessment.recordedBy === actor.id) return { ok: false, message: 'You recorded this means assessment, so another officer must assure it' };
  if (input.outcome === 'return') {
    if (!input.reason) return { ok: false, message: 'Enter why the assessment is returned', errors: [{ field: 'reason', message: 'Enter why the assessment is returned' }] };
    return { ok: true, events: [{ type: CASE_EVENT.MeansAssessmentReturned, payload: { liabilityId: input.liabilityId, assessmentId: input.assessmentId, reason: input.reason } }] };
  }
  return { ok: true, events: [{ type: CASE_EVENT.MeansAssessmentAssured, payload: { liabilityId: input.liabilityId, assessmentId: input.assessmentId } }] };
}
