import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { CommandDefinition } from '../../platform/events/command.js';
import { CASEWORKERS } from '../identity/roles.js';
import { decideConfirmLiabilityParty, decideRecordLiabilityAddress, type LiabilityAddressState, type PartyLinkState } from '../../domain/case/party-links.js';
import { addressInput } from '../../domain/incident/incident.js';
import { cases, liabilities } from './schema.js';
import { casesProjector } from './projector.js';
import { enqueueJob } from '../../platform/jobs/queue.js';

/**
 * The job queued when a company (owner, hirer or operator) of a case is confirmed as a register
 * entry: other modules react to "this company has this incident" (accreditation's review check,
 * which raises a CPAS member's review). Payload `{ reference, partyId }`; the handler is given by
 * src/app.ts. Queued in the command's transaction, so it exists exactly when the confirmation does.
 */
export const CASE_COMPANY_CONFIRMED = 'case-company-confirmed';

export const confirmLiabilityPartyInput = z.object({
  reference: z.string(),
  liabilityId: z.uuid(),
  partyId: z.uuid('Choose a party'),
  /** How the party was chosen: a proposal the caseworker confirmed, or a new register entry. */
  how: z.enum(['confirmed-proposal', 'created-new', 'chosen-by-search']),
  score: z.number().optional(),
});
export type ConfirmLiabilityPartyInput = z.infer<typeof confirmLiabilityPartyInput>;

interface State extends PartyLinkState {
  caseId: string;
}

/** A caseworker's decision about who a responsible person is, recorded on the case (audited). */
export const confirmLiabilityParty: CommandDefinition<ConfirmLiabilityPartyInput, State, { partyId: string; reference: string; version: number }> = {
  name: 'confirmLiabilityParty',
  input: confirmLiabilityPartyInput,
  roles: CASEWORKERS,
  streamType: 'case',
  async load(tx, input) {
    const [kase] = await tx.select({ id: cases.id, version: cases.version }).from(cases).where(eq(cases.reference, input.reference));
    if (!kase) return null;
    const [liability] = await tx
      .select({ id: liabilities.id, partyId: liabilities.partyId, role: liabilities.role })
      .from(liabilities)
      .where(and(eq(liabilities.id, input.liabilityId), eq(liabilities.caseId, kase.id)));
    return { streamId: `case-${kase.id}`, version: kase.version, state: { caseId: kase.id, liability: liability ?? null } };
  },
  decide: decideConfirmLiabilityParty,
  projectors: [casesProjector],
  async project(tx, { input, version, state, now }) {
    if (state.liability && state.liability.role !== 'driver') {
      await enqueueJob(tx, { kind: CASE_COMPANY_CONFIRMED, payload: { reference: input.reference, partyId: input.partyId } }, now);
    }
    return { partyId: input.partyId, reference: input.reference, version };
  },
};

export const recordLiabilityAddressInput = z.object({ reference: z.string(), liabilityId: z.uuid(), partyId: z.uuid(), address: addressInput });
export type RecordLiabilityAddressInput = z.infer<typeof recordLiabilityAddressInput>;

/**
 * A stuck case's way out: the address just recorded in the register for the person's entry becomes
 * the address on the case, when the case had none (a quick referral, a referral by the API).
 */
export const recordLiabilityAddress: CommandDefinition<RecordLiabilityAddressInput, LiabilityAddressState & { caseId: string }, { reference: string; version: number }> = {
  name: 'recordLiabilityAddress',
  input: recordLiabilityAddressInput,
  roles: CASEWORKERS,
  streamType: 'case',
  async load(tx, input) {
    const [kase] = await tx.select({ id: cases.id, version: cases.version }).from(cases).where(eq(cases.reference, input.reference));
    if (!kase) return null;
    const [liability] = await tx
      .select({ id: liabilities.id, partyId: liabilities.partyId, addressLines: liabilities.addressLines })
      .from(liabilities)
      .where(and(eq(liabilities.id, input.liabilityId), eq(liabilities.caseId, kase.id)));
    return { streamId: `case-${kase.id}`, version: kase.version, state: { caseId: kase.id, liability: liability ?? null } };
  },
  decide: decideRecordLiabilityAddress,
  projectors: [casesProjector],
  async project(_tx, { input, version }) {
    return { reference: input.reference, version };
  },
};
