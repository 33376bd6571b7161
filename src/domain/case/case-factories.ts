import { INCIDENT_DATE, POLICY } from '../liability/liability-factories.js';
import type { LiabilityState } from '../liability/liability-state.js';
import type { CaseActor, CaseFile, CaseRecord, LiabilityRecord, RecordedCaseEvent } from './case-file.js';

/* Small factories for the case decisions' tests: a case file of chosen liabilities and events. */

export const CASE_ID = '0f3a2b1c-0000-4000-8000-000000000001';
export const DRIVER_ID = '0f3a2b1c-0000-4000-8000-0000000000d1';
export const COMPANY_ID = '0f3a2b1c-0000-4000-8000-0000000000c1';
export const NOW = new Date('2025-06-02T10:00:00Z');

export function kase(overrides: Partial<CaseRecord> = {}): CaseRecord {
  return { id: CASE_ID, reference: 'CEC-2025-000001', incidentDate: INCIDENT_DATE, stage: 'case-created', selfDeclared: false, clandestineEntrants: 2, assignedTo: null, ...overrides };
}

export function driver(overrides: Partial<LiabilityRecord> = {}): LiabilityRecord {
  return { id: DRIVER_ID, role: 'driver', offence: 'S31A', partyName: 'Piotr Kowalski', partyId: null, addressLines: ['ul. Portowa 1', '81-300 Gdynia', 'Poland'], ...overrides };
}

export function company(overrides: Partial<LiabilityRecord> = {}): LiabilityRecord {
  return { id: COMPANY_ID, role: 'owner', offence: 'S31A', partyName: 'Trans-Pol Sp. z o.o.', partyId: null, addressLines: null, ...overrides };
}

/** A case file with these liabilities, each in the state given, and these events. */
export function caseFile(
  liabilities: readonly { row: LiabilityRecord; state: LiabilityState }[],
  { events = [], kase: kaseOverrides = {}, policy = true }: { events?: RecordedCaseEvent[]; kase?: Partial<CaseRecord>; policy?: boolean } = {},
): CaseFile {
  return {
    kase: kase(kaseOverrides),
    liabilities: liabilities.map(({ row }) => row),
    events,
    versions: policy ? [POLICY] : [],
    policy: policy ? { ok: true, policyVersion: POLICY } : { ok: false, reasons: ['No policy version was in force on 2025-03-10.'] },
    states: new Map(liabilities.map(({ row, state }) => [row.id, state])),
  };
}

let version = 0;

/** An event as the case stream recorded it. */
export function recorded(type: string, payload: Record<string, unknown>, by: Pick<CaseActor, 'id'> & { name?: string } = { id: 'ao-ada' }, at = NOW): RecordedCaseEvent {
  version += 1;
  return { version, type, payload, actorId: by.id, actorName: by.name ?? by.id, occurredAt: at };
}

export function actor(who: { id: string; roles: readonly string[] }, name = who.id): CaseActor {
  return { id: who.id, name, roles: who.roles };
}
