import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Decision, FieldError } from '../../platform/events/command.js';
import { registrationKey } from '../../domain/incident/registration.js';
import { outstandingPence } from '../../domain/liability/liability-state.js';
import { DETENTION_ENDINGS, type DetentionEnd, detentionCosts, detentionEndProblems, detentionSaleFrom, detentionStartProblems } from '../../domain/payments/detention.js';
import { CASE_EVENT } from '../../domain/case/events.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import type { CaseFile } from '../cases/case-file.js';
import { caseCommand } from '../cases/case-command.js';
import { detentions } from './schema.js';

/* Detaining a vehicle for an unpaid penalty, and ending the detention: case events, kept in `detentions`. */

export const DETENTION_OFFICERS = ['finance-officer', 'senior-officer'] as const;
export const DETENTION_VIEWERS = ['finance-officer', 'senior-officer', 'manager'] as const;

const refuse = (errors: FieldError[]): Decision => ({ ok: false, message: errors.map((e) => e.message).join(' '), errors });

/** A detention as the case's events record it (the read table mirrors these). */
export interface DetentionRecord {
  detentionId: string;
  liabilityId: string;
  registration: string;
  place: string;
  startedOn: string;
  dailyCostPence: number;
  ended?: { how: string; endedOn: string; days: number; costsPence: number };
}

export function detentionsOf(file: CaseFile): DetentionRecord[] {
  const byId = new Map<string, DetentionRecord>();
  for (const event of file.events) {
    const p = event.payload as Record<string, unknown>;
    if (event.type === CASE_EVENT.VehicleDetained) {
      byId.set(String(p.detentionId), {
        detentionId: String(p.detentionId),
        liabilityId: String(p.liabilityId),
        registration: String(p.registration),
        place: String(p.place),
        startedOn: String(p.startedOn),
        dailyCostPence: Number(p.dailyCostPence),
      });
    }
    if (event.type === CASE_EVENT.DetentionEnded) {
      const record = byId.get(String(p.detentionId));
      if (record) record.ended = { how: String(p.how), endedOn: String(p.endedOn), days: Number(p.days), costsPence: Number(p.costsPence) };
    }
  }
  return [...byId.values()];
}

export const recordDetention = caseCommand({
  name: 'recordDetention',
  input: z.object({
    reference: z.string(),
    detentionId: z.string().uuid(),
    liabilityId: z.string(),
    registration: z.string(),
    place: z.string(),
    startedOn: z.string(),
    dailyCostPence: z.number().int(),
  }),
  roles: DETENTION_OFFICERS,
  decide(file, input, { now }) {
    const errors: FieldError[] = [];
    const row = file.liabilities.find((l) => l.id === input.liabilityId);
    const state = file.states.get(input.liabilityId);
    if (!row || !state) errors.push({ field: 'liabilityId', message: 'Choose whose unpaid penalty the vehicle is detained for' });
    else if (!state.penaltyNotice) errors.push({ field: 'liabilityId', message: `No penalty has been imposed on ${row.partyName}: a vehicle is detained only for an unpaid penalty` });
    else if ((outstandingPence(state) ?? 0) <= 0) errors.push({ field: 'liabilityId', message: `${row.partyName}’s penalty is paid: nothing is owed to detain the vehicle for` });
    const registration = input.registration.trim().toUpperCase();
    if (!registration) errors.push({ field: 'registration', message: 'Enter the registration of the detained vehicle' });
    else if (registration.length > 20 || registrationKey(registration).length < 2) errors.push({ field: 'registration', message: 'Enter a registration, like WGM 4521K' });
    if (!input.place.trim()) errors.push({ field: 'place', message: 'Enter where the vehicle is held' });
    else if (input.place.length > 300) errors.push({ field: 'place', message: 'The place must be 300 characters or fewer' });
    errors.push(...detentionStartProblems({ startedOn: input.startedOn, dailyCostPence: input.dailyCostPence, incidentDate: file.kase.incidentDate, today: ukDate(now) }));
    if (registration && detentionsOf(file).some((d) => !d.ended && registrationKey(d.registration) === registrationKey(registration))) {
      errors.push({ field: 'registration', message: `${registration} is already detained on this case` });
    }
    if (errors.length) return refuse(errors);
    return {
      ok: true,
      events: [
        {
          type: CASE_EVENT.VehicleDetained,
          payload: { detentionId: input.detentionId, liabilityId: input.liabilityId, registration, place: input.place.trim(), startedOn: input.startedOn, dailyCostPence: input.dailyCostPence },
        },
      ],
    };
  },
  async project(tx, { file, input, actor, now, version }) {
    const registration = input.registration.trim().toUpperCase();
    await tx.insert(detentions).values({
      id: input.detentionId,
      caseId: file.kase.id,
      liabilityId: input.liabilityId,
      registration,
      registrationKey: registrationKey(registration),
      place: input.place.trim(),
      startedOn: input.startedOn,
      dailyCostPence: input.dailyCostPence,
      createdBy: actor.id,
      createdAt: now,
    });
    return { reference: file.kase.reference, version };
  },
});

/**
 * Ends a detention: released on payment, on security or by a court order, or sold (only from the
 * sale date, and only while the penalty is unpaid). The costs accrued (days held × daily cost) are
 * charged to the penalty's debt as `DetentionCostsCharged`.
 */
export const endDetention = caseCommand({
  name: 'endDetention',
  input: z.object({ reference: z.string(), detentionId: z.string(), how: z.string(), endedOn: z.string() }),
  roles: DETENTION_OFFICERS,
  decide(file, input, { now }) {
    const detention = detentionsOf(file).find((d) => d.detentionId === input.detentionId);
    if (!detention) return refuse([{ field: 'how', message: 'That detention is not on this case' }]);
    const state = file.states.get(detention.liabilityId);
    const sale = file.policy.ok ? detentionSaleFrom(file.kase.incidentDate, detention.startedOn, file.policy.policyVersion) : null;
    const problems = detentionEndProblems({
      how: input.how,
      endedOn: input.endedOn,
      startedOn: detention.startedOn,
      today: ukDate(now),
      saleFrom: sale?.ok ? sale.deadline.date : null,
      outstandingPence: state ? (outstandingPence(state) ?? null) : null,
      alreadyEnded: detention.ended !== undefined,
    });
    if (problems.length) return refuse(problems);
    const costs = detentionCosts({ ...detention, endedOn: input.endedOn }, input.endedOn);
    return {
      ok: true,
      events: [
        { type: CASE_EVENT.DetentionEnded, payload: { detentionId: detention.detentionId, liabilityId: detention.liabilityId, how: input.how as DetentionEnd, howLabel: DETENTION_ENDINGS[input.how as DetentionEnd], endedOn: input.endedOn, days: costs.days, costsPence: costs.amountPence } },
        ...(costs.amountPence > 0 ? [{ type: CASE_EVENT.DetentionCostsCharged, payload: { liabilityId: detention.liabilityId, detentionId: detention.detentionId, amountPence: costs.amountPence } }] : []),
      ],
    };
  },
  async project(tx, { file, input, version }) {
    await tx
      .update(detentions)
      .set({ endedHow: input.how, endedOn: input.endedOn })
      .where(and(eq(detentions.id, input.detentionId), eq(detentions.caseId, file.kase.id), isNull(detentions.endedOn)));
    // The costs charged are part of the debt: the cases projector keeps the money columns in step.
    return { reference: file.kase.reference, version };
  },
});
