import { pgTable, uuid, text, date, integer, timestamp } from 'drizzle-orm/pg-core';

/**
 * Each officer's training as it now stands (one row per officer), projected from the `training`
 * stream; the history is the stream's events. `version` is the stream's version, sent back by the
 * recording page so a change made meanwhile is refused (409).
 */
export const officerTraining = pgTable('officer_training', {
  userId: uuid('user_id').primaryKey(),
  homePort: text('home_port'),
  ifcPart1On: date('ifc_part1_on', { mode: 'string' }),
  ifcPart2On: date('ifc_part2_on', { mode: 'string' }),
  ppstLevel: integer('ppst_level'),
  ppstPassedOn: date('ppst_passed_on', { mode: 'string' }),
  ppstExpiresOn: date('ppst_expires_on', { mode: 'string' }),
  s31aTrainedOn: date('s31a_trained_on', { mode: 'string' }),
  version: integer('version').notNull(),
  recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull(),
  recordedBy: text('recorded_by').notNull(),
});
