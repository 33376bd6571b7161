/**
 * The public portal under load (issue 15 item 8): N virtual users at once, each a person with a
 * letter, through the real front door of `cordon serve` on PostgreSQL (HTTP on 127.0.0.1, not
 * inject): sign in (the form for its CSRF token, then the POST), their case, their penalty, the
 * letter's PDF, and a card payment with the offline fake provider (the pay page, start the payment,
 * the provider's page, "succeed", the return page, the receipt). `/health` is measured with as many
 * concurrent clients in the same run, before and after the journeys, and each step's p95 is given
 * as a ratio to it: the machine is shared and noisy, the ratio holds better than milliseconds.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/portal-load.ts \
 *     [--users 200] [--rounds 1] [--health 10]
 *
 * - A fresh database (`cordon_bench_portal_<time>`) on that server, dropped at the end; the data
 *   folder (letters' PDFs and layouts) is a temporary folder, removed at the end.
 * - Seeding goes through the real commands, in this process on the same database: users/2 cases,
 *   each with a driver and an owner, identified, sent an initial notice, answered, recommended,
 *   approved and the penalty imposed (the casework clock starts 46 days ago, so the 45-day response
 *   window has passed by "now"). Each person's access code is read from their newest letter's
 *   stored layout, as printed (as `test/support/portal.ts` does).
 * - The sign-in limit per address is raised through its setting (`CORDON_SIGN_IN_RATE_LIMIT`), as an
 *   operator behind a proxy would; the production default (10 a minute) is not changed.
 * - Correctness: every payment must be recorded exactly once: as many succeeded card payments as
 *   journeys, each on the penalty once (`recorded_on_penalty`), and as many card payments in the
 *   case files' event log, one per provider reference.
 * - `--rounds R` makes each user do the journey R times (paying £10 each time).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const users = Math.max(2, arg('users', 200));
const rounds = Math.max(1, arg('rounds', 1));
/** /health requests per client in each of the two /health phases. */
const healthPerClient = Math.max(1, arg('health', 10));
const baseUrl = process.env.DATABASE_URL;
if (!baseUrl || !/^postgres(ql)?:/.test(baseUrl)) {
  console.error('Set DATABASE_URL to a PostgreSQL server, e.g. postgres://postgres@127.0.0.1:5432/postgres');
  process.exit(2);
}
const cases = Math.ceil(users / 2);
const stamp = Date.now();
const databaseName = `cordon_bench_portal_${stamp}`;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cordon-bench-portal-'));
const bin = path.resolve('bin/cordon.js');

