import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { CommandDefinition } from '../../platform/events/command.js';
import { addressee, answerFile, REQUESTED_ITEMS, type RequestedItem } from '../../domain/information-requests/events.js';
import {
  authoriseAnswerInformationRequest,
  decideAnswerInformationRequest,
  decideRequestInformation,
  decideWithdrawInformationRequest,
  type InformationRequestStatus,
  type RequestToAnswer,
} from '../../domain/information-requests/decisions.js';
import { CASEWORKERS, REFERRERS } from '../identity/roles.js';
import { calendarDate, optionalText } from '../casework/field-schemas.js';
import { informationRequestsProjector } from './projector.js';
import { informationRequests } from './schema.js';

/** The penalty team roles that work cases ask and withdraw; the officers answer. */
export const REQUESTERS = CASEWORKERS;
export const ANSWERERS = REFERRERS;

const itemCode = z.enum(Object.keys(REQUESTED_ITEMS) as [RequestedItem, ...RequestedItem[]], { error: 'Choose what you need from the list' });

/** What a caseworker asks for: the items, what "something else" is, more words, the due date. The server adds the rest. */
export const informationRequestBody = z.object({
  items: z.array(itemCode, { error: 'Choose at least one thing you need' }).min(1, 'Choose at least one thing you need').max(Object.keys(REQUESTED_ITEMS).length),
  otherDescription: optionalText('The description of what else you need', 500),
  details: optionalText('What you need', 5000),
  dueDate: calendarDate('The date it is due'),
});

export const requestInformationInput = informationRequestBody.extend({
  requestId: z.uuid(),
  caseId: z.uuid(),
  caseReference: z.string().min(1),
  addressedTo: addressee,
});

export const requestInformation: CommandDefinition<z.infer<typeof requestInformationInput>, null, { requestId: string }> = {
  name: 'requestInformation',
  input: requestInformationInput,
  roles: REQUESTERS,
  streamType: 'information-request',
  optimistic: true,
  // A new stream: the append at version 1 is the guard (the same id twice is a conflict).
  async load(_tx, input) {
    return { streamId: `information-request-${input.requestId}`, version: 0, state: null };
  },
  decide: decideRequestInformation,
  projectors: [informationRequestsProjector],
  async project(_tx, { input }) {
    return { requestId: input.requestId };
  },
};

async function loadRequest(tx: Parameters<CommandDefinition<unknown, unknown, unknown>['load']>[0], requestId: string) {
  const [row] = await tx.select().from(informationRequests).where(eq(informationRequests.id, requestId));
  if (!row) return null;
  const state: RequestToAnswer = {
    status: row.status as InformationRequestStatus,
    dueDate: row.dueDate,
    addressedTo: row.addressedToId ? { kind: 'officer', officerId: row.addressedToId, officerName: row.addressedToName ?? 'another officer' } : { kind: 'port', portCode: row.portCode ?? '' },
  };
  return { streamId: `information-request-${row.id}`, version: row.version, state };
}

export const answerInformationRequestInput = z.object({
  requestId: z.uuid(),
  answerId: z.uuid(),
  text: optionalText('Your answer', 10000),
  files: z.array(answerFile).max(10, 'Send at most 10 files with one answer'),
});

export const answerInformationRequest: CommandDefinition<z.infer<typeof answerInformationRequestInput>, RequestToAnswer, { answerId: string }> = {
  name: 'answerInformationRequest',
  input: answerInformationRequestInput,
  roles: ANSWERERS,
  streamType: 'information-request',
  optimistic: true,
  load: (tx, input) => loadRequest(tx, input.requestId),
  authorise: authoriseAnswerInformationRequest,
  decide: decideAnswerInformationRequest,
  projectors: [informationRequestsProjector],
  async project(_tx, { input }) {
    return { answerId: input.answerId };
  },
};

export const withdrawInformationRequestInput = z.object({
  requestId: z.uuid(),
  reason: optionalText('The reason', 2000),
});

export const withdrawInformationRequest: CommandDefinition<z.infer<typeof withdrawInformationRequestInput>, RequestToAnswer, { requestId: string }> = {
  name: 'withdrawInformationRequest',
  input: withdrawInformationRequestInput,
  roles: REQUESTERS,
  streamType: 'information-request',
  optimistic: true,
  load: (tx, input) => loadRequest(tx, input.requestId),
  decide: decideWithdrawInformationRequest,
  projectors: [informationRequestsProjector],
  async project(_tx, { input }) {
    return { requestId: input.requestId };
  },
};
