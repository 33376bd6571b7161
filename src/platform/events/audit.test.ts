import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { createTestDatabase } from '../../../test/support/database.js';
import { rowsOf, type Database } from '../database/client.js';
import { appendEvents, streamVersion, type Actor } from './event-store.js';
import { sealEvents, verifyLog } from './audit.js';
import { streamEventHash } from './hash-chain.js';
import { events } from './schema.js';

const SECRET = 'test-audit-secret';
const clerk: Actor = { id: 'u1', name: 'A Clerk', roles: ['caseworker-eo'] };

let database: Database;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => database?.close());

/** One note on a case stream, in its own transaction, as a command would append it. */
async function note(streamId: string, text: string): Promise<void> {
  await database.db.transaction(async (tx) => {
    await appendEvents(tx, {
      streamId,
      streamType: 'case',
      expectedVersion: await streamVersion(tx, streamId),
      events: [{ type: 'CaseNoteAdded', payload: { text } }],
      actor: clerk,
      occurredAt: new Date('2026-12-04T10:00:00Z'),
    });
  });
}

async function seqOf(streamId: string, version: number): Promise<number> {
  const [row] = rowsOf<{ seq: string | number }>(
    await database.db.execute(sql`select seq from events where stream_id = ${streamId} and version = ${version}`),
  );
  return Number(row!.seq);
}

async function notesOnThreeCases(): Promise<void> {
  for (const text of ['first', 'second', 'third']) {
    await note('case-audit-a', `${text} a`);
    await note('case-audit-b', `${text} b`);
  }
  await note('case-audit-c', 'only c');
}

