import pg from 'pg';
import { getTableColumns, SQL } from 'drizzle-orm';
import { getTableConfig, PgDatabase, PgPreparedQuery, PgSession, type PgColumn, type PgDialect, type PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../database/client.js';
import { sha256 } from './hash-chain.js';

/*
 * A command's writes sent as ONE statement: a chain of data-modifying CTEs
 * (`with w1 as (insert …), w2 as (update …) insert into command_results …`). A single statement is
 * its own transaction, so a command whose writes fit needs no `begin` and no `commit`: a search
 * record is one round trip instead of five. `executeCommand` is still the only writer: it runs the
 * very same code (appendEvents, the projectors, the command's answer) against a recording database
 * that keeps each write instead of sending it, then sends what it kept together.
 *
 * What fits: inserts, updates and deletes whose answer nobody reads (no `returning`, no select, no
 * nested transaction), none of which touches a table another one writes — all the sub-statements
 * of one statement see the same snapshot, so an update could not see a row another inserted, and
 * two updates of one row would keep only one (several plain inserts into one table are fine: the
 * events of a command). Anything else throws `NotOneStatement` and the command runs its writes in
 * a transaction, as before.
 */

/** Thrown by the recording database at the first write that cannot go in one statement. */
export class NotOneStatement extends Error {
  constructor(reason: string) {
    super(`not one statement: ${reason}`);
  }
}

interface Kept {
  text: string;
  params: unknown[];
  /** The table it writes (as written, quoted). */
  table: string;
  /** A plain insert (no `on conflict`): several of these may write one table. */
  plainInsert: boolean;
  /** Every quoted name it mentions (tables and columns: a column named like a table only costs the batch). */
  names: Set<string>;
}

const WRITE = /^\s*(insert\s+into|update|delete\s+from)\s+((?:"[^"]+"\.)?"[^"]+")/i;
const NAME = /"((?:[^"]|"")+)"/g;

function keep(text: string, params: unknown[]): Kept {
  const write = WRITE.exec(text);
  if (!write) throw new NotOneStatement(`not a plain write: ${text.slice(0, 60)}`);
  if (/\breturning\b/i.test(text)) throw new NotOneStatement('an answer is read back');
  const names = new Set<string>();
  for (const match of text.matchAll(NAME)) names.add(match[1]!);
  const table = write[2]!.split('.').at(-1)!.slice(1, -1);
  return { text, params, table, plainInsert: /^insert/i.test(write[1]!) && !/\bon\s+conflict\b/i.test(text), names };
}

class KeepingQuery extends PgPreparedQuery<{ execute: unknown; all: unknown; values: unknown }> {
  constructor(
    private readonly text: string,
    private readonly values: unknown[],
    private readonly readsBack: boolean,
    private readonly kept: Kept[],
  ) {
    super({ sql: text, params: values }, undefined, undefined, undefined);
  }
  override async execute(): Promise<unknown> {
    if (this.readsBack) throw new NotOneStatement('a read or an answer read back');
    this.kept.push(keep(this.text, this.values));
    return { rows: [], rowCount: null };
  }
  async all(): Promise<unknown> {
    throw new NotOneStatement('a read');
  }
  isResponseInArrayMode(): boolean {
    return false;
  }
}

class KeepingSession extends PgSession {
  constructor(
    dialect: PgDialect,
    private readonly kept: Kept[],
  ) {
    super(dialect);
  }
  override prepareQuery(query: { sql: string; params: unknown[] }, fields: unknown, _name: unknown, _arrayMode: unknown, customResultMapper?: unknown) {
    return new KeepingQuery(query.sql, query.params, Boolean(fields || customResultMapper), this.kept) as never;
  }
  override async transaction(): Promise<never> {
    throw new NotOneStatement('a nested transaction');
  }
}

/** A database that keeps the writes made on it (`statement()` joins them) instead of sending them. */
export class WriteBatch {
  private readonly kept: Kept[] = [];
  readonly db: Db;

  constructor(real: Db) {
    const dialect = (real as unknown as { dialect: PgDialect }).dialect;
    this.db = new PgDatabase(dialect, new KeepingSession(dialect, this.kept) as never, undefined as never) as unknown as Db;
    // `insert(t).values(rows)` awaited as it is (the events, a search row, the answer) is written
    // straight to text, as drizzle would write it; anything more (`onConflict…`, `returning`) is drizzle's.
    const insert = this.db.insert.bind(this.db);
    (this.db as unknown as { insert: unknown }).insert = (table: PgTable) => ({
      values: (values: Record<string, unknown> | Record<string, unknown>[]) => {
        const builder = () => insert(table).values(values as never);
        return new Proxy(
          {},
          {
            get: (_target, property) => {
              if (property !== 'then') {
                const real = builder() as unknown as Record<PropertyKey, unknown>;
                const value = real[property];
                return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(real) : value;
              }
              return (resolve: (value: unknown) => void, reject: (error: unknown) => void) => {
                const written = insertText(dialect, table, Array.isArray(values) ? values : [values]);
                if (!written) return (builder() as unknown as PromiseLike<unknown>).then(resolve, reject);
                try {
                  this.kept.push(keep(written.text, written.params));
                  resolve({ rows: [], rowCount: null });
                } catch (error) {
                  reject(error);
                }
              };
            },
          },
        );
      },
    });
  }

