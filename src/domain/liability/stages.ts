/**
 * The stages of a liability (DOMAIN.md §5), with what a caseworker does next at each. The full
 * transition table arrives with casework; a case's stage is the least advanced of its liabilities'.
 */
export const STAGES = {
  'case-created': { label: 'Case created', nextStep: 'Send the initial notice and questionnaire' },
  'criminal-investigation': {
    label: 'Referred for criminal investigation',
    nextStep: 'Wait for the investigation team’s decision; the 180-day limit keeps running',
  },
  'criminal-investigation-accepted': {
    label: 'Criminal investigation under way',
    nextStep: 'Propose write-off if the last day to impose will pass before the investigation ends',
  },
} as const satisfies Record<string, { label: string; nextStep: string }>;

export type Stage = keyof typeof STAGES;

export function stageLabel(stage: string): string {
  return (STAGES as Record<string, { label: string }>)[stage]?.label ?? stage;
}

export function nextStep(stage: string): string {
  return (STAGES as Record<string, { nextStep: string }>)[stage]?.nextStep ?? '';
}
