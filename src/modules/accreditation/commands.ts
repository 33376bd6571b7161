import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { CommandDefinition, Loaded } from '../../platform/events/command.js';
import type { Actor } from '../../platform/events/event-store.js';
import { readStream } from '../../platform/events/event-store.js';
import type { Db } from '../../platform/database/client.js';
import { rowsOf } from '../../platform/database/client.js';
import { ACCREDITATION_AREAS, APPLICATION_CHANNELS, AREA_OUTCOMES } from '../../domain/accreditation/areas.js';
import { applicationFromEvents, type ApplicationState } from '../../domain/accreditation/application.js';
import { ACCREDITATION_APPLICATION_EVENT, type AccreditationApplicationEvent } from '../../domain/accreditation/events.js';
import {
  applicationReference,
  decideAcceptApplication,
  decideApproveRefusal,
  decideAssessArea,
  decideProposeRefusal,
  decideProvideInformation,
  decideRequestInformation,
  decideReturnRefusal,
  decideSubmitApplication,
  decideWithdrawApplication,
  type SubmissionState,
} from '../../domain/accreditation/decide.js';
import { policyInForce } from '../../domain/policy/policy-in-force.js';
import { POLICY_2023_1 } from '../../domain/policy/default-policy.js';
import type { PolicyParameters } from '../../domain/policy/policy-parameters.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import { policyService } from '../policy/service.js';
import { CASEWORKERS } from '../identity/roles.js';
import { accreditationApplicationsProjector, applicationStreamId } from './projector.js';
import { queueApplicationLetter } from './letter-job.js';

/*
 * The commands of a CPAS application. Applicants have no account: what they do (submit, provide
 * information, withdraw) runs as APPLICANT_ACTOR (role `public`) once the service has checked their
 * access code. Assessors are the caseworkers; a refusal is approved or returned by a Senior Officer.
 */

/** Who an applicant is in the record: anyone, on the word of the application's access code. */
export const APPLICANT_ACTOR: Actor = { id: 'public', name: 'The applicant (online)', roles: ['public'] };
export const APPLICANT_ROLES = ['public'] as const;
/** Who assesses applications: the penalty team's caseworkers. */
export const ASSESSORS = CASEWORKERS;
export const REFUSAL_APPROVERS = ['senior-officer'] as const;

/** The accreditation parameters of the policy in force on a day (the shipped defaults when none is). */
export async function accreditationPolicy(db: Db, day: string): Promise<PolicyParameters['accreditation']> {
  const chosen = policyInForce(await policyService(db).versions(), day);
  return chosen.ok ? chosen.policyVersion.parameters.accreditation : POLICY_2023_1.accreditation;
}

const text = (max: number) => z.string().max(max);
const optionalText = (max: number) => z.string().max(max).nullable().optional();
const fileIds = z.array(z.string().min(1).max(200)).max(50);
const areaEvidenceInput = z.object({ description: text(10_000), fileIds: fileIds.optional() });
export const referenceInput = z.string().trim().toUpperCase().regex(/^CPAS-\d{4}-\d{5,}$/, 'Enter an application reference like CPAS-2026-00042');

/** What an applicant sends (the form and the API's body alike). */
export const applicationInput = z.object({
  language: z.string().regex(/^[a-z]{2}$/),
  company: z.object({
    name: text(300),
    country: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, 'Choose the country'),
    addressLines: z.array(text(200)).min(1).max(6),
    postcode: optionalText(20),
    operatorLicence: text(100),
    contactName: text(200),
    email: text(320),
    phone: optionalText(40),
    numberOfDrivers: z.number().int().min(0).max(1_000_000),
  }),
  areas: z.object(Object.fromEntries(ACCREDITATION_AREAS.map((area) => [area, areaEvidenceInput])) as Record<(typeof ACCREDITATION_AREAS)[number], typeof areaEvidenceInput>),
  driverChecklists: z.object({ fileIds }),
  declaration: z.boolean(),
});
export const submitApplicationInput = applicationInput.extend({ channel: z.enum(APPLICATION_CHANNELS) });
export type SubmitApplicationInput = z.infer<typeof submitApplicationInput>;

/** The highest number given to an application received in `year`. */
async function lastNumberOf(db: Db, year: string): Promise<number> {
  const rows = rowsOf<{ last: number | null }>(
    await db.execute(sql`select max(cast(split_part(reference, '-', 3) as integer)) as last from accreditation_applications where reference like ${`CPAS-${year}-%`}`),
  );
  return Number(rows[0]?.last ?? 0);
}

/** The transaction lock that gives references one at a time (an arbitrary constant of this module). */
const REFERENCE_LOCK = 1_637_016_016;

/**
 * A new application: the next reference of the year received, the decision days and checklist
 * bands of the policy in force that day. References are given one at a time: the load runs in the
 * command's transaction and holds a transaction lock until it commits, so two submissions at once
 * never choose the same number.
 */
