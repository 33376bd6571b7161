import type { Family, FigureDefinition, MeasureColumn, Unit } from '../figure.js';
import { LIABILITY_EVENT } from '../../../domain/liability/liability-events.js';
import { OPERATIONS_SECTIONS } from './operations.js';

/*
 * The management information dashboard (issue #17 item 1) as data: sections of figures, each shown
 * as charts (a group of figures drawn as bars, with a table of the same numbers beside it). The
 * casework sections are here; other sections (the operations figures) are added to
 * MANAGEMENT_SECTIONS the same way.
 *
 * A figure is a framework FigureDefinition (../figure.ts). A **breakdown** is a figure for each value
 * a column takes in the period (each port, each officer): its figures are made when the dashboard is
 * computed, from the values found, named `<breakdown id>[<value>]` and defined like any other figure
 * (the breakdown's conditions and `column = value`), so each has its own records page.
 */

export interface ManagementChart {
  id: string;
  /** Message key of the chart's title. */
  label: string;
  /** The figures drawn, in order, by name. */
  figures: readonly string[];
  /** Or: every figure of this breakdown (its id), in the order of their values. */
  breakdown?: string;
}

export interface ManagementBreakdown {
  /** Stable id, `section.byWhat`: the figures' names are `<id>[<value>]`. */
  id: string;
  /** Message key of what is counted (the chart's title comes from the chart). */
  label: string;
  unit: Unit;
  family: Family;
  /** The column whose values make the figures. */
  column: string;
  /** A column to show as each value's label (e.g. an officer's name for an officer's id); the value itself by default. */
  labelColumn?: string;
  where: Readonly<Record<string, readonly string[]>>;
  measure: FigureDefinition['measure'];
}

export interface ManagementSection {
  id: string;
  /** Message key, e.g. 'insight.mi.section.money'. */
  label: string;
  figures: readonly FigureDefinition[];
  charts: readonly ManagementChart[];
  breakdowns?: readonly ManagementBreakdown[];
}

const figure = (name: string, rest: Omit<FigureDefinition, 'name' | 'label'>): FigureDefinition => ({ name, label: `insight.figure.${name}`, ...rest });
const chart = (id: string, figures: readonly string[]): ManagementChart => ({ id, label: `insight.mi.chart.${id}`, figures });
const byBreakdown = (id: string, breakdown: string): ManagementChart => ({ id, label: `insight.mi.chart.${id}`, figures: [], breakdown });
const sumOf = (column: MeasureColumn) => ({ sum: column }) as const;

const E = LIABILITY_EVENT;
/** Each offence a case may be opened for, with the figure name's word for it. */
const OFFENCES = [['S31A', 'S31A'], ['S32', 'S32'], ['S31A+S32', 'both']] as const;

