/* The suggestion the officer decides from: with the means decisions in src/domain/case/means-suggestion.ts. */
export { companySuggestion, individualSuggestion, type Suggestion } from '../../../domain/case/means-suggestion.js';
