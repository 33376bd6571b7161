import type { MessageKey } from '../../platform/i18n/messages.js';

/** The refusal codes of `src/domain/questions/decisions.ts` in English, for the staff pages. */
export const STAFF_PROBLEMS: Record<string, string> = {
  'question.text.missing': 'Enter the question',
  'question.text.tooLong': 'The question must be 5,000 characters or fewer',
  'question.name.missing': 'Enter the name of the person asking',
  'question.email.invalid': 'Enter an email address in the correct format, like name@example.com',
  'question.email.missing': 'Enter the email address the question came from',
  'question.contact.missing': 'Enter a phone number or an email address to answer to',
  'question.askedOn.future': 'The date it was asked must be today or in the past',
  'question.notOpen': 'This question has already been answered or closed',
  'question.alreadyAssigned': 'This question is already assigned to you',
  'question.answer.missing': 'Enter the answer',
  'question.answer.tooLong': 'The answer must be 10,000 characters or fewer',
  'question.reason.missing': 'Enter why the question is closed without an answer',
};
export const staffProblem = (code: string) => STAFF_PROBLEMS[code] ?? code;

/** The refusal codes a person on the portal can meet, as catalogue keys. */
export const PORTAL_PROBLEMS: Record<string, MessageKey> = {
  'question.text.missing': 'questions.portal.error.text',
  'question.text.tooLong': 'questions.portal.error.textTooLong',
  'question.email.invalid': 'questions.portal.error.email',
};

/** How a question stands, for staff. */
export function standingWords(standing: { kind: string; workingDays?: number; workingDaysLeft?: number }): string {
  switch (standing.kind) {
    case 'closed':
      return 'Closed';
    case 'answered':
      return 'Answered within the service level';
    case 'answered-late':
      return 'Answered late';
    case 'overdue':
      return `Overdue by ${standing.workingDays} working ${standing.workingDays === 1 ? 'day' : 'days'}`;
    default:
      return standing.workingDaysLeft === 0 ? 'Due today' : `Due in ${standing.workingDaysLeft} working ${standing.workingDaysLeft === 1 ? 'day' : 'days'}`;
  }
}
