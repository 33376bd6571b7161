import type { IncidentInput } from '../../domain/incident/incident.js';

/**
 * What casework reads of the incident behind a case (the case page, the penalty's facts): intake's
 * service answers it, and `src/app.ts` passes it in, so casework does not import intake.
 */
export interface IncidentReader {
  incidentForCase(caseId: string): Promise<({ data: IncidentInput } & Record<string, unknown>) | null>;
}
