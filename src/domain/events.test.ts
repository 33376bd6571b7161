import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CASE_EVENT, CASE_EVENTS, liabilityEventOnCase } from './case/events.js';
import { EVENT_CATALOGUE, STREAM_TYPES, isEventOf, payloadSchema, type CataloguedEvent, type StreamEvent } from './events.js';
import { eventNames } from './event-schemas.js';
import { INCIDENT_EVENTS } from './incident/events.js';
import { LIABILITY_EVENT_PAYLOADS, LIABILITY_EVENT_TYPES, liabilityEvent } from './liability/liability-events.js';

describe('the event catalogue', () => {
  it('has, for every stream type, events each with a zod schema for its payload', () => {
    expect(STREAM_TYPES).toEqual(['search', 'incident', 'case', 'letter', 'party', 'vehicle', 'user', 'api-token', 'policy', 'watchlist', 'plate-check-hit', 'ledger-import', 'debt-referral', 'information-request', 'training', 'card-payment', 'question', 'feedback', 'accreditation-assurance', 'accreditation-check-reminder', 'accreditation-application', 'accreditation-letter', 'accreditation-review', 'improvement', 'recommendation', 'vehicle-action-list', 'data-quality']);
    for (const streamType of STREAM_TYPES) {
      const events: Record<string, unknown> = EVENT_CATALOGUE[streamType];
      expect(Object.keys(events).length, streamType).toBeGreaterThan(0);
      for (const [type, schema] of Object.entries(events)) {
        expect(schema, `${streamType} ${type}`).toBeInstanceOf(z.ZodType);
        expect(type, `${streamType} ${type}`).toMatch(/^[A-Z][A-Za-z]+$/);
        expect(payloadSchema(streamType, type)).toBe(schema);
      }
    }
  });

  it('names each event once per stream, and only the incident and the case streams share a name (a different decision on each)', () => {
    const streamsOf = new Map<string, string[]>();
    for (const streamType of STREAM_TYPES) for (const type of Object.keys(EVENT_CATALOGUE[streamType])) streamsOf.set(type, [...(streamsOf.get(type) ?? []), streamType]);
    expect([...streamsOf].filter(([, streams]) => streams.length > 1)).toEqual([['NotReferralDecided', ['incident', 'case']]]);
    expect(Object.keys(INCIDENT_EVENTS.NotReferralDecided.shape)).not.toEqual(Object.keys(CASE_EVENTS.NotReferralDecided.shape));
  });

  it('knows no event on the wrong stream, and no stream it does not have', () => {
    expect(payloadSchema('case', 'CaseNoteAdded')).toBeDefined();
    expect(payloadSchema('party', 'CaseNoteAdded')).toBeUndefined();
    expect(payloadSchema('note', 'NoteAdded')).toBeUndefined();
    expect(payloadSchema('case', 'toString')).toBeUndefined();
  });

  it('spells each name once: the names objects are the schemas’ keys', () => {
    expect(Object.entries(CASE_EVENT).every(([key, value]) => key === value)).toBe(true);
    expect(Object.keys(CASE_EVENT)).toEqual(Object.keys(CASE_EVENTS));
    expect(eventNames({ A: z.strictObject({}) })).toEqual({ A: 'A' });
  });

  it('does not compile an event it does not have, or a payload of another shape', () => {
    const note: CataloguedEvent = { type: 'CaseNoteAdded', payload: { text: 'Rang the haulier' } };
    // @ts-expect-error — no stream has a NoteAdded event
    const unknown: CataloguedEvent = { type: 'NoteAdded', payload: { text: 'Rang the haulier' } };
    // @ts-expect-error — a case note's payload is its text, not a note
    const misshapen: CataloguedEvent = { type: 'CaseNoteAdded', payload: { note: 'Rang the haulier' } };
    // @ts-expect-error — a case note is not an event of the party stream
    const elsewhere: StreamEvent<'party'> = { type: 'CaseNoteAdded', payload: { text: 'Rang the haulier' } };
    expect([note, unknown, misshapen, elsewhere]).toHaveLength(4);
  });

  it('narrows a recorded event to its payload by name', () => {
    const recorded = { type: 'CaseLinked', payload: { linkedCaseId: 'c-2', linkedReference: 'CEC-2026-000002', reason: 'same-company', note: null } as Record<string, unknown> };
    expect(isEventOf(recorded, CASE_EVENT.CaseLinked) && recorded.payload.linkedReference).toBe('CEC-2026-000002');
    expect(isEventOf(recorded, CASE_EVENT.CaseUnlinked)).toBe(false);
  });
});

