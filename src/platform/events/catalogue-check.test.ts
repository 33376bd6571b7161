import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { createTestDatabase } from '../../../test/support/database.js';
import { rowsOf, type Database, type Db } from '../database/client.js';
import { assertCatalogued, UncataloguedEventError } from './catalogue-check.js';
import { appendEvents, readStream, type Actor, type NewEvent } from './event-store.js';
import { executeCommand, type CommandDefinition } from './command.js';

const clerk: Actor = { id: 'u1', name: 'A Clerk', roles: ['caseworker-eo'] };
const note: NewEvent = { type: 'CaseNoteAdded', payload: { text: 'Rang the haulier' } };

describe('assertCatalogued', () => {
  it('lets through the events of the stream’s catalogue', () => {
    expect(() => assertCatalogued('case', [note])).not.toThrow();
    expect(() => assertCatalogued('case', [])).not.toThrow();
  });

  it('refuses a stream type the catalogue does not have', () => {
    expect(() => assertCatalogued('note', [note])).toThrow(/no 'note' stream in the event catalogue/);
  });

  it('refuses an event the stream does not have, even one another stream has', () => {
    expect(() => assertCatalogued('case', [{ type: 'NoteAdded', payload: { text: 'x' } }])).toThrow(UncataloguedEventError);
    expect(() => assertCatalogued('party', [note])).toThrow(/'CaseNoteAdded' is not an event of the 'party' stream/);
  });

  it('refuses a payload that does not match, naming each wrong field', () => {
    const received = { type: 'PaymentReceived', payload: { by: 'u1', on: '2026-05-02', liabilityId: 'l-1', amountPence: 100.5, receivedOn: '2026-05-01', method: 'card', reference: 'R', paidBy: 'recipient', extra: 1 } };
    expect(() => assertCatalogued('case', [received])).toThrow(/payload\.amountPence: .*; payload: Unrecognized key: "extra"/);
    expect(() => assertCatalogued('case', [{ type: 'CaseNoteAdded', payload: {} }])).toThrow(/'CaseNoteAdded' event on the 'case' stream does not match its catalogue schema: payload\.text:/);
  });

  it('checks the payload as it will be stored, after the JSON round trip', () => {
    expect(() => assertCatalogued('case', [{ type: 'CaseNoteAdded', payload: { text: 'x', ignored: undefined } }])).not.toThrow();
    const dated = { type: 'PaidInFull', payload: { by: 'u1', on: '2026-06-02', liabilityId: 'l-1', paidOn: new Date('2026-06-01T00:00:00Z') } };
    expect(() => assertCatalogued('case', [dated])).toThrow(/payload\.paidOn/);
  });
});

describe('appending to the event store', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database?.close());

  const eventCount = async () => Number(rowsOf<{ n: number }>(await database.db.execute(sql`select count(*)::int as n from events`))[0]!.n);
  const append = (streamId: string, events: NewEvent[], streamType = 'case') =>
    database.db.transaction(async (tx) => {
      return appendEvents(tx, { streamId, streamType, expectedVersion: 0, events, actor: clerk, occurredAt: new Date() });
    });

  it('appends a catalogued event', async () => {
    expect(await append('case-catalogued', [note])).toBe(1);
    expect((await readStream(database.db, 'case-catalogued')).map((event) => event.payload)).toEqual([{ text: 'Rang the haulier' }]);
  });

  it('refuses an unknown event and writes nothing, not even the good events before it', async () => {
    const before = await eventCount();
    const unknown = { type: 'NoteAdded', payload: { text: 'x' } } as unknown as NewEvent;
    await expect(append('case-unknown', [note, unknown])).rejects.toThrow(/'NoteAdded' is not an event of the 'case' stream/);
    expect(await eventCount()).toBe(before);
    expect(await readStream(database.db, 'case-unknown')).toEqual([]);
  });

  it('refuses a payload of the wrong shape and writes nothing', async () => {
    const before = await eventCount();
    const misshapen = { type: 'CaseNoteAdded', payload: { note: 'x' } } as unknown as NewEvent;
    await expect(append('case-misshapen', [misshapen])).rejects.toThrow(UncataloguedEventError);
    await expect(append('party-misshapen', [note], 'party')).rejects.toThrow(UncataloguedEventError);
    expect(await eventCount()).toBe(before);
  });

  it('fails a command whose decision holds an event the catalogue refuses, leaving the database as it was', async () => {
    const before = await eventCount();
    const misdecided: CommandDefinition<{ text: string }, null, null> = {
      name: 'misdecidedNote',
      input: z.object({ text: z.string() }),
      roles: ['caseworker-eo'],
      streamType: 'case',
      load: async () => ({ streamId: 'case-misdecided', version: 0, state: null }),
      decide: (_state, input) => ({ ok: true, events: [{ type: 'CaseNoteAdded', payload: { text: input.text, number: 1 } } as unknown as NewEvent] }),
      project: async () => null,
    };
    await expect(executeCommand(database.db, misdecided, { text: 'x' }, { actor: clerk, idempotencyKey: 'misdecided-1' })).rejects.toThrow(/payload: Unrecognized key: "number"/);
    expect(await eventCount()).toBe(before);
    expect(rowsOf(await database.db.execute(sql`select 1 from command_results where idempotency_key = 'misdecided-1'`))).toEqual([]);
  });

  it('does not compile an append of an event the catalogue does not have', async () => {
    const attempt = (tx: Db) =>
      // @ts-expect-error — NoteAdded is in no stream's catalogue
      appendEvents(tx, { streamId: 'case-x', streamType: 'case', expectedVersion: 0, events: [{ type: 'NoteAdded', payload: { text: 'x' } }], actor: clerk, occurredAt: new Date() });
    expect(attempt).toBeTypeOf('function');
  });
});
