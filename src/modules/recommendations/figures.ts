/*
 * The figures of Cordon a recommendation may be linked to, so its progress is measured rather than
 * asserted (issue #17 item 6). A link is a named key, kept on the recommendation's stream; what the
 * key shows now is worked out when the page is shown, by the resolver the composition root
 * (src/app.ts) hands in for it. To add a figure: add its key here (with its name in the message
 * catalogues, `recommendations.figure.<key>`), and a resolver in `recommendationFigureSources` in
 * src/app.ts. A key without a resolver is shown as "not available yet", never as a number.
 */

export const FIGURE_KEYS = [
  /** CPAS applications decided within the policy's days (30) this year: seed 003 recommendation 6d. */
  'accreditation.decisionsWithinTime',
  /** The annual report on the scheme (issue #17 item 3): seed 003 recommendation 7. */
  'reports.annual',
] as const;
export type FigureKey = (typeof FIGURE_KEYS)[number];

export const isFigureKey = (value: unknown): value is FigureKey => typeof value === 'string' && (FIGURE_KEYS as readonly string[]).includes(value);

/** What a figure shows now: its value in words (already in English), where the records behind it are, and when it was worked out. */
export interface FigureReading {
  value: string;
  href: string;
  asOf: Date;
}

export type FigureResolver = () => Promise<FigureReading | null>;
export type FigureSources = Partial<Record<FigureKey, FigureResolver>>;

/** The figure's reading, or null when the key has no resolver yet. */
export async function readFigure(sources: FigureSources, key: string | null): Promise<FigureReading | null> {
  if (!key || !isFigureKey(key)) return null;
  const resolve = sources[key];
  return resolve ? resolve() : null;
}
