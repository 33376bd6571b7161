import { formatCountry, formatDate } from '../../../platform/i18n/format.js';
import type { Language } from '../../../platform/i18n/languages.js';
import { t } from '../../../platform/i18n/messages.js';
import type { LetterBlock, LetterSender } from '../../../platform/pdf/letter.js';
import { inRequirementOrder, requirementName, type SecurityRequirementCode } from '../../../domain/incident/security-requirements.js';
import type { Offence, Role } from '../../../domain/penalty/penalty-input.js';
import { portalAddress } from '../access-codes.js';

/* Pieces every letter of the scheme shares, written once so that the letters say things alike. */

export interface Registration {
  registration: string;
  /** ISO 3166-1 alpha-2 code of the country the vehicle is registered in. */
  country: string;
}

/** The incident as a letter describes it. Plain values: the caller reads them from the case. */
export interface IncidentSummary {
  /** YYYY-MM-DD. */
  date: string;
  /** Where it happened, as the recipient should read it ("Coquelles (Eurotunnel, juxtaposed control)"). */
  place: string;
  vehicle: Registration;
  trailer?: Registration;
  driverName?: string;
  /** S32 only. */
  clandestineEntrants?: number;
}

/** How to reach the penalty team; each part is printed only when given. */
export interface LetterContact {
  email?: string;
  phone?: string;
  postalAddress?: readonly string[];
}

export function homeOfficeSender(language: Language, contact?: LetterContact): LetterSender {
  return { name: t(language, 'sender.name'), lines: [t(language, 'sender.scheme'), ...(contact?.postalAddress ?? [])] };
}

export function registrationText(language: Language, registration: Registration): string {
  return t(language, 'detail.registration', { registration: registration.registration, country: formatCountry(language, registration.country) });
}

/** The incident as key–value rows: reference, date, place, vehicle, trailer, driver, and more. */
export function incidentRows(
  language: Language,
  caseReference: string,
  incident: IncidentSummary,
  more: { offence?: Offence; role?: Role } = {},
): { key: string; value: string }[] {
  const rows = [
    { key: t(language, 'detail.caseReference'), value: caseReference },
    ...(more.offence ? [{ key: t(language, 'detail.penaltyType'), value: t(language, `offence.${more.offence}`) }] : []),
    ...(more.role ? [{ key: t(language, 'detail.yourRole'), value: t(language, `role.${more.role}`) }] : []),
    { key: t(language, 'detail.incidentDate'), value: formatDate(language, incident.date) },
    { key: t(language, 'detail.place'), value: incident.place },
    { key: t(language, 'detail.vehicle'), value: registrationText(language, incident.vehicle) },
  ];
  if (incident.trailer) rows.push({ key: t(language, 'detail.trailer'), value: registrationText(language, incident.trailer) });
  if (incident.driverName) rows.push({ key: t(language, 'detail.driver'), value: incident.driverName });
  if (more.offence === 'S32' && incident.clandestineEntrants !== undefined) {
    rows.push({ key: t(language, 'detail.clandestineEntrants'), value: String(incident.clandestineEntrants) });
  }
  return rows;
}

/** The requirements not met, by name in the language, in the order DOMAIN.md §4 lists them. */
export function requirementNames(language: Language, codes: readonly SecurityRequirementCode[]): string[] {
  return inRequirementOrder(codes).map((code) => requirementName(code, language));
}

function contactLines(language: Language, contact: LetterContact | undefined): string[] {
  return [
    ...(contact?.email ? [t(language, 'contact.email', { email: contact.email })] : []),
    ...(contact?.phone ? [t(language, 'contact.phone', { phone: contact.phone })] : []),
    ...(contact?.postalAddress?.length ? [t(language, 'contact.post', { address: contact.postalAddress.join(', ') })] : []),
  ];
}

/** "Contact us", the reference to quote, and each way to reach the team as a list. */
export function contactBlocks(language: Language, caseReference: string, contact: LetterContact | undefined): LetterBlock[] {
  const lines = contactLines(language, contact);
  return [
    { kind: 'heading', text: t(language, 'contact.heading') },
    { kind: 'paragraph', text: t(language, 'contact.quoteReference', { reference: caseReference }) },
    ...(lines.length > 0 ? [{ kind: 'list' as const, items: lines }] : []),
  ];
}

/**
 * The line that points a haulier to the CPAS guidance and toolkit (security checklist, driver
 * instructions, training toolkit: `/accreditation/guidance`, published by the accreditation module)
 * at the service's public address (CORDON_PORTAL_URL without its `/portal`).
 */
export function guidanceBlock(language: Language, env: NodeJS.ProcessEnv = process.env): LetterBlock {
  const site = portalAddress(env).replace(/\/portal\/?$/, '').replace(/\/$/, '');
  return { kind: 'paragraph', text: t(language, 'accreditation.guidance.letterLine', { url: `${site}/accreditation/guidance` }) };
}

/** The same as contactBlocks in one paragraph, for a notice that must fit on one page. */
export function contactParagraph(language: Language, caseReference: string, contact: LetterContact | undefined): LetterBlock {
  const lines = contactLines(language, contact);
  const text = [t(language, 'contact.quoteReference', { reference: caseReference }), ...(lines.length > 0 ? [lines.join(' · ')] : [])].join(' ');
  return { kind: 'paragraph', text };
}

/** How to pay, as the letters print it: the GOV.UK Pay link when one is configured, and the bank account. */
export interface PaymentDetails {
  onlineUrl?: string;
  bankTransfer?: { accountName: string; sortCode: string; accountNumber: string; iban?: string; bic?: string };
}

/** The ways to pay (online, then bank transfer with the account's details), in the language. */
export function paymentBlocks(language: Language, payment: PaymentDetails): LetterBlock[] {
  const blocks: LetterBlock[] = [];
  if (payment.onlineUrl) blocks.push({ kind: 'paragraph', text: t(language, 'penaltyNotice.payOnline', { url: payment.onlineUrl }) });
  const bank = payment.bankTransfer;
  if (bank) {
    blocks.push(
      { kind: 'paragraph', text: t(language, 'penaltyNotice.payBank') },
      {
        kind: 'keyValue',
        rows: [
          { key: t(language, 'penaltyNotice.accountName'), value: bank.accountName },
          { key: t(language, 'penaltyNotice.sortCode'), value: bank.sortCode },
          { key: t(language, 'penaltyNotice.accountNumber'), value: bank.accountNumber },
          ...(bank.iban ? [{ key: t(language, 'penaltyNotice.iban'), value: bank.iban }] : []),
          ...(bank.bic ? [{ key: t(language, 'penaltyNotice.bic'), value: bank.bic }] : []),
        ],
      },
    );
  }
  return blocks;
}

/** What every letter about one person's penalty starts from: who, about what, when, and how to reach us. */
export interface CaseLetterBase {
  offence: Offence;
  /** The recipient's language; the English letter always comes first. */
  language: Language;
  caseReference: string;
  /** The letter's date, YYYY-MM-DD. */
  date: string;
  recipient: { name: string; addressLines: readonly string[] };
  role: Role;
  incident: IncidentSummary;
  contact?: LetterContact;
}
