import type { Services } from '../app.js';
import type { Actor } from '../platform/events/event-store.js';
import { ukDate } from '../domain/reference/uk-date.js';

/*
 * Demo cases that have been worked: incidents recorded at the border with addresses and languages,
 * then walked through the real casework commands (the same `cases.act` the pages use), each step
 * dated as if it happened on its day, so the demo shows cases at every stage with their letters,
 * deadlines and timelines. Local use only, like the rest of the demo data.
 */

const PEOPLE = [
  { name: 'Piotr Kowalski', nationality: 'PL', language: 'pl', address: { line1: 'ul. Długa 5', town: 'Gdańsk', postcode: '80-827', country: 'PL' } },
  { name: 'Ion Popescu', nationality: 'RO', language: 'ro', address: { line1: 'Strada Mare 3', town: 'Iași', postcode: '700001', country: 'RO' } },
  { name: 'Георги Иванов', nationality: 'BG', language: 'bg', address: { line1: 'ул. Витоша 12', town: 'София', postcode: '1000', country: 'BG' } },
  { name: 'Jonas Kazlauskas', nationality: 'LT', language: 'lt', address: { line1: 'Gedimino pr. 9', town: 'Vilnius', postcode: 'LT-01103', country: 'LT' } },
] as const;
const COMPANIES = [
  { name: 'Trans-Pol Sp. z o.o.', email: 'biuro@trans-pol.example', language: 'pl', address: { line1: 'ul. Portowa 1', town: 'Gdynia', postcode: '81-300', country: 'PL' }, country: 'PL', plate: 'GD 4521K' },
  { name: 'Carpatica Cargo S.R.L.', language: 'ro', address: { line1: 'Bulevardul Unirii 20', town: 'București', postcode: '030833', country: 'RO' }, country: 'RO', plate: 'B 123 XYZ' },
  { name: 'Balkan Freight OOD', language: 'bg', address: { line1: 'бул. България 51', town: 'Пловдив', postcode: '4000', country: 'BG' }, country: 'BG', plate: 'PB 4821 KA' },
  { name: 'Baltic Haulage UAB', language: 'lt', address: { line1: 'Savanorių pr. 178', town: 'Vilnius', postcode: 'LT-03154', country: 'LT' }, country: 'LT', plate: 'KLM 482' },
] as const;

const DAY = 86_400_000;

