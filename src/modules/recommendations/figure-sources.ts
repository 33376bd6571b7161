import { t } from '../../platform/i18n/messages.js';
import type { FigureReading, FigureSources } from './figures.js';

/*
 * The resolvers of the figure registry (figures.ts), from what other modules publish; built by the
 * composition root. `reports.annual` reads the annual report (issue #17 item 3) of the current year
 * as of now less a minute (`annualReportFigure` below, handed the report by src/app.ts).
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

/** What the annual report publishes for a reading: the year, its asOf and the headline figures. */
export interface AnnualReportSummary {
  year: number;
  asOf: string;
  figures: readonly { name: string; value: number | null }[];
}

/**
 * The `reports.annual` reading: this year's report (UK year, as of a minute ago, the report's own
 * rule), in words, linked to the report page at that very asOf, so the figures shown are the ones
 * behind the link.
 */
export function annualReportFigure(deps: { report(year: number, asOf: Date): Promise<AnnualReportSummary>; clock: { now(): Date }; settleMs: number; ukYear(now: Date): number }): () => Promise<FigureReading> {
  return async () => {
    const now = deps.clock.now();
    const asOf = new Date(Math.floor((now.getTime() - deps.settleMs) / 1000) * 1000);
    const report = await deps.report(deps.ukYear(now), asOf);
    const value = (name: string) => report.figures.find((f) => f.name === name)?.value ?? 0;
    return {
      value: t('en', 'recommendations.figure.reading.annual', { year: report.year, searched: value('searches.total'), incidents: value('incidents.total'), penalties: value('penalties.imposed') }),
      href: `/reports/annual?year=${report.year}&asOf=${encodeURIComponent(report.asOf)}`,
      asOf: new Date(report.asOf),
    };
  };
}
