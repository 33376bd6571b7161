import { z } from 'zod';
import { COMPANY_BANDS } from '../../../domain/penalty/penalty-input.js';
import { isFinished } from '../../../domain/liability/stages.js';
import type { Decision } from '../../../platform/events/command.js';
import { CASEWORKERS } from '../../identity/roles.js';
import { caseCommand } from '../case-command.js';
import type { CaseFile } from '../case-file.js';
import { meansAssessmentsOf, type MeansRecordedPayload } from './means-record.js';
import { companySuggestion, individualSuggestion } from './means-suggestion.js';
import { CASE_EVENT } from '../../../domain/case/events.js';

/* Recording a means assessment (the officer's decision on the domain's suggestion) and assuring it. */

export const MEANS_ASSURERS = ['assurer-ho', 'senior-officer'] as const;

const euros = z.number().int().nonnegative().nullable();
const reason = z.string().trim().max(2000).nullable();

const recordInput = z.object({
  reference: z.string(),
  liabilityId: z.string(),
  assessmentId: z.uuid(),
  assessment: z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('company'),
      figures: z.object({
        currency: z.string().regex(/^[A-Z]{3}$/),
        turnover: z.string().nullable(),
        balanceSheetTotal: z.string().nullable(),
        headcount: z.number().int().nonnegative(),
        turnoverEuro: euros,
        balanceSheetTotalEuro: euros,
      }),
      rate: z.object({ eurosPerUnit: z.string(), source: z.string().min(1), date: z.string() }).nullable(),
      decision: z.object({ band: z.enum(COMPANY_BANDS), reason }),
    }),
    z.object({
      kind: z.literal('individual'),
      payslips: z.array(z.object({ month: z.string().regex(/^\d{4}-\d{2}$/), grossPence: z.number().int().nonnegative() })),
      decision: z.object({ assessedAmountPence: z.number().int().nonnegative(), reason }),
    }),
  ]),
});

function liabilityProblem(file: CaseFile, liabilityId: string): string | null {
  const state = file.states.get(liabilityId);
  if (!state) return 'That responsible person is not on this case';
  if (isFinished(state.stage)) return 'This liability is finished: there is nothing left to means test';
  return null;
}

export const recordMeansAssessment = caseCommand({
  name: 'recordMeansAssessment',
  input: recordInput,
  roles: CASEWORKERS,
  decide(file, input): Decision {
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
  },
});

export const assureMeansAssessment = caseCommand({
  name: 'assureMeansAssessment',
  input: z.object({
    reference: z.string(),
    liabilityId: z.string(),
    assessmentId: z.string(),
    outcome: z.enum(['assure', 'return']),
    reason: z.string().trim().max(2000).optional(),
  }),
  roles: MEANS_ASSURERS,
  decide(file, input, { actor }): Decision {
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
  },
});
