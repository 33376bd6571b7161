import { DEFAULT_DISCRETION_REASONS, DEFAULT_JOINT_LIABILITY, DEFAULT_REFERRALS, DEFAULT_QUESTIONS, DEFAULT_RETENTION, type PolicyParameters, type PolicyVersion } from './policy-parameters.js';
import { DEFAULT_ACCREDITATION_APPLICATIONS } from './policy-parameters.js';

const POUND = 100;

/** DOMAIN.md as written when the 2023 regime began. Sources are in policy-parameters.ts. */
export const POLICY_2023_1: PolicyParameters = {
  regime: { changeDate: '2023-02-13' },
  money: { finalAmountRounding: 'down-to-whole-pound' },
  previousPenalties: { windowYears: 5 },
  s31a: {
    startingLevelsPence: [1_500 * POUND, 3_000 * POUND, 6_000 * POUND],
    perPersonMaximumPence: 6_000 * POUND,
    incidentMaximumPence: 12_000 * POUND,
  },
  s32: {
    startingLevelsPerEntrantPence: [6_000 * POUND, 10_000 * POUND],
    perPersonMaximumPerEntrantPence: 10_000 * POUND,
    incidentMaximumPerEntrantFirstPence: 12_000 * POUND,
    incidentMaximumPerEntrantRepeatPence: 20_000 * POUND,
  },
  oldRegime: {
    perPersonMaximumPerEntrantPence: 2_000 * POUND,
    incidentMaximumPerEntrantPence: 4_000 * POUND,
  },
  reductions: {
    cpasMemberPercent: { S31A: 50, S32: 50 },
    compliedWhilePresentPercent: { S31A: 0, S32: 50 },
    actedToEnsureCompliancePercent: { S31A: 50, S32: 50 },
    maximumTotalPercent: 100,
  },
  meansTesting: {
    sizeBandRule: 'headcount-and-one-money-test',
    companyBands: {
      micro: { percentOff: 75, headcountBelow: 10, turnoverAtMostEuro: 2_000_000, balanceSheetTotalAtMostEuro: 2_000_000 },
      small: { percentOff: 50, headcountBelow: 50, turnoverAtMostEuro: 10_000_000, balanceSheetTotalAtMostEuro: 10_000_000 },
      medium: { percentOff: 25, headcountBelow: 250, turnoverAtMostEuro: 50_000_000, balanceSheetTotalAtMostEuro: 43_000_000 },
      large: { percentOff: 0 },
    },
    individualSuggestion: { weeksOfGrossIncome: 2, payslipMonths: 3 },
  },
  clock: {
    impositionWindowDays: 180,
    earliestImpositionDays: 42,
    initialNoticeResponseDays: 28,
    lastInitialNoticeDay: 150,
    objectionDays: 28,
    objectionDeterminationDays: 70,
    appealDays: { 'england-wales': 28, 'northern-ireland': 28, scotland: 21 },
    paymentDueDays: 60,
    detentionSaleDays: 84,
    deadlineWarnings: { first: 14, urgent: 7 },
    objectionWarnings: { first: 14, urgent: 7 },
    lorryDropWindowHours: 72,
  },
  accreditation: {
    recheckEveryMonths: 12,
    recheckReminderDays: 30,
    applicationDecisionDays: 30,
    suspensionDays: 28,
    reapplyAfterMonths: 3,
    reviewWindowMonths: 12,
    reviewTriggerS32Incidents: 3,
    reviewTriggerS31aFindings: 3,
    flagDaysLeft: [...DEFAULT_ACCREDITATION_APPLICATIONS.flagDaysLeft],
    driverChecklistsRequired: DEFAULT_ACCREDITATION_APPLICATIONS.driverChecklistsRequired.map((band) => ({ ...band })),
  },
  debt: { limitationYears: 6, reminderAfterDays: 14, finalDemandAfterDays: 28, finalDemandPayDays: 14 },
  discretion: { reasons: { ...DEFAULT_DISCRETION_REASONS } },
  retention: { ...DEFAULT_RETENTION },
  jointLiability: { ...DEFAULT_JOINT_LIABILITY },
  referrals: { ...DEFAULT_REFERRALS },
  questions: { ...DEFAULT_QUESTIONS },
};

/**
 * The versions shipped with the code; the database holds the live list and the administrator
 * adds to it. The first version covers every incident Cordon holds (the migrated records and the
 * bank-holiday data start in 2018): which regime applies is decided by the incident date against
 * `regime.changeDate`, not by the policy version.
 */
export const DEFAULT_POLICY_VERSIONS: readonly PolicyVersion[] = [
  { version: '2023.1', effectiveFrom: '2018-01-01', parameters: POLICY_2023_1 },
];
