import type { CommandDecision, CommandMoment } from '../command-decision.js';
import { PORT_CODES } from '../reference/ports.js';
import { ukDate } from '../reference/uk-date.js';
import { TRAINING_EVENT, type OfficerTrainingRecord } from './events.js';
import { trainingRecordProblems } from './rules.js';

/** The officer whose training is recorded, as the command found them. */
export interface OfficerToTrain {
  userId: string;
  /** Holds an officer's role (port or police): only officers have training records. */
  isOfficer: boolean;
  current: OfficerTrainingRecord | null;
}

export const REFERRER_ROLES = ['port-officer', 'police-officer'] as const;

/** Records an officer's training as it now stands (the whole record; earlier records stay on the stream). */
export function decideRecordOfficerTraining(officer: OfficerToTrain, input: { userId: string; record: OfficerTrainingRecord }, { now }: CommandMoment): CommandDecision {
  if (!officer.isOfficer) return { ok: false, message: 'Training is recorded only for port and police officers' };
  const problems = trainingRecordProblems(input.record, ukDate(now), (code) => (PORT_CODES as readonly string[]).includes(code));
  if (problems.length) return { ok: false, message: 'The training record has errors', errors: problems };
  return { ok: true, events: [{ type: TRAINING_EVENT.OfficerTrainingRecorded, payload: { userId: officer.userId, ...input.record } }] };
}
