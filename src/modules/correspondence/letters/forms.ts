// The form codes are the domain's data (src/domain/case/letter-forms.ts): casework names the letters a decision will send without reaching into correspondence.
export { ACT_SECTION, LETTER_FORMS } from '../../../domain/case/letter-forms.js';
