import type { FigureDefinition } from '../figure.js';
import { HIT_OUTCOMES } from '../../../domain/plate-checks/events.js';
import { RETURN_CATEGORIES } from '../../../domain/liability/actions.js';
import { CHECK_OUTCOMES } from '../../../domain/accreditation/assurance-events.js';
import type { ManagementSection } from './sections.js';

/*
 * The operations figures of the management information (issue #17 item 1): plate-check stops and
 * stops in error, the 180-day and day-151 deadlines missed with their reasons, the assurer's returns
 * by category and the CPAS member checks by outcome, CPAS decisions within their 30 days, questions
 * answered within their service level. Each is data over a family of families.ts (the event log as
 * of asOf); the choices are in the insight README, "Operations figures".
 */

/** A section of the management information page: its figures, and the charts (a bar chart and a table each) over groups of them. */

const figure = (name: string, rest: Omit<FigureDefinition, 'name' | 'label'>): FigureDefinition => ({ name, label: `insight.figure.${name}`, ...rest });

/** `stopped-in-error` → `StoppedInError`: a figure name's ending for a code. */
const pascal = (code: string) => code.replace(/(^|-)([a-z])/g, (_m, _dash, letter: string) => letter.toUpperCase());
const camel = (code: string) => pascal(code).replace(/^./, (c) => c.toLowerCase());

const HIT_OUTCOME_CODES = Object.keys(HIT_OUTCOMES);
const RETURN_CATEGORY_CODES = Object.keys(RETURN_CATEGORIES);

const stopsByOutcome = HIT_OUTCOME_CODES.map((outcome) => figure(`stops.${camel(outcome)}`, { unit: 'stops', family: 'plateCheckOutcomes', where: { outcome: [outcome] }, measure: 'count' }));
const returnsByCategory = RETURN_CATEGORY_CODES.map((category) => figure(`assurance.returned${pascal(category)}`, { unit: 'returns', family: 'assuranceReturns', where: { category: [category] }, measure: 'count' }));
const checksByOutcome = CHECK_OUTCOMES.map((outcome) => figure(`memberChecks.${outcome}`, { unit: 'checks', family: 'memberChecks', where: { outcome: [outcome] }, measure: 'count' }));

