import { formatDate } from '../../../platform/i18n/format.js';
import type { Language } from '../../../platform/i18n/languages.js';
import { t } from '../../../platform/i18n/messages.js';
import { bilingualParts, type Letter, type LetterPart } from '../../../platform/pdf/letter.js';
import { LETTER_FORMS } from './forms.js';
import { contactBlocks, homeOfficeSender, incidentRows, type CaseLetterBase } from './letter-parts.js';

/** The letter telling a person who was sent an initial notice that no penalty will follow. */
export interface WriteOffLetterInput extends CaseLetterBase {
  /** The day the (latest) initial notice was sent. */
  initialNoticeSentOn: string;
}

export function writeOffLetter(input: WriteOffLetterInput, language: Language): Letter {
  return {
    language,
    title: t(language, 'writeOff.title'),
    reference: input.caseReference,
    date: input.date,
    formCode: LETTER_FORMS.writeOff,
    sender: homeOfficeSender(language, input.contact),
    recipient: input.recipient,
    blocks: [
      { kind: 'paragraph', text: t(language, 'writeOff.intro', { date: formatDate(language, input.initialNoticeSentOn) }) },
      { kind: 'paragraph', strong: true, text: t(language, 'writeOff.decision') },
      { kind: 'paragraph', text: t(language, 'writeOff.nothingToDo') },
      { kind: 'heading', text: t(language, 'refund.detailsHeading') },
      { kind: 'keyValue', rows: incidentRows(language, input.caseReference, input.incident, { offence: input.offence, role: input.role }) },
      ...contactBlocks(language, input.caseReference, input.contact),
    ],
  };
}

export function writeOffLetterParts(input: WriteOffLetterInput): LetterPart[] {
  return bilingualParts(writeOffLetter(input, 'en'), writeOffLetter(input, input.language));
}
