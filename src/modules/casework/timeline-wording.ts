import type { CaseEventPayload, CaseEventType } from '../../domain/case/events.js';
import { BUNDLE_ITEMS, HEARING_TYPES, LINK_REASONS, RISK_LEVELS } from '../../domain/case/choices.js';
import {
  APPEAL_OUTCOMES,
  MEANS_REDUCTION_BASES,
  NOT_REFERRED_REASONS,
  NOTICE_DETAILS_CHECKLIST,
  OBJECTION_ASSURANCE_CHECKLIST,
  OBJECTION_OUTCOMES,
  RECOMMENDATION_CHECKLIST,
  PAYERS,
  PAYMENT_METHODS,
  RETURN_CATEGORIES,
  REVIEW_REASONS,
  WRITE_OFF_REASONS,
} from '../../domain/liability/actions.js';
import { AGENCY_OUTCOMES, INSOLVENCY_FINDINGS } from '../../domain/payments/debt-outcomes.js';
import { DETENTION_ENDINGS } from '../../domain/payments/detention.js';
import { formatPounds } from '../../domain/penalty/money.js';
import { stageLabel } from '../../domain/liability/stages.js';
import { isLanguage, languageName } from '../../platform/i18n/languages.js';
import { DEFAULT_DISCRETION_REASONS } from '../../domain/policy/policy-parameters.js';

/** A discretion reason's name (the policy's default list; a code it does not hold shows as given). */
function discretionReasonLabel(code: unknown): string {
  const reasons: Record<string, { name: string }> = DEFAULT_DISCRETION_REASONS;
  return reasons[String(code)]?.name ?? String(code);
}

/*
 * The words the case timeline shows for each event on the case's stream: its title and description.
 * This is the only place they are written: the case page and GET /api/v1/cases/{reference} both read
 * them through `describeEvent` (timeline.ts). The map is keyed by the catalogue's case event types, so
 * a new case event does not compile until it has its words here, or is listed as `HIDDEN`.
 *
 * Stored events are read as they were recorded, which may be before a field existed: a wording
 * allows for a missing field rather than trusting the payload's type.
 */

export interface TimelineEntry {
  title: string;
  description: string;
}

export interface WordingContext {
  /** Who recorded the event. */
  actorName: string;
  /** The responsible person the event is about ("Owner: Trans-Pol Sp. z o.o."), when it names one the case has. */
  person: string | undefined;
}

export type Wording<K extends CaseEventType> = (payload: CaseEventPayload<K>, context: WordingContext) => TimelineEntry;

/** Marks an event that is recorded on the case but deliberately not shown on its timeline. */
export const HIDDEN = 'hidden';

export type CaseTimelineWording = { [K in CaseEventType]: Wording<K> | typeof HIDDEN };

const ROLE_NAMES: Record<string, string> = { driver: 'Driver', owner: 'Owner', hirer: 'Hirer', operator: 'Operator' };
const BANDS: Record<string, string> = { micro: 'micro', small: 'small', medium: 'medium', large: 'large' };

const dayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
function day(value: unknown): string {
  const instant = new Date(`${String(value)}T00:00:00Z`);
  return Number.isNaN(instant.getTime()) ? String(value) : dayFormat.format(instant);
}
const pounds = (value: unknown) => formatPounds(Number(value));
const label = (labels: Readonly<Record<string, string>>, value: unknown) => labels[String(value)] ?? String(value);
const instalments = (value: readonly { dueOn: string; amountPence: number }[] | undefined) => (value ?? []).map((i) => `${pounds(i.amountPence)} by ${i.dueOn}`).join(', ');
/** The debt and detention events name the person in their sentence. */
const who = (context: WordingContext) => context.person ?? 'the responsible person';

/** Puts the responsible person before the description, when the case knows them: "Owner: Trans-Pol Sp. z o.o. – …". */
function namingPerson<K extends CaseEventType>(wording: Wording<K>): Wording<K> {
  return (payload, context) => {
    const entry = wording(payload, context);
    return context.person ? { title: entry.title, description: `${context.person} – ${entry.description}` } : entry;
  };
}

/** The ticked items of an assurance checklist, in words: "Checked: the name…; the address…." */
function checked(labels: Readonly<Record<string, string>>, items: readonly unknown[] | undefined): string {
  if (!items || items.length === 0) return '';
  return ` Checked: ${items.map((item) => label(labels, item).replace(/^./, (c) => c.toLowerCase())).join('; ')}.`;
}

