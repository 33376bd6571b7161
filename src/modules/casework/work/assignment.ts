import { z } from 'zod';
import type { Role } from '../../identity/roles.js';
import { caseCommand } from '../case-command.js';
import type { CaseFile } from '../case-file.js';
import { CASE_EVENT } from '../../../domain/case/events.js';
import { decideAssignCase, decideClaimCase, decideUnassignCase, type Officers } from '../../../domain/case/assignment.js';

export type { Officers };

/** Who works cases: they can claim one, and a case can be assigned to them. */
export const CASE_OFFICERS: readonly Role[] = ['caseworker-ao', 'caseworker-eo', 'assurer-ho', 'senior-officer'];
/** Who hands out work: assign (one case or many) to any case officer. */
export const ASSIGNERS: readonly Role[] = ['manager', 'senior-officer'];
/** Who may take a case off an officer's list and put it back in the queue. */
export const UNASSIGNERS: readonly Role[] = ['manager'];

export const CASE_ASSIGNMENT_EVENTS = [CASE_EVENT.CaseClaimed, CASE_EVENT.CaseAssigned, CASE_EVENT.CaseUnassigned] as const;

const reference = z.string({ message: 'Give the case reference' }).trim().min(1, 'Give the case reference');
const officerId = z.uuid({ message: 'Choose the officer to give the case to' });

/**
 * Claim, assign and unassign: case-level commands on the case stream, so the timeline shows who had
 * the case when, and two officers claiming at once cannot both win (the case row is locked and the
 * second sees the first's claim). Whoever loses a case is told on their work page.
 */
export function assignmentCommands(officers: Officers) {
  const claim = caseCommand({
    name: 'claimCase',
    input: z.object({ reference }),
    roles: CASE_OFFICERS,
    facts: { officers },
    decide: decideClaimCase,
    async project(_tx, { file, version }) {
      return { reference: file.kase.reference, version };
    },
  });

  const assign = caseCommand({
    name: 'assignCase',
    input: z.object({ reference, officerId }),
    roles: ASSIGNERS,
    facts: { officers },
    decide: decideAssignCase,
    // Whoever loses the case is told: the cases projector makes the message from the event.
    async project(_tx, { file, version }) {
      return { reference: file.kase.reference, version };
    },
  });

  const unassign = caseCommand({
    name: 'unassignCase',
    input: z.object({ reference }),
    roles: UNASSIGNERS,
    facts: { officers },
    decide: decideUnassignCase,
    async project(_tx, { file, version }) {
      return { reference: file.kase.reference, version };
    },
  });

  return { claim, assign, unassign };
}
