import { z } from 'zod';
import { calendarDateSchema } from './clock/calendar-date.js';

/*
 * The building blocks of the event catalogue (src/domain/events.ts): the shapes every stream's
 * `events.ts` uses for its payloads, and the types that turn a stream's schemas into its events.
 */

/** One stream's events: each event type's payload schema. */
export type EventSchemas = Record<string, z.ZodType<Record<string, unknown>>>;

/** `{ type: K; payload }` for each event K of a stream, the payload as its schema describes it. */
export type EventUnion<T extends EventSchemas> = { [K in keyof T & string]: { type: K; payload: z.infer<T[K]> } }[keyof T & string];

/** The names of a stream's events, each typed as its own literal: `CASE_EVENT.CaseNoteAdded` is `'CaseNoteAdded'`. */
export function eventNames<T extends EventSchemas>(schemas: T): { readonly [K in keyof T & string]: K } {
  return Object.freeze(Object.fromEntries(Object.keys(schemas).map((name) => [name, name]))) as { readonly [K in keyof T & string]: K };
}

/** A legal date: YYYY-MM-DD, a real day, no time zone. */
export const calendarDate = calendarDateSchema('the date');

/** An instant, as ISO 8601 with a time zone (UTC when the system wrote it). */
export const instant = z.iso.datetime({ offset: true });

/** Money: whole pence, never a fraction. */
export const pence = z.number().int();

/** An amount of money owed, paid or charged: whole pence, not negative. */
export const amountPence = pence.nonnegative();

/** A count of things. */
export const count = z.number().int().nonnegative();

/** The id of a record (a UUID for records Cordon creates; any non-empty text for actors and older ids). */
export const id = z.string().min(1);

/** A SHA-256 content hash, as 64 lower-case hex digits. */
export const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/** An ISO 3166-1 alpha-2 country code. */
export const countryCode = z.string().regex(/^[A-Z]{2}$/);

/** The keys of a `{ code: 'Label' }` list, as a zod enum. */
export function codeOf<T extends Record<string, string>>(labels: T) {
  return z.enum(Object.keys(labels) as [keyof T & string, ...(keyof T & string)[]]);
}

/** The offences, one per liability. */
export const offence = z.enum(['S31A', 'S32']);
