import type { CommandDefinition } from '../../platform/events/command.js';
import { referralInput, type ReferralInput } from '../../domain/incident/referral.js';
import { caseOpeningFactsFromReferral } from '../../domain/case/opening-facts.js';
import { allocateCase, type OpenedCase } from './open-case.js';
import { casesProjector } from '../casework/projector.js';
import type { CaseAllocation, CaseOpeningFacts } from '../../domain/case/open-case.js';
import { REFERRERS } from '../identity/roles.js';
import { openCaseLike } from '../casework/queries.js';
import { registrationKey } from '../../domain/incident/registration.js';
import { s31aReferralCheck } from '../training/queries.js';
import { decideOpenCaseFromReferralByTrainedReferrer, type S31aTrainingChecked } from '../../domain/training/referrals.js';

export type { OpenedCase };

/**
 * Opens a case from a minimal referral: one case, with a liability for the driver and one for the
 * company, by the one decision that opens every case (the domain's `caseOpeningDecision`, shared with the
 * incident sent by the border). The reference is allocated in `load`, inside the transaction, so
 * references have no gaps; the rows are written from the events alone, by the cases projector.
 */
export const openCaseFromReferral: CommandDefinition<ReferralInput, { facts: CaseOpeningFacts; allocation: CaseAllocation; sameAs: { caseId: string; reference: string } | null } & S31aTrainingChecked, OpenedCase> = {
  name: 'openCaseFromReferral',
  input: referralInput,
  roles: REFERRERS,
  streamType: 'case',
  async load(tx, referral, { actor, now }) {
    const facts = caseOpeningFactsFromReferral(referral, actor.name);
    // A referral that looks like an open case (same vehicle, date and port) is refused unless confirmed.
    const sameAs = referral.confirmDuplicate
      ? null
      : await openCaseLike(tx, { registrationKey: registrationKey(referral.vehicleRegistration), incidentDate: referral.incidentDate, portCode: referral.port });
    const allocation = await allocateCase(tx, facts, now);
    // S31A only from officers trained to refer it, while the policy says so (training module).
    const s31aProblem = await s31aReferralCheck(tx, actor, [referral.offence], now, 'offence');
    return { streamId: `case-${allocation.caseId}`, version: 0, state: { facts, allocation, sameAs, s31aProblem } };
  },
  decide: decideOpenCaseFromReferralByTrainedReferrer,
  projectors: [casesProjector],
  async project(_tx, { state }) {
    return { caseId: state.allocation.caseId, reference: state.allocation.reference };
  },
};
