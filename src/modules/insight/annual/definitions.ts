import { isRate, type FigureDefinition, type RateDefinition } from '../figure.js';
import { FEEDBACK_THEMES } from '../../../domain/questions/events.js';
import { LIABILITY_EVENT } from '../../../domain/liability/liability-events.js';

/*
 * The annual report on the scheme (issue #17 item 3, seed 003 recommendation 7): what each figure
 * counts, as data. Sections group them on the page and in the PDF; the order here is the order shown.
 */

const figure = (name: string, rest: Omit<FigureDefinition, 'name' | 'label'>): FigureDefinition => ({ name, label: `insight.figure.${name}`, ...rest });

const rate = (name: string, numerator: string, denominator: string): RateDefinition => ({ name, label: `insight.figure.${name}`, unit: 'percent', rate: { numerator, denominator } });

/** The deterrence view for one kind of party (companies or drivers): penalised, repeat before, repeat after, and the two rates. */
const repeatIncidents = (kind: 'company' | 'driver', plural: 'companies' | 'drivers') => [
  figure(`deterrence.${plural}.penalised`, { unit: plural, family: 'penalisedParties', where: { kind: [kind] }, measure: 'count' }),
  figure(`deterrence.${plural}.before`, { unit: plural, family: 'penalisedParties', where: { kind: [kind], before: ['yes'] }, measure: 'count' }),
  figure(`deterrence.${plural}.after`, { unit: plural, family: 'penalisedParties', where: { kind: [kind], after: ['yes'] }, measure: 'count' }),
  figure(`deterrence.${plural}.afterComplete`, { unit: plural, family: 'penalisedParties', where: { kind: [kind], after_complete: ['yes'] }, measure: 'count' }),
  rate(`deterrence.${plural}.beforeRate`, `deterrence.${plural}.before`, `deterrence.${plural}.penalised`),
  rate(`deterrence.${plural}.afterRate`, `deterrence.${plural}.after`, `deterrence.${plural}.penalised`),
];

const ENTRANTS_FOUND = ['clandestine-entrants', 'both'];
const NOT_SECURED_FOUND = ['not-secured', 'both'];

export const ANNUAL_SECTIONS: readonly { id: string; label: string; figures: readonly (FigureDefinition | RateDefinition)[] }[] = [
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
      // Themes of the comments, as analysts and managers gave them (the latest by asOf), and the comments not yet themed.
      ...FEEDBACK_THEMES.map((theme) => figure(`feedback.theme.${theme}`, { unit: 'responses', family: 'feedback', where: { theme: [theme] }, measure: 'count' })),
      figure('feedback.theme.unthemed', { unit: 'responses', family: 'feedback', where: { theme: ['unthemed'] }, measure: 'count' }),
    ],
  },
  {
    id: 'deterrence',
    label: 'insight.section.deterrence',
    figures: [...repeatIncidents('company', 'companies'), ...repeatIncidents('driver', 'drivers')],
  },
  {
    id: 'accreditation',
    label: 'insight.section.accreditation',
    figures: [
      figure('cpas.incidents.accredited', { unit: 'incidents', family: 'companyIncidents', where: { accredited: ['yes'] }, measure: 'count' }),
      figure('cpas.incidents.notAccredited', { unit: 'incidents', family: 'companyIncidents', where: { accredited: ['no'] }, measure: 'count' }),
      figure('cpas.companies.accredited', { unit: 'companies', family: 'companies', where: { accredited: ['yes'] }, measure: 'count' }),
      figure('cpas.companies.accreditedWithIncident', { unit: 'companies', family: 'companies', where: { accredited: ['yes'], incident: ['yes'] }, measure: 'count' }),
      rate('cpas.companies.accreditedRate', 'cpas.companies.accreditedWithIncident', 'cpas.companies.accredited'),
      figure('cpas.companies.notAccredited', { unit: 'companies', family: 'companies', where: { accredited: ['no'] }, measure: 'count' }),
      figure('cpas.companies.notAccreditedWithIncident', { unit: 'companies', family: 'companies', where: { accredited: ['no'], incident: ['yes'] }, measure: 'count' }),
      rate('cpas.companies.notAccreditedRate', 'cpas.companies.notAccreditedWithIncident', 'cpas.companies.notAccredited'),
    ],
  },
  {
    id: 'improvements',
    label: 'insight.section.improvements',
    figures: [
      figure('improvements.planned', { unit: 'improvements', family: 'improvements', where: {}, measure: 'count' }),
      figure('improvements.done', { unit: 'improvements', family: 'improvements', where: { status: ['done'] }, measure: 'count' }),
      figure('improvements.withdrawn', { unit: 'improvements', family: 'improvements', where: { status: ['withdrawn'] }, measure: 'count' }),
    ],
  },
];

/** Every figure of the report, counts, sums and rates, in the order shown. */
export const ANNUAL_ORDER: readonly (FigureDefinition | RateDefinition)[] = ANNUAL_SECTIONS.flatMap((section) => section.figures);
/** The figures counted from records (each with its own records page); the rates divide two of them. */
export const ANNUAL_FIGURES: readonly FigureDefinition[] = ANNUAL_ORDER.filter((d): d is FigureDefinition => !isRate(d));
export const ANNUAL_RATES: readonly RateDefinition[] = ANNUAL_ORDER.filter(isRate);

export function annualFigure(name: string): FigureDefinition | undefined {
  return ANNUAL_FIGURES.find((figure) => figure.name === name);
}
