import type { SecurityRequirementCode } from '../../domain/incident/security-requirements.js';
import type { Offence } from '../../domain/penalty/penalty-input.js';
import { formatDate } from '../../platform/i18n/format.js';
import type { Language } from '../../platform/i18n/languages.js';
import { t } from '../../platform/i18n/messages.js';
import { renderBilingual, type Letter, type LetterBlock } from '../../platform/pdf/letter.js';
import {
  contactParagraph,
  homeOfficeSender,
  incidentRows,
  requirementNames,
  type IncidentSummary,
  type LetterContact,
} from '../correspondence/letters/letter-parts.js';

/**
 * The written notice handed to the driver at the port (inspection Recommendation 6b): a civil
 * penalty may follow, why (the security requirements not met), and by when the notice of liability
 * will arrive. One page in English, then one page in the driver's language — a single sheet printed
 * on both sides — so it can be given over in a search shed and still be read by the driver.
 */
export interface DriverNoticeInput {
  /** The driver's language; English alone when it is English. */
  language: Language;
  caseReference: string;
  /** The day the notice is given, YYYY-MM-DD. */
  givenOn: string;
  /** The officer who gives it, as the driver should be able to quote them (name or number). */
  officer: string;
  /** Handed over in person: the notice names the driver but prints no postal address. */
  driver: { name: string };
  /** S32, S31A, or both from one vehicle. */
  offences: readonly [Offence, ...Offence[]];
  incident: Omit<IncidentSummary, 'driverName' | 'clandestineEntrants'>;
  requirementsNotMet: readonly SecurityRequirementCode[];
  /** The latest date the notice of liability will be sent by (from the statutory clock). */
  noticeOfLiabilityBy: string;
  contact?: LetterContact;
}

/** The driver notice in one language. */
export function driverNoticeLetter(input: DriverNoticeInput, language: Language): Letter {
  const notMet = requirementNames(language, input.requirementsNotMet);
  const blocks: LetterBlock[] = [
    { kind: 'paragraph', text: t(language, 'driverNotice.intro'), strong: true },
    { kind: 'heading', text: t(language, 'driverNotice.detailsHeading') },
    { kind: 'keyValue', rows: incidentRows(language, input.caseReference, { ...input.incident, driverName: input.driver.name }) },
    { kind: 'heading', text: t(language, 'driverNotice.whyHeading') },
  ];
  if (input.offences.includes('S32')) blocks.push({ kind: 'paragraph', text: t(language, 'driverNotice.foundS32') });
  if (input.offences.includes('S31A')) blocks.push({ kind: 'paragraph', text: t(language, 'driverNotice.foundS31A') });
  if (notMet.length > 0) {
    blocks.push({ kind: 'paragraph', text: t(language, 'driverNotice.requirementsNotMet') }, { kind: 'list', items: notMet });
  } else {
    blocks.push({ kind: 'paragraph', text: t(language, 'driverNotice.noRequirementsRecorded') });
  }
  blocks.push(
    { kind: 'heading', text: t(language, 'driverNotice.nextHeading') },
    { kind: 'paragraph', text: t(language, 'driverNotice.penaltyMayFollow') },
    { kind: 'paragraph', text: t(language, 'driverNotice.noticeBy', { date: formatDate(language, input.noticeOfLiabilityBy) }), strong: true },
    { kind: 'paragraph', text: t(language, 'driverNotice.keepRecords') },
    { kind: 'paragraph', text: t(language, 'driverNotice.address') },
    contactParagraph(language, input.caseReference, input.contact),
    { kind: 'paragraph', text: t(language, 'driverNotice.givenBy', { officer: input.officer, date: formatDate(language, input.givenOn) }), strong: true },
  );
  return {
    language,
    title: t(language, 'driverNotice.title'),
    reference: input.caseReference,
    date: input.givenOn,
    compact: true,
    sender: homeOfficeSender(language),
    recipient: { name: input.driver.name, addressLines: [] },
    blocks,
  };
}

/** The driver notice as a PDF: the English page, then the page in the driver's language. */
export function renderDriverNotice(input: DriverNoticeInput): Promise<Buffer> {
  return renderBilingual(driverNoticeLetter(input, 'en'), driverNoticeLetter(input, input.language));
}