describe('the audit trail without one lock', () => {
  it('verifies an untouched log, anchored or not', async () => {
    await notesOnThreeCases();
    const before = await verifyLog(database.db, SECRET);
    expect(before.firstBreak).toBeNull();
    expect(before.unanchored).toBeGreaterThanOrEqual(7);

    const anchor = await sealEvents(database.db, SECRET);
    expect(anchor).toMatchObject({ number: 1 });
    expect(anchor!.eventCount).toBeGreaterThanOrEqual(7);
    await note('case-audit-a', 'fourth a');
    const second = await sealEvents(database.db, SECRET);
    expect(second).toMatchObject({ number: 2, eventCount: 1 });
    expect(await sealEvents(database.db, SECRET)).toBeNull();

    const after = await verifyLog(database.db, SECRET);
    expect(after).toMatchObject({ firstBreak: null, anchors: 2, unanchored: 0 });
    expect(after.checked).toBeGreaterThanOrEqual(8);
  });

  it('names an edited event, anchored or not', async () => {
    await notesOnThreeCases();
    await sealEvents(database.db, SECRET);
    const seq = await seqOf('case-audit-b', 2);
    await database.db.execute(sql`update events set payload = '{"text":"forged"}' where seq = ${seq}`);
    const report = await verifyLog(database.db, SECRET);
    expect(report.firstBreak).toMatchObject({ seq, streamId: 'case-audit-b', version: 2 });
    expect(report.firstBreak!.problem).toMatch(/edited/);

    // A forger who rehashes the newest event of a stream leaves its chain whole; its anchor is not.
    const [newest] = await database.db.select().from(events).where(and(eq(events.streamId, 'case-audit-a'), eq(events.version, 3)));
    const forged = { ...newest!, payload: { text: 'forged' } };
    await database.db.update(events).set({ payload: forged.payload, hash: streamEventHash(forged) }).where(eq(events.seq, newest!.seq));
    const rehashed = await verifyLog(database.db, SECRET);
    expect(rehashed.problems.filter((p) => p.streamId === 'case-audit-a')).toEqual([]);
    expect(rehashed.problems).toContainEqual({ anchor: 1, problem: 'the events anchor 1 sealed were edited, renumbered or replaced' });

    // Before any anchor, the stream's own chain still shows the edit.
    await note('case-audit-d', 'one');
    await note('case-audit-d', 'two');
    await database.db.execute(sql`update events set actor_name = 'Someone Else' where stream_id = 'case-audit-d' and version = 1`);
    const unsealed = await verifyLog(database.db, SECRET);
    expect(unsealed.problems.some((p) => p.streamId === 'case-audit-d' && p.version === 1 && /edited/.test(p.problem))).toBe(true);
  });

  it('notices an event deleted from the middle of a stream', async () => {
    await notesOnThreeCases();
    await database.db.execute(sql`delete from events where seq = ${await seqOf('case-audit-a', 2)}`);
    const report = await verifyLog(database.db, SECRET);
    expect(report.firstBreak).toMatchObject({ streamId: 'case-audit-a', version: 3 });
    expect(report.firstBreak!.problem).toMatch(/version 2 of the stream is missing/);
  });

  it('notices the newest events deleted once they are anchored', async () => {
    await notesOnThreeCases();
    await sealEvents(database.db, SECRET);
    // The newest event of one stream, and a whole one-event stream: no gap is left in any chain.
    await database.db.execute(sql`delete from events where stream_id = 'case-audit-a' and version = 3`);
    await database.db.execute(sql`delete from events where stream_id = 'case-audit-c'`);
    const report = await verifyLog(database.db, SECRET);
    expect(report.firstBreak).not.toBeNull();
    const problems = report.problems.map((p) => p.problem).join('\n');
    expect(problems).toMatch(/anchor 1 sealed \d+ events and \d+ are there now: events were deleted/);
    expect(report.problems).toContainEqual(expect.objectContaining({ streamId: 'case-audit-a', version: 3, anchor: 1 }));
    expect(report.problems).toContainEqual(expect.objectContaining({ streamId: 'case-audit-c', version: 1, anchor: 1 }));
  });

  it('notices an event inserted by hand, with a valid-looking chain', async () => {
    await notesOnThreeCases();
    await sealEvents(database.db, SECRET);
    // A forger who knows the hashing copies the newest event of a stream as a next version, chained
    // correctly, dated into the sealed past.
    await database.db.execute(sql`
      insert into events (stream_id, stream_type, version, type, payload, actor_id, actor_name, occurred_at, idempotency_key, previous_hash, hash, xid)
      select stream_id, stream_type, version + 1, type, payload, actor_id, actor_name, occurred_at, idempotency_key, hash, hash, xid
      from events where stream_id = 'case-audit-b' and version = 3`);
    const report = await verifyLog(database.db, SECRET);
    expect(report.problems.map((p) => p.problem).join('\n')).toMatch(/anchor 1 sealed \d+ events and \d+ are there now: events were inserted/);

    // One that claims a transaction that has not happened yet is named outright.
    await database.db.execute(sql`update events set xid = xid + 1000000000 where stream_id = 'case-audit-b' and version = 4`);
    const future = await verifyLog(database.db, SECRET);
    expect(future.problems).toContainEqual(expect.objectContaining({ streamId: 'case-audit-b', version: 4, problem: expect.stringMatching(/transaction that has not happened/) }));
  });

  it('refuses anchors signed with another secret, edited or missing', async () => {
    await notesOnThreeCases();
    await sealEvents(database.db, SECRET);
    await note('case-audit-c', 'again');
    await sealEvents(database.db, SECRET);
    expect((await verifyLog(database.db, 'another secret')).firstBreak!.problem).toMatch(/not signed with this audit secret/);

    await database.db.execute(sql`update event_anchors set event_count = event_count - 1 where number = 1`);
    expect((await verifyLog(database.db, SECRET)).problems.map((p) => p.problem).join('\n')).toMatch(/anchor 1 does not match its own hash/);
    await database.db.execute(sql`delete from event_anchors where number = 1`);
    expect((await verifyLog(database.db, SECRET)).problems.map((p) => p.problem).join('\n')).toMatch(/anchor 1 is missing/);
  });

  it('seals only what has finished: an event still being written waits for the next anchor', async () => {
    if (database.kind !== 'postgres') return; // PGlite has one connection: nothing runs beside the sealer.
    await note('case-audit-a', 'committed');
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let appended!: () => void;
    const inFlight = new Promise<void>((resolve) => (appended = resolve));
    const writer = database.db.transaction(async (tx) => {
      await appendEvents(tx, { streamId: 'case-audit-slow', streamType: 'case', expectedVersion: 0, events: [{ type: 'CaseNoteAdded', payload: { text: 'slow' } }], actor: clerk, occurredAt: new Date() });
      appended();
      await held;
    });
    await inFlight;
    // Another stream's command commits while the first is still open: nothing global is locked.
    await note('case-audit-b', 'quick');
    const first = await sealEvents(database.db, SECRET);
    expect(first!.heads.map(([stream]) => stream).filter((s) => s.startsWith('case-audit'))).toEqual(['case-audit-a']);
    release();
    await writer;
    const second = await sealEvents(database.db, SECRET);
    expect(second!.heads.map(([stream]) => stream).filter((s) => s.startsWith('case-audit')).sort()).toEqual(['case-audit-b', 'case-audit-slow']);
    expect((await verifyLog(database.db, SECRET)).firstBreak).toBeNull();
  });
});
