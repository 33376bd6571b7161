import type { SecurityRequirementCode } from '../../../domain/incident/security-requirements.js';
import { STANDARD_CHECK_POINTS, nameIn, securityRequirement } from '../../../domain/incident/security-requirements.js';
import type { Offence, Role } from '../../../domain/penalty/penalty-input.js';
import { formatDate } from '../../../platform/i18n/format.js';
import type { Language } from '../../../platform/i18n/languages.js';
import { t } from '../../../platform/i18n/messages.js';
import { bilingualParts, renderParts, type Letter, type LetterPart, type LetterBlock, type LetterRecipient } from '../../../platform/pdf/letter.js';
import { LETTER_FORMS } from './forms.js';
import { contactBlocks, guidanceBlock, homeOfficeSender, incidentRows, requirementNames, type IncidentSummary, type LetterContact } from './letter-parts.js';
import { initialNoticeQuestions, type RecipientKind } from './questionnaire.js';

/** Everything the initial notice (IS11D for S32, IS11E for S31A) says, as plain values. */
export interface InitialNoticeInput {
  offence: Offence;
  /** The recipient's language; the English letter always comes first. */
  language: Language;
  caseReference: string;
  /** The letter's date, YYYY-MM-DD. */
  noticeDate: string;
  recipient: LetterRecipient;
  recipientKind: RecipientKind;
  role: Role;
  incident: IncidentSummary;
  /** Why the vehicle was judged unsecured (or the incident occurred): the requirements not met. */
  requirementsNotMet: readonly SecurityRequirementCode[];
  /** The officers' own notes, in English as recorded; the translation says they are in English. */
  officerFindings?: readonly string[];
  /** The last day for the response to arrive (the statutory clock's date). */
  responseDue: string;
  contact?: LetterContact;
}

/** The initial notice in one language. */
export function initialNoticeLetter(input: InitialNoticeInput, language: Language): Letter {
  const { offence } = input;
  const notMet = requirementNames(language, input.requirementsNotMet);
  const checkMissed = input.requirementsNotMet.some((code) => securityRequirement(code).standardCheck);
  const questions = initialNoticeQuestions(offence, input.role, input.recipientKind);

  const blocks: LetterBlock[] = [
    { kind: 'paragraph', text: t(language, offence === 'S32' ? 'initialNotice.introS32' : 'initialNotice.introS31A') },
    { kind: 'paragraph', text: t(language, 'initialNotice.notDecided'), strong: true },
    { kind: 'heading', text: t(language, 'initialNotice.detailsHeading') },
    { kind: 'keyValue', rows: incidentRows(language, input.caseReference, input.incident, { offence, role: input.role }) },
    { kind: 'heading', text: t(language, 'initialNotice.reasonsHeading') },
    { kind: 'paragraph', text: t(language, offence === 'S32' ? 'initialNotice.reasonS32' : 'initialNotice.reasonS31A') },
  ];
  if (notMet.length > 0) {
    blocks.push({ kind: 'paragraph', text: t(language, 'initialNotice.requirementsNotMet') }, { kind: 'list', items: notMet });
  }
  if (checkMissed) {
    blocks.push(
      { kind: 'paragraph', text: t(language, 'initialNotice.standardCheck') },
      { kind: 'list', items: STANDARD_CHECK_POINTS.map((point) => nameIn(point.names, language)) },
    );
  }
  const findings = (input.officerFindings ?? []).filter((finding) => finding.trim() !== '');
  if (findings.length > 0) blocks.push({ kind: 'paragraph', text: t(language, 'initialNotice.findings') }, { kind: 'list', items: findings });

  blocks.push(
    { kind: 'heading', text: t(language, 'initialNotice.questionsHeading') },
    { kind: 'paragraph', text: t(language, 'initialNotice.questionsIntro') },
    { kind: 'list', numbered: true, items: questions.map((question) => t(language, `question.${question}`)) },
    { kind: 'heading', text: t(language, 'initialNotice.replyHeading') },
    { kind: 'paragraph', text: t(language, 'initialNotice.replyBy', { date: formatDate(language, input.responseDue) }), strong: true },
    { kind: 'paragraph', text: t(language, 'initialNotice.noReply') },
    { kind: 'heading', text: t(language, 'initialNotice.penaltyHeading') },
    { kind: 'paragraph', text: t(language, 'initialNotice.penaltyLevel') },
    { kind: 'paragraph', text: t(language, 'initialNotice.penaltyReductions') },
  );
  if (offence === 'S32') blocks.push({ kind: 'paragraph', text: t(language, 'initialNotice.duress') });
  blocks.push(guidanceBlock(language), ...contactBlocks(language, input.caseReference, input.contact));

  return {
    language,
    title: t(language, 'initialNotice.title'),
    reference: input.caseReference,
    date: input.noticeDate,
    formCode: LETTER_FORMS.initialNotice[offence],
    sender: homeOfficeSender(language, input.contact),
    recipient: input.recipient,
    blocks,
  };
}

/** The initial notice as a PDF: English, then the recipient's language when it is not English. */
export function renderInitialNotice(input: InitialNoticeInput): Promise<Buffer> {
  return renderParts(initialNoticeParts(input));
}

/** The letter's parts (English, then the recipient's language), as `keep` stores and the print bundle re-renders them. */
export function initialNoticeParts(input: InitialNoticeInput): LetterPart[] {
  return bilingualParts(initialNoticeLetter(input, 'en'), initialNoticeLetter(input, input.language));
}
