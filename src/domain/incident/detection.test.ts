import { describe, expect, it } from 'vitest';
import { detectionFromSearch, EARLIER_CROSSING_DAYS_BEFORE_ARRIVAL, earlierCrossingWindow, incidentDetectionProblems, searchDetectionProblems } from './detection.js';
import { authoriseEarlierCrossing, decideConfirmEarlierCrossing, decideRuleOutEarlierCrossings, type EarlierCrossingState } from './earlier-crossing-decision.js';
import { submissionProblems } from './incident.js';

const found = { result: 'clandestine-entrants', methods: ['dog', 'heartbeat'] };
const moment = { actor: { id: 'officer-1', name: 'PC Smith', roles: ['police-officer'] }, now: new Date('2026-12-04T12:00:00Z') };

describe('the detecting method of a search', () => {
  it('is required when something was found, and only then', () => {
    expect(searchDetectionProblems(found)).toEqual([{ field: 'detectingMethod', message: 'Choose the one method that found them (or the breach)' }]);
    for (const result of ['not-secured', 'both', 'other-find']) expect(searchDetectionProblems({ ...found, result })[0]?.field).toBe('detectingMethod');
    expect(searchDetectionProblems({ result: 'nothing-found', methods: ['dog'] })).toEqual([]);
    expect(searchDetectionProblems({ result: 'nothing-found', methods: ['dog'], detectingMethod: 'dog' })[0]?.field).toBe('detectingMethod');
  });

  it('is one of the methods used, or a way of finding that is not a search method', () => {
    expect(searchDetectionProblems({ ...found, detectingMethod: 'dog' })).toEqual([]);
    expect(searchDetectionProblems({ ...found, detectingMethod: 'xray' })[0]?.message).toMatch(/must be one of the methods used/);
    for (const other of ['driver-information', 'made-themselves-known', 'noise-heard']) expect(searchDetectionProblems({ ...found, detectingMethod: other })).toEqual([]);
  });

  it('may be "not known" only with the reason', () => {
    expect(searchDetectionProblems({ ...found, detectingMethod: 'not-known' })).toEqual([{ field: 'detectingMethodUnknownReason', message: 'Say why the method that found them is not known' }]);
    expect(searchDetectionProblems({ ...found, detectingMethod: 'not-known', detectingMethodUnknownReason: '  ' })).toHaveLength(1);
    expect(searchDetectionProblems({ ...found, detectingMethod: 'not-known', detectingMethodUnknownReason: 'Found at the shed by the night shift' })).toEqual([]);
    expect(incidentDetectionProblems({ detectingMethod: 'not-known' })).toHaveLength(1);
    expect(incidentDetectionProblems({})).toEqual([]);
  });

  it('stops an incident being sent with "not known" and no reason', () => {
    const fields = (incident: Parameters<typeof submissionProblems>[0]) => submissionProblems(incident, '2026-12-04', []).map((p) => p.field);
    expect(fields({ kind: 'port', detectingMethod: 'not-known' })).toContain('detectingMethodUnknownReason');
    expect(fields({ kind: 'port', detectingMethod: 'dog' })).not.toContain('detectingMethodUnknownReason');
  });

  it('is carried from the search into the incident, with how the vehicle was selected', () => {
    expect(detectionFromSearch({ detectingMethod: 'dog', detectingMethodUnknownReason: null, selectionReason: 'hub-target' })).toEqual({ detectingMethod: 'dog', selectionReason: 'hub-target' });
    expect(detectionFromSearch({ detectingMethod: null, selectionReason: 'random' })).toEqual({ selectionReason: 'random' });
  });
});

describe('the window for an inland detection’s earlier crossing', () => {
  it('runs from three days before the estimated arrival to the detection', () => {
    expect(EARLIER_CROSSING_DAYS_BEFORE_ARRIVAL).toBe(3);
    expect(earlierCrossingWindow({ kind: 'inland', incidentDate: '2026-12-04', estimatedArrivalDate: '2026-12-03' })).toEqual({ from: '2026-11-30', to: '2026-12-04' });
    // Across a month and a year end.
    expect(earlierCrossingWindow({ kind: 'inland', incidentDate: '2027-01-02', estimatedArrivalDate: '2027-01-01' })).toEqual({ from: '2026-12-29', to: '2027-01-02' });
  });

  it('starts from the detection without an estimated arrival, and is none for a port incident or without dates', () => {
    expect(earlierCrossingWindow({ kind: 'inland', incidentDate: '2026-12-04' })).toEqual({ from: '2026-12-01', to: '2026-12-04' });
    expect(earlierCrossingWindow({ kind: 'port', incidentDate: '2026-12-04', estimatedArrivalDate: '2026-12-03' })).toBeNull();
    expect(earlierCrossingWindow({ kind: 'inland' })).toBeNull();
  });
});

describe('confirming the earlier crossing', () => {
  const state: EarlierCrossingState = { id: 'incident-1', kind: 'inland', status: 'draft', createdById: 'officer-1', candidateSearchIds: ['search-1', 'search-2'], confirmedSearchId: null };

  it('records the confirmed search, only among the candidates', () => {
    expect(decideConfirmEarlierCrossing(state, { searchId: 'search-2' }, moment)).toEqual({ ok: true, events: [{ type: 'EarlierCrossingConfirmed', payload: { incidentId: 'incident-1', searchId: 'search-2' } }] });
    expect(decideConfirmEarlierCrossing(state, { searchId: 'search-9' }, moment)).toMatchObject({ ok: false, errors: [{ field: 'searchId' }] });
  });

  it('refuses a second crossing, a port incident, and ruling out once one is confirmed', () => {
    expect(decideConfirmEarlierCrossing({ ...state, confirmedSearchId: 'search-1' }, { searchId: 'search-2' }, moment)).toEqual({ ok: false, message: 'A crossing is already confirmed for this detection' });
    expect(decideConfirmEarlierCrossing({ ...state, kind: 'port' }, { searchId: 'search-1' }, moment).ok).toBe(false);
    expect(decideRuleOutEarlierCrossings({ ...state, confirmedSearchId: 'search-1' }, {}, moment).ok).toBe(false);
    expect(decideRuleOutEarlierCrossings(state, { note: ' Came via Holyhead ' }, moment)).toEqual({ ok: true, events: [{ type: 'EarlierCrossingRuledOut', payload: { incidentId: 'incident-1', note: 'Came via Holyhead' } }] });
  });

  it('is the recording officer’s or a manager’s', () => {
    expect(authoriseEarlierCrossing(moment.actor, state)).toBeNull();
    expect(authoriseEarlierCrossing({ id: 'manager-1', name: 'M', roles: ['manager'] }, state)).toBeNull();
    expect(authoriseEarlierCrossing({ id: 'officer-2', name: 'Other', roles: ['port-officer'] }, state)).toMatch(/Only the officer who recorded this detection/);
  });
});
