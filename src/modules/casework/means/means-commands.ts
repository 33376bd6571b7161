import { z } from 'zod';
import { COMPANY_BANDS } from '../../../domain/penalty/penalty-input.js';
import { CASEWORKERS } from '../../identity/roles.js';
import { caseCommand } from '../case-command.js';
import { decideAssureMeansAssessment, decideRecordMeansAssessment } from '../../../domain/case/means.js';

/* Recording a means assessment (the officer's decision on the domain's suggestion) and assuring it. */

export const MEANS_ASSURERS = ['assurer-ho', 'senior-officer'] as const;

const euros = z.number().int().nonnegative().nullable();
const reason = z.string().trim().max(2000).nullable();

const recordInput = z.object({
  reference: z.string(),
  liabilityId: z.string(),
  assessmentId: z.uuid(),
  assessment: z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('company'),
      figures: z.object({
        currency: z.string().regex(/^[A-Z]{3}$/),
        turnover: z.string().nullable(),
        balanceSheetTotal: z.string().nullable(),
        headcount: z.number().int().nonnegative(),
        turnoverEuro: euros,
        balanceSheetTotalEuro: euros,
      }),
      rate: z.object({ eurosPerUnit: z.string(), source: z.string().min(1), date: z.string() }).nullable(),
      decision: z.object({ band: z.enum(COMPANY_BANDS), reason }),
    }),
    z.object({
      kind: z.literal('individual'),
      payslips: z.array(z.object({ month: z.string().regex(/^\d{4}-\d{2}$/), grossPence: z.number().int().nonnegative() })),
      decision: z.object({ assessedAmountPence: z.number().int().nonnegative(), reason }),
    }),
  ]),
});

export const recordMeansAssessment = caseCommand({
  name: 'recordMeansAssessment',
  input: recordInput,
  roles: CASEWORKERS,
  decide: decideRecordMeansAssessment,
});

export const assureMeansAssessment = caseCommand({
  name: 'assureMeansAssessment',
  input: z.object({
    reference: z.string(),
    liabilityId: z.string(),
    assessmentId: z.string(),
    outcome: z.enum(['assure', 'return']),
    reason: z.string().trim().max(2000).optional(),
  }),
  roles: MEANS_ASSURERS,
  decide: decideAssureMeansAssessment,
});
