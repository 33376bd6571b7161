import type { Services } from '../app.js';
import type { Actor } from '../platform/events/event-store.js';
import { SYSTEM_ACTOR } from '../modules/identity/service.js';
import { ROLE_IDS, ROLES } from '../modules/identity/roles.js';
import { PORTS } from '../domain/reference/ports.js';
import { ukDate } from '../domain/reference/uk-date.js';
import { seedDemoCasework } from './demo-casework.js';

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
}

export async function seedDemo(
  services: Services,
  options: { cases?: number; workedCases?: number; now?: Date; onProgress?: (done: number, total: number) => void } = {},
): Promise<DemoSeedResult> {
  if (process.env.NODE_ENV === 'production') {
    throw new Error('Demo data is for local use only and is refused when NODE_ENV=production');
  }
  const context = { actor: SYSTEM_ACTOR };
  const existing = new Set((await services.identity.listUsers()).map((u) => u.username));
  let users = 0;
  for (const role of ROLE_IDS) {
    if (existing.has(role)) continue;
    const outcome = await services.identity.addUser(
      { username: role, displayName: `Demo ${ROLES[role].replace(/ \(.*\)$/, '')}`, roles: [role], password: DEMO_PASSWORD },
      context,
    );
    if (!outcome.ok) throw new Error(`Could not add demo user ${role}: ${outcome.message}`);
    users += 1;
    const token = await services.identity.issueApiToken({ name: `Demo ${role}`, role, secret: demoToken(role) }, context);
    if (!token.ok) throw new Error(`Could not issue demo token for ${role}: ${token.message}`);
  }

  const total = options.cases ?? 300;
  const random = prng(20250213);
  const now = options.now ?? new Date();
  const today = Date.parse(`${ukDate(now)}T00:00:00Z`);
  const officer: Actor = { id: 'demo-port-officer', name: 'Demo port officer', roles: ['port-officer'] };
  for (let i = 0; i < total; i++) {
    const port = PORTS[Math.floor(random() * (random() < 0.8 ? 3 : PORTS.length))]!;
    const [companyName, country] = COMPANIES[Math.floor(random() * COMPANIES.length)]!;
    const offence = random() < 0.45 ? 'S31A' : 'S32';
    const daysAgo = Math.floor(random() * 170);
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
    options.onProgress?.(i + 1, total);
  }
  // Cases worked through casework, at every stage, with their letters (see demo-casework.ts).
  const worked = options.workedCases ?? Math.min(24, total);
  if (worked > 0) await seedDemoCasework(services, { cases: worked, now, random });
  return { users, tokens: users, cases: total, workedCases: worked };
}
