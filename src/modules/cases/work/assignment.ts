import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../platform/database/client.js';
import { monotonicId } from '../../../platform/ids.js';
import type { Role } from '../../identity/roles.js';
import { caseCommand } from '../case-command.js';
import type { CaseFile } from '../case-file.js';
import { cases, officerNotifications } from '../schema.js';
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

async function setAssignee(tx: Db, file: CaseFile, officer: string | null, now: Date) {
  await tx
    .update(cases)
    .set({ assignedTo: officer, assignedAt: officer ? now : null })
    .where(eq(cases.id, file.kase.id));
}

async function notify(tx: Db, userId: string, file: CaseFile, message: string, now: Date) {
  await tx.insert(officerNotifications).values({ id: monotonicId(), userId, caseId: file.kase.id, message, createdAt: now });
}

/**
 * Claim, assign and unassign: case-level commands on the case stream, so the timeline shows who had
 * the case when, and two officers claiming at once cannot both win (the case row is locked and the
 * second sees the first's claim). Whoever loses a case is told on their work page.
 */
export function assignmentCommands(officers: Officers) {
  const nameOf = (id: string | null | undefined) => (id ? (officers.names.get(id) ?? 'another officer') : null);

  const claim = caseCommand({
    name: 'claimCase',
    input: z.object({ reference }),
    roles: CASE_OFFICERS,
    facts: { officers },
    decide: decideClaimCase,
    async project(tx, { file, actor, now, version }) {
      await setAssignee(tx, file, actor.id, now);
      return { reference: file.kase.reference, version };
    },
  });

  const assign = caseCommand({
    name: 'assignCase',
    input: z.object({ reference, officerId }),
    roles: ASSIGNERS,
    facts: { officers },
    decide: decideAssignCase,
    async project(tx, { file, input, actor, now, version }) {
      await setAssignee(tx, file, input.officerId, now);
      const previous = file.kase.assignedTo;
      if (previous && previous !== actor.id) {
        await notify(tx, previous, file, `${actor.name} gave case ${file.kase.reference} to ${nameOf(input.officerId)}. It is no longer on your work list.`, now);
      }
      return { reference: file.kase.reference, version };
    },
  });

  const unassign = caseCommand({
    name: 'unassignCase',
    input: z.object({ reference }),
    roles: UNASSIGNERS,
    facts: { officers },
    decide: decideUnassignCase,
    async project(tx, { file, actor, now, version }) {
      await setAssignee(tx, file, null, now);
      const previous = file.kase.assignedTo!;
      if (previous !== actor.id) {
        await notify(tx, previous, file, `${actor.name} took case ${file.kase.reference} off your work list. It is back in the queue to be claimed.`, now);
      }
      return { reference: file.kase.reference, version };
    },
  });

  return { claim, assign, unassign };
}
