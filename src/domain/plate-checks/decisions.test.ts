import { describe, expect, it } from 'vitest';
import { decideAddWatchlistEntries, decideRemoveWatchlistEntry } from './watchlist-decisions.js';
import { decidePlateCheckOutcome } from './hit-outcome.js';

const now = new Date('2026-12-01T10:00:00Z');
const moment = { actor: { id: 'so-1', name: 'Sam Senior', roles: ['senior-officer'] }, now };
const sha = 'f'.repeat(64);

describe('adding watchlist entries', () => {
  it('records one entry as added, with its expiry in UTC', () => {
    const decision = decideAddWatchlistEntries({ ids: ['w-1'], entriesSha256: sha }, { entries: [{ registration: 'WGM 4521K', country: 'PL', reason: 'Intelligence', expiresAt: '2027-01-01T01:00:00+01:00' }] }, moment);
    expect(decision).toEqual({
      ok: true,
      events: [{ type: 'WatchlistEntryAdded', payload: { id: 'w-1', registration: 'WGM 4521K', country: 'PL', reason: 'Intelligence', expiresAt: '2027-01-01T00:00:00.000Z' } }],
    });
  });

  it('records many as one import that carries them all, summed up', () => {
    const entries = [
      { registration: 'KLM 482', reason: 'Seen twice', expiresAt: '2027-03-01T00:00:00Z' },
      { registration: 'PB 4821 KA', country: 'BG', reason: 'Under review', expiresAt: '2027-02-01T00:00:00Z' },
    ];
    const decision = decideAddWatchlistEntries({ ids: ['w-1', 'w-2'], entriesSha256: sha }, { entries }, moment);
    expect(decision).toMatchObject({
      ok: true,
      events: [
        {
          type: 'WatchlistEntriesImported',
          payload: {
            count: 2,
            entriesSha256: sha,
            firstId: 'w-1',
            lastId: 'w-2',
            expiresFrom: '2027-02-01T00:00:00.000Z',
            expiresTo: '2027-03-01T00:00:00.000Z',
            entries: [
              { id: 'w-1', registration: 'KLM 482', country: null, reason: 'Seen twice', expiresAt: '2027-03-01T00:00:00.000Z' },
              { id: 'w-2', registration: 'PB 4821 KA', country: 'BG', reason: 'Under review', expiresAt: '2027-02-01T00:00:00.000Z' },
            ],
          },
        },
      ],
    });
  });

  it('refuses the whole list when any entry has already expired', () => {
    const entries = [
      { registration: 'KLM 482', reason: 'Seen twice', expiresAt: '2027-03-01T00:00:00Z' },
      { registration: 'PB 4821 KA', reason: 'Under review', expiresAt: '2026-12-01T10:00:00Z' },
    ];
    expect(decideAddWatchlistEntries({ ids: ['w-1', 'w-2'], entriesSha256: sha }, { entries }, moment)).toEqual({
      ok: false,
      message: 'Some entries expire in the past',
      errors: [{ field: 'entries.1.expiresAt', message: 'The expiry must be in the future' }],
    });
  });

  it('removes an entry by its id', () => {
    expect(decideRemoveWatchlistEntry({ id: 'w-1', registration: 'KLM 482', country: null })).toEqual({
      ok: true,
      events: [{ type: 'WatchlistEntryRemoved', payload: { id: 'w-1', registration: 'KLM 482', country: null } }],
    });
  });
});

describe('what was done about a hit', () => {
  it('is recorded once', () => {
    expect(decidePlateCheckOutcome({ id: 'h-1', registration: 'KLM 482', outcome: null }, { outcome: 'stopped-in-error', reason: 'Cloned plate' })).toEqual({
      ok: true,
      events: [{ type: 'PlateCheckOutcomeRecorded', payload: { hitId: 'h-1', registration: 'KLM 482', outcome: 'stopped-in-error', reason: 'Cloned plate' } }],
    });
    expect(decidePlateCheckOutcome({ id: 'h-1', registration: 'KLM 482', outcome: 'paid-at-port' }, { outcome: 'stopped' })).toEqual({
      ok: false,
      message: 'What happened is already recorded for this hit',
      errors: [{ field: 'outcome', message: 'Already recorded: Paid at the port' }],
    });
  });
});
