import type { CheckStanding } from '../../domain/accreditation/assurance.js';

/*
 * Words of the assurance staff pages (English: staff only), for the codes the domain returns.
 */

export const AREA_NAMES: Record<string, string> = {
  securityDevices: 'Vehicle security devices',
  checkRecord: 'Document to record checks',
  driverInstructions: 'Driver instructions',
  driverTraining: 'Driver training (every driver, content, registers, tests)',
  driverPerformanceReview: 'Review of driver performance',
};
export const KIND_NAMES: Record<string, string> = { visit: 'Visit', deskCheck: 'Desk check', periodicRecheck: 'Periodic re-check' };
export const OUTCOME_NAMES: Record<string, string> = { satisfactory: 'Satisfactory', improvementsRequired: 'Improvements required', referredForReview: 'Referred for a review of membership' };
export const RESULT_NAMES: Record<string, string> = { met: 'Met', notMet: 'Not met' };

const PROBLEMS: Record<string, string> = {
  'accreditation.assurance.kind.missing': 'Select the kind of check',
  'accreditation.assurance.date.invalid': 'The date of the check must be a real date',
  'accreditation.assurance.date.future': 'The date of the check must be today or in the past',
  'accreditation.assurance.date.beforeMembership': 'The date of the check must be on or after the day membership began',
  'accreditation.assurance.findings.missing': 'Select met or not met for at least one area',
  'accreditation.assurance.findings.area': 'Each area can have one finding',
  'accreditation.assurance.findings.result': 'Select met or not met',
  'accreditation.assurance.notes.tooLong': 'Notes must be 5,000 characters or fewer',
  'accreditation.assurance.outcome.missing': 'Select the outcome of the check',
  'accreditation.assurance.outcome.notSatisfactory': 'A check that found an area not met cannot be satisfactory',
  'accreditation.assurance.notMember': 'The company was not a member on the date of the check',
};
export const assuranceProblem = (code: string) => PROBLEMS[code] ?? code;

export function standingWords(standing: CheckStanding): string {
  switch (standing.kind) {
    case 'overdue':
      return `Overdue by ${standing.daysOverdue} ${standing.daysOverdue === 1 ? 'day' : 'days'}`;
    case 'dueToday':
      return 'Due today';
    default:
      return `Due in ${standing.daysLeft} ${standing.daysLeft === 1 ? 'day' : 'days'}`;
  }
}
