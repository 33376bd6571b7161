import type { Services } from '../app.js';
import { SYSTEM_ACTOR } from '../modules/identity/service.js';
import { seedRecommendationId } from '../modules/recommendations/service.js';
import { addDays } from '../domain/clock/calendar-date.js';
import { ukDate } from '../domain/reference/uk-date.js';

/**
 * The register for the demo: the seed inspections' recommendations (as `cordon recommendations load`
 * records them), then some work on the 2025 report's: 6d owned by the demo manager and overdue,
 * 3d owned by the demo analyst with an action, and 6a closed on evidence and waiting for its check.
 * Each step is taken only when the recommendation has not had it, so a second run changes nothing.
 */
export async function seedDemoRecommendations(services: Services, now: Date): Promise<void> {
  await services.recommendations.preload({ actor: SYSTEM_ACTOR, now });
  const users = await services.identity.listUsers();
  const manager = users.find((u) => u.username === 'manager');
  const analyst = users.find((u) => u.username === 'analyst');
  if (!manager || !analyst) return;
  const as = { actor: { id: manager.id, name: manager.displayName, roles: manager.roles }, now };
  const today = ukDate(now);
  const of = (number: string) => services.recommendations.get(seedRecommendationId('clandestine-entrants-2025', number));
  const must = (what: string, outcome: { ok: boolean; message?: string }) => {
    if (!outcome.ok) throw new Error(`Demo recommendations: ${what}: ${outcome.message ?? ''}`);
  };

  const sixD = await of('6d');
  if (sixD && !sixD.ownerId) must('6d owner', await services.recommendations.assignOwner(sixD.id, { ownerId: manager.id, dueDate: addDays(today, -14) }, as));

  const threeD = await of('3d');
  if (threeD && !threeD.ownerId) {
    must('3d owner', await services.recommendations.assignOwner(threeD.id, { ownerId: analyst.id, dueDate: addDays(today, 60) }, as));
    must('3d action', await services.recommendations.addAction(threeD.id, { description: 'Publish the PPST level each role needs, and list the officers out of ticket each month (Officers’ training page).', dueDate: addDays(today, 30) }, as));
  }

  const sixA = await of('6a');
  if (sixA && sixA.status === 'open' && sixA.evidenceCount === 0) {
    must('6a owner', await services.recommendations.assignOwner(sixA.id, { ownerId: manager.id, dueDate: addDays(today, 7) }, as));
    must('6a evidence', await services.recommendations.recordEvidence(sixA.id, { description: 'The penalty team’s telephone number and email address are published on the contact page, and questions are answered within the service level.', link: '/contact' }, as));
    must('6a closed', await services.recommendations.close(sixA.id, { summary: 'Contact details published; questions tracked in Cordon.', embeddedCheckDue: addDays(today, 182) }, as));
  }
}
