/**
 * Runs queries one after another and answers their results in order, like `Promise.all` but never
 * two at once. Drizzle's query builders only start when awaited, so the list can be written like
 * `Promise.all`'s. Use it where the connection may be a transaction's: a transaction is one
 * connection, and node-postgres deprecates (and pg 9 will refuse) a second query sent on a client
 * still busy with the first.
 */
export async function oneAfterAnother<T extends readonly unknown[]>(queries: readonly [...T]): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const results: unknown[] = [];
  for (const query of queries) results.push(await query);
  return results as { -readonly [K in keyof T]: Awaited<T[K]> };
}
