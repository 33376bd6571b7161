import type { CommandDefinition } from '../../platform/events/command.js';
import { referralInput, referralProblems, type ReferralInput } from '../../domain/incident/referral.js';
import { caseOpeningFactsFromReferral } from '../../domain/case/opening-facts.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import { caseOpeningRefusal, openCase, type OpenedCase } from './open-case.js';
import { REFERRERS } from '../identity/roles.js';

export type { OpenedCase };

/**
 * Opens a case from a minimal referral: one case, with a liability for the driver and one for the
 * company. The case's events are appended by `openCase` — the one way a case is opened, shared
 * with the incident sent by the border — on the stream of the case it allocates, so this command
 * appends none of its own.
 */
export const openCaseFromReferral: CommandDefinition<ReferralInput, null, OpenedCase> = {
  name: 'openCaseFromReferral',
  input: referralInput,
  roles: REFERRERS,
  streamType: 'case',
  async load() {
    return { streamId: 'case-opening', version: 0, state: null };
  },
  decide(_state, referral, { actor, now }) {
    const problems = referralProblems(referral, ukDate(now));
    if (problems.length) return { ok: false, message: 'The referral has errors', errors: problems };
    const refusal = caseOpeningRefusal(caseOpeningFactsFromReferral(referral, actor.name));
    if (refusal) return { ok: false, ...refusal };
    return { ok: true, events: [] };
  },
  project(tx, { input, actor, now }) {
    return openCase(tx, caseOpeningFactsFromReferral(input, actor.name), actor, now);
  },
};
