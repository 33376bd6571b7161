import type { FigureDefinition } from '../figure.js';
import { LIABILITY_EVENT } from '../../../domain/liability/liability-events.js';

/*
 * The annual report on the scheme (issue #17 item 3, seed 003 recommendation 7): what each figure
 * counts, as data. Sections group them on the page and in the PDF; the order here is the order shown.
 */

const figure = (name: string, rest: Omit<FigureDefinition, 'name' | 'label'>): FigureDefinition => ({ name, label: `insight.figure.${name}`, ...rest });

const ENTRANTS_FOUND = ['clandestine-entrants', 'both'];
const NOT_SECURED_FOUND = ['not-secured', 'both'];

export const ANNUAL_SECTIONS: readonly { id: string; label: string; figures: readonly FigureDefinition[] }[] = [
  {
    id: 'detection',
    label: 'insight.section.detection',
    figures: [
      figure('searches.total', { unit: 'vehicles', family: 'searches', where: {}, measure: 'count' }),
      figure('searches.entrantsFound', { unit: 'vehicles', family: 'searches', where: { result: ENTRANTS_FOUND }, measure: 'count' }),
      figure('searches.notSecuredFound', { unit: 'vehicles', family: 'searches', where: { result: NOT_SECURED_FOUND }, measure: 'count' }),
    ],
  },
  {
    id: 'incidents',
    label: 'insight.section.incidents',
    figures: [
      figure('incidents.total', { unit: 'incidents', family: 'cases', where: {}, measure: 'count' }),
      figure('incidents.entrants', { unit: 'people', family: 'cases', where: { with_entrants: ['yes'] }, measure: { sum: 'people' } }),
      figure('incidents.notSecured', { unit: 'incidents', family: 'cases', where: { not_secured: ['yes'] }, measure: 'count' }),
    ],
  },
  {
    id: 'penalties',
    label: 'insight.section.penalties',
    figures: [
      figure('penalties.imposed', { unit: 'penalties', family: 'liabilityEvents', where: { type: [LIABILITY_EVENT.PenaltyImposed] }, measure: 'count' }),
      figure('penalties.imposedAmount', { unit: 'pence', family: 'liabilityEvents', where: { type: [LIABILITY_EVENT.PenaltyImposed] }, measure: { sum: 'amount_pence' } }),
    ],
  },
  {
    id: 'challenges',
    label: 'insight.section.challenges',
    figures: [
      figure('objections.successful', { unit: 'challenges', family: 'liabilityEvents', where: { type: [LIABILITY_EVENT.ObjectionDetermined], outcome: ['cancel', 'reduce'] }, measure: 'count' }),
      figure('objections.unsuccessful', { unit: 'challenges', family: 'liabilityEvents', where: { type: [LIABILITY_EVENT.ObjectionDetermined], outcome: ['maintain', 'increase'] }, measure: 'count' }),
      figure('appeals.successful', { unit: 'challenges', family: 'liabilityEvents', where: { type: [LIABILITY_EVENT.AppealDecided], outcome: ['reduced', 'cancelled'] }, measure: 'count' }),
      figure('appeals.unsuccessful', { unit: 'challenges', family: 'liabilityEvents', where: { type: [LIABILITY_EVENT.AppealDecided], outcome: ['dismissed'] }, measure: 'count' }),
    ],
  },
  {
    id: 'reductions',
    label: 'insight.section.reductions',
    figures: [
      figure('reductions.discretion', { unit: 'reductions', family: 'liabilityEvents', where: { type: [LIABILITY_EVENT.DiscretionApproved] }, measure: 'count' }),
      figure('reductions.means', { unit: 'reductions', family: 'liabilityEvents', where: { type: [LIABILITY_EVENT.MeansReductionAssured] }, measure: 'count' }),
      // Steps of the penalties as calculated and approved that took money off for CPAS membership or for compliance with the regulations.
      figure('reductions.cpas', { unit: 'reductions', family: 'calculationReductions', where: { reason: ['cpas'], source: ['recommendation'] }, measure: 'count' }),
      figure('reductions.cpasAmount', { unit: 'pence', family: 'calculationReductions', where: { reason: ['cpas'], source: ['recommendation'] }, measure: { sum: 'amount_pence' } }),
      figure('reductions.compliance', { unit: 'reductions', family: 'calculationReductions', where: { reason: ['compliance'], source: ['recommendation'] }, measure: 'count' }),
      figure('reductions.complianceAmount', { unit: 'pence', family: 'calculationReductions', where: { reason: ['compliance'], source: ['recommendation'] }, measure: { sum: 'amount_pence' } }),
    ],
  },
  {
    id: 'money',
    label: 'insight.section.money',
    figures: [
      figure('payments.received', { unit: 'payments', family: 'liabilityEvents', where: { type: [LIABILITY_EVENT.PaymentReceived] }, measure: 'count' }),
      figure('payments.collected', { unit: 'pence', family: 'liabilityEvents', where: { type: [LIABILITY_EVENT.PaymentReceived] }, measure: { sum: 'amount_pence' } }),
      // The penalties imposed in the year, their money as of asOf: collected, and uncollected (outstanding, of which in debt recovery, and written off).
      figure('debt.collected', { unit: 'pence', family: 'money', where: {}, measure: { sum: 'paid_pence' } }),
      figure('debt.outstanding', { unit: 'pence', family: 'money', where: { state: ['outstanding', 'debt-recovery'] }, measure: { sum: 'outstanding_pence' } }),
      figure('debt.debtRecovery', { unit: 'pence', family: 'money', where: { state: ['debt-recovery'] }, measure: { sum: 'outstanding_pence' } }),
      figure('debt.writtenOff', { unit: 'pence', family: 'money', where: { state: ['written-off'] }, measure: { sum: 'written_off_pence' } }),
    ],
  },
  {
    id: 'feedback',
    label: 'insight.section.feedback',
    figures: [
      figure('feedback.total', { unit: 'responses', family: 'feedback', where: {}, measure: 'count' }),
      figure('feedback.satisfied', { unit: 'responses', family: 'feedback', where: { satisfaction: ['very-satisfied', 'satisfied'] }, measure: 'count' }),
      figure('feedback.dissatisfied', { unit: 'responses', family: 'feedback', where: { satisfaction: ['dissatisfied', 'very-dissatisfied'] }, measure: 'count' }),
    ],
  },
  {
    id: 'improvements',
    label: 'insight.section.improvements',
    figures: [figure('improvements.planned', { unit: 'improvements', family: 'improvements', where: {}, measure: 'count' })],
  },
];

export const ANNUAL_FIGURES: readonly FigureDefinition[] = ANNUAL_SECTIONS.flatMap((section) => section.figures);

export function annualFigure(name: string): FigureDefinition | undefined {
  return ANNUAL_FIGURES.find((figure) => figure.name === name);
}
