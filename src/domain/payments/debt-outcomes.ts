/* What the checks and the agency found about a debtor: the codes the case's debt events record. */

export const INSOLVENCY_FINDINGS = {
  none: 'No insolvency found',
  insolvent: 'Insolvent (bankrupt or in liquidation)',
  'in-administration': 'In administration',
  dissolved: 'Dissolved',
} as const;
export type InsolvencyFinding = keyof typeof INSOLVENCY_FINDINGS;

/** What the debt collection agency reported back for a penalty referred to it. */
export const AGENCY_OUTCOMES = {
  collected: 'Collected in full',
  'part-collected': 'Part collected',
  untraceable: 'Debtor untraceable',
  disputed: 'Debt disputed',
  returned: 'Returned uncollected',
} as const;
export type AgencyOutcome = keyof typeof AGENCY_OUTCOMES;
