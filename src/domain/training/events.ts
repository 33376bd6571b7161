import { z } from 'zod';
import { calendarDate, eventNames, id, type EventUnion } from '../event-schemas.js';

/*
 * The `training` stream (one per officer, `training-<user id>`): what an administrator or manager
 * recorded of the officer's training (seed 003 §6.35–6.58, recommendation 3). Each event is the
 * whole record as it now stands, so the history of the record is the list of these events.
 */

export const PPST_LEVELS = [1, 2, 3] as const;
export type PpstLevel = (typeof PPST_LEVELS)[number];

export const ppstRecordSchema = z.strictObject({
  level: z.union([z.literal(1), z.literal(2), z.literal(3)]).describe('Public and Personal Safety Training level (figure 21)'),
  passedOn: calendarDate.describe('The day the course (or refresher) was passed'),
  expiresOn: calendarDate.nullable().describe('The last day the ticket is valid; null for level 1, which has no refresher'),
});

export const officerTrainingRecordSchema = z.strictObject({
  homePort: z.string().min(1).nullable().describe('The port code the officer works from'),
  ifcPart1On: calendarDate.nullable().describe('Immigration Foundation Course part 1 completed on'),
  ifcPart2On: calendarDate.nullable().describe('Immigration Foundation Course part 2 completed on'),
  ppst: ppstRecordSchema.nullable(),
  s31aTrainedOn: calendarDate.nullable().describe('Civil penalty referral training (trained to refer S31A) completed on'),
});

export type OfficerTrainingRecord = z.infer<typeof officerTrainingRecordSchema>;

export const TRAINING_EVENTS = {
  OfficerTrainingRecorded: z.strictObject({ userId: id, ...officerTrainingRecordSchema.shape }),
};

/** `TRAINING_EVENT.OfficerTrainingRecorded` is `'OfficerTrainingRecorded'`. */
export const TRAINING_EVENT = eventNames(TRAINING_EVENTS);

export type TrainingEvent = EventUnion<typeof TRAINING_EVENTS>;
