/*
 * The fixed lists a caseworker chooses from in the case-level steps, as the case's events record
 * them (codes) and the pages and timeline show them (labels).
 */

/** Why two cases are linked. */
export const LINK_REASONS = {
  'same-incident': 'Same incident (S31A and S32 from separate referrals)',
  'vehicle-interception': 'Vehicle interception',
  'same-company': 'Same company',
  other: 'Other',
} as const;
export type LinkReason = keyof typeof LINK_REASONS;

/** The hearings of an appeal in the county court. */
export const HEARING_TYPES = {
  'case-management': 'Case management hearing',
  directions: 'Directions hearing',
  final: 'Final hearing',
  other: 'Other hearing',
} as const;
export type HearingType = keyof typeof HEARING_TYPES;

/** What goes in the court bundle, in bundle order. */
export const BUNDLE_ITEMS = {
  'penalty-notice': 'Penalty notice',
  'initial-notice-and-response': 'Initial notice and response',
  'objection-and-determination': 'Objection and determination',
  calculation: 'Calculation',
  'evidence-photos': 'Evidence photos',
  'witness-statement': 'Witness statement',
  'skeleton-argument': 'Skeleton argument',
} as const;
export type BundleItem = keyof typeof BUNDLE_ITEMS;

/** The risk a data breach poses to the people whose information was disclosed. */
export const RISK_LEVELS = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
} as const;
export type RiskLevel = keyof typeof RISK_LEVELS;
