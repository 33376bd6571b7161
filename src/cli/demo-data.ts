import type { FastifyInstance } from 'fastify';
import type { Services } from '../app.js';
import type { Actor } from '../platform/events/event-store.js';
import { SYSTEM_ACTOR } from '../modules/identity/service.js';
import { ROLE_IDS, ROLES } from '../modules/identity/roles.js';
import { PORTS } from '../domain/reference/ports.js';
import { ukDate } from '../domain/reference/uk-date.js';
import { addDays } from '../domain/clock/calendar-date.js';
import type { Db } from '../platform/database/client.js';
import type { SettableClock } from '../platform/clock.js';
import { seedDemoRecommendations } from './demo-recommendations.js';
import { DEMO_PLANS, seedDemoCasework, type DemoCaseworkOptions, type DemoCaseworkResult } from './demo-casework.js';

/** Demo sign-ins: the username is the role; every demo user has this password. Local use only. */
export const DEMO_PASSWORD = 'cordon-demo-password';
export const demoToken = (role: string) => `cordon_demo_${role.replace(/-/g, '_')}_token`;

const DRIVERS = [
  'Piotr Kowalski', 'Andrzej Wiśniewski', 'Łukasz Zieliński', 'Ion Popescu', 'Mihai Ionescu', 'Gheorghe Rădulescu',
  'Георги Иванов', 'Dimitar Petrov', 'Stoyan Dimitrov', 'Jonas Kazlauskas', 'Tomas Petrauskas', 'Jānis Bērziņš',
  'Jan Novák', 'Martin Horváth', 'László Nagy', 'Marko Horvat', 'Nikola Jovanović', 'Oleksandr Shevchenko',
  'Mehmet Yılmaz', 'Sean Murphy', 'David Smith', 'Giorgos Papadopoulos', 'Andrei Rusu', 'Tomasz Wójcik',
];
const COMPANIES: [string, string][] = [
  ['Trans-Pol Sp. z o.o.', 'PL'], ['LODZ TRANS SP ZOO', 'PL'], ['Kowalski Logistyka S.A.', 'PL'], ['Carpatica Cargo S.R.L.', 'RO'],
  ['Dunarea Transport SRL', 'RO'], ['ТРАНС ЕООД', 'BG'], ['Balkan Freight OOD', 'BG'], ['Baltic Haulage UAB', 'LT'],
  ['Riga Auto SIA', 'LV'], ['Morava Trans s.r.o.', 'CZ'], ['Duna Kamion Kft.', 'HU'], ['Adria Logistika d.o.o.', 'HR'],
  ['Dnipro Trans TOV', 'UA'], ['Anatolia Lojistik A.Ş.', 'TR'], ['Murphy Haulage Ltd', 'IE'], ['Smith & Sons Transport Limited', 'GB'],
  ['Hellas Trucks A.E.', 'GR'], ['Nord Spedition GmbH', 'DE'], ['Vlaanderen Transport BV', 'BE'], ['Transports Dupont SARL', 'FR'],
];

function prng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function registrationFor(country: string, random: () => number): string {
  const letter = () => String.fromCharCode(65 + Math.floor(random() * 26));
  const digit = () => String(Math.floor(random() * 10));
  switch (country) {
    case 'PL': return `${letter()}${letter()} ${digit()}${digit()}${digit()}${digit()}${letter()}`;
    case 'RO': return `B ${digit()}${digit()}${digit()} ${letter()}${letter()}${letter()}`;
    case 'BG': return `CA ${digit()}${digit()}${digit()}${digit()} ${letter()}${letter()}`;
    case 'GB': case 'IE': return `${letter()}${letter()}${digit()}${digit()} ${letter()}${letter()}${letter()}`;
    default: return `${letter()}${letter()}-${digit()}${digit()}${digit()}-${letter()}${letter()}`;
  }
}

export interface DemoSeedResult {
  users: number;
  tokens: number;
  cases: number;
  /** Further cases recorded at the border and worked through casework (demo-casework.ts). */
  workedCases: number;
  /** The worked cases and what each shows on the demo day. */
  worked: DemoCaseworkResult['cases'];
  plateCheckHits: number;
}

