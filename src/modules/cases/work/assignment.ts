import { z } from 'zod';
import type { Decision } from '../../../platform/events/command.js';
import { isFinished, stageLabel, type Stage } from '../../../domain/liability/stages.js';
import type { Role } from '../../identity/roles.js';
import { caseCommand } from '../case-command.js';
import type { CaseFile } from '../case-file.js';
import { CASE_EVENT } from '../../../domain/case/events.js';

/** Who works cases: they can claim one, and a case can be assigned to them. */
export const CASE_OFFICERS: readonly Role[] = ['caseworker-ao', 'caseworker-eo', 'assurer-ho', 'senior-officer'];
/** Who hands out work: assign (one case or many) to any case officer. */
export const ASSIGNERS: readonly Role[] = ['manager', 'senior-officer'];
/** Who may take a case off an officer's list and put it back in the queue. */
export const UNASSIGNERS: readonly Role[] = ['manager'];

export const CASE_ASSIGNMENT_EVENTS = [CASE_EVENT.CaseClaimed, CASE_EVENT.CaseAssigned, CASE_EVENT.CaseUnassigned] as const;

const reference = z.string({ message: 'Give the case reference' }).trim().min(1, 'Give the case reference');
const officerId = z.uuid({ message: 'Choose the officer to give the case to' });

/** Read from the identity service before the command runs: every user's name, and who can be given a case. */
export interface Officers {
  names: ReadonlyMap<string, string>;
  assignable: ReadonlySet<string>;
}

function finishedRefusal(file: CaseFile, what: string): Decision | null {
  if (!isFinished(file.kase.stage as Stage)) return null;
  return { ok: false, message: `This case is ${stageLabel(file.kase.stage).toLowerCase()}: nothing is left to do on it, so it cannot be ${what}.` };
}

/**
 * Claim, assign and unassign: case-level commands on the case stream, so the timeline shows who had
 * the case when, and two officers claiming at once cannot both win (the case row is locked and the
 * second sees the first's claim). Whoever loses a case is told on their work page.
 */
export function assignmentCommands({ names, assignable }: Officers) {
  const nameOf = (id: string | null | undefined) => (id ? (names.get(id) ?? 'another officer') : null);

  const claim = caseCommand({
    name: 'claimCase',
    input: z.object({ reference }),
    roles: CASE_OFFICERS,
    decide(file, _input, { actor }) {
      const finished = finishedRefusal(file, 'claimed');
      if (finished) return finished;
      if (file.kase.assignedTo === actor.id) return { ok: false, message: 'You already have this case: it is on your work list.' };
      if (file.kase.assignedTo) {
        return { ok: false, message: `${nameOf(file.kase.assignedTo)} already has this case, so you cannot claim it. Ask a manager if it should be yours.` };
      }
      return { ok: true, events: [{ type: CASE_EVENT.CaseClaimed, payload: { officerId: actor.id, officerName: actor.name } }] };
    },
    async project(_tx, { file, version }) {
      return { reference: file.kase.reference, version };
    },
  });

  const assign = caseCommand({
    name: 'assignCase',
    input: z.object({ reference, officerId }),
    roles: ASSIGNERS,
    decide(file, input) {
      const finished = finishedRefusal(file, 'assigned');
      if (finished) return finished;
      if (!assignable.has(input.officerId)) return { ok: false, message: 'Choose an officer who works cases', errors: [{ field: 'officerId', message: 'Choose an officer who works cases' }] };
      if (file.kase.assignedTo === input.officerId) return { ok: false, message: `${nameOf(input.officerId)} already has this case.` };
      return {
        ok: true,
        events: [
          {
            type: CASE_EVENT.CaseAssigned,
            payload: {
              officerId: input.officerId,
              officerName: nameOf(input.officerId),
              previousOfficerId: file.kase.assignedTo ?? null,
              previousOfficerName: nameOf(file.kase.assignedTo),
            },
          },
        ],
      };
    },
    // Whoever loses the case is told: the cases projector makes the message from the event.
    async project(_tx, { file, version }) {
      return { reference: file.kase.reference, version };
    },
  });

  const unassign = caseCommand({
    name: 'unassignCase',
    input: z.object({ reference }),
    roles: UNASSIGNERS,
    decide(file) {
      if (!file.kase.assignedTo) return { ok: false, message: 'Nobody has this case: it is already in the queue to be claimed.' };
      return { ok: true, events: [{ type: CASE_EVENT.CaseUnassigned, payload: { previousOfficerId: file.kase.assignedTo, previousOfficerName: nameOf(file.kase.assignedTo) } }] };
    },
    async project(_tx, { file, version }) {
      return { reference: file.kase.reference, version };
    },
  });

  return { claim, assign, unassign };
}
