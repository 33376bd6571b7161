import type { Db } from '../../platform/database/client.js';
import { executeCommand, type CommandContext } from '../../platform/events/command.js';
import { addMonths } from '../../domain/clock/calendar-date.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import { defaultPpstExpiry } from '../../domain/training/rules.js';
import { recordOfficerTraining } from './commands.js';
import { s31aReferralCheck, trainingOf } from './queries.js';

/** The training module's face: record an officer's training, read it, and the S31A check intake makes. */
export function trainingService(db: Db) {
  return {
    record: (input: unknown, context: CommandContext) => executeCommand(db, recordOfficerTraining, input, context),
    trainingOf: (userId: string) => trainingOf(db, userId),
    s31aReferralCheck: s31aReferralCheck.bind(null, db),

    /**
     * Records a fully trained officer (both IFC parts, PPST level 3 in ticket, trained to refer S31A):
     * what the demo users and the test suite's officers hold, so the S31A switch stays on everywhere.
     * Left alone when the officer already has a record.
     */
    async recordTrainedOfficer(userId: string, context: CommandContext, homePort: string | null = 'CQF') {
      if (await trainingOf(db, userId)) return null;
      const today = ukDate(context.now ?? new Date());
      const passedOn = addMonths(today, -2);
      return executeCommand(
        db,
        recordOfficerTraining,
        {
          userId,
          record: {
            homePort,
            ifcPart1On: addMonths(today, -36),
            ifcPart2On: addMonths(today, -33),
            ppst: { level: 3, passedOn, expiresOn: defaultPpstExpiry(3, passedOn) },
            s31aTrainedOn: addMonths(today, -24),
          },
        },
        context,
      );
    },
  };
}

export type TrainingService = ReturnType<typeof trainingService>;
