import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/database/client.js';
import { rowsOf } from '../../platform/database/client.js';
import { appendEvents, type Actor, type NewEvent } from '../../platform/events/event-store.js';
import type { RESPONSIBLE_ROLES } from '../../domain/incident/incident.js';
import { formatCaseReference } from '../../domain/liability/case-reference.js';
import { registrationKey } from '../../domain/incident/registration.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import { cases, liabilities } from './schema.js';
import { lastDayToImposeFor, policyVersionsIn } from './case-clock.js';

/** The next case reference, allocated inside the caller's transaction so references have no gaps. */
export async function allocateCaseReference(tx: Db, now: Date): Promise<string> {
  const year = Number(ukDate(now).slice(0, 4));
  const result = await tx.execute(sql`
    insert into case_reference_counters (year, last) values (${year}, 1)
    on conflict (year) do update set last = case_reference_counters.last + 1
    returning last`);
  return formatCaseReference(year, Number(rowsOf<{ last: number }>(result)[0]!.last));
}

export interface CaseFromIncident {
  incidentId: string;
  offences: ('S31A' | 'S32')[];
  incidentDate: string;
  portCode: string;
  clandestineEntrants: number | null;
  vehicleRegistration: string;
  vehicleCountry: string;
  selfDeclared?: boolean;
  liabilities: {
    role: string;
    offence: 'S31A' | 'S32';
    partyName: string;
    personIndex: number;
    /** Where letters go, as recorded at the border. */
    addressLines?: string[] | null;
    email?: string | null;
    language?: string | null;
  }[];
}

/**
 * Opens the case for a sent incident, inside the incident's own transaction (called by the
 * border-events submit command): one case, one liability per responsible person and offence.
 */
export async function openCaseForIncident(tx: Db, facts: CaseFromIncident, actor: Actor, now: Date): Promise<{ caseId: string; reference: string }> {
  const caseId = randomUUID();
  const reference = await allocateCaseReference(tx, now);
  const offence = facts.offences.length === 2 ? 'S31A+S32' : facts.offences[0]!;
  const driver = facts.liabilities.find((l) => l.role === 'driver');
  const company = facts.liabilities.find((l) => l.role !== 'driver');
  const opened = facts.liabilities.map((l) => ({ ...l, id: randomUUID() }));
  const version = await appendEvents(tx, {
    streamId: `case-${caseId}`,
    streamType: 'case',
    expectedVersion: 0,
    actor,
    occurredAt: now,
    events: [
      { type: 'IncidentReferred', payload: { incidentId: facts.incidentId, offences: facts.offences, incidentDate: facts.incidentDate, port: facts.portCode, clandestineEntrants: facts.clandestineEntrants } },
      { type: 'CaseOpened', payload: { caseId, reference, offence } },
      ...opened.map((l): NewEvent => ({ type: 'LiabilityOpened', payload: { liabilityId: l.id, role: l.role as keyof typeof RESPONSIBLE_ROLES, offence: l.offence, partyName: l.partyName } })),
    ],
  });
  await tx.insert(cases).values({
    id: caseId,
    reference,
    offence,
    incidentDate: facts.incidentDate,
    portCode: facts.portCode,
    clandestineEntrants: facts.clandestineEntrants,
    vehicleRegistration: facts.vehicleRegistration,
    vehicleRegistrationKey: registrationKey(facts.vehicleRegistration),
    vehicleCountry: facts.vehicleCountry,
    driverName: driver?.partyName ?? '',
    companyName: company?.partyName ?? '',
    stage: 'case-created',
    referredBy: actor.name,
    incidentId: facts.incidentId,
    createdAt: now,
    version,
    selfDeclared: facts.selfDeclared ?? false,
    stageSince: now,
    lastDayToImpose: lastDayToImposeFor(await policyVersionsIn(tx), facts.incidentDate),
  });
  await tx.insert(liabilities).values(
    opened.map((l) => ({
      id: l.id,
      caseId,
      role: l.role,
      offence: l.offence,
      partyName: l.partyName,
      stage: 'case-created',
      stageSince: now,
      personIndex: l.personIndex,
      addressLines: l.addressLines?.length ? l.addressLines : null,
      email: l.email ?? null,
      language: l.language ?? 'en',
    })),
  );
  return { caseId, reference };
}
