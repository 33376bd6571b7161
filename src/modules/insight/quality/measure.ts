import { z } from 'zod';
import type { Db } from '../../../platform/database/client.js';
import { executeCommand, type CommandDefinition, type CommandOutcome } from '../../../platform/events/command.js';
import { streamVersion, type Actor } from '../../../platform/events/event-store.js';
import type { JobKind } from '../../../platform/jobs/queue.js';
import { decideRecordDataQuality, type DataQualityDay } from '../../../domain/insight/data-quality.js';
import { ukDate } from '../../../domain/reference/uk-date.js';
import { qualityCounts } from './report.js';

/*
 * The daily measurement: every check counted, recorded as `DataQualityMeasured` on the day's
 * stream (`data-quality-<YYYY-MM-DD>`). The job runs once a day (`data-quality-measure:<UTC day>`);
 * the command refuses a second measurement of a UK day, so a job run twice records once.
 */

export const DATA_QUALITY_MEASURE = 'data-quality-measure';

/** Who records the daily measurement: the job, with the analyst's role the command asks for. */
export const DATA_QUALITY_MEASURER: Actor = { id: 'data-quality', name: 'Cordon (data-quality measurement)', roles: ['analyst'] };

export const recordDataQualityInput = z.object({
  on: z.string().max(10),
  counts: z.record(z.string().max(60), z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)),
});
export type RecordDataQuality = z.infer<typeof recordDataQualityInput>;

export const recordDataQualityMeasurement: CommandDefinition<RecordDataQuality, DataQualityDay, { on: string }> = {
  name: 'recordDataQualityMeasurement',
  input: recordDataQualityInput,
  roles: ['manager', 'analyst'],
  streamType: 'data-quality',
  optimistic: true,
  load: async (tx, input) => {
    const streamId = `data-quality-${input.on}`;
    const version = await streamVersion(tx, streamId);
    return { streamId, version, state: { measured: version > 0 } };
  },
  decide: decideRecordDataQuality,
  project: async (_tx, { input }) => ({ on: input.on }),
};

export type MeasureOutcome = { recorded: true; on: string; counts: Record<string, number> } | { recorded: false; on: string; reason: 'already-measured' };

export function dataQualityMeasurer(db: Db) {
  return {
    /** Counts every check now and records the counts for today (UK); a day already measured is left as it is. */
    async measure(context: { actor?: Actor; now: Date }): Promise<MeasureOutcome> {
      const on = ukDate(context.now);
      const counts = Object.fromEntries((await qualityCounts(db, on)).map((c) => [c.name, c.count]));
      const outcome: CommandOutcome<{ on: string }> = await executeCommand(db, recordDataQualityMeasurement, { on, counts }, { actor: context.actor ?? DATA_QUALITY_MEASURER, now: context.now });
      if (outcome.ok) return { recorded: true, on, counts };
      if (outcome.kind === 'refused' && outcome.message === 'insight.quality.alreadyMeasured') return { recorded: false, on, reason: 'already-measured' };
      throw new Error(`The data-quality measurement of ${on} was not recorded: ${outcome.message}`);
    },
    jobKind(): JobKind {
      return { run: async (_payload, { now }) => void (await this.measure({ now })) };
    },
  };
}
