import { z } from 'zod';
import {
  decideRecordAgencyOutcome,
  decideRecordDebtAcknowledgement,
  decideRecordInsolvencyCheck,
  decideReferDebtToAgency,
} from '../../domain/payments/debt-decisions.js';
import { caseCommand } from '../casework/case-command.js';
import { FINANCE_OFFICERS } from '../finance/ledger-commands.js';
import { enforcementProjector } from './projector.js';

/*
 * Debt recovery records on the case's stream: written acknowledgements, insolvency checks, referrals
 * to the agency and what came back. The decisions are in src/domain/payments/debt-decisions.ts; the
 * `debt_referrals` rows are written by the payments projector.
 */

export { NOTE_MAX } from '../../domain/payments/debt-decisions.js';

export const recordDebtAcknowledgement = caseCommand({
  name: 'recordDebtAcknowledgement',
  input: z.object({ reference: z.string(), liabilityId: z.string(), acknowledgedOn: z.string(), note: z.string().optional() }),
  roles: FINANCE_OFFICERS,
  decide: decideRecordDebtAcknowledgement,
});

export const recordInsolvencyCheck = caseCommand({
  name: 'recordInsolvencyCheck',
  input: z.object({ reference: z.string(), liabilityId: z.string(), checkedOn: z.string(), source: z.string(), finding: z.string(), note: z.string().optional() }),
  roles: FINANCE_OFFICERS,
  decide: decideRecordInsolvencyCheck,
});

/** One penalty sent to the debt collection agency in a batch (the file it was in, by hash). */
export const referDebtToAgency = caseCommand({
  name: 'referDebtToAgency',
  input: z.object({ reference: z.string(), liabilityId: z.string(), referralId: z.string().uuid(), batchId: z.string().uuid(), amountPence: z.number().int(), fileHash: z.string() }),
  roles: FINANCE_OFFICERS,
  decide: decideReferDebtToAgency,
  projectors: [enforcementProjector],
});

export const recordAgencyOutcome = caseCommand({
  name: 'recordAgencyOutcome',
  input: z.object({ reference: z.string(), referralId: z.string().uuid(), liabilityId: z.string(), referredOn: z.string(), outcome: z.string(), outcomeOn: z.string(), note: z.string().optional() }),
  roles: FINANCE_OFFICERS,
  decide: decideRecordAgencyOutcome,
  projectors: [enforcementProjector],
});
