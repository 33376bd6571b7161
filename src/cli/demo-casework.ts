import type { Services } from '../app.js';
import type { Db } from '../platform/database/client.js';
import type { Actor } from '../platform/events/event-store.js';
import { executeCommand } from '../platform/events/command.js';
import type { SettableClock } from '../platform/clock.js';
import { ukDate } from '../domain/reference/uk-date.js';
import { paymentReference } from '../domain/payments/payment-reference.js';
import type { Offence, Role } from '../domain/penalty/penalty-input.js';
import { nextInstalment } from '../domain/liability/instalments.js';
import { lettersOfCaseById } from '../modules/correspondence/queries.js';
import { markLettersPosted } from '../modules/correspondence/correspondence-commands.js';
import { cpasRegisterFor } from '../modules/casework/penalty-facts.js';

/*
 * Demo cases that have been worked: incidents recorded at the border with addresses and languages,
 * then walked through the real casework commands (the same `cases.act` the pages use), each step
 * dated on its own day counted back from the demo day, so that on the demo day there are cases at
 * every stage of the work queues — some ready to impose that very day, some near the day-151 cliff,
 * payments through the finance ledger, instalments, the Vehicle Action List and a plate-check hit.
 * Local use only, like the rest of the demo data.
 */

const PEOPLE = [
  { name: 'Piotr Kowalski', nationality: 'PL', language: 'pl', address: { line1: 'ul. Długa 5', town: 'Gdańsk', postcode: '80-827', country: 'PL' } },
  { name: 'Ion Popescu', nationality: 'RO', language: 'ro', address: { line1: 'Strada Mare 3', town: 'Iași', postcode: '700001', country: 'RO' } },
  { name: 'Георги Иванов', nationality: 'BG', language: 'bg', address: { line1: 'ул. Витоша 12', town: 'София', postcode: '1000', country: 'BG' } },
  { name: 'Jonas Kazlauskas', nationality: 'LT', language: 'lt', address: { line1: 'Gedimino pr. 9', town: 'Vilnius', postcode: 'LT-01103', country: 'LT' } },
  { name: 'Tomasz Wójcik', nationality: 'PL', language: 'pl', address: { line1: 'ul. Morska 14', town: 'Szczecin', postcode: '70-001', country: 'PL' } },
  { name: 'Mihai Ionescu', nationality: 'RO', language: 'ro', address: { line1: 'Strada Florilor 8', town: 'Cluj-Napoca', postcode: '400001', country: 'RO' } },
] as const;
const COMPANIES = [
  { name: 'Trans-Pol Sp. z o.o.', email: 'biuro@trans-pol.example', language: 'pl', address: { line1: 'ul. Portowa 1', town: 'Gdynia', postcode: '81-300', country: 'PL' }, country: 'PL', plate: 'GD 4521K', fleet: 'GD 7710L' },
  { name: 'Carpatica Cargo S.R.L.', language: 'ro', address: { line1: 'Bulevardul Unirii 20', town: 'București', postcode: '030833', country: 'RO' }, country: 'RO', plate: 'B 123 XYZ', fleet: 'B 456 CRG' },
  { name: 'Balkan Freight OOD', language: 'bg', address: { line1: 'бул. България 51', town: 'Пловдив', postcode: '4000', country: 'BG' }, country: 'BG', plate: 'PB 4821 KA', fleet: 'PB 1177 KB' },
  { name: 'Baltic Haulage UAB', language: 'lt', address: { line1: 'Savanorių pr. 178', town: 'Vilnius', postcode: 'LT-03154', country: 'LT' }, country: 'LT', plate: 'KLM 482', fleet: 'KLN 919' },
] as const;

const DAY = 86_400_000;

/** How each worked demo incident was found and selected (seed 003 recommendation 2a), in turn. */
const DEMO_DETECTION = [
  { detectingMethod: 'pmmw-scanner', selectionReason: 'hub-target', concealment: ['load'] },
  { detectingMethod: 'heartbeat', selectionReason: 'officer-selected', concealment: ['axle-chassis'] },
  { detectingMethod: 'dog', selectionReason: 'random', concealment: ['roof'] },
  { detectingMethod: 'co2-probe', selectionReason: 'intelligence', concealment: ['load'], riskToLife: ['refrigerated'] },
] as const;

