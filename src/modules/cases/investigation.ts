import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { CommandDefinition } from '../../platform/events/command.js';
import { isRealDate } from '../../domain/incident/referral.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import { CASEWORKERS, REFERRERS } from '../identity/roles.js';
import { cases, liabilities } from './schema.js';

const date = (what: string) => z.string({ message: `Enter the ${what}` }).regex(/^\d{4}-\d{2}-\d{2}$/, `Enter the ${what} as year-month-day`).refine(isRealDate, `Enter a real ${what}`);

export const referForInvestigationInput = z.object({
  reference: z.string(),
  referredOn: date('date of the referral'),
  team: z.string({ message: 'Enter the investigation team' }).trim().min(2, 'Enter the investigation team').max(200),
  investigationReference: z.string().trim().max(100).optional(),
});

type State = { caseId: string; stage: string; incidentDate: string };

async function loadCase(tx: Parameters<CommandDefinition<unknown, unknown, unknown>['load']>[0], reference: string) {
  const [row] = await tx.select({ id: cases.id, version: cases.version, stage: cases.stage, incidentDate: cases.incidentDate }).from(cases).where(eq(cases.reference, reference));
  return row ? { streamId: `case-${row.id}`, version: row.version, state: { caseId: row.id, stage: row.stage, incidentDate: row.incidentDate } } : null;
}

async function setStage(tx: Parameters<CommandDefinition<unknown, unknown, unknown>['load']>[0], caseId: string, stage: string, version: number) {
  await tx.update(cases).set({ stage, version }).where(eq(cases.id, caseId));
  await tx.update(liabilities).set({ stage }).where(eq(liabilities.caseId, caseId));
}

/**
 * Facilitation suspected: the case waits for the investigation team. Its 180-day clock keeps
 * running and stays on the case page throughout (DOMAIN.md §5).
 */
export const referForInvestigation: CommandDefinition<z.infer<typeof referForInvestigationInput>, State, { stage: string }> = {
  name: 'referForCriminalInvestigation',
  input: referForInvestigationInput,
  roles: [...REFERRERS, ...CASEWORKERS],
  streamType: 'case',
  load: (tx, input) => loadCase(tx, input.reference),
  decide(state, input, { now }) {
    if (state.stage === 'criminal-investigation' || state.stage === 'criminal-investigation-accepted') {
      return { ok: false, message: 'This case is already with a criminal investigation team' };
    }
    if (input.referredOn > ukDate(now)) return { ok: false, message: 'The referral date cannot be in the future', errors: [{ field: 'referredOn', message: 'The referral date cannot be in the future' }] };
    if (input.referredOn < state.incidentDate) return { ok: false, message: 'The referral date cannot be before the incident', errors: [{ field: 'referredOn', message: 'The referral date cannot be before the incident' }] };
    return { ok: true, events: [{ type: 'CriminalInvestigationReferred', payload: { referredOn: input.referredOn, team: input.team, investigationReference: input.investigationReference ?? null, previousStage: state.stage } }] };
  },
  async project(tx, { state, version }) {
    await setStage(tx, state.caseId, 'criminal-investigation', version);
    return { stage: 'criminal-investigation' };
  },
};

export const investigationOutcomeInput = z.object({
  reference: z.string(),
  outcome: z.enum(['declined', 'accepted'], { message: 'Choose whether the team took the case or declined it' }),
  decidedOn: date('date of the decision'),
  note: z.string().trim().max(2000).optional(),
});

/** The team's answer: declined returns the case to the caseworkers' queue; accepted keeps it waiting. */
export const recordInvestigationOutcome: CommandDefinition<z.infer<typeof investigationOutcomeInput>, State, { stage: string }> = {
  name: 'recordCriminalInvestigationOutcome',
  input: investigationOutcomeInput,
  roles: CASEWORKERS,
  streamType: 'case',
  load: (tx, input) => loadCase(tx, input.reference),
  decide(state, input, { now }) {
    if (state.stage !== 'criminal-investigation' && state.stage !== 'criminal-investigation-accepted') {
      return { ok: false, message: 'This case has not been referred for criminal investigation' };
    }
    if (input.decidedOn > ukDate(now)) return { ok: false, message: 'The decision date cannot be in the future', errors: [{ field: 'decidedOn', message: 'The decision date cannot be in the future' }] };
    return { ok: true, events: [{ type: input.outcome === 'declined' ? 'CriminalInvestigationDeclined' : 'CriminalInvestigationAccepted', payload: { decidedOn: input.decidedOn, note: input.note ?? null } }] };
  },
  async project(tx, { state, input, version }) {
    const stage = input.outcome === 'declined' ? 'case-created' : 'criminal-investigation-accepted';
    await setStage(tx, state.caseId, stage, version);
    return { stage };
  },
};