  /**
   * The writes kept, as one statement: the first kept write is the statement's own, the others its
   * CTEs, run in the order they were kept. Throws `NotOneStatement` when two of them touch the same table.
   */
  statement(): { text: string; params: unknown[] } {
    const kept = this.kept;
    if (kept.length === 0) throw new NotOneStatement('nothing to write');
    for (const a of kept) {
      for (const b of kept) {
        if (a === b || !b.names.has(a.table)) continue;
        if (!(a.plainInsert && b.plainInsert && a.table === b.table)) throw new NotOneStatement(`two statements touch ${a.table}`);
      }
    }
    const [main, ...rest] = kept;
    if (rest.length === 0) return { text: main!.text, params: main!.params };
    // PostgreSQL runs the statement's own write first, then its CTEs from the last to the first
    // (one-statement.test.ts checks it): listed backwards, they run in the order they were made —
    // the events first, as in a transaction, so every writer of a stream meets the (stream, version)
    // key before any row of its read tables, and two writers cannot wait on each other.
    const params: unknown[] = [];
    const ctes = [...rest].reverse().map((k, i) => `w${i + 1} as (${renumbered(k, params)})`);
    const own = renumbered(main!, params);
    return { text: `with ${ctes.join(', ')} ${own}`, params };
  }

  /**
   * Sends the statement straight to the driver (drizzle has built each part already). On a
   * PostgreSQL server it is a named prepared statement: the same shape (a search record, a note) is
   * parsed and planned once per connection.
   */
  async send(real: Db): Promise<void> {
    const { text, params } = this.statement();
    const client = (real as unknown as { $client: { query(...args: unknown[]): Promise<unknown> } }).$client;
    if (client instanceof pg.Pool) await client.query({ name: `cordon-${sha256(text).slice(0, 24)}`, text, values: params });
    else await client.query(text, params);
  }

  /** Puts a write first (the statement's own): e.g. the Idempotency-Key's answer, claimed before anything else. */
  first(write: () => Promise<unknown>): Promise<void> {
    const before = this.kept.length;
    return Promise.resolve(write()).then(() => {
      const added = this.kept.splice(before);
      this.kept.unshift(...added);
    });
  }
}

interface InsertShape {
  head: string;
  columns: [string, PgColumn][];
}
const insertShapes = new WeakMap<PgTable, InsertShape>();
const constantSql = new WeakMap<SQL, string | null>();

/**
 * `insert into "t" ("a", "b", …) values ($1, default, …), (…)` with its params, exactly as drizzle's
 * builder writes it (every insertable column in the table's order, `default` for a value not given
 * and no default function, each value through its column's driver mapping), without building it
 * chunk by chunk; null when a value is SQL with params of its own (drizzle then builds it).
 */
function insertText(dialect: PgDialect, table: PgTable, rows: Record<string, unknown>[]): { text: string; params: unknown[] } | null {
  if (rows.length === 0) return null;
  let shape = insertShapes.get(table);
  if (!shape) {
    const columns = Object.entries(getTableColumns(table)).filter(([, column]) => !(column as unknown as { shouldDisableInsert(): boolean }).shouldDisableInsert()) as [string, PgColumn][];
    const config = getTableConfig(table);
    const name = config.schema ? `"${config.schema}"."${config.name}"` : `"${config.name}"`;
    shape = { head: `insert into ${name} (${columns.map(([, column]) => `"${column.name}"`).join(', ')}) values `, columns };
    insertShapes.set(table, shape);
  }
  const params: unknown[] = [];
  const tuples: string[] = [];
  for (const row of rows) {
    const values: string[] = [];
    for (const [key, column] of shape.columns) {
      let value = row[key];
      if (value === undefined) {
        if (column.defaultFn !== undefined) value = column.defaultFn();
        else if (!column.default && column.onUpdateFn !== undefined) value = column.onUpdateFn();
        else {
          values.push('default');
          continue;
        }
      }
      if (value instanceof SQL) {
        let text = constantSql.get(value);
        if (text === undefined) {
          const query = dialect.sqlToQuery(value);
          text = query.params.length ? null : query.sql;
          constantSql.set(value, text);
        }
        if (text === null) return null;
        values.push(text);
        continue;
      }
      const mapped = value === null ? null : column.mapToDriverValue(value);
      if (mapped instanceof SQL) return null;
      params.push(mapped);
      values.push(`$${params.length}`);
    }
    tuples.push(`(${values.join(', ')})`);
  }
  return { text: shape.head + tuples.join(', '), params };
}

/** A kept statement's text with its `$n` moved past the params before it (quoted text and names left alone). */
function renumbered(k: Kept, params: unknown[]): string {
  const offset = params.length;
  params.push(...k.params);
  if (offset === 0) return k.text;
  return k.text.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|\$(\d+)/g, (token, n: string | undefined) => (n === undefined ? token : `$${Number(n) + offset}`));
}
