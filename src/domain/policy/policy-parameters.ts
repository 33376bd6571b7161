import { z } from 'zod';
import { calendarDateSchema } from '../clock/calendar-date.js';

/*
 * Every number the penalty calculator and the statutory clock use. Values marked (policy) in
 * DOMAIN.md are choices an administrator may change by publishing a new version; the others
 * come from the Act, the regulations or the Level of Penalty Code of Practice and are kept here
 * so that no rule hides a literal, and so that a change in the law is a new version too.
 * Each field's description says which kind it is; the administrator page shows it.
 */

const pence = (description: string) =>
  z.number().int().nonnegative().describe(description);
const percent = (description: string) =>
  z.number().min(0).max(100).describe(description);
const days = (description: string) =>
  z.number().int().positive().describe(description);

const perOffencePercent = (description: string) =>
  z.strictObject({ S31A: percent(`${description} — S31A`), S32: percent(`${description} — S32`) }).describe(description);

const companyBandSchema = z.strictObject({
  percentOff: percent('Reduction of what remains after step 2'),
  headcountBelow: z.number().int().positive().describe('Staff headcount must be below this'),
  turnoverAtMostEuro: z.number().int().positive().describe('Annual turnover at most this (euro)'),
  balanceSheetTotalAtMostEuro: z.number().int().positive().describe('Balance-sheet total at most this (euro)'),
});

const warningOffsetsSchema = z.strictObject({
  first: days('Days before the deadline when a work queue first flags the case'),
  urgent: days('Days before the deadline when the flag becomes "urgent"'),
});

const years = (description: string) => z.number().int().positive().max(100).describe(description);

/**
 * How long records about people are kept (report only: nothing is deleted by Cordon). A version
 * published before the schedule existed is read with these values.
 */
export const DEFAULT_RETENTION = {
  closedCaseYears: 6,
  searchWithoutDetectionYears: 2,
  personalDataReadYears: 2,
} as const;

/** Joint and several liability: a version published before these existed is read with these values. */
export const DEFAULT_JOINT_LIABILITY = { valIncludesEmployerVehiclesForDriverPenalty: true } as const;

/** Questions from the public (issue #15 item 6): a version published before these existed is read with these values. */
export const DEFAULT_QUESTIONS = { answerWithinWorkingDays: 10 } as const;

/** Assurance of CPAS members: a version published before the re-check interval existed is read with this. */
export const DEFAULT_RECHECK_EVERY_MONTHS = 12;
/** …and the days before a check is due that the assurance team is reminded of it. */
export const DEFAULT_RECHECK_REMINDER_DAYS = 30;

/**
 * CPAS applications (issue #16): the queue's flags (days left to the decision due date) and how many
 * completed driver checklists an applicant sends, by number of drivers (each band from `driversFrom`
 * up to the next band's). A version published before these existed is read with these values.
 */
export const DEFAULT_ACCREDITATION_APPLICATIONS = {
  flagDaysLeft: [10, 5],
  driverChecklistsRequired: [
    { driversFrom: 1, checklists: 3 },
    { driversFrom: 11, checklists: 5 },
    { driversFrom: 51, checklists: 10 },
    { driversFrom: 201, checklists: 20 },
  ],
} as const;

/** Referrals (seed 003 recommendation 3b): a version published before these existed is read with these values. */
export const DEFAULT_REFERRALS = { s31aRequiresTraining: true } as const;

/**
 * Why discretion may reduce a penalty (seed 003 §9.68–9.69, §10.62–10.76): the codes an officer
 * chooses from, each approved by a Senior Officer. A version published before the list existed is
 * read with these.
 */
export const DEFAULT_DISCRETION_REASONS = {
  'self-declaration': { name: 'Self-declaration', explanationRequired: false },
  'axle-find': { name: 'Axle find', explanationRequired: false },
  'public-interest': { name: 'Public interest', explanationRequired: false },
  other: { name: 'Other', explanationRequired: true },
} as const;

export const discretionReasonsSchema = z
  .record(
    z.string().regex(/^[a-z][a-z0-9-]*$/, { error: 'a discretion reason code is lower-case letters, digits and hyphens' }),
    z.strictObject({
      name: z.string().min(1).regex(/^[^()]*$/, { error: 'a discretion reason name has no brackets' }).describe('What the reason is called on pages and letters'),
      explanationRequired: z.boolean().describe('The officer must explain it in their own words ("other")'),
    }),
  )
  .refine((reasons) => Object.keys(reasons).length > 0, { error: 'at least one discretion reason' });

