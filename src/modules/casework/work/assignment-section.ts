import { isFinished, type Stage } from '../../../domain/liability/stages.js';
import type { CasePageSection } from '../case-page-sections.js';
import { ASSIGNERS, CASE_OFFICERS, UNASSIGNERS } from './assignment.js';
import type { WorkService } from './service.js';

const holds = (roles: readonly string[], allowed: readonly string[]) => roles.some((role) => allowed.includes(role));

/** "Who has this case" on the case page, with Claim, Assign and Return to queue where the viewer may. */
export function assignmentSection(work: WorkService): CasePageSection {
  return {
    name: 'assignment',
    async load(file, actor) {
      const finished = isFinished(file.kase.stage as Stage);
      const officers = await work.officers();
      const assignedTo = file.kase.assignedTo;
      const canAssign = !finished && holds(actor.roles, ASSIGNERS);
      return {
        reference: file.kase.reference,
        version: file.kase.version,
        finished,
        assignedTo: assignedTo ? { id: assignedTo, name: officers.names.get(assignedTo) ?? 'an officer no longer listed', isMe: assignedTo === actor.id } : null,
        assignedAt: file.kase.assignedAt,
        canClaim: !finished && !assignedTo && holds(actor.roles, CASE_OFFICERS),
        canAssign,
        canUnassign: Boolean(assignedTo) && holds(actor.roles, UNASSIGNERS),
        officers: canAssign ? officers.choices.map((o) => ({ value: o.id, text: o.name, selected: o.id === assignedTo })) : [],
      };
    },
  };
}
