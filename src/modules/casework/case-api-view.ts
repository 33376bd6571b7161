import { z } from 'zod';
import { currentAmountPence, outstandingPence, paidPence, penaltyCancelled } from '../../domain/liability/liability-state.js';
import type { liabilityViews } from './case-view.js';

/*
 * A liability as `GET /api/v1/cases/{reference}` gives it: what the case page shows of it — stage,
 * next step, the amounts, every deadline from the statutory clock with its rule, and the steps the
 * caller may take now or may not take yet (with the reasons), computed by the same `liabilityViews`.
 */

const pence = z.number().int().nullable();

export const liabilityApiSchema = z.object({
  id: z.string(),
  role: z.string(),
  offence: z.string(),
  partyName: z.string(),
  stage: z.string(),
  stageLabel: z.string(),
  stageDescription: z.string().describe('The stage with its payment state once money is owed, e.g. "Penalty imposed — 15 days overdue, part paid, £1,200 outstanding"'),
  nextStep: z.string(),
  amounts: z
    .object({
      calculated: pence.describe('The recommended penalty, from the calculator; null before a recommendation'),
      imposed: pence.describe('The penalty in force: as imposed, changed by an objection or the court, 0 once cancelled; null before imposition'),
      paid: pence.describe('Everything received against it; null before imposition'),
      outstanding: pence.describe('What is still owed (negative: a credit waiting for a refund decision); null before imposition'),
    })
    .describe('In pence'),
  deadlines: z.array(
    z.object({
      name: z.string(),
      label: z.string().describe('As the case page names it'),
      date: z.string().describe('YYYY-MM-DD'),
      daysLeft: z.number().int().describe('From today by the casework clock; negative once passed'),
      rule: z.string().describe('How the statutory clock derived the date'),
    }),
  ),
  actions: z.object({
    open: z.array(z.object({ action: z.string(), title: z.string() })).describe('Steps the caller may take now'),
    refused: z.array(z.object({ action: z.string(), title: z.string(), reasons: z.array(z.string()) })).describe('Steps the caller’s role could take at this stage, and what stands in the way'),
  }),
});

export type LiabilityApi = z.infer<typeof liabilityApiSchema>;

export function liabilityApi(view: ReturnType<typeof liabilityViews>[number]): LiabilityApi {
  const { row, state } = view;
  const imposed = state.penaltyNotice !== undefined;
  return {
    id: row.id,
    role: row.role,
    offence: row.offence,
    partyName: row.partyName,
    stage: state.stage,
    stageLabel: view.stageLabel,
    stageDescription: view.stageDescription,
    nextStep: view.nextStep,
    amounts: {
      calculated: state.recommendation?.amountPence ?? null,
      imposed: imposed ? (penaltyCancelled(state) ? 0 : (currentAmountPence(state) ?? null)) : null,
      paid: imposed ? paidPence(state) : null,
      outstanding: outstandingPence(state) ?? null,
    },
    deadlines: view.clock.ok ? view.clock.deadlines.map((d) => ({ name: d.name, label: d.label, date: d.date, daysLeft: d.daysLeft, rule: d.rule })) : [],
    actions: {
      open: view.actions.filter((a) => a.allowed).map((a) => ({ action: a.type, title: a.label })),
      refused: view.actions.filter((a) => !a.allowed).map((a) => ({ action: a.type, title: a.label, reasons: a.reasons })),
    },
  };
}
