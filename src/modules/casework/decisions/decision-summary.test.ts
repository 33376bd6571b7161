import { describe, expect, it } from 'vitest';
import { liabilityAt, OFFICERS, POLICY, run } from '../../../domain/liability/liability-factories.js';
import type { LiabilityState } from '../../../domain/liability/liability-state.js';
import type { CaseFile, LiabilityRow } from '../case-file.js';
import { decisionSummary } from './decision-summary.js';

/* The decision summary read from a liability reached by real commands (no database). */

const row = { id: 'l-owner', role: 'owner', offence: 'S31A', partyName: 'Trans-Pol Sp. z o.o.', language: 'pl', email: null, addressLines: ['ul. Długa 5', 'Łódź'] } as unknown as LiabilityRow;
const names: Record<string, string> = { 'so-sam': 'Sam Senior', 'eo-eve': 'Eve Caseworker', 'ho-hal': 'Hal Assurer', 'ao-ada': 'Ada Caseworker' };
const summaryOf = (type: Parameters<typeof decisionSummary>[0], state: LiabilityState, today: string) =>
  decisionSummary(type, row, {
    file: { states: new Map([[row.id, state]]), versions: [POLICY] } as unknown as CaseFile,
    today,
    officerName: (id) => names[id] ?? id,
    evidence: [{ originalName: 'seal.jpg', fileHash: 'abc' }],
  })!;

describe('the decision summary', () => {
  it('shows the assurer of an objection determination the outcome, who determined it, the deadline and the letter that will go', () => {
    const drafted = run(liabilityAt('objection-received').state, { type: 'determineObjection', outcome: 'cancel', reasons: 'Sold before the incident' }, OFFICERS.so, '2025-05-10');
    const summary = summaryOf('assureObjectionDetermination', drafted, '2025-05-11');
    expect(summary.heading).toBe('Trans-Pol Sp. z o.o., owner (S31A)');
    expect(summary.facts).toEqual(
      expect.arrayContaining([
        { key: 'Outcome determined', value: 'Cancel the penalty (IS11A)' },
        { key: 'Amount after the determination', value: 'Nothing: the penalty is cancelled' },
        { key: 'Penalty now', value: '£1,500' },
        { key: 'Letters in', value: 'English and Polish' },
      ]),
    );
    expect(summary.people).toContainEqual({ key: 'Objection determined by', value: 'Sam Senior on 10 May 2025' });
    expect(summary.deadlines.map((d) => d.label)).toContain('Objection to be decided by');
    expect(summary.evidence).toEqual([{ text: 'seal.jpg', href: '/evidence/abc' }]);
    expect(summary.whatHappensNext[0]).toBe('If you approve: the penalty is cancelled, and the objection decision letter IS11A will be sent to Trans-Pol Sp. z o.o. in English and Polish, by post.');
  });

  it('shows the approval with each calculation step, the drafter and the days left to impose', () => {
    const { state } = liabilityAt('recommendation-drafted');
    const summary = summaryOf('approveRecommendation', state, '2025-04-04');
    expect(summary.calculation?.steps.map((s) => s.label)).toEqual(state.recommendation!.steps.map((s) => s.label));
    expect(summary.calculation?.total).toBe('£1,500');
    expect(summary.people).toContainEqual({ key: 'Recommendation drafted by', value: 'Eve Caseworker on 3 April 2025' });
    expect(summary.deadlines).toContainEqual({ label: 'Last day to impose the penalty', date: '5 September 2025', when: 'in 154 days' });
  });

  it('has no summary for a step that decides nothing', () => {
    const { state } = liabilityAt('initial-notice-sent');
    expect(decisionSummary('recordResponse', row, { file: { states: new Map([[row.id, state]]), versions: [POLICY] } as unknown as CaseFile, today: '2025-04-01', officerName: String, evidence: [] })).toBeNull();
  });
});
