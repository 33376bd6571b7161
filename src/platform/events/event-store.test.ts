import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestDatabase } from '../../../test/support/database.js';
import type { Database } from '../database/client.js';
import { readStream, streamVersion, type Actor } from './event-store.js';
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

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.close());

describe('the command helper', () => {
  it('appends events with increasing versions', async () => {
    const first = await executeCommand(database.db, addNote, { stream: 'note-a', text: 'one' }, { actor: clerk });
    const second = await executeCommand(database.db, addNote, { stream: 'note-a', text: 'two' }, { actor: clerk });
    expect(first).toMatchObject({ ok: true, value: { version: 1 } });
    expect(second).toMatchObject({ ok: true, value: { version: 2 } });
    expect((await readStream(database.db, 'note-a')).map((e) => e.payload.text)).toEqual(['1. one', '2. two']);
  });

  it('refuses a stale version with the “someone else changed this case” message and writes nothing', async () => {
    await executeCommand(database.db, addNote, { stream: 'note-b', text: 'one' }, { actor: clerk });
    const stale = await executeCommand(database.db, addNote, { stream: 'note-b', text: 'late' }, { actor: clerk, expectedVersion: 0 });
    expect(stale).toEqual({ ok: false, kind: 'conflict', message: STALE_VERSION_MESSAGE });
    expect(await readStream(database.db, 'note-b')).toHaveLength(1);
  });

  it('lets only one of two edits made from the same version through', async () => {
    await executeCommand(database.db, addNote, { stream: 'note-c', text: 'start' }, { actor: clerk });
    const results = await Promise.all([
      executeCommand(database.db, addNote, { stream: 'note-c', text: 'mine' }, { actor: clerk, expectedVersion: 1 }),
      executeCommand(database.db, addNote, { stream: 'note-c', text: 'theirs' }, { actor: clerk, expectedVersion: 1 }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.kind === 'conflict')).toHaveLength(1);
    expect(await readStream(database.db, 'note-c')).toHaveLength(2);
  });

  it('answers a repeated idempotency key with the first answer and changes nothing', async () => {
    const first = await executeCommand(database.db, addNote, { stream: 'note-d', text: 'once' }, { actor: clerk, idempotencyKey: 'k1' });
    const again = await executeCommand(database.db, addNote, { stream: 'note-d', text: 'once' }, { actor: clerk, idempotencyKey: 'k1' });
    expect(first).toMatchObject({ ok: true, replayed: false });
    expect(again).toMatchObject({ ok: true, replayed: true, value: first.ok ? first.value : null });
    expect(await readStream(database.db, 'note-d')).toHaveLength(1);
  });

  it('replays a repeated key even when the record has moved on since (a stale version is not the answer)', async () => {
    const first = await executeCommand(database.db, addNote, { stream: 'note-f', text: 'once' }, { actor: clerk, idempotencyKey: 'k2', expectedVersion: 0 });
    await executeCommand(database.db, addNote, { stream: 'note-f', text: 'later' }, { actor: clerk });
    const again = await executeCommand(database.db, addNote, { stream: 'note-f', text: 'once' }, { actor: clerk, idempotencyKey: 'k2', expectedVersion: 0 });
    expect(again).toEqual({ ok: true, replayed: true, value: first.ok ? first.value : null });
    const other = await executeCommand(database.db, addNote, { stream: 'note-f', text: 'something else' }, { actor: clerk, idempotencyKey: 'k2', expectedVersion: 2 });
    expect(other).toMatchObject({ ok: false, kind: 'conflict', message: expect.stringMatching(/Idempotency-Key was already used/) });
    expect(await readStream(database.db, 'note-f')).toHaveLength(2);
  });

  it('runs a key once when the same request arrives many times at once, each answered with the first answer', async () => {
    // Each repeat would write to a stream of its own: only the key can stop the second write.
    let n = 0;
    const perRequest: typeof addNote = { ...addNote, load: async (tx, input) => addNote.load(tx, { ...input, stream: `${input.stream}-${(n += 1)}` }, { actor: clerk, now: new Date() }) };
    const results = await Promise.all(Array.from({ length: 6 }, () => executeCommand(database.db, perRequest, { stream: 'note-g', text: 'once' }, { actor: clerk, idempotencyKey: 'k3' })));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(results.filter((r) => r.ok && !r.replayed)).toHaveLength(1);
    const written = await Promise.all(Array.from({ length: 6 }, (_, i) => readStream(database.db, `note-g-${i + 1}`)));
    expect(written.flat()).toHaveLength(1);
  });

  it('keeps no answer for a refused request, so the same key may be used again', async () => {
    const refused = await executeCommand(database.db, addNote, { stream: 'note-h', text: 'refuse me' }, { actor: clerk, idempotencyKey: 'k4' });
    expect(refused).toMatchObject({ ok: false, kind: 'refused' });
    const again = await executeCommand(database.db, addNote, { stream: 'note-h', text: 'refuse me' }, { actor: clerk, idempotencyKey: 'k4' });
    expect(again).toMatchObject({ ok: false, kind: 'refused' });
  });

  it('returns field errors for invalid input and refuses the wrong role', async () => {
    const invalid = await executeCommand(database.db, addNote, { stream: 'note-e', text: '' }, { actor: clerk });
    expect(invalid).toMatchObject({ ok: false, kind: 'invalid', errors: [{ field: 'text', message: 'Enter the note' }] });
    const forbidden = await executeCommand(database.db, addNote, { stream: 'note-e', text: 'x' }, { actor: { ...clerk, roles: ['analyst'] } });
    expect(forbidden).toMatchObject({ ok: false, kind: 'forbidden' });
    const refused = await executeCommand(database.db, addNote, { stream: 'note-e', text: 'refuse me' }, { actor: clerk });
    expect(refused).toMatchObject({ ok: false, kind: 'refused', message: 'Refused on purpose' });
    expect(await readStream(database.db, 'note-e')).toHaveLength(0);
  });
});