/**
 * One step of a plan, on a day counted from the incident (day 0). `pay` pays a share of what each
 * person owes through a ledger file; `payInstalment` pays each person's next instalment.
 */
type Step =
  | { do: 'notice' | 'response' | 'closeWindow' | 'draft' | 'return' | 'approve' | 'impose' | 'objection' | 'determine' | 'appeal' | 'allocate' | 'decideAppeal'; day: number }
  | { do: 'confirmDue' | 'requestInstalments' | 'payInstalment' | 'overdue' | 'close' | 'proposeWriteOff' | 'approveWriteOff' | 'refer' | 'investigationAccepted'; day: number }
  | { do: 'pay'; day: number; share: number }
  | { do: 'agreeInstalments'; day: number; dueDays: readonly number[] }
  | { do: 'registerFleet'; day: number };

/** A demo case: how old it is on the demo day (days since the incident), and what was done to it. */
export interface DemoPlan {
  /** What the case shows on the demo day, in words (the log line). */
  shows: string;
  age: number;
  /** Whether the people are linked to the register on day 1 (a brand-new case is not yet). */
  linked: boolean;
  steps: readonly Step[];
  /** A plate reader sees the case's lorry on the demo day (it is on the Vehicle Action List). */
  plateCheck?: true;
}

const NOTICE: Step = { do: 'notice', day: 2 };
/** Notice on day 2, no response by the due date (day 30), recommendation drafted and assured. */
const ASSURED: readonly Step[] = [NOTICE, { do: 'closeWindow', day: 31 }, { do: 'draft', day: 33 }, { do: 'approve', day: 35 }];
/** …and imposed on day 43 (the earliest day is 42): objection and appeal due day 71, payment day 103. */
const IMPOSED: readonly Step[] = [...ASSURED, { do: 'impose', day: 43 }];
const PAYMENT_DUE: readonly Step[] = [...IMPOSED, { do: 'confirmDue', day: 72 }];

/**
 * The worked demo cases, one per situation a team meets, those that walk furthest first (a small
 * demo, or a test, that takes the first few sees the most steps); the demo day is day `age` of each. Day 151
 * (incident + 150) is the last day to send the initial notice; day 180 (incident + 179) the last
 * day to impose.
 */