export async function seedDemoCasework(services: Services, options: { cases: number; now: Date; random: () => number }): Promise<number> {
  const users = await services.identity.listUsers();
  const actorFor = (username: string): Actor => {
    const user = users.find((u) => u.username === username);
    if (!user) throw new Error(`demo casework needs the demo user ${username}`);
    return { id: user.id, name: user.displayName, roles: user.roles };
  };
  const caseworker = actorFor('caseworker-eo');
  const assurer = actorFor('assurer-ho');
  const portOfficer = actorFor('port-officer');
  const today = Date.parse(`${ukDate(options.now)}T12:00:00Z`);
  let worked = 0;
  const registeredParties = new Map<string, string>();

  for (let i = 0; i < options.cases; i++) {
    const random = options.random;
    const age = 2 + Math.floor(random() * 120);
    const incidentDay = today - age * DAY;
    const on = (days: number) => new Date(Math.min(incidentDay + days * DAY, today));
    const person = PEOPLE[i % PEOPLE.length]!;
    const company = COMPANIES[Math.floor(random() * COMPANIES.length)]!;
    const s32 = random() < 0.55;
    const reported = await services.borderEvents.report(
      {
        kind: 'port',
        offences: [s32 ? 'S32' : 'S31A'],
        incidentDate: ukDate(new Date(incidentDay)),
        port: ['CQF', 'CAL', 'DKK'][i % 3],
        vehicleKind: 'hgv',
        tractorRegistration: company.plate,
        tractorCountry: company.country,
        ...(s32 ? { clandestineEntrants: 1 + Math.floor(random() * 4), concealment: ['load'] } : { requirements: { 'seals-unique-numbers': 'not-met', 'check-at-loading': 'met' } }),
        responsiblePersons: [
          { role: 'driver', kind: 'person', name: person.name, nationality: person.nationality, language: person.language, address: person.address },
          { role: 'owner', kind: 'organisation', name: company.name, language: company.language, address: company.address, ...('email' in company ? { email: company.email } : {}) },
        ],
      },
      { actor: portOfficer, idempotencyKey: `demo-worked-case-${i}`, now: new Date(incidentDay + DAY / 4) },
    );
    if (!reported.ok || !('value' in reported)) throw new Error(`demo casework: incident ${i} not recorded: ${'message' in reported ? reported.message : ''}`);
    const reference = reported.value.caseReference;
    const file = await services.cases.caseFile(reference);
    if (!file) continue;
    const ids = file.liabilities.map((row) => row.id);
    const act = async (action: Record<string, unknown> & { type: string }, actor: Actor, when: Date, only = ids) => {
      const outcome = await services.cases.act({ reference, liabilityIds: only, action }, { actor, now: when });
      if (!outcome.ok) throw new Error(`demo casework ${reference} ${action.type}: ${outcome.message}`);
    };

    if (age < 3) continue;
    for (const row of file.liabilities) {
      // A person or company seen on an earlier demo case is the same register entry, as a caseworker would confirm.
      let partyId = registeredParties.get(row.partyName);
      const how = partyId ? 'confirmed-proposal' : 'created-new';
      if (!partyId) {
        const registered = await services.parties.register(
          { kind: row.role === 'driver' ? 'person' : 'organisation', name: row.partyName, ...(row.role === 'driver' ? {} : { country: company.country }) },
          { actor: caseworker, idempotencyKey: `demo-party-${row.id}`, now: on(1) },
        );
        if (!registered.ok) throw new Error(`demo casework: party for ${reference}: ${registered.message}`);
        partyId = registered.value.partyId;
        registeredParties.set(row.partyName, partyId);
      }
      const linked = await services.cases.confirmLiabilityParty({ reference, liabilityId: row.id, partyId, how }, { actor: caseworker, now: on(1) });
      if (!linked.ok) throw new Error(`demo casework: link party ${reference}: ${linked.message}`);
    }
    await act({ type: 'sendInitialNotice' }, caseworker, on(2));
    worked += 1;
    if (age < 32) continue;
    if (i % 3 === 0) await act({ type: 'recordResponse', receivedOn: ukDate(on(20)), summary: 'Questionnaire returned; says the vehicle was checked at every stop.' }, caseworker, on(21));
    else await act({ type: 'closeResponseWindow' }, caseworker, on(31));
    if (age < 35) continue;
    for (const row of file.liabilities) {
      const facts = { compliedWithRegulations: 'no', cpasMember: i % 4 === 0 ? 'yes' : 'no' };
      await act({ type: 'draftRecommendation', penaltyFacts: penaltyFacts(file.kase, row, facts) }, caseworker, on(34), [row.id]);
    }
    if (age < 38) continue;
    if (i % 5 === 0) {
      await act({ type: 'returnRecommendation', categories: ['previous-penalties-missed'], text: 'Check the register for earlier penalties of this company.' }, assurer, on(36), [ids[ids.length - 1]!]);
      if (age < 40) continue;
      const row = file.liabilities[file.liabilities.length - 1]!;
      await act({ type: 'draftRecommendation', penaltyFacts: penaltyFacts(file.kase, row, { compliedWithRegulations: 'no', cpasMember: 'no' }) }, caseworker, on(38), [row.id]);
    }
    await act({ type: 'approveRecommendation' }, assurer, on(39));
    if (age < 45) continue;
    await act({ type: 'imposePenalty' }, caseworker, on(44));
    if (age < 60 || i % 4 !== 1) continue;
    await act({ type: 'recordObjection', receivedOn: ukDate(on(55)), grounds: 'The company says the driver checked the load at the last stop.' }, caseworker, on(56), [ids[ids.length - 1]!]);
    if (age < 75) continue;
    await act({ type: 'determineObjection', outcome: 'maintain', reasons: 'No evidence of the checks was provided.' }, assurer, on(74), [ids[ids.length - 1]!]);
  }
  return worked;
}

function penaltyFacts(kase: { incidentDate: string; clandestineEntrants: number | null }, row: { role: string; offence: string }, answers: { compliedWithRegulations: string; cpasMember: string }) {
  return {
    offence: row.offence,
    incidentDate: kase.incidentDate,
    role: row.role,
    vehicleKind: 'goods',
    ...(row.offence === 'S32' ? { clandestineEntrants: kase.clandestineEntrants ?? 1 } : {}),
    previousPenalties: [],
    ...(row.role === 'driver' ? {} : { cpasMember: answers.cpasMember === 'yes' }),
    compliedWithRegulations: answers.compliedWithRegulations === 'yes',
  };
}
