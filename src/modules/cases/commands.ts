import { randomUUID } from 'node:crypto';
import type { CommandDefinition } from '../../platform/events/command.js';
import { referralInput, referralProblems, type ReferralInput } from '../../domain/incident/referral.js';
import { registrationKey } from '../../domain/incident/registration.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import { allocateCaseReference } from './open-case.js';
import { REFERRERS } from '../identity/roles.js';
import { cases, liabilities } from './schema.js';
import { lastDayToImposeFor, policyVersionsIn } from './case-clock.js';

interface NewCase {
  caseId: string;
  reference: string;
  driverLiabilityId: string;
  ownerLiabilityId: string;
}

export interface OpenedCase {
  caseId: string;
  reference: string;
}

/**
 * Opens a case from a referral: one case per incident, with a liability for the driver and one for
 * the company. The reference is allocated inside the same transaction, so references have no gaps.
 */
export const openCaseFromReferral: CommandDefinition<ReferralInput, NewCase, OpenedCase> = {
  name: 'openCaseFromReferral',
  input: referralInput,
  roles: REFERRERS,
  streamType: 'case',
  async load(tx, _input, { now }) {
    const reference = await allocateCaseReference(tx, now);
    const caseId = randomUUID();
    return {
      streamId: `case-${caseId}`,
      version: 0,
      state: { caseId, reference, driverLiabilityId: randomUUID(), ownerLiabilityId: randomUUID() },
    };
  },
  decide(state, referral, { now }) {
    const problems = referralProblems(referral, ukDate(now));
    if (problems.length) return { ok: false, message: 'The referral has errors', errors: problems };
    return {
      ok: true,
      events: [
        { type: 'ReferralReceived', payload: { ...referral } },
        { type: 'CaseOpened', payload: { caseId: state.caseId, reference: state.reference, offence: referral.offence } },
        {
          type: 'LiabilityOpened',
          payload: { liabilityId: state.driverLiabilityId, role: 'driver', offence: referral.offence, partyName: referral.driverName },
        },
        {
          type: 'LiabilityOpened',
          payload: { liabilityId: state.ownerLiabilityId, role: 'owner', offence: referral.offence, partyName: referral.companyName },
        },
      ],
    };
  },
  async project(tx, { state, input, actor, now, version }) {
    await tx.insert(cases).values({
      id: state.caseId,
      reference: state.reference,
      offence: input.offence,
      incidentDate: input.incidentDate,
      portCode: input.port,
      clandestineEntrants: input.clandestineEntrants ?? null,
      vehicleRegistration: input.vehicleRegistration,
      vehicleRegistrationKey: registrationKey(input.vehicleRegistration),
      vehicleCountry: input.vehicleCountry,
      driverName: input.driverName,
      companyName: input.companyName,
      stage: 'case-created',
      referredBy: actor.name,
      createdAt: now,
      version,
      stageSince: now,
      lastDayToImpose: lastDayToImposeFor(await policyVersionsIn(tx), input.incidentDate),
    });
    await tx.insert(liabilities).values([
      { id: state.driverLiabilityId, caseId: state.caseId, role: 'driver', offence: input.offence, partyName: input.driverName, stage: 'case-created', stageSince: now },
      { id: state.ownerLiabilityId, caseId: state.caseId, role: 'owner', offence: input.offence, partyName: input.companyName, stage: 'case-created', stageSince: now },
    ]);
    return { caseId: state.caseId, reference: state.reference };
  },
};