export const DEMO_PLANS: readonly DemoPlan[] = [
  { shows: 'appeal decided', age: 130, linked: true, steps: [...IMPOSED, { do: 'appeal', day: 65 }, { do: 'allocate', day: 67 }, { do: 'decideAppeal', day: 120 }] },
  { shows: 'objection determined', age: 90, linked: true, steps: [...IMPOSED, { do: 'objection', day: 60 }, { do: 'determine', day: 80 }] },
  {
    shows: 'instalment missed, payment overdue',
    age: 140,
    linked: true,
    steps: [...PAYMENT_DUE, { do: 'requestInstalments', day: 75 }, { do: 'agreeInstalments', day: 80, dueDays: [95, 125, 155] }, { do: 'payInstalment', day: 94 }, { do: 'overdue', day: 127 }],
  },
  { shows: 'written off (notice deadline missed)', age: 175, linked: true, steps: [{ do: 'proposeWriteOff', day: 153 }, { do: 'approveWriteOff', day: 156 }] },
  { shows: 'criminal investigation under way', age: 40, linked: true, steps: [NOTICE, { do: 'refer', day: 10 }, { do: 'investigationAccepted', day: 18 }] },
  { shows: 'recommendation returned by the assurer', age: 37, linked: true, steps: [NOTICE, { do: 'closeWindow', day: 31 }, { do: 'draft', day: 33 }, { do: 'return', day: 35 }] },
  { shows: 'case created yesterday', age: 1, linked: false, steps: [] },
  { shows: 'initial notice not sent, 10 days before day 151', age: 140, linked: true, steps: [] },
  { shows: 'initial notice not sent, 5 days before day 151', age: 145, linked: true, steps: [] },
  { shows: 'initial notice not sent, past day 151', age: 155, linked: true, steps: [] },
  { shows: 'initial notice sent, response window open', age: 12, linked: true, steps: [NOTICE] },
  { shows: 'initial notice sent yesterday, its letters waiting to be posted', age: 3, linked: true, steps: [NOTICE] },
  { shows: 'response received, window closed', age: 25, linked: true, steps: [NOTICE, { do: 'response', day: 20 }] },
  { shows: 'no response, window closed', age: 33, linked: true, steps: [NOTICE, { do: 'closeWindow', day: 31 }] },
  { shows: 'recommendation drafted, awaiting assurance', age: 36, linked: true, steps: [NOTICE, { do: 'closeWindow', day: 31 }, { do: 'draft', day: 33 }] },
  { shows: 'assured, imposable from day 42', age: 39, linked: true, steps: ASSURED },
  { shows: 'assured, ready to impose today', age: 48, linked: true, steps: ASSURED },
  { shows: 'assured, ready to impose today, 9 days before the last day to impose', age: 170, linked: true, steps: [{ do: 'notice', day: 100 }, { do: 'closeWindow', day: 129 }, { do: 'draft', day: 131 }, { do: 'approve', day: 133 }] },
  { shows: 'penalty imposed', age: 55, linked: true, steps: IMPOSED },
  { shows: 'penalty imposed yesterday, its notices waiting to be posted', age: 44, linked: true, steps: IMPOSED },
  { shows: 'objection received', age: 66, linked: true, steps: [...IMPOSED, { do: 'objection', day: 60 }] },
  { shows: 'appeal lodged and allocated', age: 75, linked: true, steps: [...IMPOSED, { do: 'appeal', day: 65 }, { do: 'allocate', day: 67 }] },
  { shows: 'payment due', age: 80, linked: true, steps: PAYMENT_DUE },
  { shows: 'part paid', age: 95, linked: true, steps: [...PAYMENT_DUE, { do: 'pay', day: 85, share: 0.4 }] },
  { shows: 'paid in full', age: 100, linked: true, steps: [...PAYMENT_DUE, { do: 'pay', day: 90, share: 1 }] },
  { shows: 'paid in full and closed', age: 110, linked: true, steps: [...PAYMENT_DUE, { do: 'pay', day: 88, share: 1 }, { do: 'close', day: 92 }] },
  {
    shows: 'paying by instalments, kept',
    age: 130,
    linked: true,
    steps: [...PAYMENT_DUE, { do: 'requestInstalments', day: 75 }, { do: 'agreeInstalments', day: 80, dueDays: [95, 125, 155] }, { do: 'payInstalment', day: 94 }, { do: 'payInstalment', day: 124 }],
  },
  { shows: 'payment overdue, lorries on the Vehicle Action List, seen by a plate reader', age: 125, linked: true, steps: [...PAYMENT_DUE, { do: 'registerFleet', day: 100 }, { do: 'overdue', day: 104 }], plateCheck: true },
  { shows: 'write-off proposed (notice deadline missed)', age: 160, linked: true, steps: [{ do: 'proposeWriteOff', day: 153 }] },
  { shows: 'referred for criminal investigation', age: 20, linked: true, steps: [NOTICE, { do: 'refer', day: 10 }] },
];

export interface DemoCaseworkOptions {
  cases: number;
  now: Date;
  random: () => number;
  /** The database the services run on: the letters waiting to be posted are read from it. */
  db: Db;
  /**
   * The clock behind `services` (its cases service): payments come through ledger files imported on
   * the day they were received, so the clock is moved to that day for each import and put back after.
   */
  clock?: SettableClock;
  /** Checks plates as a number-plate reader does (`POST /api/v1/plate-checks`); the hit ids it answers. */
  checkPlates?: (reads: readonly { registration: string; country: string }[]) => Promise<string[]>;
  onCase?: (done: number, total: number) => void;
  /** The plans to cycle through (all of `DEMO_PLANS` unless given). */
  plans?: readonly DemoPlan[];
}

export interface DemoCaseworkResult {
  worked: number;
  /** The reference of each worked case and what it shows on the demo day. */
  cases: { reference: string; shows: string }[];
  plateCheckHits: number;
}

