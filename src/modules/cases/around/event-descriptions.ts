import type { StoredEvent } from '../../../platform/events/event-store.js';
import { formatPounds } from '../../../domain/penalty/money.js';
import { APPEAL_OUTCOMES, NOT_REFERRED_REASONS, RETURN_CATEGORIES, WRITE_OFF_REASONS } from '../../../domain/liability/actions.js';
import { BUNDLE_ITEMS, HEARING_TYPES } from '../appeals/appeal-preparation.js';
import { LINK_REASONS } from './case-links.js';

/* How the casework steps, means testing, appeal preparation, notes and links read on the timeline. */

type Entry = { title: string; description: string };
type P = Record<string, unknown>;

const dayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
function day(value: unknown): string {
  const instant = new Date(`${String(value)}T00:00:00Z`);
  return Number.isNaN(instant.getTime()) ? String(value) : dayFormat.format(instant);
}
const pounds = (value: unknown) => formatPounds(Number(value));
const label = (labels: Record<string, string>, value: unknown) => labels[String(value)] ?? String(value);
const BANDS: Record<string, string> = { micro: 'micro', small: 'small', medium: 'medium', large: 'large' };

const DESCRIPTIONS: Record<string, (p: P) => Entry> = {
  RecommendationDrafted: (p) => ({ title: 'Recommendation drafted', description: `${pounds(p.amountPence)}, calculated under policy ${String(p.policyVersion)}${p.discretionApplied ? ', with discretion (needs a senior officer)' : ''}.` }),
  RecommendationReturned: (p) => ({ title: 'Recommendation returned by the assurer', description: `${((p.categories as string[]) ?? []).map((c) => label(RETURN_CATEGORIES, c)).join(', ')}: ${String(p.text)}` }),
  RecommendationApproved: (p) => ({ title: 'Recommendation assured', description: p.bySeniorOfficer ? 'Approved by a senior officer.' : 'Approved by an assurer who did not draft it.' }),
  PenaltyImposed: (p) => ({ title: 'Penalty imposed', description: `Penalty notice dated ${day(p.noticeDate)} for ${pounds(p.amountPence)}.` }),
  AppealLodged: (p) => ({ title: 'Appeal lodged', description: `Lodged ${day(p.lodgedOn)}${p.court ? ` at ${String(p.court)}` : ''}${p.claimNumber ? `, claim ${String(p.claimNumber)}` : ''}${p.inTime === false ? '. Out of time.' : '.'}` }),
  AppealAllocated: (p) => ({ title: p.previousOfficerId ? 'Appeal reallocated' : 'Appeal allocated', description: 'To an officer with no earlier involvement in the case.' }),
  AppealDecided: (p) => ({ title: 'Appeal decided', description: `${label(APPEAL_OUTCOMES, p.outcome)} on ${day(p.decidedOn)}; the penalty is now ${pounds(p.amountPence)}.` }),
  WriteOffProposed: (p) => ({ title: 'Write-off proposed', description: `${label(WRITE_OFF_REASONS, p.reason)}: ${String(p.explanation)}` }),
  WriteOffApproved: (p) => ({ title: 'Written off', description: `${label(WRITE_OFF_REASONS, p.reason)}, from ${day(p.writtenOffOn)}.` }),
  WriteOffRejected: (p) => ({ title: 'Write-off rejected', description: String(p.note) }),
  NotReferralDecided: (p) => ({ title: 'Decided not to refer for a penalty', description: `${label(NOT_REFERRED_REASONS, p.reasonCode)}: ${String(p.explanation)}${p.bySeniorOfficer ? ' (senior officer)' : ''}` }),
  CaseNoteAdded: (p) => ({ title: 'Note added', description: String(p.text) }),
  CaseLinked: (p) => ({ title: `Linked to case ${String(p.linkedReference)}`, description: `${label(LINK_REASONS, p.reason)}${p.note ? `: ${String(p.note)}` : '.'}` }),
  CaseUnlinked: (p) => ({ title: `Unlinked from case ${String(p.linkedReference)}`, description: 'The cases are no longer linked.' }),
  MeansAssessmentRecorded: (p) => {
    const s = p.suggestion as P;
    const d = p.decision as P;
    const decided = p.kind === 'company' ? `${label(BANDS, d.band)} company (suggested ${label(BANDS, s.band)})` : `${pounds(d.assessedAmountPence)} affordable (suggested ${pounds(s.amountPence)})`;
    return { title: 'Means assessment recorded', description: `${decided}${d.reason ? `: ${String(d.reason)}` : ''}. Awaiting assurance.` };
  },
  MeansAssessmentAssured: () => ({ title: 'Means assessment assured', description: 'The calculation now uses it.' }),
  MeansAssessmentReturned: (p) => ({ title: 'Means assessment returned', description: String(p.reason) }),
  AppealHearingScheduled: (p) => ({ title: 'Appeal hearing recorded', description: `${label(HEARING_TYPES, p.type)} on ${day(p.hearingOn)} at ${String(p.court)}.` }),
  AppealBundleItemChecked: (p) => ({ title: p.checked ? 'Court bundle: document ticked' : 'Court bundle: document unticked', description: `${label(BUNDLE_ITEMS, p.item)}.` }),
  AppealWitnessStatementRecorded: (p) => ({ title: 'Witness statement recorded', description: `Made by ${String(p.madeBy)} on ${day(p.madeOn)}.` }),
};

/**
 * The timeline entry for these events, or null for any other. `personOf` names the responsible person
 * of a liability event ("Owner: Trans-Pol Sp. z o.o."), when the caller has them at hand.
 */
export function describeCaseworkEvent(event: StoredEvent, personOf?: (liabilityId: string) => string | undefined): Entry | null {
  const describe = DESCRIPTIONS[event.type];
  if (!describe) return null;
  const entry = describe(event.payload);
  const liabilityId = event.payload.liabilityId;
  const person = typeof liabilityId === 'string' ? personOf?.(liabilityId) : undefined;
  return person ? { title: entry.title, description: `${person} – ${entry.description}` } : entry;
}

/** "Owner: Trans-Pol Sp. z o.o." for each liability of the case, by id. */
export function personLabels(people: readonly { id: string; role: string; partyName: string }[]) {
  return (liabilityId: string) => {
    const person = people.find((p) => p.id === liabilityId);
    return person ? `${person.role.charAt(0).toUpperCase()}${person.role.slice(1)}: ${person.partyName}` : undefined;
  };
}
