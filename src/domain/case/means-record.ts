import type { Means } from '../penalty/penalty-input.js';
import type { RecordedCaseEvent } from './case-file.js';
import { CASE_EVENT, type MeansAssessmentRecordedPayload } from './events.js';

/* Means assessments as case events, and what they add up to for one liability. */

/** What a recorded assessment holds: the figures, the suggestion and the officer's decision (the catalogue's payload). */
export type MeansRecordedPayload = MeansAssessmentRecordedPayload;

export interface MeansAssessment {
  recorded: MeansRecordedPayload;
  recordedBy: string;
  recordedByName: string;
  recordedAt: Date;
  status: 'awaiting-assurance' | 'assured' | 'returned';
  /** Who assured or returned it, when, and the reason for a return. */
  outcome?: { by: string; byName: string; at: Date; reason: string | null };
}

/** The liability's assessments, oldest first, each with whether it was assured or returned. */
export function meansAssessmentsOf(events: readonly RecordedCaseEvent[], liabilityId: string): MeansAssessment[] {
  const out: MeansAssessment[] = [];
  for (const event of events) {
    const p = event.payload as { liabilityId?: string; assessmentId?: string; reason?: string };
    if (p.liabilityId !== liabilityId) continue;
    if (event.type === CASE_EVENT.MeansAssessmentRecorded) {
      out.push({ recorded: event.payload as MeansRecordedPayload, recordedBy: event.actorId, recordedByName: event.actorName, recordedAt: event.occurredAt, status: 'awaiting-assurance' });
      continue;
    }
    if (event.type !== CASE_EVENT.MeansAssessmentAssured && event.type !== CASE_EVENT.MeansAssessmentReturned) continue;
    const found = out.find((a) => a.recorded.assessmentId === p.assessmentId);
    if (!found || found.status !== 'awaiting-assurance') continue;
    found.status = event.type === CASE_EVENT.MeansAssessmentAssured ? 'assured' : 'returned';
    found.outcome = { by: event.actorId, byName: event.actorName, at: event.occurredAt, reason: p.reason ?? null };
  }
  return out;
}

/** What the calculator takes: the officer's decision in the most recent assured assessment, or nothing. */
export function assuredMeans(assessments: readonly MeansAssessment[]): Means | undefined {
  const assured = [...assessments].reverse().find((a) => a.status === 'assured');
  if (!assured) return undefined;
  const r = assured.recorded;
  return r.kind === 'company' ? { kind: 'company', band: r.decision.band } : { kind: 'individual', assessedAmountPence: r.decision.assessedAmountPence };
}

/**
 * Whether a means assessment for the liability is recorded and not yet assured or returned: the
 * penalty then puts no vehicle on the Vehicle Action List (DOMAIN.md §6). Reads only type and
 * payload, so it also takes events not yet stored (a command's own).
 */
export function meansAssessmentAwaitingDecision(events: readonly { type: string; payload: unknown }[], liabilityId: string): boolean {
  const waiting = new Set<string>();
  for (const event of events) {
    const p = event.payload as { liabilityId?: string; assessmentId?: string };
    if (p.liabilityId !== liabilityId || !p.assessmentId) continue;
    if (event.type === CASE_EVENT.MeansAssessmentRecorded) waiting.add(p.assessmentId);
    else if (event.type === CASE_EVENT.MeansAssessmentAssured || event.type === CASE_EVENT.MeansAssessmentReturned) waiting.delete(p.assessmentId);
  }
  return waiting.size > 0;
}
