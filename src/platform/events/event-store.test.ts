import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestDatabase } from '../../../test/support/database.js';
import type { Database } from '../database/client.js';
import { and, desc, eq, sql } from 'drizzle-orm';
import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import { readStream, streamVersion, type Actor } from './event-store.js';
import { events } from './schema.js';
import type { Projector } from '../projections/projector.js';
import { sealEvents, verifyLog } from './audit.js';
import { executeCommand, STALE_VERSION_MESSAGE, type CommandDefinition } from './command.js';

const clerk: Actor = { id: 'u1', name: 'A Clerk', roles: ['caseworker-eo'] };

/**
 * A small command that adds notes to a stream, enough to exercise the helper's guarantees. Its events
 * are real ones from the catalogue (a case note), since the store appends nothing else.
 */
const addNote: CommandDefinition<{ stream: string; text: string }, { count: number }, { version: number }> = {
  name: 'addNote',
  input: z.object({ stream: z.string().min(1), text: z.string().min(1, 'Enter the note') }),
  roles: ['caseworker-eo'],
  streamType: 'case',
  async load(tx, input) {
    const version = await streamVersion(tx, input.stream);
    return { streamId: input.stream, version, state: { count: version } };
  },
  decide(state, input) {
    if (input.text === 'refuse me') return { ok: false, message: 'Refused on purpose' };
    return { ok: true, events: [{ type: 'CaseNoteAdded', payload: { text: `${state.count + 1}. ${input.text}` } }] };
  },
  async project(_tx, { version }) {
    return { version };
  },
};

/**
 * The same command, optimistic: loaded outside a transaction with the stream's head hash, its
 * event and the key's answer sent as one statement, the (stream, version) key its only guard.
 */
const addNoteOptimistic: typeof addNote = {
  ...addNote,
  name: 'addNoteOptimistic',
  optimistic: true,
  async load(tx, input) {
    const [head] = await tx.select({ version: events.version, hash: events.hash }).from(events).where(eq(events.streamId, input.stream)).orderBy(desc(events.version)).limit(1);
    const version = head?.version ?? 0;
    return { streamId: input.stream, version, state: { count: version }, headHash: head?.hash };
  },
};

/** A projector that reads: its command's writes cannot be one statement, and go to a transaction. */
const reading: Projector = {
  module: 'test',
  tables: [],
  streamTypes: ['case'],
  async apply(tx, event) {
    const [row] = await tx.select({ version: events.version }).from(events).where(and(eq(events.streamId, event.streamId), eq(events.version, event.version)));
    if (!row) throw new Error('the event is not there for its projector');
  },
};

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.close());

