import { NOT_REFERRED_REASONS } from './actions.js';
import { holdsAnyRole } from './casework-roles.js';
import { recorded, type Commands } from './command.js';
import { liabilityEvent } from './liability-events.js';
import { requiredText } from './liability-clock.js';

/*
 * Discretion not to pursue a penalty against this person (DOMAIN.md §5): a senior officer decides,
 * except for a recorded self-declaration, which supports a caseworker's decision by itself.
 */

export const notReferredCommands: Commands<'decideNotToRefer'> = {
  decideNotToRefer: {
    check: (state, action, context) => {
      if (!Object.hasOwn(NOT_REFERRED_REASONS, action.reasonCode)) {
        return [`"${String(action.reasonCode)}" is not a reason not to refer. Choose from: ${Object.keys(NOT_REFERRED_REASONS).join(', ')}.`];
      }
      const problems: string[] = [];
      if (action.reasonCode === 'self-declaration' && !state.selfDeclared) {
        problems.push('No self-declaration is recorded on the incident. Record when, where and to whom the driver declared it first.');
      }
      if (action.reasonCode !== 'self-declaration' && !holdsAnyRole(context.actor, ['senior-officer'])) {
        problems.push('Only a senior officer may decide not to pursue a penalty for this reason; a caseworker may only for a recorded self-declaration.');
      }
      return [...problems, ...requiredText('the reasons for the decision', action.explanation)];
    },
    events: (_state, action, context) => [
      liabilityEvent('NotReferralDecided', recorded(context), {
        reasonCode: action.reasonCode,
        explanation: action.explanation.trim(),
        bySeniorOfficer: holdsAnyRole(context.actor, ['senior-officer']),
      }),
    ],
  },
};
