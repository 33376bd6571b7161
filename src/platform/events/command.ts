import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../database/client.js';
import { type Actor, type NewEvent, appendEvents } from './event-store.js';
import { commandResults } from './schema.js';
import { canonicalJson, sha256 } from './hash-chain.js';
import { project, type Projector } from '../projections/projector.js';
import { NotOneStatement, WriteBatch } from './one-statement.js';
import { unreadableJson } from './readable-input.js';

export interface FieldError {
  field: string;
  message: string;
}

/** What a command answers. Everything but `ok: true` leaves the database exactly as it was. */
export type CommandOutcome<R> =
  | { ok: true; value: R; replayed: boolean }
  | { ok: false; kind: 'invalid'; message: string; errors: FieldError[] }
  | { ok: false; kind: 'forbidden'; message: string }
  | { ok: false; kind: 'not-found'; message: string }
  | { ok: false; kind: 'refused'; message: string; errors: FieldError[] }
  | { ok: false; kind: 'conflict'; message: string };

/** Events for another stream that the same decision records (e.g. sending an incident opens its case). */
export interface OtherStreamEvents {
  streamId: string;
  streamType: string;
  expectedVersion: number;
  events: NewEvent[];
}

export type Decision =
  | { ok: true; events: NewEvent[]; alsoOn?: readonly OtherStreamEvents[] }
  | { ok: false; message: string; errors?: FieldError[] };

export interface Loaded<S> {
  streamId: string;
  version: number;
  state: S;
  /** The hash of the stream's event at `version`, when the load read it: saves the append a look-up. */
  headHash?: string | undefined;
}

export interface CommandDefinition<I, S, R> {
  /** Business name, e.g. `openCaseFromReferral`; also the scope of idempotency keys. */
  name: string;
  input: z.ZodType<I>;
  /** Roles that may run the command at all. */
  roles: readonly string[];
  streamType: string;
  /**
   * The load only reads, and the decision rests on the stream at the version it read (what it reads
   * of other streams is guarded by `alsoOn`'s own expected versions): the command loads outside any
   * transaction, takes no lock, and its append at the next version is the guard — a concurrent
   * append to the stream fails on the events' (stream, version) key, and the command is a conflict
   * (or, when the caller named no version, loads and decides again). Its writes then go to the
   * database as one statement when they can (`one-statement.ts`), in a transaction when they cannot.
   */
  optimistic?: boolean;
  /** Reads what the decision needs. `null` means the thing the command is about does not exist. */
  load(tx: Db, input: I, context: { actor: Actor; now: Date }): Promise<Loaded<S> | null>;
  /** A check on the actor's relationship to the record (e.g. an assurer is never the author). */
  authorise?(actor: Actor, state: S): string | null;
  /** Pure: the events to record, or a refusal with a reason. */
  decide(state: S, input: I, context: { actor: Actor; now: Date }): Decision;
  /**
   * The projectors of the events this command appends: the only writers of their read tables, run
   * on the new events in the command's transaction before `project`.
   */
  projectors?: readonly Projector[];
  /** The answer to the caller; the read tables are the projectors' (they have run by now). */
  project(
    tx: Db,
    args: { streamId: string; version: number; events: NewEvent[]; alsoOn: readonly OtherStreamEvents[]; state: S; input: I; actor: Actor; now: Date },
  ): Promise<R>;
}

export interface CommandContext {
  actor: Actor;
  now?: Date;
  idempotencyKey?: string | undefined;
  /**
   * Whose idempotency key it is. A key a client sent is scoped to that client (`clientKey` in
   * `platform/http/api.ts` gives the actor's id): the same key from another client is another
   * request. Omitted, the key is shared by every actor: for keys the server derives from the record
   * (a ledger line, a liability), which must dedupe whoever acts.
   */
  idempotencyScope?: string | undefined;
  /** The stream version the user was looking at; a different current version is a conflict. */
  expectedVersion?: number | undefined;
}

export const STALE_VERSION_MESSAGE =
  'Someone else changed this case while you were working on it. Nothing has been saved: reload the page to see their changes, then try again.';

export function zodFieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    field: issue.path.length ? issue.path.map(String).join('.') : '(body)',
    message: issue.message,
  }));
}

class Refusal extends Error {
  constructor(readonly outcome: CommandOutcome<never>) {
    super('refused');
  }
}