/** Events whose words were never written: the title spells out the event's name, as it always has. */
const nameOnly = (title: string) => () => ({ title, description: '' });

const CPAS_STATUS_WORDS: Record<string, string> = { member: 'member', suspended: 'suspended', removed: 'removed', notMember: 'not a member' };

/** " Accreditation: member (register)." on a recommendation drafted since the register is read. */
function cpasWords(cpas: { source: string; member: boolean; status: string; reference: string | null; reason?: string | undefined } | undefined): string {
  if (!cpas) return '';
  const register = `${CPAS_STATUS_WORDS[cpas.status] ?? cpas.status}${cpas.reference ? `, ${cpas.reference}` : ''}`;
  return cpas.source === 'override'
    ? ` Accreditation overridden: treated as ${cpas.member ? 'a member' : 'not a member'} (the register: ${register}), needs a Senior Officer. Reason: ${String(cpas.reason ?? '')}`
    : ` Accreditation from the register: ${register}.`;
}

export const CASE_TIMELINE_WORDING = {
  // ---- Opening the case ----
  ReferralReceived: (p) => ({
    title: 'Referral received',
    description: `${String(p.offence)} incident on ${String(p.incidentDate)} at ${String(p.port)}, vehicle ${String(p.vehicleRegistration)} (${String(p.vehicleCountry)})${p.clandestineEntrants ? `, ${String(p.clandestineEntrants)} clandestine entrant(s)` : ''}.`,
  }),
  IncidentReferred: (p) => ({
    title: 'Incident referred by the border',
    description: `${p.offences.join(' and ')} incident on ${String(p.incidentDate)}${p.clandestineEntrants ? `, ${String(p.clandestineEntrants)} clandestine entrant(s)` : ''}.`,
  }),
  CaseOpened: (p) => ({ title: 'Case opened', description: `Case ${String(p.reference)} created from the referral.` }),
  LiabilityOpened: (p) => ({ title: `${ROLE_NAMES[String(p.role)] ?? String(p.role)} liability opened`, description: `${String(p.partyName)} may be liable for the ${String(p.offence)} penalty.` }),
  CaseCarriedOver: HIDDEN,
  LiabilityPartyConfirmed: (p) => ({
    title: `${ROLE_NAMES[String(p.role)] ?? String(p.role)} identified in the register`,
    description: p.how === 'created-new' ? 'A new register entry was created for them.' : p.how === 'confirmed-proposal' ? 'A proposed match was confirmed.' : 'Chosen from a search of the register.',
  }),
  LiabilityAddressRecorded: (p) => ({ title: 'Address recorded in the register', description: `Letters now go to ${(p.addressLines as string[]).join(', ')}.` }),

  // ---- Around the case: notes, links, assignment, the aggregate maximum ----
  CaseNoteAdded: namingPerson((p) => ({ title: 'Note added', description: String(p.text) })),
  CaseLinked: namingPerson((p) => ({ title: `Linked to case ${String(p.linkedReference)}`, description: `${label(LINK_REASONS, p.reason)}${p.note ? `: ${String(p.note)}` : '.'}` })),
  CaseUnlinked: namingPerson((p) => ({ title: `Unlinked from case ${String(p.linkedReference)}`, description: 'The cases are no longer linked.' })),
  CaseClaimed: (_p, { actorName }) => ({ title: 'Case claimed', description: `${actorName} took the case from the queue.` }),
  CaseAssigned: (p) => ({
    title: 'Case assigned',
    description: `Given to ${String(p.officerName ?? 'an officer')}${p.previousOfficerId ? `, who takes over from ${String(p.previousOfficerName ?? 'another officer')}` : ''}.`,
  }),
  CaseUnassigned: (p) => ({ title: 'Case returned to the queue', description: `Taken off ${String(p.previousOfficerName ?? 'the officer')}’s work list; it waits to be claimed.` }),
  AggregateSplitRecorded: nameOnly('Aggregate Split Recorded'),

  // ---- The initial notice and the response ----
  NoticeDetailsChecked: namingPerson((p, { actorName }) => ({
    title: 'Name and address checked before the initial notice',
    description: `${actorName} checked the details for ${String(p.address)}.${checked(NOTICE_DETAILS_CHECKLIST, p.checklist)}`,
  })),
  InitialNoticeSent: (p) => ({ title: p.resend ? 'Initial notice re-sent' : 'Initial notice sent', description: `Sent to ${String(p.address)}. The 28-day response window starts.` }),
  InitialNoticeResendRequired: nameOnly('Initial Notice Resend Required'),
  InitialNoticeResponseRecorded: (p) => ({
    title: 'Response to the initial notice recorded',
    description: `Received ${String(p.receivedOn)}${p.late ? ' (late)' : ''}${p.summary ? `: ${String(p.summary)}` : '.'}`,
  }),
  ResponseWindowClosed: nameOnly('Response Window Closed'),

  // ---- Recommendation, assurance and imposition ----
  RecommendationDrafted: namingPerson((p) => ({
    title: 'Recommendation drafted',
    description: `${pounds(p.amountPence)}, calculated under policy ${String(p.policyVersion)}${p.discretionApplied ? ', with discretion (needs a senior officer)' : ''}.${cpasWords(p.cpas)}`,
  })),
  RecommendationReturned: namingPerson((p) => ({ title: 'Recommendation returned by the assurer', description: `${(p.categories ?? []).map((c) => label(RETURN_CATEGORIES, c)).join(', ')}: ${String(p.text)}` })),
  RecommendationApproved: namingPerson((p) => ({
    title: 'Recommendation assured',
    description: `${p.bySeniorOfficer ? 'Approved by a senior officer.' : 'Approved by an assurer who did not draft it.'}${checked(RECOMMENDATION_CHECKLIST, p.checklist)}`,
  })),
  PenaltyImposed: namingPerson((p) => ({ title: 'Penalty imposed', description: `Penalty notice dated ${day(p.noticeDate)} for ${pounds(p.amountPence)}.` })),

  // ---- Objection ----
  ObjectionReceived: (p) => ({ title: 'Objection received', description: `Received ${String(p.receivedOn)}${p.late ? ' (late)' : ''}: ${String(p.grounds)}${p.lateReason ? ` Why it is late: ${String(p.lateReason)}` : ''}` }),
  LateObjectionAccepted: nameOnly('Late Objection Accepted'),
  LateObjectionRefused: nameOnly('Late Objection Refused'),
  ObjectionDeterminationDrafted: (p) => {
    const outcome = String(p.outcome) as keyof typeof OBJECTION_OUTCOMES;
    const amounts = outcome === 'cancel' ? '' : outcome === 'maintain' ? ` at ${formatPounds(Number(p.amountPence))}` : ` from ${formatPounds(Number(p.previousAmountPence))} to ${formatPounds(Number(p.amountPence))}`;
    return { title: 'Objection determined: waiting for assurance', description: `${OBJECTION_OUTCOMES[outcome] ?? outcome}${amounts}. ${String(p.reasons)} It takes effect when a Higher Officer assures it.` };
  },
  ObjectionDeterminationReturned: (p) => ({ title: 'Determination of the objection returned by the assurer', description: `${String(p.reason)} The objection must be determined again.` }),
  ObjectionDetermined: (p) => {
    const outcome = String(p.outcome) as keyof typeof OBJECTION_OUTCOMES;
    const amounts = outcome === 'cancel' ? '' : outcome === 'maintain' ? ` at ${formatPounds(Number(p.amountPence))}` : ` from ${formatPounds(Number(p.previousAmountPence))} to ${formatPounds(Number(p.amountPence))}`;
    const assured = p.determinedBy ? ` Assured by a Higher Officer who did not determine it.${checked(OBJECTION_ASSURANCE_CHECKLIST, p.checklist)}` : '';
    return { title: 'Objection determined', description: `${OBJECTION_OUTCOMES[outcome] ?? outcome}${amounts}. ${String(p.reasons)}${assured}` };
  },

  // ---- Appeal and its preparation ----
  AppealLodged: namingPerson((p) => ({
    title: 'Appeal lodged',
    description: `Lodged ${day(p.lodgedOn)}${p.court ? ` at ${String(p.court)}` : ''}${p.claimNumber ? `, claim ${String(p.claimNumber)}` : ''}${p.inTime === false ? '. Out of time.' : '.'}`,
  })),
  AppealAllocated: namingPerson((p) => ({ title: p.previousOfficerId ? 'Appeal reallocated' : 'Appeal allocated', description: 'To an officer with no earlier involvement in the case.' })),
  AppealDecided: namingPerson((p) => ({ title: 'Appeal decided', description: `${label(APPEAL_OUTCOMES, p.outcome)} on ${day(p.decidedOn)}; the penalty is now ${pounds(p.amountPence)}.` })),
  AppealHearingScheduled: namingPerson((p) => ({ title: 'Appeal hearing recorded', description: `${label(HEARING_TYPES, p.type)} on ${day(p.hearingOn)} at ${String(p.court)}.` })),
  AppealBundleItemChecked: namingPerson((p) => ({ title: p.checked ? 'Court bundle: document ticked' : 'Court bundle: document unticked', description: `${label(BUNDLE_ITEMS, p.item)}.` })),
  AppealWitnessStatementRecorded: namingPerson((p) => ({ title: 'Witness statement recorded', description: `Made by ${String(p.madeBy)} on ${day(p.madeOn)}.` })),

  // ---- Means testing ----
  MeansAssessmentRecorded: namingPerson((p) => {
    const decided =
      p.kind === 'company'
        ? `${label(BANDS, p.decision.band)} company (suggested ${label(BANDS, p.suggestion.band)})`
        : `${pounds(p.decision.assessedAmountPence)} affordable (suggested ${pounds(p.suggestion.amountPence)})`;
    return { title: 'Means assessment recorded', description: `${decided}${p.decision.reason ? `: ${String(p.decision.reason)}` : ''}. Awaiting assurance.` };
  }),
  MeansAssessmentAssured: namingPerson(() => ({ title: 'Means assessment assured', description: 'The calculation now uses it.' })),
  MeansAssessmentReturned: namingPerson((p) => ({ title: 'Means assessment returned', description: String(p.reason) })),

  // ---- Letters and what came back ----
  LetterProduced: HIDDEN,
  LetterPosted: (p) => ({ title: 'Letter posted', description: `${p.title} was printed and posted.` }),
  ResponseDocumentsReceived: (p) => ({
    title: 'Documents received with the response',
    description: `Received ${p.receivedOn}: ${p.description} (${p.files.map((file) => file.originalName).join(', ')}).`,
  }),
  AddressChangeProposed: (p) => ({ title: 'Address change proposed', description: `New address: ${p.addressLines.join(', ')}. ${p.reason} Waiting for a second officer's approval.` }),
  MeansTestRequested: namingPerson((p) => ({
    title: 'Means test asked for online',
    description: `Asked on ${p.requestedOn} by the ${p.applicant === 'company' ? 'company' : 'person'}: ${p.statement} Documents in ${p.documentLanguage}${p.translationNeeded ? ' (translation needed)' : ''}: ${p.files.map((file) => file.originalName).join(', ') || 'none'}.`,
  })),
  ContactDetailsChanged: namingPerson((p) => ({
    title: 'Contact details changed online',
    description: [p.email !== undefined ? `Email: ${p.email ?? 'removed'}` : '', p.phone !== undefined ? `Telephone: ${p.phone ?? 'removed'}` : ''].filter(Boolean).join('. ') + '.',
  })),
  PreferredLanguageChosen: namingPerson((p) => ({ title: 'Language chosen online', description: `Letters and pages in ${isLanguage(p.language) ? languageName(p.language) : p.language} from ${p.chosenOn}.` })),
  AddressChangeApproved: (p) => ({ title: 'Address change approved', description: `Letters now go to ${p.addressLines.join(', ')}.` }),
  AddressChangeRejected: (p) => ({ title: p.withdrawn ? 'Address change withdrawn' : 'Address change rejected', description: `${p.addressLines.join(', ')} was not approved. ${p.reason ?? ''}`.trim() }),
  DataBreachRecorded: (p) => ({
    title: 'Data breach recorded',
    description: `${p.letterTitle} went to ${p.addressLines.join(', ')}. ${RISK_LEVELS[p.riskLevel]} risk; ${p.icoMustBeTold ? `the ICO must be told by ${p.icoReportBy}` : 'the ICO need not be told'}.`,
  }),

  // ---- Payment, instalments, refunds and reviews ----
  PaymentDueConfirmed: namingPerson((p) => ({ title: 'Payment due confirmed', description: `${pounds(p.amountPence)}${p.paymentDue ? `, due by ${String(p.paymentDue)}` : ''}.` })),
  PaymentReceived: namingPerson((p) => ({
    title: 'Payment received',
    description: `${pounds(p.amountPence)} on ${String(p.receivedOn)} by ${label(PAYMENT_METHODS, p.method).toLowerCase()}, reference ${String(p.reference)}. ${label(PAYERS, p.paidBy)}.`,
  })),
  PaidInFull: namingPerson((p) => ({ title: 'Paid in full', description: `Nothing more is owed (settled by the payment of ${String(p.paidOn)}).` })),
  OverpaymentDetected: namingPerson((p) => ({ title: 'Overpayment found', description: `${pounds(p.amountPence)} more than is owed: waiting for a refund decision.` })),
  RefundApproved: namingPerson((p) => ({ title: 'Refund approved', description: `${pounds(p.amountPence)}: ${String(p.reason)}` })),
  RefundRefused: namingPerson((p) => ({ title: 'Refund refused', description: `${pounds(p.amountPence)}: ${String(p.reason)}` })),
  InstalmentsRequested: namingPerson((p) => ({ title: 'Instalments asked for', description: `Received ${String(p.requestedOn)}: ${String(p.proposal)}` })),
  InstalmentsRefused: namingPerson((p) => ({ title: 'Instalments refused', description: String(p.reason) })),
  InstalmentPlanAgreed: namingPerson((p) => ({ title: 'Instalment plan agreed', description: `${instalments(p.schedule)}.` })),
  InstalmentPlanBroken: namingPerson((p) => ({ title: 'Instalment plan broken', description: `Missed: ${instalments(p.missed)}.` })),
  PaymentOverdue: namingPerson((p) => ({ title: 'Payment overdue', description: p.paymentDue ? `It was due by ${String(p.paymentDue)}.` : 'Recorded as overdue.' })),
  ReviewStarted: namingPerson((p) => ({ title: 'Review started', description: `${label(REVIEW_REASONS, p.reason)}: ${String(p.note)}. No vehicle is stopped for this penalty meanwhile.` })),
  ReviewEnded: namingPerson((p) => ({ title: 'Review ended', description: `${label(REVIEW_REASONS, p.reason)}: ${String(p.note)}` })),
  LiabilityClosed: namingPerson(() => ({ title: 'Closed', description: 'Nothing more is owed or to be done.' })),

  // ---- Debt recovery and detention ----
  DebtAcknowledged: (p, context) => ({
    title: 'Debt acknowledged in writing',
    description: `By ${who(context)}, on ${String(p.acknowledgedOn)}${p.note ? `: ${String(p.note)}` : ''}. The limitation period runs again from this date.`,
  }),
  InsolvencyCheckRecorded: (p, context) => ({
    title: 'Insolvency check',
    description: `${who(context)}, checked ${String(p.checkedOn)} at ${String(p.source)}: ${label(INSOLVENCY_FINDINGS, p.finding)}${p.note ? `. ${String(p.note)}` : ''}.`,
  }),
  DebtReferredToAgency: (p, context) => ({ title: 'Referred to the debt collection agency', description: `${who(context)}’s debt of ${pounds(p.amountPence)}.` }),
  DebtAgencyOutcomeRecorded: (p, context) => ({
    title: 'Debt collection agency reported',
    description: `${who(context)}: ${label(AGENCY_OUTCOMES, p.outcome)} on ${String(p.outcomeOn)}${p.note ? `. ${String(p.note)}` : ''}.`,
  }),
  VehicleDetained: (p, context) => ({
    title: 'Vehicle detained',
    description: `${String(p.registration)} held at ${String(p.place)} from ${String(p.startedOn)} for ${who(context)}’s unpaid penalty, at ${pounds(p.dailyCostPence)} a day.`,
  }),
  DetentionEnded: (p) => ({ title: 'Detention ended', description: `${label(DETENTION_ENDINGS, p.how)} on ${String(p.endedOn)} after ${String(p.days)} days; costs ${pounds(p.costsPence)}.` }),
  DetentionCostsCharged: (p, context) => ({ title: 'Detention costs added to the debt', description: `${pounds(p.amountPence)} added to what ${who(context)} owes.` }),

  // ---- Write-off, criminal investigation, not referred ----
  WriteOffProposed: namingPerson((p) => ({ title: 'Write-off proposed', description: `${label(WRITE_OFF_REASONS, p.reason)}: ${String(p.explanation)}` })),
  WriteOffApproved: namingPerson((p) => ({ title: 'Written off', description: `${label(WRITE_OFF_REASONS, p.reason)}, from ${day(p.writtenOffOn)}.` })),
  WriteOffRejected: namingPerson((p) => ({ title: 'Write-off rejected', description: String(p.note) })),
  CriminalInvestigationReferred: (p) => ({
    title: 'Referred for criminal investigation',
    description: `To ${String(p.team)} on ${String(p.referredOn)}${p.investigationReference ? `, reference ${String(p.investigationReference)}` : ''}.`,
  }),
  CriminalInvestigationDeclined: (p) => ({ title: 'Criminal investigation declined', description: `Decided ${String(p.decidedOn)}. The case is back with the caseworkers.` }),
  CriminalInvestigationAccepted: (p) => ({ title: 'Criminal investigation accepted', description: `Decided ${String(p.decidedOn)}. The penalty waits for the investigation.` }),
  CriminalInvestigationReturned: nameOnly('Criminal Investigation Returned'),
  NotReferralDecided: namingPerson((p) => ({
    title: 'Decided not to refer for a penalty',
    description: `${label(NOT_REFERRED_REASONS, p.reasonCode)}: ${String(p.explanation)}${p.bySeniorOfficer ? ' (senior officer)' : ''}`,
  })),

  // ---- Discretion and means after imposition ----
  DiscretionApproved: namingPerson((p) => ({
    title: 'Discretion approved by a Senior Officer',
    description: `${(p.items ?? []).map((item) => `${discretionReasonLabel(item.reasonCode)}${item.explanation ? ` (${String(item.explanation)})` : ''}: ${String(item.percent)}%, ${pounds(item.reducedPence)} off`).join('; ') || 'Discretion'}. Recommended amount ${pounds(p.amountPence)}.${p.note ? ` ${String(p.note)}` : ''}`,
  })),
  CpasOverrideConfirmed: namingPerson((p) => ({
    title: 'Override of the accreditation register confirmed by a Senior Officer',
    description: `Treated as ${p.member ? 'a member' : 'not a member'} of the accreditation scheme on the incident date (the register: ${CPAS_STATUS_WORDS[p.status] ?? String(p.status)}). Reason: ${String(p.reason)}${p.note ? ` ${String(p.note)}` : ''}`,
  })),
  MeansReductionProposed: namingPerson((p) => ({
    title: 'Reduction on means proposed',
    description: `From ${pounds(p.previousAmountPence)} to ${pounds(p.amountPence)} (${label(MEANS_REDUCTION_BASES, p.basis).toLowerCase()}), asked for on ${day(p.requestedOn)}: ${String(p.reasons)}`,
  })),
  MeansReductionAssured: namingPerson((p) => ({ title: 'Reduction on means assured', description: `The penalty is now ${pounds(p.amountPence)} (was ${pounds(p.previousAmountPence)}). ${String(p.reason)}` })),
  MeansReductionRefused: namingPerson((p) => ({ title: 'Reduction on means refused', description: `The penalty stays at ${pounds(p.previousAmountPence)}. ${String(p.reason)}` })),

  // ---- The legacy record (src/domain/legacy-import) ----
  LegacyStatusMigrated: namingPerson((p) => ({
    title: 'Stage brought across from the legacy record',
    description: `The legacy record's status "${String(p.status)}" is the stage ${stageLabel(String(p.stage))}.${p.nothingOwed ? ' Nothing is owed.' : ''}`,
  })),
} satisfies CaseTimelineWording;

/** The source of an imported event, after its description: "Migrated from the legacy record: cecpt-database.csv, line 12." */
export function migratedSource(migrated: unknown): string | undefined {
  if (typeof migrated !== 'object' || migrated === null) return undefined;
  const { file, line } = migrated as { file?: unknown; line?: unknown };
  return typeof file === 'string' && typeof line === 'number' ? `Migrated from the legacy record: ${file}, line ${line}.` : undefined;
}
