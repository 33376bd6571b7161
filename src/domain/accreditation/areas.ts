/*
 * The five areas of evidence an applicant to the Civil Penalty Accreditation Scheme shows (DOMAIN.md §7,
 * seed 003 §8.23). The ids are used everywhere: events, forms, the assessor's checklist, letters.
 */

export const ACCREDITATION_AREAS = ['securityDevices', 'checkRecord', 'driverInstructions', 'driverTraining', 'driverPerformanceReview'] as const;
export type AccreditationArea = (typeof ACCREDITATION_AREAS)[number];

export function isAccreditationArea(value: unknown): value is AccreditationArea {
  return typeof value === 'string' && (ACCREDITATION_AREAS as readonly string[]).includes(value);
}

/** What an assessor finds for an area. */
export const AREA_OUTCOMES = ['met', 'notMet', 'moreInformation'] as const;
export type AreaOutcome = (typeof AREA_OUTCOMES)[number];

/** How an application reached us. */
export const APPLICATION_CHANNELS = ['online', 'api'] as const;
export type ApplicationChannel = (typeof APPLICATION_CHANNELS)[number];