export interface DemoSeedOptions {
  /** Synthetic referrals (case created, no address yet). */
  cases?: number;
  /** Cases recorded at the border and worked through casework, one per plan of `DEMO_PLANS` in turn. */
  workedCases?: number;
  /** The demo day: every date is counted back from it. */
  now?: Date;
  /** Cases loaded so far, of all there will be (worked cases first, then referrals). */
  onProgress?: (done: number, total: number) => void;
  /** The database under `services`: needed for worked cases (their letters are posted). */
  db?: Db;
  /** The settable clock behind `services`, moved to each day a ledger file is received. */
  clock?: SettableClock;
  /** Checks plates as a reader does, for the plate-check hits (see demo-casework.ts). */
  checkPlates?: DemoCaseworkOptions['checkPlates'];
}

/** The default number of worked cases: every plan twice. */
export const DEFAULT_WORKED_CASES = DEMO_PLANS.length * 2;

/** The demo officers and their home ports (a police officer works inland: none). */
const DEMO_OFFICER_PORTS = new Map<string, string | null>([['port-officer', 'CQF'], ['police-officer', null]]);

/** Demo users (one per role, username = role) and their API tokens; those already there are left alone. */
export async function seedDemoUsers(services: Services): Promise<number> {
  if (process.env.NODE_ENV === 'production') {
    throw new Error('Demo data is for local use only and is refused when NODE_ENV=production');
  }
  const context = { actor: SYSTEM_ACTOR };
  const existing = new Set((await services.identity.listUsers()).map((u) => u.username));
  const missing = ROLE_IDS.filter((role) => !existing.has(role));
  // All at once: each user is its own stream, and their passwords are hashed side by side on the
  // thread pool (a second off the start of `npm start`).
  await Promise.all(
    missing.map(async (role) => {
      const outcome = await services.identity.addUser(
        { username: role, displayName: `Demo ${ROLES[role].replace(/ \(.*\)$/, '')}`, roles: [role], password: DEMO_PASSWORD },
        context,
      );
      if (!outcome.ok) throw new Error(`Could not add demo user ${role}: ${outcome.message}`);
      const token = await services.identity.issueApiToken({ name: `Demo ${role}`, role, secret: demoToken(role) }, context);
      if (!token.ok) throw new Error(`Could not issue demo token for ${role}: ${token.message}`);
    }),
  );
  // The demo officers are fully trained (IFC, PPST in ticket, S31A referral training), so the S31A
  // switch stays on; a demo officer added by an earlier version gets the record now.
  for (const user of await services.identity.listUsers()) {
    if (!DEMO_OFFICER_PORTS.has(user.username)) continue;
    const recorded = await services.training.recordTrainedOfficer(user.id, context, DEMO_OFFICER_PORTS.get(user.username) ?? null);
    if (recorded && !recorded.ok) throw new Error(`Could not record the training of demo user ${user.username}: ${recorded.message}`);
  }
  return missing.length;
}

export async function seedDemo(services: Services, options: DemoSeedOptions = {}): Promise<DemoSeedResult> {
  const users = await seedDemoUsers(services);
  const total = options.cases ?? 300;
  const worked = options.workedCases ?? Math.min(DEFAULT_WORKED_CASES, total);
  const random = prng(20250213);
  const now = options.now ?? new Date();
  const today = Date.parse(`${ukDate(now)}T00:00:00Z`);
  const progress = (done: number) => options.onProgress?.(done, worked + total);

  // The register of inspection recommendations, pre-loaded, with some work on it (demo-recommendations.ts).
  // Not with users only (`cases: 0`, the test template): every test database would start with it.
  if (worked + total > 0) await seedDemoRecommendations(services, now);

  // Cases worked through casework, at every stage, with their letters (see demo-casework.ts).
  let casework: DemoCaseworkResult = { worked: 0, cases: [], plateCheckHits: 0 };
  if (worked > 0) {
    if (!options.db) throw new Error('Worked demo cases need the database (options.db)');
    casework = await seedDemoCasework(services, {
      cases: worked,
      now,
      random,
      db: options.db,
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.checkPlates ? { checkPlates: options.checkPlates } : {}),
      onCase: (done) => progress(done),
    });
  }

  // A request for information waiting for the demo port officer, who referred the case.
  const asked = casework.cases.find((c) => c.shows === 'initial notice sent, response window open');
  if (asked) await askTheReferringOfficer(services, asked.reference, now);

  const officer: Actor = { id: 'demo-port-officer', name: 'Demo port officer', roles: ['port-officer'] };
  for (let i = 0; i < total; i++) {
    const port = PORTS[Math.floor(random() * (random() < 0.8 ? 3 : PORTS.length))]!;
    const [companyName, country] = COMPANIES[Math.floor(random() * COMPANIES.length)]!;
    const offence = random() < 0.45 ? 'S31A' : 'S32';
    // Referrals waiting for an address: none yet near day 151 (the worked cases show that cliff).
    const daysAgo = Math.floor(random() * (MAX_REFERRAL_AGE_DAYS + 1));
    const incidentDate = new Date(today - daysAgo * 86_400_000).toISOString().slice(0, 10);
    const outcome = await services.borderEvents.openCaseFromReferral(
      {
        port: port.code,
        incidentDate,
        offence,
        ...(offence === 'S32' ? { clandestineEntrants: 1 + Math.floor(random() ** 2 * 9) } : {}),
        vehicleRegistration: registrationFor(country, random),
        vehicleCountry: country,
        driverName: DRIVERS[Math.floor(random() * DRIVERS.length)]!,
        companyName,
      },
      { actor: officer, idempotencyKey: `demo-case-${i}`, now },
    );
    if (!outcome.ok) throw new Error(`Could not create demo case ${i}: ${outcome.message}`);
    progress(worked + i + 1);
  }
  return { users, tokens: users, cases: total, workedCases: casework.worked, worked: casework.cases, plateCheckHits: casework.plateCheckHits };
}

