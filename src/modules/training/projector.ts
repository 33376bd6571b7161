import type { Projector } from '../../platform/projections/projector.js';
import { TRAINING_EVENT, type OfficerTrainingRecord } from '../../domain/training/events.js';
import { officerTraining } from './schema.js';

/** The only writer of `officer_training`, from `OfficerTrainingRecorded` (each is the whole record as it now stands). */
export const trainingProjector: Projector = {
  module: 'training',
  tables: [officerTraining],
  streamTypes: ['training'],
  async apply(tx, event) {
    if (event.type !== TRAINING_EVENT.OfficerTrainingRecorded) return;
    const recorded = event.payload as OfficerTrainingRecord & { userId: string };
    const row = {
      homePort: recorded.homePort,
      ifcPart1On: recorded.ifcPart1On,
      ifcPart2On: recorded.ifcPart2On,
      ppstLevel: recorded.ppst?.level ?? null,
      ppstPassedOn: recorded.ppst?.passedOn ?? null,
      ppstExpiresOn: recorded.ppst?.expiresOn ?? null,
      s31aTrainedOn: recorded.s31aTrainedOn,
      version: event.version,
      recordedAt: event.occurredAt,
      recordedBy: event.actorName,
    };
    await tx.insert(officerTraining).values({ userId: recorded.userId, ...row }).onConflictDoUpdate({ target: officerTraining.userId, set: row });
  },
};
