import type { CasePageSection } from '../casework/case-page-sections.js';
import type { QuestionsService } from './service.js';
import { standingWords } from './wording.js';

/** The case page's "Questions" section: each question on the case, its standing, overdue flagged. */
export function questionsSection(questions: QuestionsService): CasePageSection {
  return {
    name: 'questions',
    async load(file) {
      const list = (await questions.forCase(file.kase.id)).map((q) => ({ ...q, standingWords: standingWords(q.standing) }));
      return { questions: list, overdue: list.filter((q) => q.overdue).length, reference: file.kase.reference };
    },
  };
}