describe('payload schemas', () => {
  const note = CASE_EVENTS.CaseNoteAdded;
  const payment = CASE_EVENTS.PaymentReceived;
  const received = { by: 'u-1', on: '2026-05-02', liabilityId: 'l-1', amountPence: 15000, receivedOn: '2026-05-01', method: 'card', reference: 'FIN-1', paidBy: 'recipient' };

  it('refuse a field the event does not have, and name the path of what is wrong', () => {
    expect(note.safeParse({ text: 'x' }).success).toBe(true);
    expect(note.safeParse({ text: 'x', number: 2 }).error?.issues.map((i) => i.code)).toEqual(['unrecognized_keys']);
    expect(payment.safeParse(received).success).toBe(true);
    expect(payment.safeParse({ ...received, amountPence: 150.5 }).error?.issues.map((i) => i.path)).toEqual([['amountPence']]);
    expect(payment.safeParse({ ...received, method: 'bitcoin' }).error?.issues.map((i) => i.path)).toEqual([['method']]);
  });

  it('hold money in whole pence, and legal dates as real YYYY-MM-DD days', () => {
    expect(payment.safeParse({ ...received, amountPence: -1 }).success).toBe(false);
    for (const receivedOn of ['2026-02-30', '2026-5-1', '2026-05-01T10:00:00Z']) expect(payment.safeParse({ ...received, receivedOn }).success, receivedOn).toBe(false);
  });

  it('keep each liability event on the case with who recorded it, on which day, for which liability', () => {
    expect(LIABILITY_EVENT_TYPES).toEqual(Object.keys(LIABILITY_EVENT_PAYLOADS));
    for (const type of LIABILITY_EVENT_TYPES) {
      const keys = Object.keys((CASE_EVENTS[type] as z.ZodObject).shape);
      // `migrated`: optional, the legacy record's file and line on an imported fact (src/domain/legacy-import/provenance.ts).
      expect(keys, type).toEqual([...Object.keys(LIABILITY_EVENT_PAYLOADS[type].shape), 'by', 'on', 'liabilityId', 'migrated']);
    }
    const decided = liabilityEvent('PaidInFull', { by: 'u-1', on: '2026-06-02' }, { paidOn: '2026-06-01' });
    const stored = liabilityEventOnCase(decided, 'l-1');
    expect(stored).toEqual({ type: 'PaidInFull', payload: { paidOn: '2026-06-01', by: 'u-1', on: '2026-06-02', liabilityId: 'l-1' } });
    expect(CASE_EVENTS.PaidInFull.safeParse(stored.payload).success).toBe(true);
    expect(CASE_EVENTS.PaidInFull.safeParse(decided.payload).success).toBe(false);
  });
});

/*
 * The catalogue is the only place an event's name is written. Elsewhere in src/ a name may appear
 * only where the compiler checks it against the catalogue: an event's `type:` (a NewEvent, or a
 * Decision's events), `liabilityEvent('…'` and, in the liability's own code, the typed
 * LiabilityEvent union. Anything else (a comparison with a stored event's type, a constant, SQL)
 * uses the names objects: CASE_EVENT.PenaltyImposed, INCIDENT_EVENT.DriverNoticeGiven…
 */
describe('event names outside the catalogue', () => {
  const src = path.resolve(import.meta.dirname, '..');
  const names = new Set(STREAM_TYPES.flatMap((streamType) => Object.keys(EVENT_CATALOGUE[streamType])));
  const isCatalogue = (file: string) => /[/\\]domain[/\\]([a-z-]+[/\\]events|liability[/\\]liability-events)\.ts$/.test(file);
  const files = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return files(full);
      return /\.(ts|njk)$/.test(entry.name) && !/\.test\.ts$|\.testing\.ts$/.test(entry.name) ? [full] : [];
    });

  it('appear only where the compiler checks them against the catalogue', () => {
    const loose: string[] = [];
    for (const file of files(src)) {
      if (isCatalogue(file)) continue;
      const typedUnion = file.includes(`${path.sep}domain${path.sep}liability${path.sep}`);
      fs.readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, index) => {
          const code = line.trim();
          if (code.startsWith('//') || code.startsWith('*') || code.startsWith('/*')) return;
          for (const match of code.matchAll(/(type: |liabilityEvent\()?['"`]([A-Z][A-Za-z]+)['"`]/g)) {
            if (!names.has(match[2]!) || match[1] || typedUnion) continue;
            loose.push(`${path.relative(src, file)}:${index + 1}: ${match[2]}`);
          }
        });
    }
    expect(loose).toEqual([]);
  });
});
