import { isFinished, stageLabel, type Stage } from '../liability/stages.js';
import type { CaseDecisionContext, CaseFile } from './case-file.js';
import type { CaseDecision, CaseRefusal } from './decision.js';
import { CASE_EVENT } from './events.js';

/* Claim, assign and unassign a case: who has it on their work list. */

/** Read from the identity service before the command runs: every user's name, and who can be given a case. */
export interface Officers {
  names: ReadonlyMap<string, string>;
  assignable: ReadonlySet<string>;
}

/** The case with the officers the decision names and checks. */
export type CaseWithOfficers = CaseFile & { officers: Officers };

const nameOf = (officers: Officers, id: string | null | undefined) => (id ? (officers.names.get(id) ?? 'another officer') : null);

function finishedRefusal(file: CaseFile, what: string): CaseRefusal | null {
  if (!isFinished(file.kase.stage as Stage)) return null;
  return { ok: false, message: `This case is ${stageLabel(file.kase.stage).toLowerCase()}: nothing is left to do on it, so it cannot be ${what}.` };
}

/** An officer takes an open case nobody has. */
export function decideClaimCase(file: CaseWithOfficers, _input: unknown, { actor }: CaseDecisionContext): CaseDecision {
  const finished = finishedRefusal(file, 'claimed');
  if (finished) return finished;
  // A case is held by an officer: an API token (or a disabled account) is not one, and cannot hold it.
  if (!file.officers.assignable.has(actor.id)) {
    return { ok: false, message: 'Only an officer who works cases, signed in as themselves, can claim a case. To give it to someone, use "Give this case to an officer".' };
  }
  if (file.kase.assignedTo === actor.id) return { ok: false, message: 'You already have this case: it is on your work list.' };
  if (file.kase.assignedTo) {
    return { ok: false, message: `${nameOf(file.officers, file.kase.assignedTo)} already has this case, so you cannot claim it. Ask a manager if it should be yours.` };
  }
  return { ok: true, events: [{ type: CASE_EVENT.CaseClaimed, payload: { officerId: actor.id, officerName: actor.name } }] };
}

/** A manager or senior officer gives an open case to an officer who works cases (and does not have it). */
export function decideAssignCase(file: CaseWithOfficers, input: { officerId: string }): CaseDecision {
  const finished = finishedRefusal(file, 'assigned');
  if (finished) return finished;
  if (!file.officers.assignable.has(input.officerId)) return { ok: false, message: 'Choose an officer who works cases', errors: [{ field: 'officerId', message: 'Choose an officer who works cases' }] };
  if (file.kase.assignedTo === input.officerId) return { ok: false, message: `${nameOf(file.officers, input.officerId)} already has this case.` };
  return {
    ok: true,
    events: [
      {
        type: CASE_EVENT.CaseAssigned,
        payload: {
          officerId: input.officerId,
          officerName: nameOf(file.officers, input.officerId),
          previousOfficerId: file.kase.assignedTo ?? null,
          previousOfficerName: nameOf(file.officers, file.kase.assignedTo),
        },
      },
    ],
  };
}

/** A manager puts a case somebody has back in the queue. */
export function decideUnassignCase(file: CaseWithOfficers): CaseDecision {
  if (!file.kase.assignedTo) return { ok: false, message: 'Nobody has this case: it is already in the queue to be claimed.' };
  return { ok: true, events: [{ type: CASE_EVENT.CaseUnassigned, payload: { previousOfficerId: file.kase.assignedTo, previousOfficerName: nameOf(file.officers, file.kase.assignedTo) } }] };
}
