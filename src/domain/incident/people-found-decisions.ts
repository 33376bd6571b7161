import type { CommandDecision, CommandMoment } from '../command-decision.js';
import { ukDate } from '../reference/uk-date.js';
import { INCIDENT_EVENT } from './events.js';
import type { IncidentInput } from './incident.js';
import { claimsOrAppearsChild, personFoundConsistencyProblems, type Handover, type NrmOutcome, type PersonFoundRecord } from './people-found.js';

/*
 * The decisions that change a person found after they were first recorded: the whole record while
 * the incident is a draft, and the follow-ups that come later — a child's handover to a local
 * authority, the National Referral Mechanism's decisions — at any time, after sending too.
 */

type PersonFound = NonNullable<IncidentInput['peopleFound']>[number];

export interface PersonFoundState {
  incidentStatus: string;
  createdById: string;
  incidentDate: string | null;
  /** Null when the incident has no such person. */
  person: (PersonFoundRecord & { nrmOutcome: Record<string, { decision: string; date: string }> | null }) | null;
}

const NO_SUCH_PERSON = 'There is no such person recorded on this incident';

/** Changes a person's record while the incident is a draft: the record as it now stands replaces it. */
export function decideAmendPersonFound(state: PersonFoundState, input: { incidentId: string; personId: string; person: PersonFound }): CommandDecision {
  if (!state.person) return { ok: false, message: NO_SUCH_PERSON };
  if (state.incidentStatus !== 'draft') {
    return { ok: false, message: 'This incident has been sent: a person’s record can no longer be changed, only a child’s handover and the NRM outcome recorded' };
  }
  const problems = personFoundConsistencyProblems(input.person);
  if (problems.length) return { ok: false, message: problems[0]!.message, errors: problems };
  return { ok: true, events: [{ type: INCIDENT_EVENT.PersonFoundAmended, payload: { ...input.person, incidentId: input.incidentId, personId: input.personId } }] };
}

/**
 * Records a child's handover and/or an NRM decision on a person, also after sending. A handover is
 * for a child (claimed or apparent); an NRM decision for someone referred; a conclusive grounds
 * decision follows a positive reasonable grounds decision; no decision is dated in the future or
 * before the incident.
 */
export function decideRecordPersonFollowUp(
  state: PersonFoundState,
  input: { incidentId: string; personId: string; handover?: Handover | undefined; nrmOutcome?: NrmOutcome | undefined },
  { now }: CommandMoment,
): CommandDecision {
  const person = state.person;
  if (!person) return { ok: false, message: NO_SUCH_PERSON };
  if (!input.handover && !input.nrmOutcome) return { ok: false, message: 'Record the handover or the NRM decision', errors: [{ field: 'handover', message: 'Record the handover to a local authority or the NRM decision' }] };
  const today = ukDate(now);
  const onDate = state.incidentDate && state.incidentDate <= today ? state.incidentDate : today;
  const errors: { field: string; message: string }[] = [];
  if (input.handover) {
    if (!claimsOrAppearsChild(person, onDate)) errors.push({ field: 'handover', message: 'A handover to a local authority is for a child: record the person as claiming to be, or appearing to be, under 18 first' });
    if (input.handover.date > today) errors.push({ field: 'handoverDate', message: 'The date of the handover must be today or in the past' });
    if (state.incidentDate && input.handover.date < state.incidentDate) errors.push({ field: 'handoverDate', message: 'The date of the handover must be on or after the date of the incident' });
  }
  const referred = person.nrmReferred ?? Boolean(person.nrmReferralReference);
  if (input.nrmOutcome && !referred) {
    errors.push({ field: 'nrmStage', message: 'Record the NRM referral on the person’s record first: an outcome comes back only for someone referred' });
  } else if (input.nrmOutcome) {
    if (input.nrmOutcome.date > today) errors.push({ field: 'nrmDate', message: 'The date of the decision must be today or in the past' });
    if (state.incidentDate && input.nrmOutcome.date < state.incidentDate) errors.push({ field: 'nrmDate', message: 'The date of the decision must be on or after the date of the incident' });
    const reasonable = person.nrmOutcome?.['reasonable-grounds'];
    if (input.nrmOutcome.stage === 'conclusive-grounds') {
      if (reasonable?.decision !== 'positive') errors.push({ field: 'nrmStage', message: 'A conclusive grounds decision follows a positive reasonable grounds decision: record that first' });
      else if (input.nrmOutcome.date < reasonable.date) errors.push({ field: 'nrmDate', message: 'The conclusive grounds decision must be on or after the reasonable grounds decision' });
    }
  }
  if (errors.length) return { ok: false, message: errors[0]!.message, errors };
  return {
    ok: true,
    events: [
      {
        type: INCIDENT_EVENT.PersonFoundFollowUpRecorded,
        payload: { incidentId: input.incidentId, personId: input.personId, ...(input.handover ? { handover: input.handover } : {}), ...(input.nrmOutcome ? { nrmOutcome: input.nrmOutcome } : {}) },
      },
    ],
  };
}