/**
 * The one way anything is written: validate → authorise → load → decide (pure) → append events and
 * update read tables in one transaction. A refusal anywhere rolls everything back. An optimistic
 * command loads and decides outside the transaction, and its writes are one statement when they
 * can be (`one-statement.ts`): the same writes, by the same code, in one round trip.
 */
export async function executeCommand<I, S, R>(
  db: Db,
  command: CommandDefinition<I, S, R>,
  rawInput: unknown,
  context: CommandContext,
): Promise<CommandOutcome<R>> {
  // Text no person typed and the database cannot keep (a NUL byte, half a surrogate pair) is refused
  // here, for every command whatever its schema, naming the field: nothing is written.
  const unreadable = unreadableJson(rawInput);
  if (unreadable.length) {
    return { ok: false, kind: 'invalid', message: 'There is a problem with what was sent', errors: unreadable };
  }
  const parsed = command.input.safeParse(rawInput);
  if (!parsed.success) {
    return { ok: false, kind: 'invalid', message: 'There is a problem with what was sent', errors: zodFieldErrors(parsed.error) };
  }
  const { actor } = context;
  if (!actor.roles.some((role) => command.roles.includes(role))) {
    return { ok: false, kind: 'forbidden', message: 'You do not have permission to do this' };
  }
  const input = parsed.data;
  const now = context.now ?? new Date();
  const requestHash = sha256(canonicalJson(rawInput));
  const key = context.idempotencyKey;
  const scope = context.idempotencyScope ?? '';
  const checked = (loaded: Loaded<S> | null): { loaded: Loaded<S>; decision: Decision & { ok: true } } => {
    if (!loaded) throw new Refusal({ ok: false, kind: 'not-found', message: 'The record was not found' });
    if (context.expectedVersion !== undefined && context.expectedVersion !== loaded.version) {
      throw new Refusal({ ok: false, kind: 'conflict', message: STALE_VERSION_MESSAGE });
    }
    const relationship = command.authorise?.(actor, loaded.state);
    if (relationship) throw new Refusal({ ok: false, kind: 'forbidden', message: relationship });
    const decision = command.decide(loaded.state, input, { actor, now });
    if (!decision.ok) {
      throw new Refusal({ ok: false, kind: 'refused', message: decision.message, errors: decision.errors ?? [] });
    }
    return { loaded, decision };
  };
  const write = (tx: Db, step: { loaded: Loaded<S>; decision: Decision & { ok: true } }) =>
    writeEverything(tx, command, { ...step, input, actor, now, idempotencyKey: key });
  const answer = (value: R) => ({ command: command.name, scope, idempotencyKey: key!, requestHash, result: JSON.parse(JSON.stringify(value ?? null)), createdAt: now });
  const inTransaction = (step: { loaded: Loaded<S>; decision: Decision & { ok: true } } | null) =>
    db.transaction(async (tx) => {
      const { loaded, decision } = step ?? checked(await command.load(tx, input, { actor, now }));
      const value = await write(tx, { loaded, decision });
      if (key) {
        // The answer is kept with the key by the command's last statement. A request with the same
        // key that committed first holds it already: this one then rolls back and answers that one's.
        const kept = await tx.insert(commandResults).values(answer(value)).onConflictDoNothing().returning({ key: commandResults.idempotencyKey });
        if (kept.length === 0) throw new AnsweredBefore();
      }
      return { ok: true as const, value, replayed: false };
    });
  for (let attempt = 1; ; attempt += 1) {
    try {
      if (!command.optimistic) return await inTransaction(null);
      const step = checked(await command.load(db, input, { actor, now }));
      if (!inTransactionOnly.has(command.name)) {
        const batch = new WriteBatch(db);
        try {
          const value = await write(batch.db, step);
          // The answer's key is claimed by the statement's own insert, before its CTEs run: a request
          // with the same key waits for it and fails on the key (then replays this answer).
          if (key) await batch.first(() => batch.db.insert(commandResults).values(answer(value)));
          await batch.send(db);
          return { ok: true, value, replayed: false };
        } catch (error) {
          if (!(error instanceof NotOneStatement)) throw error;
          // Some projector reads, or writes a table twice: this command's writes need a transaction.
          inTransactionOnly.add(command.name);
        }
      }
      return await inTransaction(step);
    } catch (error) {
      // An optimistic command that met a concurrent append to its stream: when the caller named no
      // version, load and decide again on the new one (as a lock would have made it wait).
      if (command.optimistic && context.expectedVersion === undefined && attempt < OPTIMISTIC_ATTEMPTS && isUniqueViolation(error, 'events_stream_version')) continue;
      // Whatever stopped this request, a request with the same key that committed before it answers
      // it: a repeat is replayed even when the record has moved on (stale version, refused now).
      if (key && (error instanceof Refusal || error instanceof AnsweredBefore || isUniqueViolation(error))) {
        const answered = await answeredBefore<R>(db, command.name, scope, key, requestHash);
        if (answered) return answered;
      }
      if (error instanceof Refusal) return error.outcome as CommandOutcome<R>;
      if (isUniqueViolation(error, 'events_stream_version')) {
        return { ok: false, kind: 'conflict', message: STALE_VERSION_MESSAGE };
      }
      throw error;
    }
  }
}

