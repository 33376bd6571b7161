import { z } from 'zod';
import type { Db } from '../../platform/database/client.js';
import { executeCommand, type CommandDefinition } from '../../platform/events/command.js';
import { streamVersion, type Actor } from '../../platform/events/event-store.js';
import type { JobKind } from '../../platform/jobs/queue.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import { decideRecordVehicleActionList } from '../../domain/vehicle-action-list/record.js';
import { vehicleActionList } from './val-query.js';

/*
 * The Vehicle Action List of each day, recorded once a day by a job (`VehicleActionListRecorded` on
 * `vehicle-action-list-<day>`): the list is never kept, so without this its size as of a past
 * instant could not be given again (the management information's stock figure, src/modules/insight).
 */

export const VAL_RECORD_JOB = 'vehicle-action-list-record';
export const VAL_RECORDER: Actor = { id: 'system', name: 'Cordon (the Vehicle Action List of the day)', roles: ['administrator'] };

const recordInput = z.object({
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  entries: z.array(
    z.object({
      registrationKey: z.string().min(1),
      registration: z.string().min(1),
      country: z.string(),
      company: z.string(),
      caseRefs: z.array(z.string().min(1)).min(1),
      outstandingPence: z.number().int(),
      dueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    }),
  ),
});
type RecordInput = z.infer<typeof recordInput>;

export const recordVehicleActionList: CommandDefinition<RecordInput, { recorded: boolean }, { day: string; count: number }> = {
  name: 'recordVehicleActionList',
  input: recordInput,
  roles: ['administrator'],
  streamType: 'vehicle-action-list',
  async load(tx, input) {
    const streamId = `vehicle-action-list-${input.day}`;
    const version = await streamVersion(tx, streamId);
    return { streamId, version, state: { recorded: version > 0 } };
  },
  decide: decideRecordVehicleActionList,
  // No read table: the record is read from the log (the insight module's `valRecorded` family).
  project: async (_tx, { input }) => ({ day: input.day, count: input.entries.length }),
};

/** Records today's list (the query as it stands now); a day already recorded is left as it is. */
export async function recordTodaysVehicleActionList(db: Db, now: Date) {
  const day = ukDate(now);
  const entries = (await vehicleActionList(db, day)).map((e) => ({ registrationKey: e.registrationKey, registration: e.registration, country: e.country, company: e.company, caseRefs: e.caseRefs, outstandingPence: e.outstandingPence, dueDate: e.dueDate }));
  return executeCommand(db, recordVehicleActionList, { day, entries }, { actor: VAL_RECORDER, now });
}

/** The daily job: queued by every process, run by one (its key is the day). */
export function valRecordJobKind(db: Db): JobKind {
  return {
    async run(_payload, context) {
      const outcome = await recordTodaysVehicleActionList(db, context.now);
      if (!outcome.ok && !/already recorded/.test(outcome.message)) throw new Error(outcome.message);
    },
  };
}
