import { NOTICE_DETAILS_CHECKLIST } from './actions.js';
import { checklistProblems, tickedInOrder } from './assurance.js';
import { recorded, type Commands, type DecisionContext } from './command.js';
import { liabilityEvent } from './liability-events.js';
import type { LiabilityState } from './liability-state.js';

/*
 * Peer assurance of the initial notice (seed 003 §10.106–10.107): before IS11D/IS11E goes out, an
 * officer other than the one who sends it checks the name and address against the documents, with a
 * checklist. A change of address after the check needs a fresh check.
 */

function currentAddress(state: LiabilityState): string {
  return state.postalAddress?.trim() ?? '';
}

/** Why the initial notice may not be sent yet by the actor: no check, a check of another address, or the actor's own check. */
export function noticeCheckProblems(state: LiabilityState, context: DecisionContext): string[] {
  const check = state.noticeDetailsCheck;
  if (!check) return ['A second officer must check the name and address (and tick the checklist) before the initial notice is sent.'];
  if (check.address !== currentAddress(state)) {
    return [`The address has changed since it was checked (checked: ${check.address || 'no address'}). A second officer must check the new address before the notice is sent.`];
  }
  if (check.checkedBy === context.actor.id) return ['You checked the name and address, so another officer must send the initial notice.'];
  return [];
}

export const noticeDetailsCheckCommands: Commands<'checkNoticeDetails'> = {
  checkNoticeDetails: {
    ready: (state) => {
      if (!currentAddress(state)) return ['There is no postal address to check. Record their address in the parties register first.'];
      const check = state.noticeDetailsCheck;
      return check && check.address === currentAddress(state) ? ['The name and address are already checked for this address.'] : [];
    },
    check: (_state, action) => checklistProblems(action.checklist, NOTICE_DETAILS_CHECKLIST, 'name and address'),
    events: (state, action, context) => [
      liabilityEvent('NoticeDetailsChecked', recorded(context), { address: currentAddress(state), checklist: tickedInOrder(action.checklist, NOTICE_DETAILS_CHECKLIST) }),
    ],
  },
};
