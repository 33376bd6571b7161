import { eq } from 'drizzle-orm';
import type { Db } from '../../../platform/database/client.js';
import { readStream } from '../../../platform/events/event-store.js';
import type { Means } from '../../../domain/penalty/penalty-input.js';
import { isFinished } from '../../../domain/liability/stages.js';
import { CASEWORKERS } from '../../identity/roles.js';
import type { CasePageSection } from '../case-page-sections.js';
import { liabilities } from '../schema.js';
import { MEANS_ASSURERS } from './means-commands.js';
import { assuredMeans, meansAssessmentsOf } from './means-record.js';
import { describeAssessment } from './means-view.js';
import { reductionSuggestion } from './means-decisions.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The case page's means section: per liability, its assessments (newest first) and what this officer may do. */
export const meansSection: CasePageSection = {
  name: 'means',
  async load(file, actor) {
    const mayRecord = actor.roles.some((role) => (CASEWORKERS as readonly string[]).includes(role));
    const mayAssure = actor.roles.some((role) => (MEANS_ASSURERS as readonly string[]).includes(role));
    return Object.fromEntries(
      file.liabilities.map((row) => {
        const assessments = meansAssessmentsOf(file.events, row.id);
        const awaiting = assessments.find((a) => a.status === 'awaiting-assurance');
        const open = !isFinished(file.states.get(row.id)!.stage);
        return [
          row.id,
          {
            assessments: assessments.map(describeAssessment).reverse(),
            inForce: assuredMeans(assessments) ?? null,
            canRecord: mayRecord && open,
            canAssure: Boolean(awaiting) && mayAssure && open && awaiting!.recordedBy !== actor.id,
            // After imposition: the reduction the assessment points to, and each reduction proposed and decided.
            suggestion: reductionSuggestion(file, row),
            reductions: (file.states.get(row.id)!.meansReductions ?? []).map((r) => ({
              ...r,
              proposedByName: file.events.find((event) => event.actorId === r.proposedBy)?.actorName ?? r.proposedBy,
              decidedByName: r.decision ? (file.events.find((event) => event.actorId === r.decision!.by)?.actorName ?? r.decision.by) : null,
            })).reverse(),
          },
        ];
      }),
    );
  },
};

/** The assured means result the calculator takes for a liability (nothing until an assurer has assured one). */
export function meansFor(db: Db) {
  return async (liabilityId: string): Promise<Means | undefined> => {
    if (!UUID.test(liabilityId)) return undefined;
    const [row] = await db.select({ caseId: liabilities.caseId }).from(liabilities).where(eq(liabilities.id, liabilityId));
    if (!row) return undefined;
    return assuredMeans(meansAssessmentsOf(await readStream(db, `case-${row.caseId}`), liabilityId));
  };
}
