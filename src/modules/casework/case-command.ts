import { eq, getTableColumns, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../platform/database/client.js';
import { rowsFromJson } from '../../platform/database/json-rows.js';
import type { CommandDefinition, Decision } from '../../platform/events/command.js';
import type { Projector } from '../../platform/projections/projector.js';
import { headHashOf, streamFromJson, type Actor, type NewEvent } from '../../platform/events/event-store.js';
import { events } from '../../platform/events/schema.js';
import { policyVersionsFromJson, policyVersionsJson } from '../policy/versions-query.js';
import { foldCaseFile, type CaseFile } from './case-file.js';
import { cases, liabilities } from './schema.js';
import { casesProjector } from './projector.js';

/**
 * A step on the case that is not a move of a liability's stage (a note, an address change, a means
 * assessment, a linked case, an assignment): its events go on the case's stream like every other,
 * so the timeline and the audit chain have them, and the case version moves (two officers acting
 * at once cannot overwrite each other).
 *
 *   export const addNote = caseCommand({
 *     name: 'addCaseNote', input: z.object({ reference: z.string(), text: z.string() }), roles: CASEWORKERS,
 *     decide: decideAddCaseNote, // the domain's decision (src/domain/case/notes.ts)
 *   });
 *
 * The decision is pure and lives in src/domain/case. What the front door read before the command
 * (the officers who can be given a case, the letter a breach is about) is passed as `facts` and
 * reaches the decision with the case file.
 */
export function caseCommand<I extends { reference: string }, R = { reference: string; version: number }, F extends object = object>(definition: {
  name: string;
  input: z.ZodType<I>;
  roles: readonly string[];
  /** Read before the command runs and given to the decision with the case file (e.g. the officers). */
  facts?: F;
  /** Read in the command's transaction, after the case, and given to the decision too (e.g. another case's version). */
  loadFacts?: (tx: Db, input: I, file: CaseFile) => Promise<Partial<F>>;
  /** A check on who is acting (e.g. the approver is not the proposer), before decide. */
  authorise?: (actor: Actor, file: CaseFile & F) => string | null;
  /** Pure: the events to append, or a refusal with reasons. */
  decide: (file: CaseFile & F, input: I, context: { actor: Actor; now: Date }) => Decision;
  /** The projectors of other modules whose tables its events change (the cases projector always runs first). */
  projectors?: readonly Projector[];
  /** Builds the answer, in the same transaction. */
  project?: (tx: Db, args: { file: CaseFile & F; input: I; events: NewEvent[]; actor: Actor; now: Date; version: number }) => Promise<R>;
}): CommandDefinition<I, CaseFile & F, R> {
  return {
    name: definition.name,
    input: definition.input,
    roles: definition.roles,
    streamType: 'case',
    // Loaded with no lock and no transaction: the append at the case's next version is the guard
    // (a note is then two round trips: this load, and one statement for the event, the case's
    // version and the answer kept with the Idempotency-Key).
    optimistic: true,
    async load(tx, input) {
      const loaded = await loadCase(tx, input.reference);
      if (!loaded) return null;
      const { kase, rows, stream, versions } = loaded;
      const file = foldCaseFile(kase, rows, stream, versions);
      const read = definition.loadFacts ? await definition.loadFacts(tx, input, file) : {};
      return { streamId: `case-${kase.id}`, version: kase.version, state: { ...file, ...definition.facts, ...read } as CaseFile & F, headHash: headHashOf(stream, kase.version) };
    },
    ...(definition.authorise ? { authorise: definition.authorise } : {}),
    decide: definition.decide,
    // The case's rows follow its events: the projectors write them, before the answer is built.
    projectors: [casesProjector, ...(definition.projectors ?? [])],
    async project(tx, { state: file, input, events, actor, now, version }) {
      if (definition.project) return definition.project(tx, { file, input, events, actor, now, version });
      return { reference: file.kase.reference, version } as R;
    },
  };
}

/** What a step that needs nothing but the case itself decides on: its id, reference and version. */
export interface CaseRowState {
  kase: { id: string; reference: string; version: number };
}

/**
 * A case step whose decision reads nothing of the case file (a note: free text, whatever the case's
 * state): it loads the case's id, reference, version and the hash of its newest event in one small
 * statement, not the file (every event, liability and policy version, folded). Otherwise it is a
 * `caseCommand`: the case's stream, optimistic, the cases projector.
 */
export function caseRowCommand<I extends { reference: string }>(definition: {
  name: string;
  input: z.ZodType<I>;
  roles: readonly string[];
  /** Pure: the events to append, or a refusal with reasons. */
  decide: (row: CaseRowState, input: I, context: { actor: Actor; now: Date }) => Decision;
}): CommandDefinition<I, CaseRowState, { reference: string; version: number }> {
  return {
    name: definition.name,
    input: definition.input,
    roles: definition.roles,
    streamType: 'case',
    optimistic: true,
    async load(tx, input) {
      const [row] = await caseRowQuery(tx).execute({ reference: reference(input.reference) });
      if (!row) return null;
      const { headHash, ...kase } = row;
      return { streamId: `case-${kase.id}`, version: kase.version, state: { kase }, headHash: headHash ?? undefined };
    },
    decide: definition.decide,
    projectors: [casesProjector],
    async project(_tx, { state, version }) {
      return { reference: state.kase.reference, version };
    },
  };
}

const reference = (text: string) => text.trim().toUpperCase();

/**
 * The case's id, reference, version and newest event's hash, by reference: a prepared statement
 * (on a PostgreSQL server, parsed and planned once per connection; built once by drizzle).
 */
function caseRowQuery(db: Db) {
  let query = caseRowQueries.get(db);
  if (!query) {
    query = prepareCaseRowQuery(db);
    caseRowQueries.set(db, query);
  }
  return query;
}

function prepareCaseRowQuery(db: Db) {
  return db
    .select({
      id: cases.id,
      reference: cases.reference,
      version: cases.version,
      headHash: sql<string | null>`(select e.hash from ${events} e where e.stream_id = 'case-' || "cases"."id" and e.version = "cases"."version")`,
    })
    .from(cases)
    .where(eq(cases.reference, sql.placeholder('reference')))
    .prepare('cordon_case_row_for_step');
}
const caseRowQueries = new WeakMap<Db, ReturnType<typeof prepareCaseRowQuery>>();

/**
 * The case row with its liabilities, its stream and the policy versions, in one statement (one
 * round trip instead of four: the speed of casework steps rests on it, see docs/performance.md).
 * No lock: a step's append at the case's next version is its guard.
 */
export async function loadCase(tx: Db, text: string) {
  // The sub-selects name the case row as "cases"."id": drizzle writes a column of the outer table
  // unqualified inside a select list, where it would mean the inner table's own column.
  const [found] = await tx
    .select({
      ...getTableColumns(cases),
      liabilitiesJson: sql<unknown>`(select json_agg(l order by l.role, l.offence) from ${liabilities} l where l.case_id = "cases"."id")`,
      eventsJson: sql<unknown>`(select json_agg(e order by e.version) from ${events} e where e.stream_id = 'case-' || "cases"."id")`,
      policiesJson: policyVersionsJson(),
    })
    .from(cases)
    .where(eq(cases.reference, reference(text)));
  if (!found) return null;
  const { liabilitiesJson, eventsJson, policiesJson, ...kase } = found;
  return { kase, rows: rowsFromJson(liabilities, liabilitiesJson), stream: streamFromJson(eventsJson), versions: policyVersionsFromJson(policiesJson) };
}