export const OPERATIONS_SECTIONS: readonly ManagementSection[] = [
  {
    id: 'vehicleActionList',
    label: 'insight.mi.section.vehicleActionList',
    figures: [
      figure('val.size', { unit: 'vehicles', family: 'valRecorded', where: {}, measure: 'count' }),
      figure('val.outstanding', { unit: 'pence', family: 'valRecorded', where: {}, measure: { sum: 'amount_pence' } }),
      figure('stops.total', { unit: 'stops', family: 'plateCheckOutcomes', where: {}, measure: 'count' }),
      ...stopsByOutcome,
    ],
    // Every figure of a section is in one of its charts (and so in a table with a link): the dashboard shows only charts.
    charts: [
      { id: 'valSize', label: 'insight.figure.val.size', figures: ['val.size'] },
      { id: 'valOutstanding', label: 'insight.figure.val.outstanding', figures: ['val.outstanding'] },
      { id: 'stopsByOutcome', label: 'insight.mi.chart.stopsByOutcome', figures: ['stops.total', ...stopsByOutcome.map((f) => f.name)] },
    ],
  },
  {
    id: 'deadlinesMissed',
    label: 'insight.mi.section.deadlinesMissed',
    figures: [
      figure('deadlines.missed180', { unit: 'deadlines', family: 'deadlineMisses', where: { kind: ['180'] }, measure: 'count' }),
      figure('deadlines.missed180WithReason', { unit: 'deadlines', family: 'deadlineMisses', where: { kind: ['180'], with_reason: ['yes'] }, measure: 'count' }),
      figure('deadlines.missed180NoReason', { unit: 'deadlines', family: 'deadlineMisses', where: { kind: ['180'], with_reason: ['no'] }, measure: 'count' }),
      figure('deadlines.missed151', { unit: 'deadlines', family: 'deadlineMisses', where: { kind: ['151'] }, measure: 'count' }),
      figure('deadlines.missed151WithReason', { unit: 'deadlines', family: 'deadlineMisses', where: { kind: ['151'], with_reason: ['yes'] }, measure: 'count' }),
      figure('deadlines.missed151NoReason', { unit: 'deadlines', family: 'deadlineMisses', where: { kind: ['151'], with_reason: ['no'] }, measure: 'count' }),
    ],
    charts: [
      { id: 'missed180', label: 'insight.mi.chart.missed180', figures: ['deadlines.missed180', 'deadlines.missed180WithReason', 'deadlines.missed180NoReason'] },
      { id: 'missed151', label: 'insight.mi.chart.missed151', figures: ['deadlines.missed151', 'deadlines.missed151WithReason', 'deadlines.missed151NoReason'] },
    ],
  },
  {
    id: 'assurance',
    label: 'insight.mi.section.assurance',
    figures: [figure('assurance.returned', { unit: 'returns', family: 'assuranceReturns', where: { first: ['yes'] }, measure: 'count' }), ...returnsByCategory, figure('memberChecks.total', { unit: 'checks', family: 'memberChecks', where: {}, measure: 'count' }), ...checksByOutcome],
    charts: [
      { id: 'returnsByCategory', label: 'insight.mi.chart.returnsByCategory', figures: ['assurance.returned', ...returnsByCategory.map((f) => f.name)] },
      { id: 'memberChecksByOutcome', label: 'insight.mi.chart.memberChecksByOutcome', figures: ['memberChecks.total', ...checksByOutcome.map((f) => f.name)] },
    ],
  },
  {
    id: 'accreditationDecisions',
    label: 'insight.mi.section.accreditationDecisions',
    figures: [
      figure('accreditation.decided', { unit: 'decisions', family: 'accreditationDecisions', where: {}, measure: 'count' }),
      figure('accreditation.decidedWithin', { unit: 'decisions', family: 'accreditationDecisions', where: { within: ['yes'] }, measure: 'count' }),
      figure('accreditation.decidedLate', { unit: 'decisions', family: 'accreditationDecisions', where: { within: ['no'] }, measure: 'count' }),
      figure('accreditation.accepted', { unit: 'decisions', family: 'accreditationDecisions', where: { outcome: ['accepted'] }, measure: 'count' }),
      figure('accreditation.refused', { unit: 'decisions', family: 'accreditationDecisions', where: { outcome: ['refused'] }, measure: 'count' }),
    ],
    charts: [
      { id: 'accreditationWithin', label: 'insight.mi.chart.accreditationWithin', figures: ['accreditation.decided', 'accreditation.decidedWithin', 'accreditation.decidedLate'] },
      { id: 'accreditationOutcomes', label: 'insight.figure.accreditation.decided', figures: ['accreditation.accepted', 'accreditation.refused'] },
    ],
  },
  {
    id: 'questions',
    label: 'insight.mi.section.questions',
    figures: [
      figure('questions.answered', { unit: 'questions', family: 'questionsAnswered', where: {}, measure: 'count' }),
      figure('questions.answeredWithin', { unit: 'questions', family: 'questionsAnswered', where: { within: ['yes'] }, measure: 'count' }),
      figure('questions.answeredLate', { unit: 'questions', family: 'questionsAnswered', where: { within: ['no'] }, measure: 'count' }),
    ],
    charts: [{ id: 'questionsWithin', label: 'insight.mi.chart.questionsWithin', figures: ['questions.answered', 'questions.answeredWithin', 'questions.answeredLate'] }],
  },
];

export const OPERATIONS_FIGURES: readonly FigureDefinition[] = OPERATIONS_SECTIONS.flatMap((section) => section.figures);
