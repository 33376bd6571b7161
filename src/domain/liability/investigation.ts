import { recorded, type Commands } from './command.js';
import { liabilityEvent } from './liability-events.js';
import { deadlineOf, hasPassed, orderProblems, recordedDateProblems, requiredText } from './liability-clock.js';

/*
 * Criminal investigation referral (facilitation suspected) and the case's return: the 180-day clock
 * keeps running throughout, and a case comes back to the stage it left.
 */

export const investigationCommands: Commands<'referForCriminalInvestigation' | 'recordInvestigationOutcome' | 'recordInvestigationReturn'> = {
  referForCriminalInvestigation: {
    check: (state, action, context) => [
      ...recordedDateProblems('The date of the referral', action.referredOn, state, context.today),
      ...requiredText('the investigation team', action.team),
    ],
    events: (state, action, context) => [
      liabilityEvent('CriminalInvestigationReferred', recorded(context), {
        referredOn: action.referredOn,
        team: action.team.trim(),
        investigationReference: action.investigationReference?.trim() || null,
        previousStage: state.stage,
      }),
    ],
  },

  recordInvestigationOutcome: {
    check: (state, action, context) => {
      const problems = ['declined', 'accepted'].includes(action.outcome) ? [] : ['Choose whether the team took the case or declined it.'];
      const dateProblems = recordedDateProblems('The date of the decision', action.decidedOn, state, context.today);
      return [
        ...problems,
        ...dateProblems,
        ...(dateProblems.length === 0 ? orderProblems('The date of the decision', action.decidedOn, 'the referral', state.investigation?.referredOn) : []),
      ];
    },
    events: (state, action, context) =>
      action.outcome === 'accepted'
        ? [liabilityEvent('CriminalInvestigationAccepted', recorded(context), { decidedOn: action.decidedOn, note: action.note?.trim() || null })]
        : [
            liabilityEvent('CriminalInvestigationDeclined', recorded(context), {
              decidedOn: action.decidedOn,
              note: action.note?.trim() || null,
              returnTo: state.investigation?.stageBefore ?? 'case-created',
            }),
          ],
  },

  recordInvestigationReturn: {
    ready: (state, context) => {
      const lastDay = deadlineOf(state, context.policyVersion, 'lastDayToImpose');
      return hasPassed(lastDay, context.today)
        ? [`The last day to impose was ${lastDay}, so the case cannot resume. Propose write-off (criminal investigation) instead.`]
        : [];
    },
    check: (state, action, context) => {
      const dateProblems = recordedDateProblems('The date the case came back', action.returnedOn, state, context.today);
      return dateProblems.length > 0
        ? dateProblems
        : orderProblems('The date the case came back', action.returnedOn, 'the team took it', state.investigation?.acceptedOn);
    },
    events: (state, action, context) => [
      liabilityEvent('CriminalInvestigationReturned', recorded(context), {
        returnedOn: action.returnedOn,
        returnTo: state.investigation?.stageBefore ?? 'case-created',
      }),
    ],
  },
};
