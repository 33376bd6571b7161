import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../platform/database/client.js';
import { apiRoute } from '../../platform/http/api.js';
import { sendProblem } from '../../platform/http/problem.js';
import { registrationKey } from '../../domain/incident/registration.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import { CASE_READERS, CASEWORKERS } from '../identity/roles.js';
import type { CasesService } from '../casework/service.js';
import { vehicleActionList, type ValEntry } from './val-query.js';
import { valCsv } from './val-csv.js';
import { paymentStatusOf } from './payment-status.js';
import { jointLiabilitiesOfCase } from './joint-section.js';

/** Who reads the Vehicle Action List: the officers who stop vehicles, casework and finance. */
export const VAL_READERS = ['port-officer', ...CASEWORKERS, 'finance-officer'] as const;
/** Who may ask whether a case's penalties are paid (the portal will answer the owner itself later). */
export const PAYMENT_STATUS_READERS = ['finance-officer', ...CASEWORKERS] as const;

const valEntrySchema = z.object({
  registration: z.string(),
  registrationKey: z.string(),
  country: z.string(),
  company: z.string(),
  caseRefs: z.array(z.string()),
  outstandingPence: z.number().int(),
  dueDate: z.string(),
  reason: z.string(),
  driverPenalties: z.array(z.object({ driverName: z.string(), caseRef: z.string() })).describe('Drivers’ unpaid penalties that list the vehicle because the company is jointly and severally liable for them'),
});

const paymentStatusSchema = z.object({
  reference: z.string(),
  liabilities: z.array(
    z.object({
      liabilityId: z.string(),
      role: z.string(),
      name: z.string(),
      offence: z.string(),
      amount: z.number().int().nullable().describe('The amount in force, in pence; null before a penalty is imposed'),
      paid: z.number().int().describe('Received, in pence, whoever paid'),
      outstanding: z.number().int().nullable().describe('Still owed, in pence; negative is a credit'),
      dueDate: z.string().nullable(),
      status: z.enum(['not-imposed', 'cancelled', 'written-off', 'paid', 'part-paid', 'unpaid']),
      overdue: z.boolean(),
      stage: z.string(),
      jointlyLiableWith: z.string().nullable().describe('On a driver’s penalty: the organisation jointly and severally liable for it (the employer); null otherwise'),
    }),
  ),
});

/** Entries whose registration contains what was typed (normalised the same way), or all of them. */
function search(entries: ValEntry[], registration: string | undefined): ValEntry[] {
  const key = registration ? registrationKey(registration) : '';
  return key ? entries.filter((entry) => entry.registrationKey.includes(key)) : entries;
}

export function vehicleActionListRoutes(app: FastifyInstance, deps: { db: Db; cases: CasesService }) {
  const { db, cases } = deps;
  const today = () => ukDate(cases.now());

  app.get('/vehicle-action-list', { config: { access: { roles: VAL_READERS } } }, async (request, reply) => {
    const { q } = request.query as { q?: string };
    const date = today();
    const all = await vehicleActionList(db, date);
    const entries = search(all, q);
    return reply.page('vehicle-action-list/views/list.njk', {
      pageTitle: 'Vehicle Action List',
      date,
      q: q ?? '',
      entries,
      total: all.length,
      canReadCases: request.actor!.roles.some((role) => (CASE_READERS as readonly string[]).includes(role)),
      csvHref: `/vehicle-action-list.csv${q ? `?q=${encodeURIComponent(q)}` : ''}`,
    });
  });

  app.get('/vehicle-action-list.csv', { config: { access: { roles: VAL_READERS } } }, async (request, reply) => {
    const { q } = request.query as { q?: string };
    const date = today();
    const entries = search(await vehicleActionList(db, date), q);
    request.log.info({ audit: 'val-export', actorId: request.actor?.id, entries: entries.length }, 'Vehicle Action List exported');
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="vehicle-action-list-${date}.csv"`)
      .header('cache-control', 'no-store')
      .send(valCsv(entries));
  });

  apiRoute(app, {
    method: 'GET',
    path: '/api/v1/vehicle-action-list',
    tag: 'Vehicle Action List',
    summary: 'Every vehicle on the Vehicle Action List today, and why it is there',
    description:
      'A vehicle is listed exactly when its owning company (after entity resolution) has a penalty that is imposed, past its due date, with money outstanding and nothing standing in the way (objection, appeal, instalment plan kept or requested, means assessment, review, criminal investigation, cancellation, write-off). Worked out from the case records at the moment of the request. Amounts in pence.',
    access: { roles: [...VAL_READERS, 'plate-reader'] },
    query: [{ name: 'registration', description: 'Only vehicles whose registration contains this (compared normalised)' }],
    responses: { 200: { description: 'The list', schema: z.object({ date: z.string(), count: z.number().int(), entries: z.array(valEntrySchema) }) } },
    handler: async (request) => {
      const { registration } = request.query as { registration?: string };
      const date = today();
      const entries = search(await vehicleActionList(db, date), registration);
      return { date, count: entries.length, entries };
    },
  });

  apiRoute(app, {
    method: 'GET',
    path: '/api/v1/cases/:reference/payment-status',
    tag: 'Vehicle Action List',
    summary: 'Whether each responsible person’s penalty on the case is paid (so an owner can learn whether the driver’s is)',
    description:
      'Per liability: role, amount in force, paid, outstanding (all in pence; negative outstanding is a credit), the due date printed on the notice and a status (not-imposed, cancelled, written-off, paid, part-paid, unpaid). Money paid by the employer against the driver’s penalty counts as paid on the driver’s (joint and several liability).',
    access: { roles: PAYMENT_STATUS_READERS },
    responses: { 200: { description: 'The case’s penalties and what is paid', schema: paymentStatusSchema }, 404: { description: 'No such case' } },
    handler: async (request, reply) => {
      const { reference } = request.params as { reference: string };
      const file = await cases.caseFile(reference);
      if (!file) return sendProblem(reply, { status: 404, title: 'Case not found', detail: `There is no case ${reference}.` });
      const joint = await jointLiabilitiesOfCase(db, file);
      return {
        reference: file.kase.reference,
        liabilities: paymentStatusOf(file, today()).map((status) => ({ ...status, jointlyLiableWith: joint.find((item) => item.driverLiabilityId === status.liabilityId)?.employer.name ?? null })),
      };
    },
  });
}
