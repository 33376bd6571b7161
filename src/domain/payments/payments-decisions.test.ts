import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY_VERSIONS } from '../policy/default-policy.js';
import type { PolicyVersion } from '../policy/policy-parameters.js';
import { openLiability, type LiabilityState } from '../liability/liability-state.js';
import type { PaymentsCaseState } from './case-state.js';
import { decideRecordAgencyOutcome, decideRecordDebtAcknowledgement, decideRecordInsolvencyCheck, decideReferDebtToAgency } from './debt-decisions.js';
import { decideEndDetention, decideRecordDetention, detentionsOf } from './detention-decisions.js';
import {
  decideAssignLedgerLine,
  decideFinishLedgerImport,
  decideRecordLedgerLine,
  decideSetAsideLedgerLine,
  SET_ASIDE_REASON_MAX,
  type LedgerLineOutcome,
} from './ledger-decisions.js';

const policy = DEFAULT_POLICY_VERSIONS[0] as PolicyVersion;
const now = new Date('2026-06-10T12:00:00Z');
const OWNER = '0190a000-0000-7000-8000-00000000000a';
const DRIVER = '0190a000-0000-7000-8000-00000000000b';

function imposed(amountPence: number): LiabilityState {
  return { ...openLiability({ offence: 'S31A', role: 'owner', incidentDate: '2026-01-05' }), penaltyNotice: { noticeDate: '2026-03-01', amountPence, imposedBy: 'u1' } };
}

function caseWith(events: PaymentsCaseState['events'] = [], owner: LiabilityState = imposed(150000)): PaymentsCaseState {
  return {
    kase: { incidentDate: '2026-01-05' },
    liabilities: [{ id: OWNER, partyName: 'Alpha Haulage' }, { id: DRIVER, partyName: 'Jan Kowalski' }],
    states: new Map([[OWNER, owner], [DRIVER, openLiability({ offence: 'S31A', role: 'driver', incidentDate: '2026-01-05' })]]),
    events,
    policy: { ok: true, policyVersion: policy },
  };
}

describe('debt decisions', () => {
  it('records a written acknowledgement of an imposed penalty, and refuses one before the notice or without a penalty', () => {
    expect(decideRecordDebtAcknowledgement(caseWith(), { liabilityId: OWNER, acknowledgedOn: '2026-06-01', note: ' By letter ' }, { now })).toEqual({
      ok: true,
      events: [{ type: 'DebtAcknowledged', payload: { liabilityId: OWNER, acknowledgedOn: '2026-06-01', note: 'By letter' } }],
    });
    expect(decideRecordDebtAcknowledgement(caseWith(), { liabilityId: OWNER, acknowledgedOn: '2026-02-01' }, { now })).toMatchObject({
      ok: false,
      errors: [{ field: 'acknowledgedOn', message: 'The date of the acknowledgement cannot be before the penalty notice (2026-03-01)' }],
    });
    expect(decideRecordDebtAcknowledgement(caseWith(), { liabilityId: DRIVER, acknowledgedOn: '2026-06-01' }, { now })).toMatchObject({
      ok: false,
      message: 'No penalty has been imposed on Jan Kowalski, so there is no debt yet',
    });
  });

  it('records an insolvency check with a known finding, and refuses a future date and an unknown finding together', () => {
    expect(decideRecordInsolvencyCheck(caseWith(), { liabilityId: OWNER, checkedOn: '2026-06-10', source: ' Companies House ', finding: 'none' }, { now })).toMatchObject({
      ok: true,
      events: [{ type: 'InsolvencyCheckRecorded', payload: { source: 'Companies House', finding: 'none', note: '' } }],
    });
    const refused = decideRecordInsolvencyCheck(caseWith(), { liabilityId: OWNER, checkedOn: '2026-06-11', source: 'x', finding: 'bankrupt-ish' }, { now });
    expect(refused.ok ? [] : refused.errors.map((e) => e.field)).toEqual(['checkedOn', 'finding']);
  });

  it('refers an amount owed with the file’s hash, and refuses a penalty with nothing owed', () => {
    const input = { liabilityId: OWNER, referralId: '0190a000-0000-7000-8000-000000000001', batchId: '0190a000-0000-7000-8000-000000000002', amountPence: 150000, fileHash: 'f'.repeat(64) };
    expect(decideReferDebtToAgency(caseWith(), input)).toMatchObject({ ok: true, events: [{ type: 'DebtReferredToAgency', payload: { amountPence: 150000, fileHash: 'f'.repeat(64) } }] });
    expect(decideReferDebtToAgency(caseWith(), { ...input, amountPence: 0 })).toMatchObject({ ok: false, message: 'Nothing is owed on this penalty' });
  });

  it('records what the agency reported, not dated before the referral', () => {
    const input = { liabilityId: OWNER, referralId: '0190a000-0000-7000-8000-000000000001', referredOn: '2026-05-01', outcome: 'collected', outcomeOn: '2026-05-20' };
    expect(decideRecordAgencyOutcome(caseWith(), input, { now })).toMatchObject({ ok: true, events: [{ type: 'DebtAgencyOutcomeRecorded', payload: { outcome: 'collected', note: '' } }] });
    expect(decideRecordAgencyOutcome(caseWith(), { ...input, outcomeOn: '2026-04-30' }, { now })).toMatchObject({
      ok: false,
      errors: [{ field: 'outcomeOn', message: 'The date of the agency’s report cannot be before the referral (2026-05-01)' }],
    });
  });
});

