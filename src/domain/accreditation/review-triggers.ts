import { addMonths, compareDates, isAfter, isBefore, type CalendarDate } from '../clock/calendar-date.js';
import { requirementsFor, requirementsNotMet, type RequirementFinding, type SecurityRequirementCode } from '../incident/security-requirements.js';
import type { Offence } from '../penalty/penalty-input.js';
import type { PolicyVersion } from '../policy/policy-parameters.js';

/*
 * When a member's conduct calls for a review of its accreditation (DOMAIN.md §3): within any
 * period of the policy's months (12), the policy's number (3) of S32 incidents, or of S31A findings,
 * for the member's party; or one incident recorded with evidence the scheme is not being followed —
 * a security requirement that is the company's own duty (the devices, and recording the security
 * actions: the scheme's first two evidence areas) recorded as not met.
 */

export const REVIEW_TRIGGERS = ['s32Incidents', 's31aFindings', 'schemeNotFollowed'] as const;
export type ReviewTriggerKind = (typeof REVIEW_TRIGGERS)[number];

/** One incident of the member's party, as the incident record holds it. */
export interface ReviewIncident {
  incidentId: string;
  date: CalendarDate;
  offences: readonly Offence[];
  requirements?: Readonly<Partial<Record<string, RequirementFinding>>>;
}

export interface ReviewTrigger {
  trigger: ReviewTriggerKind;
  /** The incidents behind it, oldest first. */
  incidents: readonly string[];
  windowFrom: CalendarDate;
  windowTo: CalendarDate;
  /** For `schemeNotFollowed`: the company's requirements recorded as not met. */
  requirements?: readonly SecurityRequirementCode[];
}

const COMPANY_DUTIES = requirementsFor('owner').map((requirement) => requirement.code);

/** The company's own security duties recorded as not met on this incident. */
export function schemeNotFollowedEvidence(incident: ReviewIncident): SecurityRequirementCode[] {
  return requirementsNotMet(incident.requirements ?? {}).filter((code) => COMPANY_DUTIES.includes(code));
}

/**
 * The triggers that `incident` completes, given the party's other incidents (any order, may include
 * it): a count trigger only when some window of the policy's months holding `incident` reaches the
 * threshold, so each new incident is judged once, when it is recorded.
 */
export function reviewTriggersFor(incident: ReviewIncident, others: readonly ReviewIncident[], policyVersion: PolicyVersion): ReviewTrigger[] {
  const rules = policyVersion.parameters.accreditation;
  const all = [incident, ...others.filter((other) => other.incidentId !== incident.incidentId)];
  const triggers: ReviewTrigger[] = [];
  for (const [trigger, offence, threshold] of [
    ['s32Incidents', 'S32', rules.reviewTriggerS32Incidents],
    ['s31aFindings', 'S31A', rules.reviewTriggerS31aFindings],
  ] as const) {
    if (!incident.offences.includes(offence)) continue;
    const candidates = all.filter((other) => other.offences.includes(offence)).sort((a, b) => compareDates(a.date, b.date) || a.incidentId.localeCompare(b.incidentId));
    // Windows [from, from + months] holding the incident: one starting at each candidate on or before it.
    for (const start of candidates) {
      if (isAfter(start.date, incident.date)) break;
      const windowTo = addMonths(start.date, rules.reviewWindowMonths);
      if (isAfter(incident.date, windowTo)) continue;
      const inWindow = candidates.filter((other) => !isBefore(other.date, start.date) && !isAfter(other.date, windowTo));
      if (inWindow.length >= threshold) {
        triggers.push({ trigger, incidents: inWindow.map((other) => other.incidentId), windowFrom: start.date, windowTo });
        break;
      }
    }
  }
  const evidence = schemeNotFollowedEvidence(incident);
  if (evidence.length > 0) {
    triggers.push({ trigger: 'schemeNotFollowed', incidents: [incident.incidentId], windowFrom: incident.date, windowTo: incident.date, requirements: evidence });
  }
  return triggers;
}