function urlFor(database: string): string {
  const u = new URL(baseUrl!);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const env: NodeJS.ProcessEnv = {
  ...process.env,
  DATABASE_URL: urlFor(databaseName),
  CORDON_DATA_DIR: dataDir,
  PORT: '0',
  LOG_LEVEL: 'warn',
  NODE_ENV: 'development',
  CORDON_AUDIT_SECRET: 'bench-audit-secret',
  // Every virtual user signs in from 127.0.0.1: the per-address limit is raised for this run only.
  CORDON_SIGN_IN_RATE_LIMIT: String(users * rounds * 10 + 1000),
};

interface Person {
  reference: string;
  liabilityId: string;
  accessCode: string;
  postcode: string;
}

/** Seeds the cases through the real commands (the staff pages and the border API, by inject) in this process. */
async function seed(): Promise<Person[]> {
  Object.assign(process.env, env);
  const { loadConfig } = await import('../src/platform/config.js');
  const { openPostgres } = await import('../src/platform/database/client.js');
  const { createApp, prepareDatabase } = await import('../src/app.js');
  const { seedDemoUsers } = await import('../src/cli/demo-data.js');
  const { SettableClock } = await import('../src/platform/clock.js');
  const { ukDate } = await import('../src/domain/reference/uk-date.js');
  const { WebClient } = await import('../test/support/app.js');
  const { dateFields, errorSummary, identifyEveryone, openCase, POLISH_DRIVER, POLISH_OWNER, step } = await import('../test/support/casework.js');
  const { accessCodeOf } = await import('../test/support/portal.js');

  const database = openPostgres(env.DATABASE_URL!, 10);
  await prepareDatabase(database);
  const clock = new SettableClock();
  clock.set(new Date(Date.now() - 46 * 86_400_000));
  const { app, services } = await createApp(database, { ...loadConfig(), logLevel: 'silent', clock, cookieSecret: 'bench-cookie-secret-bench-cookie-secret' });
  try {
    await seedDemoUsers(services);
    const t = { app, clock, services, database } as unknown as Parameters<typeof openCase>[0];
    const caseworker = await WebClient.signedIn(app, 'caseworker-eo');
    const assurer = await WebClient.signedIn(app, 'assurer-ho');
    const today = () => ukDate(clock.now());
    const pad = (n: number, width: number) => String(n).padStart(width, '0');
    // Names far apart from one another (the register proposes a possible match for look-alike names).
    const SYLLABLES = ['ba', 'ce', 'di', 'fo', 'gu', 'ha', 'je', 'ki', 'lo', 'mu', 'na', 'pe', 'ri', 'so', 'tu', 'wa', 'ze', 'by', 'cho', 'dru'];
    const word = (n: number, length: number) => {
      let w = '';
      for (let k = 0, x = (n * 7919 + length * 31) % 160_000; k < length; k++, x = Math.floor(x / 20) + k * 7) w += SYLLABLES[x % 20];
      return w[0]!.toUpperCase() + w.slice(1);
    };
    const opened: { reference: string; liabilities: { id: string; role: string }[]; postcodes: Record<string, string> }[] = [];
    const started = Date.now();
    for (let i = 0; i < cases; i++) {
      const driverPostcode = `4${i % 10}-${pad(i % 1000, 3)}`;
      const ownerPostcode = `3${i % 10}-${pad(i % 1000, 3)}`;
      const kase = await openCase(
        t,
        {
          incidentDate: today(),
          tractorRegistration: `WGM ${pad(i, 5)}B`,
          responsiblePersons: [
            { ...POLISH_DRIVER, name: `${word(i, 2)} ${word(i + 50_000, 4)}`, dateOfBirth: `19${60 + (i % 40)}-${pad(1 + (i % 12), 2)}-${pad(1 + (i % 28), 2)}`, email: `driver${i}@example.com`, address: { line1: `ul. Polna ${i}`, town: 'Kraków', postcode: driverPostcode, country: 'PL' } },
            { ...POLISH_OWNER, name: `${word(i + 90_000, 3)} ${word(i + 120_000, 3)} Logistics`, address: { line1: `ul. Fabryczna ${i}`, town: 'Poznań', postcode: ownerPostcode, country: 'PL' } },
          ],
        },
        `bench-portal-${stamp}-${i}`,
      );
      await identifyEveryone(caseworker, kase, { alwaysNewEntries: true });
      for (const l of kase.liabilities) {
        const answers = [
          await step(caseworker, kase.reference, 'sendInitialNotice', l.id),
          await step(caseworker, kase.reference, 'recordResponse', l.id, dateFields('receivedOn', today())),
          await step(caseworker, kase.reference, 'draftRecommendation', l.id, { compliedWithRegulations: 'no', ...(l.role === 'driver' ? {} : { cpasMember: 'no' }) }),
          await step(assurer, kase.reference, 'approveRecommendation', l.id),
        ];
        const refused = answers.find((a) => a.statusCode !== 303);
        if (refused) throw new Error(`seeding case ${kase.reference}: ${refused.statusCode} ${errorSummary(refused.body) || refused.body.slice(0, 300)}`);
      }
      opened.push({ reference: kase.reference, liabilities: kase.liabilities, postcodes: { driver: driverPostcode, owner: ownerPostcode } });
      if ((i + 1) % 10 === 0) console.error(`seeded ${i + 1}/${cases} cases (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    }
    clock.advanceDays(45);
    for (const kase of opened) {
      const imposed = await step(caseworker, kase.reference, 'imposePenalty', kase.liabilities.map((l) => l.id));
      if (imposed.statusCode !== 303) throw new Error(`imposing ${kase.reference}: ${imposed.statusCode} ${imposed.body.slice(0, 300)}`);
    }
    const people: Person[] = [];
    for (const kase of opened) {
      for (const l of kase.liabilities) {
        people.push({ reference: kase.reference, liabilityId: l.id, accessCode: await accessCodeOf(t, l.id), postcode: kase.postcodes[l.role]! });
      }
    }
    return people.slice(0, users);
  } finally {
    await app.close();
    await database.close();
  }
}

function serve(): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'serve'], { env });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
      const match = /serving on (http:\/\/localhost:\d+)/.exec(stderr);
      if (match) resolve({ child, url: match[1]!.replace('localhost', '127.0.0.1') });
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
  });
}

/** A browser-like client over HTTP: keeps cookies, fills in the CSRF token from the last page, follows no redirect by itself. */
class Browser {
  private cookies = new Map<string, string>();
  private csrf = '';
  constructor(private readonly base: string) {}

  async request(method: 'GET' | 'POST', url: string, form?: Record<string, string>): Promise<{ status: number; location: string; body: string; bytes: Buffer }> {
    const headers: Record<string, string> = { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
    let body: string | undefined;
    if (form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams({ _csrf: this.csrf, ...form }).toString();
    }
    const response = await fetch(new URL(url, this.base), { method, headers, body, redirect: 'manual' });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(cookie) || /max-age=0/i.test(cookie)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const bytes = Buffer.from(await response.arrayBuffer());
    const text = (response.headers.get('content-type') ?? '').includes('pdf') ? '' : bytes.toString('utf8');
    const token = /name="_csrf" value="([^"]+)"/.exec(text);
    if (token) this.csrf = token[1]!;
    const location = response.headers.get('location') ?? '';
    return { status: response.status, location: location ? new URL(location, this.base).pathname + new URL(location, this.base).search : '', body: text, bytes };
  }
}

const STEPS = ['sign-in form', 'sign in (POST)', 'case overview', 'penalty page', 'letter PDF', 'pay page', 'start payment (POST)', 'provider page', 'provider succeed (POST)', 'return page', 'receipt'] as const;
type Step = (typeof STEPS)[number];
const timings = new Map<Step, number[]>(STEPS.map((s) => [s, []]));
const failures: string[] = [];
const providerIds: string[] = [];

async function timed<T extends { status: number }>(name: Step, expected: number, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const answer = await work();
  timings.get(name)!.push(performance.now() - started);
  if (answer.status !== expected) throw new Error(`${name}: ${answer.status} (expected ${expected})`);
  return answer;
}

async function journey(base: string, person: Person): Promise<void> {
  const b = new Browser(base);
  const id = person.liabilityId;
  await timed('sign-in form', 200, () => b.request('GET', '/portal'));
  const signedIn = await timed('sign in (POST)', 303, () => b.request('POST', '/portal', { reference: person.reference, accessCode: person.accessCode, postcode: person.postcode }));
  if (!signedIn.location.startsWith('/portal/case')) throw new Error(`sign in went to ${signedIn.location}`);
  await timed('case overview', 200, () => b.request('GET', '/portal/case'));
  const penalty = await timed('penalty page', 200, () => b.request('GET', `/portal/penalties/${id}`));
  const letter = new RegExp(`/portal/penalties/${id}/letters/[0-9a-f-]{36}`).exec(penalty.body);
  if (!letter) throw new Error('no letter on the penalty page');
  const pdf = await timed('letter PDF', 200, () => b.request('GET', letter[0]));
  if (pdf.bytes.subarray(0, 4).toString() !== '%PDF') throw new Error('the letter is not a PDF');
  await timed('pay page', 200, () => b.request('GET', `/portal/penalties/${id}/pay`));
  const started = await timed('start payment (POST)', 303, () => b.request('POST', `/portal/penalties/${id}/pay`, { how: 'part', amount: '10.00' }));
  await timed('provider page', 200, () => b.request('GET', started.location));
  const back = await timed('provider succeed (POST)', 303, () => b.request('POST', started.location, { choice: 'succeed' }));
  if (!/^\/portal\/payments\/[0-9a-f-]{36}\/return/.test(back.location)) throw new Error(`the provider sent back to ${back.location}`);
  providerIds.push(started.location.split('/').pop()!.split('?')[0]!);
  const returned = await timed('return page', 303, () => b.request('GET', back.location));
  const receipt = await timed('receipt', 200, () => b.request('GET', returned.location));
  // £10 as the person's language writes it (whole pounds without pence: "£10", "10 £").
  if (!/£[\s\u00a0\u202f]?10(?![\d.,])|(?<![\d.,])10[\s\u00a0\u202f]?£/.test(receipt.body)) throw new Error('the receipt does not show the £10 paid');
}

async function healthPhase(base: string, clients: number): Promise<number[]> {
  const latencies: number[] = [];
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = 0; i < healthPerClient; i++) {
        const started = performance.now();
        const response = await fetch(`${base}/health`);
        await response.arrayBuffer();
        latencies.push(performance.now() - started);
        if (response.status !== 200) failures.push(`/health: ${response.status}`);
      }
    }),
  );
  return latencies;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;
const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));

let server: ChildProcess | null = null;
try {
  await admin((c) => c.query(`create database ${databaseName}`));
  const seedStarted = Date.now();
  const people = await seed();
  console.error(`seeded ${cases} cases, ${people.length} people with letters in ${((Date.now() - seedStarted) / 1000).toFixed(0)} s`);
  const started = await serve();
  server = started.child;
  const base = started.url;

  // Warm-up: the JIT, the templates, the connection pool.
  await healthPhase(base, 20);
  await Promise.all(Array.from({ length: 20 }, () => new Browser(base).request('GET', '/portal')));

  const healthBefore = await healthPhase(base, users);
  const portalStarted = Date.now();
  for (let round = 1; round <= rounds; round++) {
    const outcomes = await Promise.allSettled(people.map((person) => journey(base, person)));
    for (const o of outcomes) if (o.status === 'rejected') failures.push(String((o.reason as Error).message ?? o.reason));
  }
  const portalSeconds = (Date.now() - portalStarted) / 1000;
  const healthAfter = await healthPhase(base, users);

  // Correctness: each payment recorded exactly once.
  const counts = await admin(async () => {
    const db = new pg.Client({ connectionString: env.DATABASE_URL });
    await db.connect();
    try {
      const card = await db.query<{ succeeded: string; on_penalty: string; distinct_providers: string }>(
        `select count(*) filter (where status = 'succeeded') as succeeded, count(*) filter (where recorded_on_penalty) as on_penalty, count(distinct provider_id) as distinct_providers from card_payments`,
      );
      const logged = await db.query<{ events: string; references: string }>(
        `select count(*) as events, count(distinct payload->>'reference') as references from events where payload->>'method' = 'card' and payload->>'reference' = any($1)`,
        [providerIds],
      );
      return { ...card.rows[0]!, ...logged.rows[0]! };
    } finally {
      await db.end();
    }
  });
  const journeys = people.length * rounds;

  const health = [...healthBefore, ...healthAfter].sort((a, b) => a - b);
  const healthP95 = percentile(health, 0.95);
  const allPages: number[] = [];
  console.log(
    `${people.length} concurrent portal users (${cases} cases), ${rounds} journey(s) each, against one \`cordon serve\` on PostgreSQL; ${journeys} journeys in ${portalSeconds.toFixed(1)} s; load average at the end ${os.loadavg()[0]!.toFixed(1)}.`,
  );
  console.log('');
  console.log('| step | requests | p50 ms | p95 ms | p99 ms | p95 ÷ /health p95 |');
  console.log('|---|---|---|---|---|---|');
  for (const name of STEPS) {
    const sorted = [...timings.get(name)!].sort((a, b) => a - b);
    allPages.push(...sorted);
    const p95 = percentile(sorted, 0.95);
    console.log(`| ${name} | ${sorted.length} | ${ms(percentile(sorted, 0.5))} | ${ms(p95)} | ${ms(percentile(sorted, 0.99))} | ${(p95 / healthP95).toFixed(1)} |`);
  }
  allPages.sort((a, b) => a - b);
  console.log(`| **every portal request** | ${allPages.length} | ${ms(percentile(allPages, 0.5))} | ${ms(percentile(allPages, 0.95))} | ${ms(percentile(allPages, 0.99))} | **${(percentile(allPages, 0.95) / healthP95).toFixed(1)}** |`);
  console.log(`| \`/health\` (${users} clients, before and after) | ${health.length} | ${ms(percentile(health, 0.5))} | ${ms(healthP95)} | ${ms(percentile(health, 0.99))} | 1.0 |`);
  console.log('');
  console.log(
    `Payments: ${journeys} journeys, ${providerIds.length} completed; card payments succeeded ${counts.succeeded}, recorded on the penalty ${counts.on_penalty}, distinct provider references ${counts.distinct_providers}; card payment events in the log ${counts.events} for ${counts.references} references.`,
  );
  const once = Number(counts.succeeded) === journeys && Number(counts.on_penalty) === journeys && Number(counts.events) === journeys && Number(counts.references) === journeys;
  console.log(once ? 'Every payment recorded exactly once.' : '**Payments NOT recorded exactly once.**');
  if (failures.length) {
    console.log(`Failures: ${failures.length} (first: ${failures.slice(0, 3).join('; ')})`);
  }
  if (!once || failures.length) process.exitCode = 1;
} finally {
  if (server) {
    const child = server;
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
  await admin((c) => c.query(`drop database if exists ${databaseName} with (force)`));
}
