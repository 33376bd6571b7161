import { liabilitiesFor, lorryDropOf, type IncidentInput } from '../incident/incident.js';
import { postalAddressLines } from '../incident/postal-address.js';
import { referralResponsiblePersons, type ReferralInput } from '../incident/referral.js';
import type { CaseOpeningFacts, ResponsibleRole } from './open-case.js';

/** A recorded incident, sent by the border: one liability per responsible person and offence. */
export function caseOpeningFactsFromIncident(incidentId: string, incident: IncidentInput, referredBy: string): CaseOpeningFacts {
  const persons = incident.responsiblePersons ?? [];
  return {
    arrival: { kind: 'incident', incidentId },
    offences: incident.offences ?? [],
    incidentDate: incident.incidentDate ?? '',
    port: incident.port ?? 'INLAND',
    clandestineEntrants: incident.clandestineEntrants ?? null,
    vehicleRegistration: incident.tractorRegistration ?? incident.trailerRegistration ?? '',
    vehicleCountry: (incident.tractorRegistration ? incident.tractorCountry : incident.trailerCountry) ?? '',
    selfDeclared: incident.selfDeclaration !== undefined,
    lorryDrop: lorryDropOf(incident),
    referredBy,
    liabilities: liabilitiesFor(incident).map((l) => {
      const person = persons[l.personIndex]!;
      return {
        role: l.role,
        offence: l.offence,
        partyName: person.name,
        personIndex: l.personIndex,
        addressLines: person.address ? postalAddressLines(person.address) : null,
        email: person.email ?? null,
        language: person.language ?? null,
      };
    }),
  };
}

/** A minimal referral: a liability for the driver and one for the company that owns the vehicle. */
export function caseOpeningFactsFromReferral(referral: ReferralInput, referredBy: string): CaseOpeningFacts {
  // Each person as the incidents API has them, so the case (and the register, from it) reads a referral as it reads an incident.
  const persons = referralResponsiblePersons(referral);
  const person = (role: ResponsibleRole, partyName: string, which: 0 | 1) => {
    const address = persons[which].address;
    return { role, offence: referral.offence, partyName, personIndex: null, addressLines: address ? postalAddressLines(address) : null, email: null, language: null };
  };
  return {
    arrival: { kind: 'referral', referral },
    offences: [referral.offence],
    incidentDate: referral.incidentDate,
    port: referral.port,
    clandestineEntrants: referral.clandestineEntrants ?? null,
    vehicleRegistration: referral.vehicleRegistration,
    vehicleCountry: referral.vehicleCountry,
    selfDeclared: false,
    lorryDrop: null,
    referredBy,
    liabilities: [person('driver', referral.driverName, 0), person('owner', referral.companyName, 1)],
  };
}