export const CASEWORK_SECTIONS: readonly ManagementSection[] = [
  {
    id: 'cases',
    label: 'insight.mi.section.cases',
    figures: [
      figure('mi.cases.total', { unit: 'incidents', family: 'cases', where: {}, measure: 'count' }),
      ...OFFENCES.map(([offence, word]) => figure(`mi.cases.offence.${word}`, { unit: 'incidents', family: 'cases', where: { offence: [offence] }, measure: 'count' })),
    ],
    breakdowns: [{ id: 'mi.cases.byPort', label: 'insight.mi.breakdown.casesByPort', unit: 'incidents', family: 'cases', column: 'port', where: {}, measure: 'count' }],
    charts: [chart('casesByOffence', ['mi.cases.total', ...OFFENCES.map(([, word]) => `mi.cases.offence.${word}`)]), byBreakdown('casesByPort', 'mi.cases.byPort')],
  },
  {
    id: 'penalties',
    label: 'insight.mi.section.penalties',
    figures: [
      figure('mi.penalties.drafted', { unit: 'calculations', family: 'liabilityEvents', where: { type: [E.RecommendationDrafted] }, measure: 'count' }),
      figure('mi.penalties.calculated', { unit: 'calculations', family: 'liabilityEvents', where: { type: [E.RecommendationApproved] }, measure: 'count' }),
      figure('mi.penalties.imposed', { unit: 'penalties', family: 'liabilityEvents', where: { type: [E.PenaltyImposed] }, measure: 'count' }),
      figure('mi.penalties.cancelled', { unit: 'penalties', family: 'liabilityEvents', where: { type: [E.ObjectionDetermined, E.AppealDecided], outcome: ['cancel', 'cancelled'] }, measure: 'count' }),
      figure('mi.penalties.writtenOff', { unit: 'penalties', family: 'liabilityEvents', where: { type: [E.WriteOffApproved] }, measure: 'count' }),
    ],
    charts: [chart('penaltySteps', ['mi.penalties.drafted', 'mi.penalties.calculated', 'mi.penalties.imposed', 'mi.penalties.cancelled', 'mi.penalties.writtenOff'])],
  },
  {
    id: 'reductions',
    label: 'insight.mi.section.reductions',
    figures: [
      ...(['cpas', 'compliance', 'discretion', 'means'] as const).flatMap((reason) => [
        figure(`mi.reductions.${reason}`, { unit: 'reductions', family: 'calculationReductions', where: { reason: [reason], source: ['recommendation'] }, measure: 'count' }),
        figure(`mi.reductions.${reason}Amount`, { unit: 'pence', family: 'calculationReductions', where: { reason: [reason], source: ['recommendation'] }, measure: sumOf('amount_pence') }),
      ]),
      figure('mi.reductions.atObjection', { unit: 'reductions', family: 'calculationReductions', where: { source: ['objection'] }, measure: 'count' }),
      figure('mi.reductions.meansAfterImposing', { unit: 'reductions', family: 'liabilityEvents', where: { type: [E.MeansReductionAssured] }, measure: 'count' }),
    ],
    charts: [
      chart('reductionsByReason', ['mi.reductions.cpas', 'mi.reductions.compliance', 'mi.reductions.discretion', 'mi.reductions.means']),
      chart('reductionAmounts', ['mi.reductions.cpasAmount', 'mi.reductions.complianceAmount', 'mi.reductions.discretionAmount', 'mi.reductions.meansAmount']),
      chart('reductionsLater', ['mi.reductions.atObjection', 'mi.reductions.meansAfterImposing']),
    ],
  },
  {
    id: 'challenges',
    label: 'insight.mi.section.challenges',
    figures: [
      figure('mi.objections.received', { unit: 'challenges', family: 'liabilityEvents', where: { type: [E.ObjectionReceived] }, measure: 'count' }),
      ...(['cancel', 'reduce', 'maintain', 'increase'] as const).map((outcome) =>
        figure(`mi.objections.${outcome}`, { unit: 'challenges', family: 'liabilityEvents', where: { type: [E.ObjectionDetermined], outcome: [outcome] }, measure: 'count' }),
      ),
      figure('mi.appeals.lodged', { unit: 'challenges', family: 'liabilityEvents', where: { type: [E.AppealLodged] }, measure: 'count' }),
      ...(['dismissed', 'reduced', 'cancelled'] as const).map((outcome) =>
        figure(`mi.appeals.${outcome}`, { unit: 'challenges', family: 'liabilityEvents', where: { type: [E.AppealDecided], outcome: [outcome] }, measure: 'count' }),
      ),
    ],
    charts: [
      chart('objections', ['mi.objections.received', 'mi.objections.cancel', 'mi.objections.reduce', 'mi.objections.maintain', 'mi.objections.increase']),
      chart('appeals', ['mi.appeals.lodged', 'mi.appeals.dismissed', 'mi.appeals.reduced', 'mi.appeals.cancelled']),
    ],
  },
  {
    id: 'money',
    label: 'insight.mi.section.money',
    figures: [
      figure('mi.money.imposed', { unit: 'pence', family: 'money', where: {}, measure: sumOf('imposed_pence') }),
      figure('mi.money.reduced', { unit: 'pence', family: 'money', where: {}, measure: sumOf('reduced_pence') }),
      figure('mi.money.collected', { unit: 'pence', family: 'money', where: {}, measure: sumOf('paid_pence') }),
      figure('mi.money.outstanding', { unit: 'pence', family: 'money', where: { state: ['outstanding', 'debt-recovery'] }, measure: sumOf('outstanding_pence') }),
      figure('mi.money.debtRecovery', { unit: 'pence', family: 'money', where: { state: ['debt-recovery'] }, measure: sumOf('outstanding_pence') }),
      figure('mi.money.writtenOff', { unit: 'pence', family: 'money', where: { state: ['written-off'] }, measure: sumOf('written_off_pence') }),
      ...([['outstanding', 'outstanding'], ['debt-recovery', 'debtRecovery'], ['paid', 'paid'], ['written-off', 'writtenOff'], ['cancelled', 'cancelled']] as const).map(([state, word]) =>
        figure(`mi.money.penalties.${word}`, { unit: 'penalties', family: 'money', where: { state: [state] }, measure: 'count' }),
      ),
      figure('mi.money.paymentsReceived', { unit: 'pence', family: 'liabilityEvents', where: { type: [E.PaymentReceived] }, measure: { sum: 'amount_pence' } }),
    ],
    charts: [
      chart('money', ['mi.money.imposed', 'mi.money.reduced', 'mi.money.collected', 'mi.money.outstanding', 'mi.money.debtRecovery', 'mi.money.writtenOff']),
      chart('penaltiesByState', ['mi.money.penalties.outstanding', 'mi.money.penalties.debtRecovery', 'mi.money.penalties.paid', 'mi.money.penalties.writtenOff', 'mi.money.penalties.cancelled']),
      chart('paymentsReceived', ['mi.money.paymentsReceived']),
    ],
  },
  {
    id: 'instalments',
    label: 'insight.mi.section.instalments',
    figures: [
      figure('mi.instalments.agreed', { unit: 'plans', family: 'instalmentPlans', where: {}, measure: 'count' }),
      ...(['kept', 'broken', 'running'] as const).map((state) => figure(`mi.instalments.${state}`, { unit: 'plans', family: 'instalmentPlans', where: { state: [state] }, measure: 'count' })),
    ],
    charts: [chart('instalments', ['mi.instalments.agreed', 'mi.instalments.kept', 'mi.instalments.broken', 'mi.instalments.running'])],
  },
  {
    id: 'discretion',
    label: 'insight.mi.section.discretion',
    figures: [
      figure('mi.discretion.total', { unit: 'reductions', family: 'discretion', where: {}, measure: 'count' }),
      figure('mi.discretion.amount', { unit: 'pence', family: 'discretion', where: {}, measure: { sum: 'amount_pence' } }),
    ],
    breakdowns: [
      { id: 'mi.discretion.byReason', label: 'insight.mi.breakdown.discretion', unit: 'reductions', family: 'discretion', column: 'reason', where: {}, measure: 'count' },
      { id: 'mi.discretion.byOfficer', label: 'insight.mi.breakdown.discretion', unit: 'reductions', family: 'discretion', column: 'officer', labelColumn: 'officer_name', where: {}, measure: 'count' },
      { id: 'mi.discretion.byPort', label: 'insight.mi.breakdown.discretion', unit: 'reductions', family: 'discretion', column: 'port', where: {}, measure: 'count' },
    ],
    charts: [chart('discretion', ['mi.discretion.total']), chart('discretionAmount', ['mi.discretion.amount']), byBreakdown('discretionByReason', 'mi.discretion.byReason'), byBreakdown('discretionByOfficer', 'mi.discretion.byOfficer'), byBreakdown('discretionByPort', 'mi.discretion.byPort')],
  },
];

