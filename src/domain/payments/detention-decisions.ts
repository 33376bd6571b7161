import { registrationKey } from '../incident/registration.js';
import { outstandingPence } from '../liability/liability-state.js';
import { ukDate } from '../reference/uk-date.js';
import { CASE_EVENT, type CaseEvent } from '../case/events.js';
import { DETENTION_ENDINGS, type DetentionEnd, detentionCosts, detentionEndProblems, detentionSaleFrom, detentionStartProblems } from './detention.js';
import type { PaymentsCaseState } from './case-state.js';
import { refuse, type FieldProblem, type PaymentsDecision } from './decision.js';

/* Detaining a vehicle for an unpaid penalty, and ending the detention: events on the case's stream. */

type CaseDecision = PaymentsDecision<CaseEvent>;

/** A detention as the case's events record it (the `detentions` read table mirrors these). */
export interface DetentionRecord {
  detentionId: string;
  liabilityId: string;
  registration: string;
  place: string;
  startedOn: string;
  dailyCostPence: number;
  ended?: { how: string; endedOn: string; days: number; costsPence: number };
}

/** The detentions of a case, from its events, in the order they started. */
export function detentionsOf(file: Pick<PaymentsCaseState, 'events'>): DetentionRecord[] {
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

export interface DetentionStart {
  detentionId: string;
  liabilityId: string;
  registration: string;
  place: string;
  startedOn: string;
  dailyCostPence: number;
}

/** A vehicle detained for a penalty that is imposed and unpaid, not already detained on the case. */
export function decideRecordDetention(file: PaymentsCaseState, input: DetentionStart, { now }: { now: Date }): CaseDecision {
  const errors: FieldProblem[] = [];
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
}

/**
 * Ends a detention: released on payment, on security or by a court order, or sold (only from the
 * sale date, and only while the penalty is unpaid). The costs accrued (days held × daily cost) are
 * charged to the penalty's debt as `DetentionCostsCharged`.
 */
export function decideEndDetention(file: PaymentsCaseState, input: { detentionId: string; how: string; endedOn: string }, { now }: { now: Date }): CaseDecision {
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
  const how = input.how as DetentionEnd;
  const costs = detentionCosts({ ...detention, endedOn: input.endedOn }, input.endedOn);
  return {
    ok: true,
    events: [
      {
        type: CASE_EVENT.DetentionEnded,
        payload: { detentionId: detention.detentionId, liabilityId: detention.liabilityId, how, howLabel: DETENTION_ENDINGS[how], endedOn: input.endedOn, days: costs.days, costsPence: costs.amountPence },
      },
      ...(costs.amountPence > 0
        ? [{ type: CASE_EVENT.DetentionCostsCharged, payload: { liabilityId: detention.liabilityId, detentionId: detention.detentionId, amountPence: costs.amountPence } } as const]
        : []),
    ],
  };
}
