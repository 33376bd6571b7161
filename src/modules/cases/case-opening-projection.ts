import type { Db } from '../../platform/database/client.js';
import { caseOpeningOf } from '../../domain/case/case-opening.js';
import { registrationKey } from '../../domain/incident/registration.js';
import { cases, liabilities } from './schema.js';
import { caseClockFacts, lastDayToImposeFor, policyVersionsIn } from './case-clock.js';

type OpeningEvent = { type: string; payload: Record<string, unknown> };

/**
 * Writes the `cases` row and one `liabilities` row per liability from a case's opening events and
 * nothing else (their payloads, the stream version after them and when they happened), so the
 * read tables can be rebuilt from the log. The last day to impose comes from the statutory clock
 * with the opening's facts: for a lorry drop, from the earlier of arrival and detection.
 */
export async function projectCaseOpening(tx: Db, opening: { events: readonly OpeningEvent[]; version: number; occurredAt: Date }): Promise<void> {
  const kase = caseOpeningOf(opening.events);
  if (!kase) throw new Error('projectCaseOpening: the events open no case (no CaseOpened)');
  if (kase.vehicleRegistration === null || kase.vehicleCountry === null || kase.referredBy === null) {
    throw new Error(`projectCaseOpening: case ${kase.reference} was opened by events that do not carry its vehicle and referrer`);
  }
  const at = opening.occurredAt;
  await tx.insert(cases).values({
    id: kase.caseId,
    reference: kase.reference,
    offence: kase.offence,
    incidentDate: kase.incidentDate,
    portCode: kase.port,
    clandestineEntrants: kase.clandestineEntrants,
    vehicleRegistration: kase.vehicleRegistration,
    vehicleRegistrationKey: registrationKey(kase.vehicleRegistration),
    vehicleCountry: kase.vehicleCountry,
    driverName: kase.driverName,
    companyName: kase.companyName,
    stage: 'case-created',
    referredBy: kase.referredBy,
    incidentId: kase.incidentId,
    createdAt: at,
    version: opening.version,
    selfDeclared: kase.selfDeclared,
    stageSince: at,
    lastDayToImpose: lastDayToImposeFor(await policyVersionsIn(tx), caseClockFacts(kase.incidentDate, kase.lorryDrop)),
  });
  if (kase.liabilities.length === 0) return;
  await tx.insert(liabilities).values(
    kase.liabilities.map((l) => ({
      id: l.liabilityId,
      caseId: kase.caseId,
      role: l.role,
      offence: l.offence,
      partyName: l.partyName,
      stage: 'case-created',
      stageSince: at,
      personIndex: l.personIndex,
      addressLines: l.addressLines,
      email: l.email,
      language: l.language ?? 'en',
    })),
  );
}