/** The oldest synthetic referral, in days since its incident: well before the 14-day warning of day 151. */
export const MAX_REFERRAL_AGE_DAYS = 120;

/**
 * How far the background load of the demo cases has gone, for the notice on every page (`npm start`
 * serves the sign-in page first and loads the cases after).
 */
export class DemoLoadingProgress {
  private state: 'idle' | 'loading' | 'done' | 'failed' = 'idle';
  private done = 0;
  private total = 0;

  start(): void {
    this.state = 'loading';
  }
  update(done: number, total: number): void {
    this.done = done;
    this.total = total;
  }
  finish(): void {
    this.state = 'done';
  }
  fail(): void {
    this.state = 'failed';
  }
  /** The words on the page while the cases load (nothing before or after). */
  notice(): string | null {
    if (this.state === 'loading') {
      const counted = this.total > 0 ? `${this.done.toLocaleString('en-GB')} of ${this.total.toLocaleString('en-GB')} cases` : 'starting';
      return `Loading demo data: ${counted}. Demo sign-ins work now; refresh the page to see more cases.`;
    }
    if (this.state === 'failed') return 'Loading the demo data stopped part-way: see the service’s log.';
    return null;
  }
}

/**
 * A number-plate reader's checks through the service's own API (`POST /api/v1/plate-checks`, with the
 * demo plate reader's token): the hits it answers are recorded as a real reader's are. The matcher
 * is told the lists changed and asked again until its rebuilt index answers (within a few seconds).
 */
export function demoPlateChecker(app: FastifyInstance, listChanges: { valChanged(): void }): NonNullable<DemoCaseworkOptions['checkPlates']> {
  return async (reads) => {
    for (let attempt = 0; attempt < 40; attempt++) {
      if (attempt % 5 === 0) listChanges.valChanged();
      await new Promise((resolve) => setTimeout(resolve, 250));
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/plate-checks',
        headers: { authorization: `Bearer ${demoToken('plate-reader')}`, 'content-type': 'application/json' },
        payload: JSON.stringify({ reads: reads.map((read) => ({ ...read, location: 'Dover Eastern Docks, lane 3', readerId: 'DOV-ANPR-03' })) }),
      });
      if (response.statusCode !== 200) throw new Error(`demo plate check answered ${response.statusCode}: ${response.body}`);
      const hits = (response.json() as { results: { hit: boolean; hitId?: string }[] }).results.flatMap((result) => (result.hit && result.hitId ? [result.hitId] : []));
      if (hits.length > 0) return hits;
    }
    return [];
  };
}

/** The penalty team asks the officer who referred a demo case for its photographs and security checklist. */
async function askTheReferringOfficer(services: Services, reference: string, now: Date): Promise<void> {
  const caseworker = (await services.identity.listUsers()).find((u) => u.username === 'caseworker-eo');
  if (!caseworker) return;
  const outcome = await services.informationRequests.ask(
    reference,
    { items: ['photographs', 'security-checklist'], details: 'The photographs of the rear doors and the seal, and the checklist the driver showed.', dueDate: addDays(ukDate(now), 14) },
    { actor: { id: caseworker.id, name: caseworker.displayName, roles: caseworker.roles }, now },
  );
  if (!outcome.ok) throw new Error(`Could not ask for information on demo case ${reference}: ${outcome.message}`);
}
