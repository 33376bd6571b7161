import type { CasePageSection } from '../casework/case-page-sections.js';
import type { InformationRequestsService } from './service.js';

const ASKERS = ['caseworker-ao', 'caseworker-eo', 'assurer-ho', 'senior-officer', 'manager'];

/** The case page's "Requests for information" section: each request, its answers and files, overdue flagged. */
export function informationRequestsSection(requests: InformationRequestsService): CasePageSection {
  return {
    name: 'information-requests',
    async load(file, actor) {
      const list = await requests.forCase(file.kase.id);
      return { requests: list, overdue: list.filter((r) => r.overdue).length, canAsk: actor.roles.some((r) => ASKERS.includes(r)) };
    },
  };
}
