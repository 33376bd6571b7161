import { STREAM_TYPES, isStreamType, payloadSchema } from '../../domain/events.js';

/**
 * An event that is not in the catalogue (src/domain/events.ts), or whose payload does not match its
 * schema, reached the event store. That is a bug in the code that built it, never something a user
 * did: commands check what users send before they decide.
 */
export class UncataloguedEventError extends Error {
  override readonly name = 'UncataloguedEventError';
}

/**
 * Checks every event about to be appended against the stream type's catalogue, as it will be stored
 * (after the JSON round trip the store makes), and throws on the first that does not belong. Called
 * first thing in `appendEvents`, so nothing is written and the command's transaction rolls back.
 */
export function assertCatalogued(streamType: string, events: readonly { type: string; payload: unknown }[]): void {
  assertCataloguedStored(
    streamType,
    events.map((event) => ({ type: event.type, payload: event.payload === undefined ? undefined : (JSON.parse(JSON.stringify(event.payload)) as unknown) })),
  );
}

/**
 * The same check for events already as they will be stored: the caller made the JSON round trip
 * and keeps the copy (`appendNewStreams`, for batch work, makes it once per event).
 */
export function assertCataloguedStored(streamType: string, events: readonly { type: string; payload: unknown }[]): void {
  if (!isStreamType(streamType)) {
    throw new UncataloguedEventError(`There is no '${streamType}' stream in the event catalogue (src/domain/events.ts); the stream types are ${STREAM_TYPES.join(', ')}.`);
  }
  for (const event of events) {
    const schema = payloadSchema(streamType, event.type);
    if (!schema) {
      throw new UncataloguedEventError(
        `'${String(event.type)}' is not an event of the '${streamType}' stream: add it to the stream's catalogue (src/domain/*/events.ts) before appending it.`,
      );
    }
    const result = schema.safeParse(event.payload);
    if (!result.success) {
      const issues = result.error.issues.map((issue) => `${['payload', ...issue.path.map(String)].join('.')}: ${issue.message}`);
      throw new UncataloguedEventError(`The payload of a '${event.type}' event on the '${streamType}' stream does not match its catalogue schema: ${issues.join('; ')}`);
    }
  }
}
