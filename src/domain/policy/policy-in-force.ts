import { isCalendarDate, isAfter, type CalendarDate } from '../clock/calendar-date.js';
import type { PolicyVersion } from './policy-parameters.js';

export type PolicyInForce =
  | { ok: true; policyVersion: PolicyVersion }
  | { ok: false; reasons: string[] };

/**
 * The version whose effectiveFrom is the latest on or before `date` (the incident date).
 * Two versions with the same effectiveFrom: the later one in the list wins, because the list is
 * kept in the order the administrator published them.
 */
export function policyInForce(versions: readonly PolicyVersion[], date: CalendarDate): PolicyInForce {
  if (!isCalendarDate(date)) {
    return { ok: false, reasons: [`"${date}" is not a real date written YYYY-MM-DD, so no policy version can be chosen.`] };
  }
  let chosen: PolicyVersion | undefined;
  for (const candidate of versions) {
    if (isAfter(candidate.effectiveFrom, date)) continue;
    if (!chosen || !isAfter(chosen.effectiveFrom, candidate.effectiveFrom)) chosen = candidate;
  }
  if (!chosen) {
    const earliest = versions.reduce<CalendarDate | undefined>(
      (soFar, version) => (soFar === undefined || isAfter(soFar, version.effectiveFrom) ? version.effectiveFrom : soFar),
      undefined,
    );
    return {
      ok: false,
      reasons: [
        earliest === undefined
          ? 'No policy version has been published, so nothing can be calculated. An administrator must publish one.'
          : `No policy version was in force on ${date}: the earliest takes effect on ${earliest}. An administrator must publish a version covering this date.`,
      ],
    };
  }
  return { ok: true, policyVersion: chosen };
}
