import { describe, expect, it } from 'vitest';
import { openDriverLiability } from '../liability/liability-factories.js';
import { caseFile, CASE_ID, driver, recorded } from './case-factories.js';
import { currentLinks, decideLinkCase, decideUnlinkCase, type LinkTarget } from './links.js';

const OTHER: LinkTarget = { caseId: '0f3a2b1c-0000-4000-8000-000000000002', reference: 'CEC-2025-000002', incidentDate: '2025-03-10', offences: ['S32'] };
const file = (events = [] as ReturnType<typeof recorded>[]) => ({ ...caseFile([{ row: driver(), state: openDriverLiability() }], { events }), otherCaseVersion: 4 });
const linked = () => recorded('CaseLinked', { linkedCaseId: OTHER.caseId, linkedReference: OTHER.reference, reason: 'same-company', note: null });

describe('decideLinkCase', () => {
  it('links a case from a separate referral of the same incident', () => {
    expect(decideLinkCase(file(), { reason: 'same-incident', target: OTHER })).toEqual({
      ok: true,
      events: [{ type: 'CaseLinked', payload: { linkedCaseId: OTHER.caseId, linkedReference: OTHER.reference, reason: 'same-incident', note: null } }],
      // The same link on the other case's stream, after the version the command read.
      alsoOn: [
        {
          streamId: `case-${OTHER.caseId}`,
          streamType: 'case',
          expectedVersion: 4,
          events: [{ type: 'CaseLinked', payload: { linkedCaseId: CASE_ID, linkedReference: 'CEC-2025-000001', reason: 'same-incident', note: null } }],
        },
      ],
    });
  });

  it('refuses the case itself, a case already linked, “other” without a note and a same-incident link that does not hold', () => {
    expect(decideLinkCase(file(), { reason: 'same-company', target: { ...OTHER, caseId: CASE_ID } })).toMatchObject({ ok: false, message: 'A case cannot be linked to itself' });
    expect(decideLinkCase(file([linked()]), { reason: 'same-company', target: OTHER })).toMatchObject({ ok: false, message: 'This case is already linked to CEC-2025-000002' });
    expect(decideLinkCase(file(), { reason: 'other', target: OTHER })).toMatchObject({ ok: false, errors: [{ field: 'note' }] });
    expect(decideLinkCase(file(), { reason: 'same-incident', target: { ...OTHER, offences: ['S31A'] } })).toMatchObject({ ok: false, errors: [{ field: 'reason' }] });
    expect(decideLinkCase(file(), { reason: 'same-incident', target: { ...OTHER, incidentDate: '2025-03-11' } })).toMatchObject({
      ok: false,
      message: 'The incidents are on different dates (2025-03-10 and 2025-03-11): choose another reason',
    });
  });
});

describe('decideUnlinkCase', () => {
  it('unlinks a linked case, whatever the case of the reference typed', () => {
    expect(decideUnlinkCase(file([linked()]), { linkedReference: ' cec-2025-000002 ' })).toEqual({
      ok: true,
      events: [{ type: 'CaseUnlinked', payload: { linkedCaseId: OTHER.caseId, linkedReference: OTHER.reference } }],
      alsoOn: [{ streamId: `case-${OTHER.caseId}`, streamType: 'case', expectedVersion: 4, events: [{ type: 'CaseUnlinked', payload: { linkedCaseId: CASE_ID, linkedReference: 'CEC-2025-000001' } }] }],
    });
  });

  it('refuses a case it is not linked to (any more)', () => {
    const unlinked = recorded('CaseUnlinked', { linkedCaseId: OTHER.caseId, linkedReference: OTHER.reference });
    expect(currentLinks([linked(), unlinked]).size).toBe(0);
    expect(decideUnlinkCase(file([linked(), unlinked]), { linkedReference: OTHER.reference })).toEqual({ ok: false, message: 'This case is not linked to CEC-2025-000002' });
  });
});
