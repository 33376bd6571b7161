import { t } from '../../platform/i18n/messages.js';
import type { FigureReading, FigureSources } from './figures.js';

/*
 * The resolvers of the figure registry (figures.ts), from what other modules publish; built by the
 * composition root. `reports.annual` has none until the annual report (issue #17 item 3) is merged:
 * hand in `annualReport` then, and the recommendations linked to it show it.
 */

/** What the accreditation assessor's service publishes for the dashboard (`assessService(…).figures()`). */
interface AccreditationFigures {
  decisionWithinDays: number;
  thisYear: { within: { n: number; href: string }; decided: { n: number; href: string } };
}

export interface FigureSourceDependencies {
  accreditationFigures(): Promise<AccreditationFigures>;
  annualReport?: () => Promise<FigureReading>;
  clock: { now(): Date };
}

export function recommendationFigureSources(deps: FigureSourceDependencies): FigureSources {
  return {
    'accreditation.decisionsWithinTime': async () => {
      const figures = await deps.accreditationFigures();
      const { within, decided } = figures.thisYear;
      return { value: t('en', 'recommendations.figure.reading.withinTime', { within: within.n, decided: decided.n, days: figures.decisionWithinDays }), href: within.href, asOf: deps.clock.now() };
    },
    ...(deps.annualReport ? { 'reports.annual': deps.annualReport } : {}),
  };
}