export const retentionScheduleSchema = z
  .strictObject({
    closedCaseYears: years('(policy) A case is kept this many years after it closed (every liability closed, written off or not referred)'),
    searchWithoutDetectionYears: years('(policy) A search record where nothing was found is kept this many years after the search'),
    personalDataReadYears: years("(policy) The log of staff reads of people's records is kept this many years"),
  });

export const policyParametersSchema = z
  .strictObject({
    regime: z.strictObject({
      changeDate: calendarDateSchema('regime.changeDate').describe(
        '(statute) The 2023 amendments apply to incidents on or after this date; S31A exists only from it',
      ),
    }),
    money: z.strictObject({
      finalAmountRounding: z
        .enum(['down-to-whole-pound', 'down-to-whole-penny'])
        .describe('(policy) How the final amount is rounded; every earlier step rounds down to a whole penny'),
    }),
    previousPenalties: z.strictObject({
      windowYears: z
        .number()
        .int()
        .positive()
        .describe('(code of practice) Penalties issued on or after the same calendar date this many years before the incident count'),
    }),
    s31a: z.strictObject({
      startingLevelsPence: z
        .array(pence('Starting level'))
        .min(1)
        .describe('(code of practice) Starting level by number of previous S31A penalties: index 0 = none; the last entry applies to that many or more'),
      perPersonMaximumPence: pence('(statute) Maximum S31A penalty for one responsible person'),
      incidentMaximumPence: pence('(statute) Maximum for all responsible persons together, per incident'),
    }),
    s32: z.strictObject({
      startingLevelsPerEntrantPence: z
        .array(pence('Starting level per clandestine entrant'))
        .min(1)
        .describe('(code of practice) Starting level per clandestine entrant by number of previous S32 penalties; the last entry applies to that many or more'),
      perPersonMaximumPerEntrantPence: pence('(statute) Maximum S32 penalty per clandestine entrant for one responsible person'),
      incidentMaximumPerEntrantFirstPence: pence('(statute) Maximum per clandestine entrant for all responsible persons together, first incident'),
      incidentMaximumPerEntrantRepeatPence: pence('(statute) Maximum per clandestine entrant for all responsible persons together where one of them had a previous S32 penalty'),
    }),
    oldRegime: z.strictObject({
      perPersonMaximumPerEntrantPence: pence('(statute, 2002 regime) Maximum per clandestine entrant for one responsible person'),
      incidentMaximumPerEntrantPence: pence('(statute, 2002 regime) Maximum per clandestine entrant for all responsible persons together'),
    }),
    reductions: z.strictObject({
      cpasMemberPercent: perOffencePercent('(code of practice) CPAS member on the incident date; never a driver'),
      compliedWhilePresentPercent: perOffencePercent(
        '(code of practice; S31A value is policy, flagged for legal check) Present on the journey and took every required action',
      ),
      actedToEnsureCompliancePercent: perOffencePercent(
        '(code of practice) Not present on the journey but acted to ensure the regulations were complied with',
      ),
      maximumTotalPercent: percent('(code of practice) Step-2 reductions are added together and capped at this'),
    }),
    meansTesting: z.strictObject({
      sizeBandRule: z
        .enum(['headcount-and-one-money-test'])
        .describe('(policy) A company is in a band when its headcount is below the limit and its turnover or its balance-sheet total is within the limit'),
      companyBands: z.strictObject({
        micro: companyBandSchema,
        small: companyBandSchema,
        medium: companyBandSchema,
        large: z.strictObject({ percentOff: percent('Reduction for a large company') }),
      }),
      individualSuggestion: z
        .strictObject({
          weeksOfGrossIncome: z.number().positive().describe('Weeks of gross income suggested as affordable'),
          payslipMonths: z.number().int().positive().describe('Consecutive months of payslips the suggestion is taken from'),
        })
        .describe("(policy) The suggested affordable amount for an individual: two weeks' gross income from three months' payslips"),
    }),
    clock: z.strictObject({
      impositionWindowDays: days('(statute) A penalty notice must be issued within this many days beginning with the day the person became responsible'),
      earliestImpositionDays: days('(policy) Operational practice: no imposition before the incident date plus this many days'),
      initialNoticeResponseDays: days('(practice) Response to the initial notice within this many days of sending'),
      lastInitialNoticeDay: days('(policy) The last day to send an initial notice is the start date plus this many days, so the response window closes before the last day to impose'),
      objectionDays: days('(statute) An objection must be received within this many days of the penalty notice date'),
      objectionDeterminationDays: days('(practice) An objection is determined within this many days of receipt unless a longer period is agreed'),
      appealDays: z
        .strictObject({
          'england-wales': days('England and Wales: days after the notice or objection decision'),
          'northern-ireland': days('Northern Ireland: days after the notice or objection decision'),
          scotland: days('Scotland: days after receipt'),
        })
        .describe('(statute) Appeal to the court'),
      paymentDueDays: days('(policy) The payment due date printed on the notice is the notice date plus this many days'),
      detentionSaleDays: days('(statute) A detained vehicle may be sold from the day after a period of this many days beginning with the start of detention'),
      deadlineWarnings: warningOffsetsSchema.describe('(policy) Work-queue flags before the last day to impose'),
      objectionWarnings: warningOffsetsSchema.describe('(policy) Work-queue flags before an objection determination is due'),
      lorryDropWindowHours: z.number().int().positive().describe('(guidance) A lorry drop is an entrant who entered concealed in a vehicle within this many hours'),
    }),
    accreditation: z.strictObject({
      recheckReminderDays: z.number().int().min(0).max(365).default(DEFAULT_RECHECK_REMINDER_DAYS).describe('(policy) The assurance team is reminded of a member\'s next check this many days before it is due (and when it is overdue), once per check'),
      recheckEveryMonths: z.number().int().positive().max(60).default(DEFAULT_RECHECK_EVERY_MONTHS).describe('(policy) A member is checked again (assurance: a visit, desk check or periodic re-check) this many calendar months after joining or after the last check'),
      applicationDecisionDays: days('(service standard) A CPAS application is decided within this many days of receipt'),
      suspensionDays: days("(scheme rules) A member with an unpaid penalty is suspended from the day after the due date for this many days"),
      reapplyAfterMonths: z.number().int().positive().describe('(scheme rules) A removed member may reapply this many calendar months after removal'),
      reviewWindowMonths: z.number().int().positive().describe('(scheme rules) Review triggers are counted within any period of this many months'),
      reviewTriggerS32Incidents: z.number().int().positive().describe('(scheme rules) This many S32 incidents in the window trigger a review'),
      reviewTriggerS31aFindings: z.number().int().positive().describe('(scheme rules) This many S31A findings in the window trigger a review'),
      flagDaysLeft: z
        .array(z.number().int().nonnegative())
        .min(1)
        .max(3)
        .default([...DEFAULT_ACCREDITATION_APPLICATIONS.flagDaysLeft])
        .describe('(policy) The assessment queue flags an application when this many days or fewer are left to its decision due date (the smaller number: urgent)'),
      driverChecklistsRequired: z
        .array(
          z.strictObject({
            driversFrom: z.number().int().positive().describe('The band starts at this many drivers'),
            checklists: z.number().int().nonnegative().describe('Completed driver checklists an applicant with this many drivers sends'),
          }),
        )
        .min(1)
        .default(DEFAULT_ACCREDITATION_APPLICATIONS.driverChecklistsRequired.map((band) => ({ ...band })))
        .describe('(policy) Completed driver checklists asked for with an application, by number of drivers (bands from 1 driver, ascending)'),
    }),
    debt: z.strictObject({
      limitationYears: z.number().int().positive().describe('(statute) Years from the later of the due date, the last payment and the last written acknowledgement'),
      reminderAfterDays: z.number().int().positive().default(14).describe('(policy) A payment reminder is sent this many days after the payment due date while the penalty is unpaid'),
      finalDemandAfterDays: z.number().int().positive().default(28).describe('(policy) The final demand is sent this many days after the payment due date while the penalty is still unpaid'),
      finalDemandPayDays: z.number().int().positive().default(14).describe('(policy) The final demand gives this many days from its date to pay before enforcement'),
    }),
    discretion: z
      .strictObject({ reasons: discretionReasonsSchema.describe('(policy) The reasons discretion may be applied for, by code') })
      .default({ reasons: { ...DEFAULT_DISCRETION_REASONS } })
      .describe('(policy) Discretion: each use approved by a Senior Officer; a version published before the list existed has the defaults'),
    retention: retentionScheduleSchema
      .default({ ...DEFAULT_RETENTION })
      .describe('(policy) The retention schedule: records past it are listed for an administrator; a version published before it existed has the defaults'),
    jointLiability: z
      .strictObject({
        valIncludesEmployerVehiclesForDriverPenalty: z
          .boolean()
          .describe("(policy) A driver's penalty unpaid after its due date puts the vehicles the register links to the jointly liable employer (seed 003 §8.4) on the Vehicle Action List"),
      })
      .default({ ...DEFAULT_JOINT_LIABILITY })
      .describe('(policy) Joint and several liability of the employer for its driver’s penalty; a version published before it existed has the defaults'),
    referrals: z
      .strictObject({
        s31aRequiresTraining: z
          .boolean()
          .describe('(policy) An officer may refer an S31A penalty only when recorded as trained to (civil penalty referral training; seed 003 recommendation 3b)'),
      })
      .default({ ...DEFAULT_REFERRALS })
      .describe('(policy) Who may refer; a version published before it existed has the defaults'),
    questions: z
      .strictObject({
        answerWithinWorkingDays: z.number().int().positive().max(60).describe('(policy) A question from the public (portal, email or phone) is answered within this many working days (England and Wales) of the day it was asked'),
      })
      .default({ ...DEFAULT_QUESTIONS })
      .describe('(policy) The service level for questions; a version published before it existed has the defaults'),
  })
  .superRefine((parameters, context) => {
    const { clock } = parameters;
    // The response window must close before the last day to impose, or imposition is impossible.
    if (clock.lastInitialNoticeDay + clock.initialNoticeResponseDays >= clock.impositionWindowDays - 1) {
      context.addIssue({
        code: 'custom',
        path: ['clock', 'lastInitialNoticeDay'],
        message:
          'the last day to send an initial notice plus the response window must end before the last day to impose',
      });
    }
    if (parameters.debt.finalDemandAfterDays <= parameters.debt.reminderAfterDays) {
      context.addIssue({ code: 'custom', path: ['debt', 'finalDemandAfterDays'], message: 'the final demand must come after the payment reminder' });
    }
    const bands = parameters.meansTesting.companyBands;
    if (!(bands.micro.percentOff >= bands.small.percentOff && bands.small.percentOff >= bands.medium.percentOff && bands.medium.percentOff >= bands.large.percentOff)) {
      context.addIssue({
        code: 'custom',
        path: ['meansTesting', 'companyBands'],
        message: 'a smaller company band must never get a smaller reduction than a larger one',
      });
    }
    const ascending = (values: number[]) => values.every((value, index) => index === 0 || value >= (values[index - 1] ?? 0));
    if (!ascending(parameters.s31a.startingLevelsPence)) {
      context.addIssue({ code: 'custom', path: ['s31a', 'startingLevelsPence'], message: 'starting levels must not fall as previous penalties rise' });
    }
    if (!ascending(parameters.s32.startingLevelsPerEntrantPence)) {
      context.addIssue({ code: 'custom', path: ['s32', 'startingLevelsPerEntrantPence'], message: 'starting levels must not fall as previous penalties rise' });
    }
    const checklistBands = parameters.accreditation.driverChecklistsRequired;
    if (checklistBands[0]?.driversFrom !== 1 || !checklistBands.every((band, index) => index === 0 || band.driversFrom > checklistBands[index - 1]!.driversFrom)) {
      context.addIssue({ code: 'custom', path: ['accreditation', 'driverChecklistsRequired'], message: 'the driver checklist bands must start at 1 driver and rise' });
    } else if (!ascending(checklistBands.map((band) => band.checklists))) {
      context.addIssue({ code: 'custom', path: ['accreditation', 'driverChecklistsRequired'], message: 'more drivers must never need fewer checklists' });
    }
  });

export type PolicyParameters = z.infer<typeof policyParametersSchema>;

export type DiscretionReasons = PolicyParameters['discretion']['reasons'];

/** The version's discretion reasons; the defaults for parameters stored before the list existed and read without the schema. */
export function discretionReasons(parameters: PolicyParameters): DiscretionReasons {
  return (parameters as Partial<PolicyParameters>).discretion?.reasons ?? DEFAULT_DISCRETION_REASONS;
}

export const policyVersionSchema = z.strictObject({
  version: z
    .string()
    .regex(/^\d{4}\.\d+$/, { error: 'version must look like "2023.1"' })
    .describe('Name of the version, e.g. "2023.1"'),
  effectiveFrom: calendarDateSchema('effectiveFrom').describe(
    'Applies to incidents on or after this date, until a later version takes effect',
  ),
  parameters: policyParametersSchema,
});

export type PolicyVersion = z.infer<typeof policyVersionSchema>;