describe('detention decisions', () => {
  const start = { detentionId: '0190a000-0000-7000-8000-000000000003', liabilityId: OWNER, registration: ' wgm 4521k ', place: ' Dover ', startedOn: '2026-06-08', dailyCostPence: 4500 };

  it('records a detention for an unpaid penalty, the registration as written in capitals', () => {
    expect(decideRecordDetention(caseWith(), start, { now })).toEqual({
      ok: true,
      events: [{ type: 'VehicleDetained', payload: { detentionId: start.detentionId, liabilityId: OWNER, registration: 'WGM 4521K', place: 'Dover', startedOn: '2026-06-08', dailyCostPence: 4500 } }],
    });
  });

  it('refuses a second detention of the same vehicle, and one for a penalty not imposed', () => {
    const detained = decideRecordDetention(caseWith(), start, { now });
    const events = detained.ok ? detained.events : [];
    expect(decideRecordDetention(caseWith(events), { ...start, detentionId: '0190a000-0000-7000-8000-000000000004', registration: 'WGM4521K' }, { now })).toMatchObject({
      ok: false,
      errors: [{ field: 'registration', message: 'WGM4521K is already detained on this case' }],
    });
    expect(decideRecordDetention(caseWith(), { ...start, liabilityId: DRIVER }, { now })).toMatchObject({ ok: false, errors: [{ field: 'liabilityId' }] });
  });

  it('ends a detention with its costs charged, and refuses to end it twice', () => {
    const detained = decideRecordDetention(caseWith(), start, { now });
    const events = detained.ok ? [...detained.events] : [];
    const ended = decideEndDetention(caseWith(events), { detentionId: start.detentionId, how: 'court-order', endedOn: '2026-06-10' }, { now });
    expect(ended).toEqual({
      ok: true,
      events: [
        { type: 'DetentionEnded', payload: { detentionId: start.detentionId, liabilityId: OWNER, how: 'court-order', howLabel: 'Released by court order', endedOn: '2026-06-10', days: 3, costsPence: 13500 } },
        { type: 'DetentionCostsCharged', payload: { liabilityId: OWNER, detentionId: start.detentionId, amountPence: 13500 } },
      ],
    });
    const after = [...events, ...(ended.ok ? ended.events : [])];
    expect(detentionsOf({ events: after })[0]!.ended).toEqual({ how: 'court-order', endedOn: '2026-06-10', days: 3, costsPence: 13500 });
    expect(decideEndDetention(caseWith(after), { detentionId: start.detentionId, how: 'payment', endedOn: '2026-06-10' }, { now })).toMatchObject({
      ok: false,
      errors: [{ field: 'how', message: 'This detention has already ended' }],
    });
  });
});

describe('ledger decisions', () => {
  const line: LedgerLineOutcome = {
    lineId: '0190a000-0000-7000-8000-000000000005',
    lineNumber: 2,
    lineKey: 'T-1',
    invoiceReference: null,
    payerReference: 'Donation',
    payerName: 'Nobody',
    amountPence: 7500,
    paidOn: '2026-06-01',
    method: 'bank-transfer',
    raw: { transaction_id: 'T-1' },
    outcome: 'waiting',
    waitingReason: 'unmatched',
    candidates: [],
    caseId: null,
    liabilityId: null,
  };

  it('records a line once, with its outcome and candidates', () => {
    expect(decideRecordLedgerLine({ alreadyRecorded: false }, line)).toEqual({ ok: true, events: [{ type: 'LedgerLineRecorded', payload: line }] });
    expect(decideRecordLedgerLine({ alreadyRecorded: true }, line)).toMatchObject({ ok: false, message: 'Line 2 was imported before' });
    expect(decideRecordLedgerLine({ alreadyRecorded: false }, { ...line, outcome: 'matched' })).toMatchObject({ ok: false, errors: [{ field: 'liabilityId' }] });
  });

  it('assigns or sets aside a waiting line only, with a reason of a sensible length', () => {
    const waiting = { id: line.lineId, lineNumber: 2, status: 'waiting' };
    const assignment = { caseId: '0190a000-0000-7000-8000-000000000006', reference: 'CEC-2026-000001', liabilityId: OWNER, paidBy: 'other' };
    expect(decideAssignLedgerLine(waiting, assignment)).toMatchObject({ ok: true, events: [{ type: 'LedgerLineAssigned', payload: { lineId: line.lineId, caseId: assignment.caseId } }] });
    expect(decideAssignLedgerLine({ ...waiting, status: 'set-aside' }, assignment)).toMatchObject({ ok: false, message: 'This line has already been set aside.' });
    expect(decideSetAsideLedgerLine(waiting, { reason: '  A refund  ' })).toMatchObject({ ok: true, events: [{ type: 'LedgerLineSetAside', payload: { reason: 'A refund' } }] });
    expect(decideSetAsideLedgerLine(waiting, { reason: ' ' })).toMatchObject({ ok: false, errors: [{ field: 'reason', message: 'Enter why the line is set aside' }] });
    expect(decideSetAsideLedgerLine(waiting, { reason: 'x'.repeat(SET_ASIDE_REASON_MAX + 1) })).toMatchObject({ ok: false });
    expect(decideSetAsideLedgerLine({ ...waiting, status: 'resolved' }, { reason: 'x' })).toMatchObject({ ok: false, message: 'This line has already been assigned to a penalty.' });
  });

  it('finishes an import with its counts', () => {
    expect(decideFinishLedgerImport({ matched: 2, waiting: 1, rejected: 3 })).toEqual({ ok: true, events: [{ type: 'LedgerImportFinished', payload: { matched: 2, waiting: 1, rejected: 3 } }] });
  });
});