export async function seedDemoCasework(services: Services, options: DemoCaseworkOptions): Promise<DemoCaseworkResult> {
  const users = await services.identity.listUsers();
  const actorFor = (username: string): Actor => {
    const user = users.find((u) => u.username === username);
    if (!user) throw new Error(`demo casework needs the demo user ${username}`);
    return { id: user.id, name: user.displayName, roles: user.roles };
  };
  const caseworker = actorFor('caseworker-eo');
  const assurer = actorFor('assurer-ho');
  const seniorOfficer = actorFor('senior-officer');
  const manager = actorFor('manager');
  const financeOfficer = actorFor('finance-officer');
  const portOfficer = actorFor('port-officer');
  const today = Date.parse(`${ukDate(options.now)}T12:00:00Z`);
  const clockStartedAt = options.clock?.now();
  const wallStartedAt = Date.now();
  const registeredParties = new Map<string, string>();
  const result: DemoCaseworkResult = { worked: 0, cases: [], plateCheckHits: 0 };
  const platesToCheck: { registration: string; country: string }[] = [];
  let invoices = 0;

  // Cycle through the plans, oldest incidents first (the order they happened in).
  const plans = Array.from({ length: options.cases }, (_, i) => ({ plan: (options.plans ?? DEMO_PLANS)[i % (options.plans ?? DEMO_PLANS).length]!, i })).sort((a, b) => b.plan.age - a.plan.age || a.i - b.i);

  for (const { plan, i } of plans) {
    const random = options.random;
    const incidentDay = today - plan.age * DAY;
    const on = (day: number) => {
      if (day >= plan.age) throw new Error(`demo plan "${plan.shows}": day ${day} is not before the demo day (day ${plan.age})`);
      return new Date(incidentDay + day * DAY);
    };
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
        ...(() => {
          const { concealment, ...found } = DEMO_DETECTION[i % DEMO_DETECTION.length]!;
          return s32 ? { ...found, concealment: [...concealment] } : { detectingMethod: 'visual', selectionReason: found.selectionReason };
        })(),
        ...(s32 ? withDemoPeopleFound(1 + Math.floor(random() * 4), ukDate(new Date(incidentDay))) : { requirements: { 'seals-unique-numbers': 'not-met', 'check-at-loading': 'met' } }),
        responsiblePersons: [
          { role: 'driver', kind: 'person', name: person.name, nationality: person.nationality, language: person.language, address: person.address },
          { role: 'owner', kind: 'organisation', name: company.name, language: company.language, address: company.address, ...('email' in company ? { email: company.email } : {}) },
        ],
      },
      { actor: portOfficer, idempotencyKey: `demo-worked-case-${i}`, now: new Date(incidentDay + DAY / 4) },
    );
    if (!reported.ok || !('value' in reported)) throw new Error(`demo casework: incident ${i} not recorded: ${'message' in reported ? reported.message : ''}`);
    const reference = reported.value.caseReference;
    const opened = await services.cases.caseFile(reference);
    if (!opened) throw new Error(`demo casework: case ${reference} not found after it was recorded`);
    let file = opened;
    const ids = file.liabilities.map((row) => row.id);
    const reload = async () => {
      file = (await services.cases.caseFile(reference)) ?? file;
      return file;
    };
    const act = async (action: Record<string, unknown> & { type: string }, actor: Actor, when: Date, only = ids) => {
      const outcome = await services.cases.act({ reference, liabilityIds: only, action }, { actor, now: when });
      if (!outcome.ok) throw new Error(`demo casework ${reference} (${plan.shows}) ${action.type}: ${outcome.message}`);
    };
    /** Letters produced a day or more before `when` (and a few days before the demo day) are printed and posted that day. */
    const postLetters = async (when: Date) => {
      const waiting = (await lettersOfCaseById(options.db, file.kase.id)) as { id: string; liabilityId: string | null; form: string; title: string; createdAt: Date; postedAt: Date | null }[];
      const due = waiting.filter((letter) => !letter.postedAt && letter.createdAt.getTime() <= Math.min(when.getTime() - DAY / 2, today - 3 * DAY));
      if (due.length === 0) return;
      const outcome = await executeCommand(
        options.db,
        markLettersPosted,
        { reference, letters: due.map((letter) => ({ id: letter.id, liabilityId: letter.liabilityId, form: letter.form, title: letter.title })) },
        { actor: caseworker, now: when },
      );
      if (!outcome.ok) throw new Error(`demo casework ${reference}: letters not marked posted: ${outcome.message}`);
    };
    /** Each person pays `share` of what they owe (or their next instalment), in one ledger file received that day. */
    const payThroughLedger = async (when: Date, amountFor: (row: (typeof file.liabilities)[number]) => number, tag: string) => {
      const lines = (await reload()).liabilities.flatMap((row) => {
        const pence = amountFor(row);
        if (pence <= 0) return [];
        const quoted = paymentReference(reference, row.role as Role, undefined as Offence | undefined);
        const pounds = (pence / 100).toFixed(2);
        // The finance system's own invoice number: it must not quote the case reference (that would name everyone on the case).
        invoices += 1;
        return [`DEMO-${reference}-${row.role}-${tag},${ukDate(when)},${pounds},GBP,BACS,INV-${900_000 + invoices},${quoted},"${row.partyName.replace(/"/g, '""')}"`];
      });
      if (lines.length === 0) return;
      const csv = ['transaction_id,posted_on,amount,currency,method,invoice_reference,payer_reference,payer_name', ...lines].join('\n');
      options.clock?.set(when);
      try {
        const started = await services.ledger.startImport({ bytes: Buffer.from(csv, 'utf8'), fileName: `ledger-${ukDate(when)}-${reference}.csv` }, financeOfficer);
        if (!started.ok) throw new Error(`demo casework ${reference}: ledger file refused: ${started.message}`);
        await services.ledger.waitFor(started.importId);
      } finally {
        restoreClock();
      }
    };

    if (plan.linked) {
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
    }

    let lastDay = 0;
    for (const step of plan.steps) {
      const when = on(step.day);
      await postLetters(when);
      switch (step.do) {
        case 'notice':
          await sendInitialNotice(act, caseworker, assurer, when);
          break;
        case 'response':
          await act({ type: 'recordResponse', receivedOn: ukDate(on(step.day - 1)), summary: 'Questionnaire returned; says the vehicle was checked at every stop.' }, caseworker, when);
          break;
        case 'closeWindow':
          await act({ type: 'closeResponseWindow' }, caseworker, when);
          break;
        case 'draft':
          // No previous penalties counted: the demo's few companies recur so often that escalated
          // penalties would pass the incident's aggregate maximum, which needs a senior officer's split.
          // CPAS membership as the pages read it: the accreditation register on the incident date (nobody types it).
          for (const row of (await reload()).liabilities) {
            const register = await cpasRegisterFor({ parties: services.parties, membershipOn: (partyId, date) => services.accreditationMembership.membershipOn(partyId, date) }, file, row);
            const cpas = register ? ({ source: 'register', member: register.status === 'member', status: register.status, reference: register.reference } as const) : undefined;
            const facts = { compliedWithRegulations: 'no', cpasMember: cpas?.member ?? false };
            await act({ type: 'draftRecommendation', penaltyFacts: penaltyFacts(file.kase, row, facts, []), ...(cpas ? { cpas } : {}) }, caseworker, when, [row.id]);
          }
          break;
        case 'return':
          await act({ type: 'returnRecommendation', categories: ['previous-penalties-missed'], text: 'Check the register for earlier penalties of this company.' }, assurer, when);
          break;
        case 'approve':
          await act({ type: 'approveRecommendation', checklist: ['party-and-address', 'dates', 'previous-penalties', 'compliance', 'amount'] }, assurer, when);
          break;
        case 'impose':
          await act({ type: 'imposePenalty' }, caseworker, when);
          break;
        case 'objection':
          await act({ type: 'recordObjection', receivedOn: ukDate(on(step.day - 1)), grounds: 'The company says the driver checked the load at the last stop.' }, caseworker, when);
          break;
        case 'determine':
          await determineObjection(act, assurer, seniorOfficer, when);
          break;
        case 'appeal':
          await act({ type: 'lodgeAppeal', lodgedOn: ukDate(on(step.day - 1)), court: 'County Court at Canterbury', claimNumber: `K${String(100_000 + i).slice(1)}QZ` }, caseworker, when);
          break;
        case 'allocate':
          await act({ type: 'allocateAppeal', officerId: seniorOfficer.id }, manager, when);
          break;
        case 'decideAppeal':
          await act({ type: 'decideAppeal', outcome: 'dismissed', decidedOn: ukDate(on(step.day - 1)) }, seniorOfficer, when);
          break;
        case 'confirmDue':
          await act({ type: 'confirmPaymentDue' }, caseworker, when);
          break;
        case 'pay':
          // A share in whole pounds; the whole of it to the penny.
          await payThroughLedger(when, (row) => (step.share >= 1 ? (row.outstandingPence ?? 0) : Math.round(((row.outstandingPence ?? 0) * step.share) / 100) * 100), `d${step.day}`);
          break;
        case 'requestInstalments':
          await act({ type: 'requestInstalments', requestedOn: ukDate(on(step.day - 1)), proposal: 'Three monthly payments.' }, financeOfficer, when);
          break;
        case 'agreeInstalments':
          for (const row of (await reload()).liabilities) {
            await act({ type: 'agreeInstalments', schedule: instalmentSchedule(row.outstandingPence ?? 0, step.dueDays.map((day) => ukDate(new Date(incidentDay + day * DAY)))) }, financeOfficer, when, [row.id]);
          }
          break;
        case 'payInstalment': {
          const states = (await reload()).states;
          await payThroughLedger(when, (row) => {
            const state = states.get(row.id);
            return state ? (nextInstalment(state)?.amountPence ?? 0) : 0;
          }, `d${step.day}`);
          break;
        }
        case 'overdue':
          await act({ type: 'recordPaymentOverdue' }, financeOfficer, when);
          break;
        case 'close':
          await act({ type: 'closeCase' }, caseworker, when);
          break;
        case 'registerFleet': {
          const owner = (await reload()).liabilities.find((row) => row.role === 'owner');
          if (owner?.partyId) {
            const vehicle = await services.parties.registerVehicle(
              { registration: company.fleet, country: company.country, kind: 'hgv-tractor', links: [{ partyId: owner.partyId, role: 'owner' }] },
              { actor: caseworker, idempotencyKey: `demo-fleet-${company.fleet}`, now: when },
            );
            if (!vehicle.ok && !/already/i.test(vehicle.message)) throw new Error(`demo casework ${reference}: vehicle ${company.fleet}: ${vehicle.message}`);
          }
          platesToCheck.push({ registration: company.plate, country: company.country }, { registration: company.fleet, country: company.country });
          break;
        }
        case 'proposeWriteOff':
          await act({ type: 'proposeWriteOff', reason: 'deadline-missed', explanation: 'The initial notice was not sent by day 151, so no penalty can be imposed in time.' }, caseworker, when);
          break;
        case 'approveWriteOff':
          await act({ type: 'approveWriteOff' }, seniorOfficer, when);
          break;
        case 'refer':
          await act({ type: 'referForCriminalInvestigation', referredOn: ukDate(when), team: 'Criminal and Financial Investigation, Dover', investigationReference: `CFI-${String(4000 + i)}` }, assurer, when);
          break;
        case 'investigationAccepted':
          await act({ type: 'recordInvestigationOutcome', outcome: 'accepted', decidedOn: ukDate(when), note: 'Facilitation suspected: the team takes the case.' }, assurer, when);
          break;
      }
      lastDay = step.day;
    }
    // Letters of the last step: posted the next day, unless they are from the last few days (still in the outbox).
    if (plan.steps.length > 0 && lastDay + 1 < plan.age) await postLetters(on(lastDay + 1));
    if (plan.plateCheck && platesToCheck.length === 0) platesToCheck.push({ registration: company.plate, country: company.country });
    result.worked += 1;
    result.cases.push({ reference, shows: plan.shows });
    options.onCase?.(result.worked, options.cases);
  }

  // A number-plate reader at the port sees the lorries of a company that owes an overdue penalty today.
  if (options.checkPlates && platesToCheck.length > 0) {
    const hits = await options.checkPlates(platesToCheck);
    result.plateCheckHits = hits.length;
    const [first] = hits;
    if (first) {
      // The officers stopped the first lorry; the hit is written a moment after the answer, so wait for it.
      for (let attempt = 0; attempt < 50; attempt++) {
        if (await services.plateCheckHits.get(first)) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const stopped = await services.plateCheckHits.recordOutcome(first, { outcome: 'stopped' }, { actor: portOfficer, now: options.now });
      if (!stopped.ok) throw new Error(`demo casework: plate-check outcome: ${stopped.message}`);
    }
  }
  return result;

  function restoreClock() {
    if (options.clock && clockStartedAt) options.clock.set(new Date(clockStartedAt.getTime() + (Date.now() - wallStartedAt)));
  }
}

