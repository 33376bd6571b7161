/*
 * The shape of one figure of a report (issue #17 item 4), as the shared framework
 * (src/modules/insight/, branch insight-figures) defines it: `{ name, value, unit, records }`, where
 * `records` links to the staff page that lists exactly the records behind the figure. Written here to
 * that shape while the framework was not yet on main; when both branches are merged, import the
 * framework's type instead and delete this file (README "Not done").
 */

/** The framework's units (`UNITS` in insight/figure.ts) that this report uses, and `percent`, which the framework has not got yet. */
export type FigureUnit = 'vehicles' | 'incidents' | 'people' | 'percent';

export interface Figure {
  /** Stable, dotted: `<measure>.total` or `<measure>.<dimension>.<value>` (the value may contain dots). */
  name: string;
  /** A count or a sum; for a rate a percentage to one decimal place, or null when the denominator is 0. */
  value: number | null;
  unit: FigureUnit;
  /** The staff page listing exactly the records the figure counts (for a rate: its numerator's records). */
  records: string;
}

/** A rate also names the two figures it divides, so a reader can check it. */
export interface RateFigure extends Figure {
  unit: 'percent';
  numerator: string;
  denominator: string;
}

/** A rate as a percentage to one decimal place; no rate (null, never NaN or Infinity) when nothing was counted below it. */
export function percent(numerator: number, denominator: number): number | null {
  if (!Number.isFinite(numerator) || !Number.isFinite(denominator) || denominator <= 0) return null;
  return Math.round((numerator * 1000) / denominator) / 10;
}
