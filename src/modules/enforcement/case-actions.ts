import { z } from 'zod';
import { AGENCY_OUTCOMES, INSOLVENCY_FINDINGS } from '../../domain/payments/debt.js';
import { DETENTION_ENDINGS } from '../../domain/payments/detention.js';
import type { CommandDefinition } from '../../platform/events/command.js';
import { bodyFromInput, keyedId, type CaseAction, type Prepared } from '../casework/case-actions.js';
import { calendarDate, oneOf, optionalText, pence, requiredText } from '../casework/field-schemas.js';
import { recordAgencyOutcome, recordDebtAcknowledgement, recordInsolvencyCheck, NOTE_MAX } from './debt-commands.js';
import { DETENTION_OFFICERS, endDetention, recordDetention } from './detention-commands.js';
import { FINANCE_OFFICERS } from '../finance/ledger-commands.js';
import type { DebtService } from './debt-service.js';

/*
 * The enforcement module’s case-level steps on the JSON API (see src/modules/casework/case-actions.ts).
 * Referring debts to the collection agency stays on the web page: it writes the batch file the
 * agency is sent.
 */

function run<I, S, R>(command: CommandDefinition<I, S, R>, input: Record<string, unknown>): Prepared {
  return { ok: true, command: command as unknown as CommandDefinition<unknown, unknown, unknown>, input };
}

const note = optionalText('The note', NOTE_MAX);

export function paymentsCaseActions(deps: { debt: Pick<DebtService, 'referral'>; recordDetention?: typeof recordDetention }): CaseAction[] {
  // With the app's effects (the detention notice) when given.
  const recordDetentionCommand = deps.recordDetention ?? recordDetention;
  return [
    {
      action: 'recordDebtAcknowledgement',
      title: 'Record a written acknowledgement',
      description: 'The debtor acknowledged the debt in writing: the limitation period runs again from that date.',
      roles: FINANCE_OFFICERS,
      body: bodyFromInput(recordDebtAcknowledgement.input, { override: { acknowledgedOn: calendarDate('The date of the acknowledgement'), note } }),
      prepare: async (body, { reference }) => run(recordDebtAcknowledgement, { ...body, reference }),
    },
    {
      action: 'recordInsolvencyCheck',
      title: 'Record an insolvency check',
      roles: FINANCE_OFFICERS,
      body: bodyFromInput(recordInsolvencyCheck.input, {
        override: {
          checkedOn: calendarDate('The date of the check'),
          source: requiredText('Enter where you checked, for example the Insolvency Service register or Companies House', 'The source', 200),
          finding: oneOf(INSOLVENCY_FINDINGS, 'Choose what the check found'),
          note,
        },
      }),
      prepare: async (body, { reference }) => run(recordInsolvencyCheck, { ...body, reference }),
    },
    {
      action: 'recordDetention',
      title: 'Record a detained vehicle',
      roles: DETENTION_OFFICERS,
      body: bodyFromInput(recordDetention.input, {
        omit: ['detentionId'],
        override: {
          registration: requiredText('Enter the registration of the detained vehicle', 'The registration', 20),
          place: requiredText('Enter where the vehicle is held', 'The place', 300),
          startedOn: calendarDate('The start of detention'),
          dailyCostPence: pence('The daily cost'),
        },
      }),
      prepare: async (body, { reference, file, idempotencyKey }) =>
        run(recordDetentionCommand, { ...body, detentionId: keyedId(idempotencyKey, `detention:${(await file()).kase.id}`), reference }),
    },
    {
      action: 'endDetention',
      title: 'End the detention',
      description: 'Released (on payment, on security or by a court order), or sold from the day sale becomes possible.',
      roles: DETENTION_OFFICERS,
      body: bodyFromInput(endDetention.input, {
        override: { detentionId: z.uuid({ error: 'Give the id of a detention on this case' }), how: oneOf(DETENTION_ENDINGS, 'Choose how the detention ended'), endedOn: calendarDate('The date the detention ended') },
      }),
      prepare: async (body, { reference }) => run(endDetention, { ...body, reference }),
    },
    {
      action: 'recordAgencyOutcome',
      title: 'What the agency reported',
      description: 'The debt collection agency’s report on a penalty referred to it.',
      roles: FINANCE_OFFICERS,
      body: bodyFromInput(recordAgencyOutcome.input, {
        omit: ['liabilityId', 'referredOn'],
        override: {
          referralId: z.uuid({ error: 'Give the id of a referral of this case to the agency' }),
          outcome: oneOf(AGENCY_OUTCOMES, 'Choose what the agency reported'),
          outcomeOn: calendarDate('The date of the agency’s report'),
          note,
        },
      }),
      async prepare(body, { reference, file }) {
        const found = await deps.debt.referral(String(body.referralId));
        if (!found || found.referral.caseId !== (await file()).kase.id) return { ok: false, errors: [{ field: 'referralId', message: 'No referral of this case to the agency has this id' }] };
        return run(recordAgencyOutcome, { ...body, liabilityId: found.referral.liabilityId, referredOn: found.referral.referredOn, reference });
      },
    },
  ];
}
