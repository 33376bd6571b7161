import { z } from 'zod';
import { calendarDate, count, eventNames, type EventUnion } from '../event-schemas.js';

/*
 * The Vehicle Action List as it stood, once a day (the `vehicle-action-list` stream,
 * `vehicle-action-list-<day>`). The list itself is never kept (DOMAIN.md §6): it is a query over
 * current facts. This record is what makes its size as of a past instant a figure that reproduces
 * (the management information, src/modules/insight): nothing is decided from it.
 */

const entry = z.strictObject({
  /** The registration as matched (`registrationKey`), as written, and its country. */
  registrationKey: z.string().min(1),
  registration: z.string().min(1),
  country: z.string(),
  /** The owning company as the register knows it. */
  company: z.string(),
  caseRefs: z.array(z.string().min(1)).min(1),
  /** What is owed on the penalties that put it there, in pence. */
  outstandingPence: z.number().int(),
  /** The earliest payment due date of those penalties. */
  dueDate: calendarDate,
});

export const VEHICLE_ACTION_LIST_EVENTS = {
  /** The list on `day` (a UK date), as the query gave it when recorded: every vehicle on it. */
  VehicleActionListRecorded: z.strictObject({ day: calendarDate, count, entries: z.array(entry) }),
};

/** `VEHICLE_ACTION_LIST_EVENT.VehicleActionListRecorded` is `'VehicleActionListRecorded'`. */
export const VEHICLE_ACTION_LIST_EVENT = eventNames(VEHICLE_ACTION_LIST_EVENTS);
export type VehicleActionListEvent = EventUnion<typeof VEHICLE_ACTION_LIST_EVENTS>;
export type VehicleActionListEntry = z.infer<typeof entry>;
