import type { Offence, Role } from '../../../domain/penalty/penalty-input.js';

/*
 * The questionnaire sent with the initial notice (IS11D/IS11E). Each question has a stable key:
 * the response is recorded against these keys, and the wording lives in the message catalogues
 * under `question.<key>`. Which questions a person gets follows from the offence, their role and
 * whether they are a company or an individual.
 */

export const QUESTION_KEYS = [
  'responsiblePersons',
  'employer',
  'securityMeasures',
  'sealNumbers',
  'checks',
  'stops',
  'suspicion',
  'driverInstructions',
  'records',
  'cpas',
  'duress',
  'meansCompany',
  'meansIndividual',
  'anythingElse',
] as const;
export type QuestionKey = (typeof QUESTION_KEYS)[number];

export type RecipientKind = 'company' | 'individual';

/** The questions for one responsible person, in the order the letter asks them. */
export function initialNoticeQuestions(offence: Offence, role: Role, recipientKind: RecipientKind): QuestionKey[] {
  const driver = role === 'driver';
  const questions: (QuestionKey | false)[] = [
    'responsiblePersons',
    driver && 'employer',
    'securityMeasures',
    'sealNumbers',
    driver && 'checks',
    driver && 'stops',
    driver && 'suspicion',
    !driver && 'driverInstructions',
    !driver && 'records',
    // CPAS membership reduces an owner's, hirer's or operator's penalty, never a driver's.
    !driver && 'cpas',
    // Duress is the statutory defence to an S32 penalty.
    offence === 'S32' && 'duress',
    recipientKind === 'company' ? 'meansCompany' : 'meansIndividual',
    'anythingElse',
  ];
  return questions.filter((question): question is QuestionKey => question !== false);
}
