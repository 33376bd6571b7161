import type { FieldProblem } from '../command-decision.js';
import { addDays } from '../clock/calendar-date.js';

/*
 * Detection data (seed 003 §5.14–5.41, recommendation 2a; seed 001 recommendation 3b): the ONE
 * method that found the people or the breach, apart from the methods used, and, for an inland
 * detection ("lorry drop"), the vehicle's earlier crossing, whose search is then a "failure".
 */

/** Ways people are found that are not search methods (the methods used are the other choices). */
export const OTHER_DETECTING_METHODS = {
  'driver-information': 'Information from the driver',
  'made-themselves-known': 'The people made themselves known',
  'noise-heard': 'Noise heard or movement seen',
  'member-of-public': 'Reported by a member of the public',
  'not-known': 'Not known',
} as const;

/** Detecting methods that are not one of the search methods: always allowed, whatever was used. */
const NOT_A_SEARCH_METHOD: readonly string[] = Object.keys(OTHER_DETECTING_METHODS);

/** Results of a search that found something: then the method that found it is required. */
export const FIND_RESULTS: readonly string[] = ['clandestine-entrants', 'not-secured', 'both', 'other-find'];

export interface DetectionAnswer {
  detectingMethod?: string | undefined;
  detectingMethodUnknownReason?: string | undefined;
}

/** "Not known" is allowed only with the reason it is not known (42 % of detections were "not known"). */
function unknownReasonProblems(answer: DetectionAnswer): FieldProblem[] {
  if (answer.detectingMethod === 'not-known' && !answer.detectingMethodUnknownReason?.trim()) {
    return [{ field: 'detectingMethodUnknownReason', message: 'Say why the method that found them is not known' }];
  }
  return [];
}

/**
 * A search's detecting method: required when it found something, one of the methods used (or a way
 * of finding that is not a search method), absent when nothing was found.
 */
export function searchDetectionProblems(search: DetectionAnswer & { result: string; methods: readonly string[] }): FieldProblem[] {
  const found = FIND_RESULTS.includes(search.result);
  if (!found) {
    return search.detectingMethod ? [{ field: 'detectingMethod', message: 'Nothing was found: leave the method that found them empty, or correct the result' }] : [];
  }
  if (!search.detectingMethod) return [{ field: 'detectingMethod', message: 'Choose the one method that found them (or the breach)' }];
  if (!NOT_A_SEARCH_METHOD.includes(search.detectingMethod) && !search.methods.includes(search.detectingMethod)) {
    return [{ field: 'detectingMethod', message: 'The method that found them must be one of the methods used: tick it under methods used, or choose another' }];
  }
  return unknownReasonProblems(search);
}

/** An incident's detecting method (carried from its search, or asked when there was none): "not known" needs its reason. */
export function incidentDetectionProblems(incident: DetectionAnswer): FieldProblem[] {
  return unknownReasonProblems(incident);
}

/** What an incident takes from the search it came from: the method that found them and how the vehicle was selected. */
export function detectionFromSearch(search: { detectingMethod?: string | null; detectingMethodUnknownReason?: string | null; selectionReason: string }) {
  return {
    selectionReason: search.selectionReason,
    ...(search.detectingMethod ? { detectingMethod: search.detectingMethod } : {}),
    ...(search.detectingMethodUnknownReason ? { detectingMethodUnknownReason: search.detectingMethodUnknownReason } : {}),
  };
}

/**
 * How far before the estimated arrival an earlier crossing is looked for: a lorry drop is an entry
 * in the last 72 hours, and the estimate is itself uncertain, so three days before it.
 */
export const EARLIER_CROSSING_DAYS_BEFORE_ARRIVAL = 3;

/**
 * The days (inclusive) in which an inland detection's earlier crossing is looked for: from three
 * days before the estimated arrival (or, without one, the detection) to the detection date.
 * Null when it is not an inland incident, or has no date to start from.
 */
export function earlierCrossingWindow(incident: { kind: string; incidentDate?: string | undefined; estimatedArrivalDate?: string | undefined }): { from: string; to: string } | null {
  if (incident.kind !== 'inland') return null;
  const arrival = incident.estimatedArrivalDate ?? incident.incidentDate;
  const detection = incident.incidentDate ?? incident.estimatedArrivalDate;
  if (!arrival || !detection) return null;
  return { from: addDays(arrival, -EARLIER_CROSSING_DAYS_BEFORE_ARRIVAL), to: detection };
}
