import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { Database, Db } from './client.js';

export interface NoticeLog {
  warn(object: object, message: string): void;
}

/**
 * Sends `payload` on a PostgreSQL channel (`pg_notify`). Inside a transaction PostgreSQL delivers it
 * only when that transaction commits, so a listener never hears of a change that was rolled back.
 * PGlite has the same function (heard by `listen` in the same process).
 */
export async function notify(db: Db, channel: string, payload: string): Promise<void> {
  await db.execute(sql`select pg_notify(${channel}, ${payload})`);
}

/**
 * Listens on a channel, the way the plate matcher listens on `cordon_val`: on PostgreSQL a dedicated
 * connection (not one of the pool's) that LISTENs and reconnects a second after it is lost; on
 * PGlite its own `listen`. `onLost` is called whenever notices may have been missed (the connection
 * dropped, or could not be made): the listener should then forget what it keeps. Resolves once the
 * LISTEN is in place (or, when it could not be made yet, once a reconnection is scheduled). The
 * answer stops listening.
 */
export async function listenOn(
  database: Pick<Database, 'kind' | 'pool' | 'pglite'>,
  channel: string,
  handlers: { onNotice(payload: string | undefined): void; onLost(): void; log: NoticeLog },
): Promise<() => Promise<void>> {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`Not a channel name: ${channel}`);
  if (database.kind === 'pglite') {
    if (!database.pglite) return async () => {};
    const unlisten = await database.pglite.listen(channel, (payload) => handlers.onNotice(payload));
    return async () => {
      await unlisten().catch(() => {});
    };
  }
  const connectionString = database.pool?.options.connectionString;
  if (!connectionString) return async () => {};
  let stopping = false;
  let current: pg.Client | null = null;
  let reconnect: NodeJS.Timeout | null = null;

  async function connect(): Promise<void> {
    if (stopping) return;
    const client = new pg.Client({ connectionString });
    const lost = (error?: Error) => {
      if (current !== client || stopping) return;
      current = null;
      handlers.log.warn({ err: error, channel }, 'lost the LISTEN connection; reconnecting');
      handlers.onLost();
      void client.end().catch(() => {});
      reconnect = setTimeout(() => {
        reconnect = null;
        void connect()
          .then(() => handlers.onLost())
          .catch(() => {});
      }, 1_000);
      reconnect.unref();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', (message) => {
      if (message.channel === channel) handlers.onNotice(message.payload);
    });
    current = client;
    try {
      await client.connect();
      await client.query(`listen ${channel}`);
    } catch (error) {
      lost(error as Error);
      throw error;
    }
  }

  await connect().catch((error: unknown) => handlers.log.warn({ err: error, channel }, 'could not LISTEN yet; retrying'));
  return async () => {
    stopping = true;
    if (reconnect) clearTimeout(reconnect);
    const client = current;
    current = null;
    await client?.end().catch(() => {});
  };
}
