import { z } from 'zod';
import type { CommandDefinition } from '../../platform/events/command.js';
import { officerTrainingRecordSchema } from '../../domain/training/events.js';
import { decideRecordOfficerTraining, REFERRER_ROLES, type OfficerToTrain } from '../../domain/training/decisions.js';
import { personAccount } from '../identity/accounts-query.js';
import { trainingOf } from './queries.js';
import { trainingProjector } from './projector.js';

/** Who records officers' training: managers and administrators. */
export const TRAINING_RECORDERS = ['manager', 'administrator'] as const;

export const trainingStreamId = (userId: string) => `training-${userId}`;

export const recordOfficerTrainingInput = z.object({ userId: z.uuid(), record: officerTrainingRecordSchema });
export type RecordOfficerTrainingInput = z.infer<typeof recordOfficerTrainingInput>;

/** Records an officer's training as it now stands; each recording is an event on the officer's `training` stream. */
export const recordOfficerTraining: CommandDefinition<RecordOfficerTrainingInput, OfficerToTrain, { userId: string; version: number }> = {
  name: 'recordOfficerTraining',
  input: recordOfficerTrainingInput,
  roles: TRAINING_RECORDERS,
  streamType: 'training',
  async load(tx, input) {
    const account = await personAccount(tx, input.userId);
    if (!account) return null;
    const current = await trainingOf(tx, input.userId);
    return {
      streamId: trainingStreamId(input.userId),
      version: current?.version ?? 0,
      state: { userId: input.userId, isOfficer: account.roles.some((role) => (REFERRER_ROLES as readonly string[]).includes(role)), current: current?.record ?? null },
    };
  },
  decide: decideRecordOfficerTraining,
  projectors: [trainingProjector],
  async project(_tx, { input, version }) {
    return { userId: input.userId, version };
  },
};
