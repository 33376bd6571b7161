/*
 * Money is integer pence; percentages are held as basis points (hundredths of a percent) so that
 * every step is exact integer arithmetic. BigInt keeps products exact beyond 2^53.
 */

export const PENCE_PER_POUND = 100;
const BASIS_POINTS_PER_WHOLE = 10_000;

/** 12.5 → 1250; undefined when the percentage has more than two decimal places or is not finite. */
export function percentToBasisPoints(percent: number): number | undefined {
  if (!Number.isFinite(percent)) return undefined;
  const basisPoints = Math.round(percent * 100);
  return Math.abs(percent * 100 - basisPoints) < 1e-6 ? basisPoints : undefined;
}

export function formatPercent(basisPoints: number): string {
  return `${basisPoints / 100}%`;
}

/** What is left after taking `basisPoints` off `amountPence`, rounded down to a whole penny. */
export function takePercentOff(amountPence: number, basisPoints: number): number {
  const kept = BigInt(BASIS_POINTS_PER_WHOLE - Math.min(Math.max(basisPoints, 0), BASIS_POINTS_PER_WHOLE));
  return Number((BigInt(amountPence) * kept) / BigInt(BASIS_POINTS_PER_WHOLE));
}

export function roundDownToWholePound(amountPence: number): number {
  return Math.floor(amountPence / PENCE_PER_POUND) * PENCE_PER_POUND;
}

/** '£1,500' for whole pounds, '£1,500.25' otherwise. */
export function formatPounds(amountPence: number): string {
  const pounds = Math.floor(amountPence / PENCE_PER_POUND);
  const pence = amountPence - pounds * PENCE_PER_POUND;
  // Grouped by hand: the output must not depend on the runtime's locale data.
  const whole = String(pounds).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return pence === 0 ? `£${whole}` : `£${whole}.${String(pence).padStart(2, '0')}`;
}

/** Inverse of formatPounds (without the sign): '£1,500.25' → 150025. */
export function parsePounds(text: string): number | undefined {
  const match = /^£(\d{1,3}(?:,\d{3})*|\d+)(?:\.(\d{2}))?$/.exec(text);
  if (!match || match[1] === undefined) return undefined;
  const pounds = Number(match[1].replaceAll(',', ''));
  return pounds * PENCE_PER_POUND + (match[2] === undefined ? 0 : Number(match[2]));
}
