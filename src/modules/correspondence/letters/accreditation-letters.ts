import { formatCountry, formatDate } from '../../../platform/i18n/format.js';
import type { Language } from '../../../platform/i18n/languages.js';
import { t, type MessageKey } from '../../../platform/i18n/messages.js';
import { bilingualParts, type Letter, type LetterBlock, type LetterPart } from '../../../platform/pdf/letter.js';
import { LETTER_FORMS } from './forms.js';
import { contactBlocks, homeOfficeSender, type LetterContact } from './letter-parts.js';

/*
 * The letters of a Civil Penalty Accreditation Scheme application (issue #16 items 1–2): the
 * acknowledgement, the request for more information and the decision (accepted, or refused with reasons per evidence area). The
 * English letter first, then the applicant's language, like every letter of the scheme. An
 * application is not a case: these letters are kept on the application's stream by the
 * accreditation module (`assess-letters.ts`), not in `case_letters`.
 */

/** What every application letter starts from: the company, the application and how to reach us. */
export interface ApplicationLetterBase {
  /** The applicant's language; the English letter always comes first. */
  language: Language;
  /** The application reference (`CPAS-2026-00042`). */
  reference: string;
  /** The letter's date, YYYY-MM-DD. */
  date: string;
  companyName: string;
  contactName: string;
  /** Address lines as the company gave them (the postcode and the country are added below them). */
  addressLines: readonly string[];
  postcode?: string | null;
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** The day the application was received, YYYY-MM-DD. */
  receivedOn: string;
  contact?: LetterContact;
}

/** One evidence area with the assessor's words on it (the reasons of a refusal, the notes of a request). */
export interface AreaNote {
  /** An evidence area id (`securityDevices`, `checkRecord`, …). */
  area: string;
  notes: string;
}

export interface AcknowledgementLetterInput extends ApplicationLetterBase {
  /** The day the decision is due. */
  decisionDue: string;
  /** The application's access code: with the reference, it lets the applicant answer a request online. */
  accessCode: string;
  /** Where to answer a request for information online (`<service address>/accreditation/answer`). */
  answerAddress: string;
}

export interface InformationRequestLetterInput extends ApplicationLetterBase {
  areas: readonly string[];
  /** The assessor's message, as written (the letter says so in each language). */
  message: string;
  /** The day the decision is due. */
  decisionDue: string;
}

export interface DecisionLetterInput extends ApplicationLetterBase {
  outcome: 'accepted' | 'refused';
  /** Accepted: the first day of membership. */
  memberFrom?: string | null;
  /** Refused: the reasons, per evidence area. */
  reasons?: readonly AreaNote[];
}

/** An evidence area by name in the language (an unknown id is a bug: `t` throws on a missing key). */
export const areaName = (language: Language, area: string) => t(language, `accreditation.core.area.${area}` as MessageKey);

function recipient(language: Language, input: ApplicationLetterBase) {
  return {
    name: input.companyName,
    addressLines: [
      t(language, 'accreditation.assess.letter.forAttention', { name: input.contactName }),
      ...input.addressLines,
      ...(input.postcode ? [input.postcode] : []),
      formatCountry(language, input.country),
    ],
  };
}

function applicationRows(language: Language, input: ApplicationLetterBase): LetterBlock {
  return {
    kind: 'keyValue',
    rows: [
      { key: t(language, 'accreditation.assess.letter.reference'), value: input.reference },
      { key: t(language, 'accreditation.assess.letter.company'), value: input.companyName },
      { key: t(language, 'accreditation.assess.letter.receivedOn'), value: formatDate(language, input.receivedOn) },
    ],
  };
}

function frame(language: Language, input: ApplicationLetterBase, title: string, formCode: string, blocks: LetterBlock[]): Letter {
  return {
    language,
    title,
    reference: input.reference,
    date: input.date,
    formCode,
    sender: homeOfficeSender(language, input.contact),
    recipient: recipient(language, input),
    blocks: [...blocks, ...contactBlocks(language, input.reference, input.contact)],
  };
}