type Act = (action: Record<string, unknown> & { type: string }, actor: Actor, when: Date) => Promise<void>;

/** Every initial notice of the demo is sent here (a check before sending belongs in this one place). */
async function sendInitialNotice(act: Act, caseworker: Actor, checker: Actor, when: Date): Promise<void> {
  // A second officer checks the names and addresses before the notice goes (seed 003 §10.106).
  await act({ type: 'checkNoticeDetails', checklist: ['name-as-on-documents', 'address-complete', 'language', 'responsible-person'] }, checker, when);
  await act({ type: 'sendInitialNotice' }, caseworker, when);
}

/** Every objection of the demo is determined here (an assurance of the determination belongs in this one place). */
async function determineObjection(act: Act, assurer: Actor, seniorOfficer: Actor, when: Date): Promise<void> {
  await act({ type: 'determineObjection', outcome: 'maintain', reasons: 'No evidence of the checks at the last stop was provided.' }, assurer, when);
  // A Higher Officer (here a senior officer: the assurer determined it) assures the determination before it takes effect.
  await act({ type: 'assureObjectionDetermination', approve: true, checklist: ['dates', 'process', 'evidence', 'amount'] }, seniorOfficer, when);
}

/** An S32 find's entrants, each recorded with the minimum checks done (an incident is not sent without them). */
function withDemoPeopleFound(entrants: number, incidentDate: string) {
  const check = { outcome: 'no-match' };
  const people = Array.from({ length: entrants }, (_, i) => ({
    claimedName: `Person ${i + 1}`,
    claimedAge: 22 + i,
    sex: 'male',
    identityEstablished: 'claimed-only',
    biometricsTaken: true,
    biometricsDate: incidentDate,
    databaseChecks: { identity: check, security: check, immigrationHistory: check, policeNationalComputer: check },
  }));
  return { clandestineEntrants: entrants, concealment: ['load'], peopleFound: people };
}

/** Equal instalments on the given dates (the last takes the pennies), adding up to exactly what is owed. */
function instalmentSchedule(owedPence: number, dates: readonly string[]): { dueOn: string; amountPence: number }[] {
  const each = Math.floor(owedPence / dates.length / 100) * 100;
  return dates.map((dueOn, index) => ({ dueOn, amountPence: index === dates.length - 1 ? owedPence - each * (dates.length - 1) : each }));
}

function penaltyFacts(
  kase: { incidentDate: string; clandestineEntrants: number | null },
  row: { role: string; offence: string },
  answers: { compliedWithRegulations: string; cpasMember: boolean },
  previousPenalties: readonly { offence: string; issuedOn: string; cancelled: boolean }[],
) {
  return {
    offence: row.offence,
    incidentDate: kase.incidentDate,
    role: row.role,
    vehicleKind: 'goods',
    ...(row.offence === 'S32' ? { clandestineEntrants: kase.clandestineEntrants ?? 1 } : {}),
    previousPenalties: [...previousPenalties],
    ...(row.role === 'driver' ? {} : { cpasMember: answers.cpasMember }),
    compliedWithRegulations: answers.compliedWithRegulations === 'yes',
  };
}
