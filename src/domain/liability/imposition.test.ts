import { describe, expect, it } from 'vitest';
import { aggregateCapFacts } from './imposition.js';
import { APPROVE, CHECK_NOTICE, attempt, liabilityAt, OFFICERS, openDriverLiability, penaltyFactsFor, refusal, run, walk, type Step } from './liability-factories.js';

const { ao, eo, ho } = OFFICERS;
const impose = { type: 'imposePenalty' } as const;

/** The initial notice sent on day 31, so the response window (to 2025-05-08) outlasts the earliest imposition (2025-04-21). */
const LATE_NOTICE: Step[] = [
  { action: CHECK_NOTICE, actor: ho, today: '2025-04-09' },
  { action: { type: 'sendInitialNotice' }, actor: ao, today: '2025-04-10' },
  { action: { type: 'recordResponse', receivedOn: '2025-04-15' }, actor: ao, today: '2025-04-15' },
  { action: (state) => ({ type: 'draftRecommendation', penaltyFacts: penaltyFactsFor(state) }), actor: eo, today: '2025-04-16' },
  { action: APPROVE, actor: ho, today: '2025-04-17' },
];

describe('imposing the penalty', () => {
  it('imposes the assured amount once the window has closed, dated today', () => {
    const { state } = liabilityAt('assured');
    const decision = attempt(state, impose, ao, '2025-04-25');
    expect(decision).toMatchObject({ ok: true, stage: 'imposed' });
    expect(decision.ok && decision.events[0]?.payload).toMatchObject({ noticeDate: '2025-04-25', amountPence: 150_000, aggregateSplitApprovedBy: null });
  });

  it('refuses to impose inside the response window, even after a response', () => {
    const { state } = walk(LATE_NOTICE);
    expect(refusal(state, impose, ao, '2025-05-08')).toEqual(['The response window for the initial notice is open until 2025-05-08; impose from 2025-05-09.']);
    expect(attempt(state, impose, ao, '2025-05-09').ok).toBe(true);
  });

  it('refuses to impose after the last day to impose', () => {
    const { state } = liabilityAt('assured');
    expect(attempt(state, impose, ao, '2025-09-05').ok).toBe(true);
    expect(refusal(state, impose, ao, '2025-09-06')).toEqual([
      'The last day to impose was 2025-09-05; a penalty notice can no longer be issued. Propose the case for write-off (deadline missed).',
    ]);
  });

  it('refuses before the earliest imposition date (policy)', () => {
    const { state } = liabilityAt('assured');
    expect(refusal(state, impose, ao, '2025-04-20')).toEqual(['Operational practice (policy 2023.1) allows imposition from 2025-04-21.']);
  });

  it('refuses above the aggregate maximum until a senior officer records the split, then imposes the split amount', () => {
    const over = { capPence: 1_200_000, totalPence: 1_500_000, exceedsCap: true, imposable: false };
    const { state } = liabilityAt('assured', openDriverLiability({ aggregateCap: aggregateCapFacts(over) }));
    expect(refusal(state, impose, ao, '2025-04-25')).toEqual([
      'The penalties for this incident total £15,000, above the aggregate maximum of £12,000. A senior officer must record how the maximum is split before any of them is imposed.',
    ]);
    const split = aggregateCapFacts({ ...over, imposable: true }, { approvedBy: 'so-sam', amountPence: 100_000 });
    const decision = attempt({ ...state, aggregateCap: split }, impose, ao, '2025-04-25');
    expect(decision.ok && decision.events[0]?.payload).toMatchObject({ amountPence: 100_000, aggregateSplitApprovedBy: 'so-sam' });
  });

  it('refuses when the aggregate maximum has not been checked', () => {
    const { aggregateCap: _unchecked, ...state } = liabilityAt('assured').state;
    expect(refusal(state, impose, ao, '2025-04-25')).toEqual([
      'The aggregate maximum for the incident has not been checked. Check the penalties of every responsible person together before imposing.',
    ]);
  });

  it('refuses while an earlier notice is being re-sent', () => {
    const { state } = liabilityAt('assured');
    const wrong = run(state, { type: 'recordNoticeSentToWrongAddress', reason: 'Returned undelivered' }, eo, '2025-04-24');
    expect(refusal(wrong, impose, ao, '2025-04-25')).toEqual([
      'An earlier initial notice is being re-sent (it went to ul. Portowa 1, 81-300 Gdynia, Poland). Re-send it and let the new response window close before imposing.',
    ]);
  });

  it('gives every reason at once when several guards refuse', () => {
    const over = { capPence: 1_200_000, totalPence: 1_500_000, exceedsCap: true };
    const { state } = walk(LATE_NOTICE, openDriverLiability({ aggregateCap: over }));
    const wrong = run(state, { type: 'recordNoticeSentToWrongAddress', reason: 'Returned undelivered' }, eo, '2025-04-18');
    expect(refusal(wrong, impose, ao, '2025-04-20')).toHaveLength(4);
  });
});