export const submitAccreditationApplication: CommandDefinition<SubmitApplicationInput, SubmissionState, { reference: string; receivedOn: string; decisionDue: string }> = {
  name: 'submitAccreditationApplication',
  input: submitApplicationInput,
  roles: APPLICANT_ROLES,
  streamType: 'accreditation-application',
  async load(tx, _input, context) {
    await tx.execute(sql`select pg_advisory_xact_lock(${REFERENCE_LOCK})`);
    const receivedOn = ukDate(context.now);
    const policy = await accreditationPolicy(tx, receivedOn);
    const year = receivedOn.slice(0, 4);
    const reference = applicationReference(Number(year), (await lastNumberOf(tx, year)) + 1);
    return {
      streamId: applicationStreamId(reference),
      version: 0,
      state: { reference, receivedOn, decisionWithinDays: policy.applicationDecisionDays, checklistBands: policy.driverChecklistsRequired },
    };
  },
  decide: decideSubmitApplication,
  projectors: [accreditationApplicationsProjector],
  project: async (tx, { events, state, version, now }) => {
    // The acknowledgement letter (for the post), queued with the application.
    await queueApplicationLetter(tx, { reference: state.reference, version, events, now });
    const submitted = events[0] as AccreditationApplicationEvent;
    const decisionDue = submitted.type === ACCREDITATION_APPLICATION_EVENT.AccreditationApplicationSubmitted ? submitted.payload.decisionDue : '';
    return { reference: state.reference, receivedOn: state.receivedOn, decisionDue };
  },
};

/** An application's state, folded from its stream; null when there is no such application. */
export async function loadApplication(db: Db, reference: string): Promise<Loaded<ApplicationState> | null> {
  const streamId = applicationStreamId(reference);
  const stored = await readStream(db, streamId);
  const state = applicationFromEvents(stored.map((e) => ({ type: e.type, payload: e.payload }) as AccreditationApplicationEvent));
  if (!state) return null;
  const head = stored[stored.length - 1]!;
  return { streamId, version: head.version, state };
}

type Answer = { reference: string; version: number };
/** The answer of a step; a step that calls for a letter (request, decision) queues it in its own transaction. */
const answer: CommandDefinition<{ reference: string }, ApplicationState, Answer>['project'] = async (tx, { input, version, events, now }) => {
  await queueApplicationLetter(tx, { reference: input.reference, version, events, now });
  return { reference: input.reference, version };
};
const load = (tx: Db, input: { reference: string }) => loadApplication(tx, input.reference);
const common = { streamType: 'accreditation-application', optimistic: true, load, projectors: [accreditationApplicationsProjector], project: answer } as const;

export const requestInformationInput = z.object({ reference: referenceInput, areas: z.array(z.enum(ACCREDITATION_AREAS)).max(ACCREDITATION_AREAS.length), message: text(10_000) });
export const requestAccreditationInformation: CommandDefinition<z.infer<typeof requestInformationInput>, ApplicationState, Answer> = {
  name: 'requestAccreditationInformation',
  input: requestInformationInput,
  roles: ASSESSORS,
  ...common,
  decide: decideRequestInformation,
};

export const provideInformationInput = z.object({ reference: referenceInput, text: text(10_000), fileIds: fileIds.optional() });
export const provideAccreditationInformation: CommandDefinition<z.infer<typeof provideInformationInput>, ApplicationState, Answer> = {
  name: 'provideAccreditationInformation',
  input: provideInformationInput,
  roles: [...APPLICANT_ROLES, ...ASSESSORS],
  ...common,
  decide: decideProvideInformation,
};

export const assessAreaInput = z.object({ reference: referenceInput, area: z.enum(ACCREDITATION_AREAS), outcome: z.enum(AREA_OUTCOMES), notes: optionalText(10_000) });
export const assessAccreditationArea: CommandDefinition<z.infer<typeof assessAreaInput>, ApplicationState, Answer> = {
  name: 'assessAccreditationArea',
  input: assessAreaInput,
  roles: ASSESSORS,
  ...common,
  decide: decideAssessArea,
};

export const acceptApplicationInput = z.object({ reference: referenceInput, partyId: z.uuid() });
export const acceptAccreditationApplication: CommandDefinition<z.infer<typeof acceptApplicationInput>, ApplicationState, Answer> = {
  name: 'acceptAccreditationApplication',
  input: acceptApplicationInput,
  roles: ASSESSORS,
  ...common,
  decide: decideAcceptApplication,
};

export const proposeRefusalInput = z.object({ reference: referenceInput, summary: optionalText(10_000) });
export const proposeAccreditationRefusal: CommandDefinition<z.infer<typeof proposeRefusalInput>, ApplicationState, Answer> = {
  name: 'proposeAccreditationRefusal',
  input: proposeRefusalInput,
  roles: ASSESSORS,
  ...common,
  decide: decideProposeRefusal,
};

export const approveRefusalInput = z.object({ reference: referenceInput });
export const approveAccreditationRefusal: CommandDefinition<z.infer<typeof approveRefusalInput>, ApplicationState, Answer> = {
  name: 'approveAccreditationRefusal',
  input: approveRefusalInput,
  roles: REFUSAL_APPROVERS,
  ...common,
  decide: decideApproveRefusal,
};

export const returnRefusalInput = z.object({ reference: referenceInput, reason: text(10_000) });
export const returnAccreditationRefusal: CommandDefinition<z.infer<typeof returnRefusalInput>, ApplicationState, Answer> = {
  name: 'returnAccreditationRefusal',
  input: returnRefusalInput,
  roles: REFUSAL_APPROVERS,
  ...common,
  decide: decideReturnRefusal,
};

export const withdrawApplicationInput = z.object({ reference: referenceInput, reason: optionalText(2_000) });
export const withdrawAccreditationApplication: CommandDefinition<z.infer<typeof withdrawApplicationInput>, ApplicationState, Answer> = {
  name: 'withdrawAccreditationApplication',
  input: withdrawApplicationInput,
  roles: [...APPLICANT_ROLES, ...ASSESSORS],
  ...common,
  decide: decideWithdrawApplication,
};
