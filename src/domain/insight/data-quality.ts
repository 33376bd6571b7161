import { z } from 'zod';
import { calendarDate, eventNames, type EventUnion } from '../event-schemas.js';
import { isCalendarDate } from '../clock/calendar-date.js';
import { refuse, type CommandDecision, type CommandMoment } from '../command-decision.js';

/*
 * The `data-quality` stream (`data-quality-<YYYY-MM-DD>`, one stream per UK day): how many records
 * each data-quality check found that day (issue #17 item 5: "counts over time"). One stream per day
 * makes the daily measurement idempotent: a second measurement of the same day is refused, and two
 * processes measuring at once meet on the stream's version.
 */

/** A check's name as the catalogue spells it: lower-case words joined by hyphens. */
export const DATA_QUALITY_CHECK_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export const DATA_QUALITY_EVENTS = {
  DataQualityMeasured: z.strictObject({
    /** The UK day measured. */
    on: calendarDate,
    /** Each check's name and the number of records it found that day. */
    counts: z.record(z.string().regex(DATA_QUALITY_CHECK_NAME).max(60), z.number().int().min(0)),
  }),
};
export const DATA_QUALITY_EVENT = eventNames(DATA_QUALITY_EVENTS);
export type DataQualityEvent = EventUnion<typeof DATA_QUALITY_EVENTS>;

export interface DataQualityDay {
  /** Whether the day has already been measured (its stream has an event). */
  measured: boolean;
}

export interface RecordDataQualityInput {
  on: string;
  counts: Record<string, number>;
}

/** A day is measured once; its counts are whole numbers of records, one per check. Message ids are catalogue keys. */
export function decideRecordDataQuality(state: DataQualityDay, input: RecordDataQualityInput, _context: CommandMoment): CommandDecision {
  if (state.measured) return refuse('insight.quality.alreadyMeasured');
  if (!isCalendarDate(input.on)) return refuse('insight.quality.error.day', [{ field: 'on', message: 'insight.quality.error.day' }]);
  const counts = Object.entries(input.counts);
  if (!counts.length || counts.some(([name, n]) => !DATA_QUALITY_CHECK_NAME.test(name) || !Number.isInteger(n) || n < 0)) {
    return refuse('insight.quality.error.counts', [{ field: 'counts', message: 'insight.quality.error.counts' }]);
  }
  return { ok: true, events: [{ type: DATA_QUALITY_EVENT.DataQualityMeasured, payload: { on: input.on, counts: Object.fromEntries(counts) } }] };
}