describe.each([
  ['in a transaction', addNote, 't'],
  ['optimistic, as one statement', addNoteOptimistic, 'o'],
  ['optimistic, with a projector that reads', { ...addNoteOptimistic, name: 'addNoteReading', projectors: [reading] }, 'r'],
] as const)('the command helper (%s)', (_how, addNote, tag) => {
  const stream = (name: string) => `${name}-${tag}`;
  it('appends events with increasing versions', async () => {
    const first = await executeCommand(database.db, addNote, { stream: stream('note-a'), text: 'one' }, { actor: clerk });
    const second = await executeCommand(database.db, addNote, { stream: stream('note-a'), text: 'two' }, { actor: clerk });
    expect(first).toMatchObject({ ok: true, value: { version: 1 } });
    expect(second).toMatchObject({ ok: true, value: { version: 2 } });
    expect((await readStream(database.db, stream('note-a'))).map((e) => e.payload.text)).toEqual(['1. one', '2. two']);
  });

  it('refuses a stale version with the “someone else changed this case” message and writes nothing', async () => {
    await executeCommand(database.db, addNote, { stream: stream('note-b'), text: 'one' }, { actor: clerk });
    const stale = await executeCommand(database.db, addNote, { stream: stream('note-b'), text: 'late' }, { actor: clerk, expectedVersion: 0 });
    expect(stale).toEqual({ ok: false, kind: 'conflict', message: STALE_VERSION_MESSAGE });
    expect(await readStream(database.db, stream('note-b'))).toHaveLength(1);
  });

  it('lets only one of two edits made from the same version through', async () => {
    await executeCommand(database.db, addNote, { stream: stream('note-c'), text: 'start' }, { actor: clerk });
    const results = await Promise.all([
      executeCommand(database.db, addNote, { stream: stream('note-c'), text: 'mine' }, { actor: clerk, expectedVersion: 1 }),
      executeCommand(database.db, addNote, { stream: stream('note-c'), text: 'theirs' }, { actor: clerk, expectedVersion: 1 }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.kind === 'conflict')).toHaveLength(1);
    expect(await readStream(database.db, stream('note-c'))).toHaveLength(2);
  });

  it('answers a repeated idempotency key with the first answer and changes nothing', async () => {
    const first = await executeCommand(database.db, addNote, { stream: stream('note-d'), text: 'once' }, { actor: clerk, idempotencyKey: 'k1' });
    const again = await executeCommand(database.db, addNote, { stream: stream('note-d'), text: 'once' }, { actor: clerk, idempotencyKey: 'k1' });
    expect(first).toMatchObject({ ok: true, replayed: false });
    expect(again).toMatchObject({ ok: true, replayed: true, value: first.ok ? first.value : null });
    expect(await readStream(database.db, stream('note-d'))).toHaveLength(1);
  });

  it('replays a repeated key even when the record has moved on since (a stale version is not the answer)', async () => {
    const first = await executeCommand(database.db, addNote, { stream: stream('note-f'), text: 'once' }, { actor: clerk, idempotencyKey: 'k2', expectedVersion: 0 });
    await executeCommand(database.db, addNote, { stream: stream('note-f'), text: 'later' }, { actor: clerk });
    const again = await executeCommand(database.db, addNote, { stream: stream('note-f'), text: 'once' }, { actor: clerk, idempotencyKey: 'k2', expectedVersion: 0 });
    expect(again).toEqual({ ok: true, replayed: true, value: first.ok ? first.value : null });
    const other = await executeCommand(database.db, addNote, { stream: stream('note-f'), text: 'something else' }, { actor: clerk, idempotencyKey: 'k2', expectedVersion: 2 });
    expect(other).toMatchObject({ ok: false, kind: 'conflict', message: expect.stringMatching(/Idempotency-Key was already used/) });
    expect(await readStream(database.db, stream('note-f'))).toHaveLength(2);
  });

  it('runs a key once when the same request arrives many times at once, each answered with the first answer', async () => {
    // Each repeat would write to a stream of its own: only the key can stop the second write.
    let n = 0;
    const perRequest: typeof addNote = { ...addNote, load: async (tx, input) => addNote.load(tx, { ...input, stream: `${input.stream}-${(n += 1)}` }, { actor: clerk, now: new Date() }) };
    const results = await Promise.all(Array.from({ length: 6 }, () => executeCommand(database.db, perRequest, { stream: stream('note-g'), text: 'once' }, { actor: clerk, idempotencyKey: 'k3' })));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(results.filter((r) => r.ok && !r.replayed)).toHaveLength(1);
    const written = await Promise.all(Array.from({ length: 6 }, (_, i) => readStream(database.db, `${stream('note-g')}-${i + 1}`)));
    expect(written.flat()).toHaveLength(1);
  });

  it('keeps no answer for a refused request, so the same key may be used again', async () => {
    const refused = await executeCommand(database.db, addNote, { stream: stream('note-h'), text: 'refuse me' }, { actor: clerk, idempotencyKey: 'k4' });
    expect(refused).toMatchObject({ ok: false, kind: 'refused' });
    const again = await executeCommand(database.db, addNote, { stream: stream('note-h'), text: 'refuse me' }, { actor: clerk, idempotencyKey: 'k4' });
    expect(again).toMatchObject({ ok: false, kind: 'refused' });
  });

  it('returns field errors for invalid input and refuses the wrong role', async () => {
    const invalid = await executeCommand(database.db, addNote, { stream: stream('note-e'), text: '' }, { actor: clerk });
    expect(invalid).toMatchObject({ ok: false, kind: 'invalid', errors: [{ field: 'text', message: 'Enter the note' }] });
    const forbidden = await executeCommand(database.db, addNote, { stream: stream('note-e'), text: 'x' }, { actor: { ...clerk, roles: ['analyst'] } });
    expect(forbidden).toMatchObject({ ok: false, kind: 'forbidden' });
    const refused = await executeCommand(database.db, addNote, { stream: stream('note-e'), text: 'refuse me' }, { actor: clerk });
    expect(refused).toMatchObject({ ok: false, kind: 'refused', message: 'Refused on purpose' });
    expect(await readStream(database.db, stream('note-e'))).toHaveLength(0);
  });

  // An optimistic command loads again after losing a race (a transactional one waits on the lock its
  // load takes; this test's transactional command takes none, so it is left out).
  it.skipIf(tag === 't')('lets two edits made with no version both through, one after the other, when they arrive at once', async () => {
    await executeCommand(database.db, addNote, { stream: stream('note-i'), text: 'start' }, { actor: clerk });
    const results = await Promise.all(Array.from({ length: 4 }, (_, i) => executeCommand(database.db, addNote, { stream: stream('note-i'), text: `at once ${i}` }, { actor: clerk })));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(results.map((r) => (r.ok ? r.value.version : 0)).sort()).toEqual([2, 3, 4, 5]);
    expect((await readStream(database.db, stream('note-i'))).map((e) => e.version)).toEqual([1, 2, 3, 4, 5]);
  });

  it('answers racing repeats of one key on one stream, stale or not, with the first answer, and another body with a conflict', async () => {
    await executeCommand(database.db, addNote, { stream: stream('note-j'), text: 'start' }, { actor: clerk });
    const send = (text: string) => executeCommand(database.db, addNote, { stream: stream('note-j'), text }, { actor: clerk, idempotencyKey: `k5-${tag}`, expectedVersion: 1 });
    const texts = ['once', 'once', 'other', 'once'];
    const results = await Promise.all(texts.map(send));
    // Exactly one ran; each repeat of its body replays its answer, the other body is a conflict
    // (of the key, or of the version it lost): whichever body won the race.
    const winners = results.flatMap((r, i) => (r.ok && !r.replayed ? [i] : []));
    expect(winners).toHaveLength(1);
    const winner = results[winners[0]!]!;
    texts.forEach((text, i) => {
      if (i === winners[0]) return;
      if (text === texts[winners[0]!]) expect(results[i]).toEqual({ ok: true, replayed: true, value: winner.ok ? winner.value : null });
      else expect(results[i]).toMatchObject({ ok: false, kind: 'conflict' });
    });
    expect((await readStream(database.db, stream('note-j'))).map((e) => e.payload.text)).toEqual(['1. start', `2. ${texts[winners[0]!]}`]);
  });
});

describe('optimistic writers of one stream, some as one statement and some in a transaction', () => {
  // Each moves a row of a read table after its event, as the cases projector moves a case's version.
  const heads = pgTable('event_store_test_heads', { streamId: text('stream_id').primaryKey(), version: integer('version').notNull() });
  const moveHead: Projector = {
    module: 'test',
    tables: [heads],
    streamTypes: ['case'],
    async apply(tx, event) {
      await tx.update(heads).set({ version: event.version }).where(eq(heads.streamId, event.streamId));
    },
  };
  const readFirst: Projector = { ...moveHead, apply: async (tx, event) => (await reading.apply(tx, event), moveHead.apply(tx, event)) };
  const asOneStatement = { ...addNoteOptimistic, name: 'addNoteMovingHead', projectors: [moveHead] };
  const inATransaction = { ...addNoteOptimistic, name: 'addNoteReadingMovingHead', projectors: [readFirst] };

  // Each try that fails means another of them committed: 8 at once all get through within the 10 tries.
  it('all get through, one after another, with the read table at the last version', async () => {
    await database.db.execute(sql.raw(`create table event_store_test_heads (stream_id text primary key, version integer not null)`));
    await database.db.insert(heads).values({ streamId: 'note-mixed', version: 0 });
    await executeCommand(database.db, asOneStatement, { stream: 'note-mixed', text: 'start' }, { actor: clerk });
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => executeCommand(database.db, i % 2 ? inATransaction : asOneStatement, { stream: 'note-mixed', text: `at once ${i}` }, { actor: clerk })),
    );
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect((await readStream(database.db, 'note-mixed')).map((e) => e.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(await database.db.select().from(heads)).toEqual([{ streamId: 'note-mixed', version: 9 }]);
  });
});

describe('the audit trail over events written as one statement', () => {
  it('verifies and seals them like any others', async () => {
    for (const text of ['one', 'two', 'three']) expect(await executeCommand(database.db, addNoteOptimistic, { stream: 'note-audit', text }, { actor: clerk, idempotencyKey: `audit-${text}` })).toMatchObject({ ok: true });
    const secret = 'one-statement-audit-secret';
    expect((await verifyLog(database.db, secret)).firstBreak).toBeNull();
    expect(await sealEvents(database.db, secret)).toMatchObject({ number: 1 });
    expect(await verifyLog(database.db, secret)).toMatchObject({ firstBreak: null, unanchored: 0 });
    await database.db.update(events).set({ payload: { text: '2. edited' } }).where(and(eq(events.streamId, 'note-audit'), eq(events.version, 2)));
    expect((await verifyLog(database.db, secret)).firstBreak).not.toBeNull();
  });
});