/**
 * How often an optimistic command with no expected version tries (loading again after each
 * concurrent append): each failure means another writer of the stream committed, so n writers at
 * once all get through when n ≤ this.
 */
const OPTIMISTIC_ATTEMPTS = 10;

/** Optimistic commands whose writes were found not to fit one statement: they go straight to a transaction. */
const inTransactionOnly = new Set<string>();

/**
 * The command's writes: its events (and those on other streams), the projectors' rows, and the
 * answer built from them. Run on the transaction, or on a `WriteBatch` that keeps them for one statement.
 */
async function writeEverything<I, S, R>(
  tx: Db,
  command: CommandDefinition<I, S, R>,
  args: { loaded: Loaded<S>; decision: Decision & { ok: true }; input: I; actor: Actor; now: Date; idempotencyKey: string | undefined },
): Promise<R> {
  const { loaded, decision, input, actor, now } = args;
  const version = await appendEvents(tx, {
    streamId: loaded.streamId,
    streamType: command.streamType,
    expectedVersion: loaded.version,
    previousHash: loaded.headHash,
    events: decision.events,
    actor,
    occurredAt: now,
    idempotencyKey: args.idempotencyKey,
  });
  const others = decision.alsoOn ?? [];
  for (const other of others) {
    await appendEvents(tx, { ...other, actor, occurredAt: now, idempotencyKey: args.idempotencyKey });
  }
  if (command.projectors?.length) {
    const projected = (stream: { streamId: string; streamType: string; expectedVersion: number; events: NewEvent[] }) => {
      let v = stream.expectedVersion;
      return stream.events.map((e) => ({
        streamId: stream.streamId,
        streamType: stream.streamType,
        version: (v += 1),
        type: e.type,
        payload: JSON.parse(JSON.stringify(e.payload)) as Record<string, unknown>,
        actorId: actor.id,
        actorName: actor.name,
        occurredAt: now,
      }));
    };
    await project(tx, command.projectors, [
      ...projected({ streamId: loaded.streamId, streamType: command.streamType, expectedVersion: loaded.version, events: decision.events }),
      ...others.flatMap(projected),
    ]);
  }
  return command.project(tx, {
    streamId: loaded.streamId,
    version,
    events: decision.events,
    alsoOn: others,
    state: loaded.state,
    input,
    actor,
    now,
  });
}

/** Another request with the same key committed while this one ran (its answer is kept). */
class AnsweredBefore extends Error {
  constructor() {
    super('answered before');
  }
}

/** The answer kept for a key: replayed for the same request, a conflict for another. */
async function answeredBefore<R>(db: Db, name: string, scope: string, key: string, requestHash: string): Promise<CommandOutcome<R> | null> {
  const [previous] = await db
    .select()
    .from(commandResults)
    .where(and(eq(commandResults.command, name), eq(commandResults.scope, scope), eq(commandResults.idempotencyKey, key)));
  if (!previous) return null;
  if (previous.requestHash !== requestHash) {
    return {
      ok: false,
      kind: 'conflict',
      message: 'This Idempotency-Key was already used for a different request. Use a new key for a new request.',
    };
  }
  return { ok: true, value: previous.result as R, replayed: true };
}

function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = error as { code?: string; constraint?: string; cause?: { code?: string; constraint?: string } };
  const inner = e?.cause ?? e;
  return inner?.code === '23505' && (constraint === undefined || inner.constraint === constraint || String(error).includes(constraint));
}