/** The acknowledgement of an application (CPAS-ACK): its reference and access code, and when the decision is due. */
export function acknowledgementLetter(input: AcknowledgementLetterInput, language: Language): Letter {
  return frame(language, input, t(language, 'accreditation.assess.letter.acknowledgement.title'), LETTER_FORMS.accreditationAcknowledgement, [
    { kind: 'paragraph', text: t(language, 'accreditation.assess.letter.acknowledgement.intro', { date: formatDate(language, input.receivedOn) }) },
    applicationRows(language, input),
    { kind: 'keyValue', rows: [{ key: t(language, 'accreditation.assess.letter.acknowledgement.accessCode'), value: input.accessCode }] },
    { kind: 'paragraph', strong: true, text: t(language, 'accreditation.assess.letter.acknowledgement.decisionDue', { date: formatDate(language, input.decisionDue) }) },
    { kind: 'heading', text: t(language, 'accreditation.assess.letter.acknowledgement.nextHeading') },
    { kind: 'paragraph', text: t(language, 'accreditation.assess.letter.acknowledgement.next') },
    { kind: 'paragraph', text: t(language, 'accreditation.assess.letter.acknowledgement.answer', { address: input.answerAddress }) },
    { kind: 'paragraph', text: t(language, 'accreditation.assess.letter.acknowledgement.keepCode') },
  ]);
}

export function informationRequestLetter(input: InformationRequestLetterInput, language: Language): Letter {
  return frame(language, input, t(language, 'accreditation.assess.letter.request.title'), LETTER_FORMS.accreditationInformationRequest, [
    { kind: 'paragraph', text: t(language, 'accreditation.assess.letter.request.intro', { date: formatDate(language, input.receivedOn) }) },
    applicationRows(language, input),
    { kind: 'heading', text: t(language, 'accreditation.assess.letter.request.areasHeading') },
    { kind: 'list', items: input.areas.map((area) => areaName(language, area)) },
    { kind: 'heading', text: t(language, 'accreditation.assess.letter.request.messageHeading') },
    { kind: 'paragraph', text: t(language, 'accreditation.assess.letter.asWritten') },
    { kind: 'paragraph', text: input.message },
    { kind: 'heading', text: t(language, 'accreditation.assess.letter.request.howHeading') },
    { kind: 'paragraph', text: t(language, 'accreditation.assess.letter.request.how', { reference: input.reference }) },
    { kind: 'paragraph', text: t(language, 'accreditation.assess.letter.request.decisionDue', { date: formatDate(language, input.decisionDue) }) },
  ]);
}

export function decisionLetter(input: DecisionLetterInput, language: Language): Letter {
  if (input.outcome === 'accepted') {
    if (!input.memberFrom) throw new Error(`application ${input.reference}: an accepted application needs the day membership starts`);
    return frame(language, input, t(language, 'accreditation.assess.letter.accepted.title'), LETTER_FORMS.accreditationDecision.accepted, [
      { kind: 'paragraph', text: t(language, 'accreditation.assess.letter.decisionIntro', { date: formatDate(language, input.receivedOn) }) },
      applicationRows(language, input),
      { kind: 'paragraph', strong: true, text: t(language, 'accreditation.assess.letter.accepted.decision', { date: formatDate(language, input.memberFrom) }) },
      { kind: 'paragraph', text: t(language, 'accreditation.assess.letter.accepted.reduction') },
      { kind: 'paragraph', text: t(language, 'accreditation.assess.letter.accepted.keep') },
    ]);
  }
  const reasons = input.reasons ?? [];
  if (reasons.length === 0) throw new Error(`application ${input.reference}: a refusal letter needs its reasons`);
  return frame(language, input, t(language, 'accreditation.assess.letter.refused.title'), LETTER_FORMS.accreditationDecision.refused, [
    { kind: 'paragraph', text: t(language, 'accreditation.assess.letter.decisionIntro', { date: formatDate(language, input.receivedOn) }) },
    applicationRows(language, input),
    { kind: 'paragraph', strong: true, text: t(language, 'accreditation.assess.letter.refused.decision') },
    { kind: 'heading', text: t(language, 'accreditation.assess.letter.refused.reasonsHeading') },
    { kind: 'paragraph', text: t(language, 'accreditation.assess.letter.asWritten') },
    { kind: 'keyValue', rows: reasons.map((r) => ({ key: areaName(language, r.area), value: r.notes })) },
    { kind: 'paragraph', text: t(language, 'accreditation.assess.letter.refused.again') },
  ]);
}

export function acknowledgementLetterParts(input: AcknowledgementLetterInput): LetterPart[] {
  return bilingualParts(acknowledgementLetter(input, 'en'), acknowledgementLetter(input, input.language));
}

export function informationRequestLetterParts(input: InformationRequestLetterInput): LetterPart[] {
  return bilingualParts(informationRequestLetter(input, 'en'), informationRequestLetter(input, input.language));
}

export function decisionLetterParts(input: DecisionLetterInput): LetterPart[] {
  return bilingualParts(decisionLetter(input, 'en'), decisionLetter(input, input.language));
}