/** Every section of the dashboard, in the order shown. */
export const MANAGEMENT_SECTIONS: readonly ManagementSection[] = [...CASEWORK_SECTIONS, ...OPERATIONS_SECTIONS];

/** The name of a breakdown's figure for one value. */
export const breakdownFigureName = (breakdown: Pick<ManagementBreakdown, 'id'>, value: string) => `${breakdown.id}[${value}]`;

/** A breakdown's figure for one value, as a framework definition: its conditions and `column = value`. */
export function breakdownFigure(breakdown: ManagementBreakdown, value: string): FigureDefinition {
  return {
    name: breakdownFigureName(breakdown, value),
    label: breakdown.label,
    unit: breakdown.unit,
    family: breakdown.family,
    where: { ...breakdown.where, [breakdown.column]: [value] },
    measure: breakdown.measure,
  };
}

export const MANAGEMENT_BREAKDOWNS: readonly ManagementBreakdown[] = MANAGEMENT_SECTIONS.flatMap((s) => s.breakdowns ?? []);
export const MANAGEMENT_FIXED_FIGURES: readonly FigureDefinition[] = MANAGEMENT_SECTIONS.flatMap((s) => s.figures);

/** The definition behind a figure name: a fixed figure, or a breakdown's figure for a value; undefined for no such figure. */
export function managementFigure(name: string): FigureDefinition | undefined {
  const fixed = MANAGEMENT_FIXED_FIGURES.find((f) => f.name === name);
  if (fixed) return fixed;
  const match = /^(.+?)\[(.*)\]$/s.exec(name);
  const breakdown = match ? MANAGEMENT_BREAKDOWNS.find((b) => b.id === match[1]) : undefined;
  return breakdown && match ? breakdownFigure(breakdown, match[2]!) : undefined;
}
