import { describe, expect, it } from 'vitest';
import { liabilityAt, openDriverLiability } from '../liability/liability-factories.js';
import type { LiabilityState } from '../liability/liability-state.js';
import { decideAggregateSplit } from './aggregate.js';
import { caseFile, company, COMPANY_ID, driver, DRIVER_ID } from './case-factories.js';

const drafted = liabilityAt('recommendation-drafted').state;
const own = drafted.recommendation!.amountPence;
const withCap = (state: LiabilityState, exceedsCap: boolean): LiabilityState => ({ ...state, aggregateCap: { capPence: own, totalPence: own * 2, exceedsCap } });
const both = (exceedsCap: boolean) =>
  caseFile([
    { row: driver(), state: withCap(drafted, exceedsCap) },
    { row: company(), state: withCap(drafted, exceedsCap) },
  ]);

describe('decideAggregateSplit', () => {
  it('records each person’s share when the penalties exceed the maximum', () => {
    const amountsPence = { [DRIVER_ID]: own / 2, [COMPANY_ID]: own / 2 };
    expect(decideAggregateSplit(both(true), { offence: 'S31A', amountsPence })).toEqual({ ok: true, events: [{ type: 'AggregateSplitRecorded', payload: { offence: 'S31A', amountsPence } }] });
  });

  it('refuses a split nobody needs, one before every recommendation, a share above a penalty and shares above the maximum', () => {
    expect(decideAggregateSplit(both(false), { offence: 'S31A', amountsPence: { [DRIVER_ID]: 1, [COMPANY_ID]: 1 } })).toMatchObject({ ok: false, message: expect.stringMatching(/no split is needed\.$/) });
    const { aggregateCap: _none, ...beforeRecommendation } = openDriverLiability();
    const notYet = caseFile([{ row: driver(), state: beforeRecommendation }]);
    expect(decideAggregateSplit(notYet, { offence: 'S31A', amountsPence: { [DRIVER_ID]: 1 } })).toMatchObject({ ok: false, message: expect.stringMatching(/^The maximum can be split only when/) });
    const refused = decideAggregateSplit(both(true), { offence: 'S31A', amountsPence: { [DRIVER_ID]: own + 1, [COMPANY_ID]: 0 } });
    expect(refused.ok ? [] : refused.errors?.map((e) => e.message)).toEqual([expect.stringMatching(/^Piotr Kowalski's share .* is more than their own penalty/), expect.stringMatching(/^The shares add up to .*, more than the maximum/)]);
    expect(decideAggregateSplit(both(true), { offence: 'S31A', amountsPence: { [DRIVER_ID]: 1 } })).toMatchObject({ ok: false, message: 'Enter the amount for Trans-Pol Sp. z o.o..' });
  });
});
