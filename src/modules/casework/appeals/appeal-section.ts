import type { CasePageSection } from '../case-page-sections.js';
import { appealPreparationOf, preparationRefusal } from './appeal-preparation.js';

/** The case page's appeal section: per liability with an appeal, its hearings, bundle and statements. */
export const appealSection: CasePageSection = {
  name: 'appeal',
  async load(file, actor) {
    return Object.fromEntries(
      file.liabilities.flatMap((row) => {
        const state = file.states.get(row.id)!;
        if (!state.appeal) return [];
        const preparation = appealPreparationOf(file.events, row.id);
        const refusal = preparationRefusal(state, actor);
        return [[row.id, { ...preparation, ticked: preparation.bundle.filter((b) => b.checked).length, canPrepare: refusal === null, refusal }]];
      }),
    );
  },
};
