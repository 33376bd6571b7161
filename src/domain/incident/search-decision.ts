import type { CommandDecision, CommandMoment } from '../command-decision.js';
import { SEARCH_EVENT } from './events.js';
import { registrationProblem } from './registration.js';
import { searchProblems, type SearchRecordInput } from './search.js';

/** What recording a search needs: the id the store gave it. */
export interface SearchToRecord {
  id: string;
}

/** Records a vehicle search, find or not (DOMAIN.md §9), unless its time or registrations are wrong. */
export function decideRecordSearch(search: SearchToRecord, input: SearchRecordInput, { now }: CommandMoment): CommandDecision {
  const problems = searchProblems(input, now, registrationProblem);
  if (problems.length) return { ok: false, message: 'The search record has errors', errors: problems };
  return { ok: true, events: [{ type: SEARCH_EVENT.SearchRecorded, payload: { searchId: search.id, ...input } }] };
}
