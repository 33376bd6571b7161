import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, WebClient, type TestApp } from '../../../test/support/app.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import { openApiDocument } from './api.js';
import { routeAccessRegistry, type Access } from './access.js';

/*
 * Malformed requests to every operation of the OpenAPI document and every form of the web pages,
 * generated with fast-check from a fixed seed (the same requests on every run), each with valid
 * authentication so it reaches its handler: an API token of a role the operation allows, a signed-in
 * session and its CSRF token. Text with NUL bytes and half surrogate pairs, huge and negative
 * numbers, impossible and far-off dates, wrong types, missing fields, repeated query parameters.
 * Nothing may answer 5xx, and the server must still answer at the end.
 */

const SEED = 20_261_204;
/** Requests per API operation, per web form, per web page with a query string. */
const PER_API_OPERATION = 18;
const PER_WEB_FORM = 10;
const PER_WEB_PAGE = 4;

interface Sent {
  method: string;
  url: string;
  status: number;
  payload?: string;
  body: string;
}

let t: TestApp;
const sent: Sent[] = [];
const web = new Map<string, WebClient>();
let known: { reference: string; liabilityIds: string[]; partyId: string; incidentId: string | null };

beforeAll(async () => {
  t = await createTestApp();
  // One case (two responsible people) and one party, so that real ids reach the handlers.
  const referral = await t.app.inject({
    method: 'POST',
    url: '/api/v1/referrals',
    headers: { ...bearer('port-officer'), 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    payload: JSON.stringify({
      port: 'CQF',
      incidentDate: ukDate(new Date()),
      offence: 'S31A',
      vehicleRegistration: 'WGM 4521K',
      vehicleCountry: 'PL',
      driverName: 'Piotr Kowalski',
      companyName: 'Trans-Pol Sp. z o.o.',
    }),
  });
  expect(referral.statusCode, referral.body).toBe(201);
  const { reference } = referral.json() as { reference: string };
  const kase = (await t.app.inject({ url: `/api/v1/cases/${reference}`, headers: bearer('caseworker-eo') })).json() as { liabilities: { id: string }[] };
  const party = await t.app.inject({
    method: 'POST',
    url: '/api/v1/parties',
    headers: { ...bearer('caseworker-eo'), 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    payload: JSON.stringify({ kind: 'person', name: 'Jan Novák', country: 'CZ' }),
  });
  expect(party.statusCode, party.body).toBe(201);
  known = { reference, liabilityIds: kase.liabilities.map((l) => l.id), partyId: (party.json() as { partyId: string }).partyId, incidentId: null };
}, 120_000);
afterAll(async () => t?.close());

// ---- The values: plausible ones, and the ones a careless or hostile client sends ----------------

const NASTY_TEXT = [
  'abc\u0000def',
  '\u0000',
  '\ud800',
  'x\udc00y',
  '\u0007bell',
  '2026-02-30',
  '9999-99-99',
  '9999-12-31',
  '0000-01-01',
  '1900-01-01',
  '2030-01-01',
  '-1',
  '1e309',
  '99999999999999.99',
  '',
  '   ',
  'A'.repeat(6000),
  "'; drop table cases; --",
  '<script>alert(1)</script>',
  '\u202eevil',
  'Łukasz 🚚',
  '../../etc/passwd',
  '%00',
];
const NASTY_NUMBERS = [0, -1, -0.5, 1.5, 2 ** 31, 2_150_000_000, 9_999_999_999_999_999, 2 ** 53, 2 ** 63, 1e308, -1e308, 1_000_000_000, 500];
const NASTY_OTHER: unknown[] = [null, true, false, [], {}, [1, 2], { a: '\u0000' }, ['\ud800']];

const nastyText = fc.constantFrom(...NASTY_TEXT);
const nastyValue: fc.Arbitrary<unknown> = fc.oneof(nastyText, fc.constantFrom(...NASTY_NUMBERS), fc.constantFrom(...NASTY_OTHER));

const today = ukDate(new Date());
const plausibleDate = fc.constantFrom(today, '2025-06-01', '2024-02-29', '2023-02-13', '2026-01-31');

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  minimum?: number;
  maximum?: number;
};

/** A plausible string for a field, by its name (ids of the seeded records reach deeper). */
function textFor(name: string): fc.Arbitrary<string> {
  const lower = name.toLowerCase();
  if (lower === 'liabilityid' || lower === 'liabilityids') return fc.constantFrom(...known.liabilityIds);
  if (lower.includes('partyid')) return fc.constant(known.partyId);
  if (lower === 'reference' || lower.includes('casereference')) return fc.constant(known.reference);
  if (/date|on$|birth/.test(lower)) return plausibleDate;
  if (lower.includes('country')) return fc.constantFrom('PL', 'GB', 'ZZ');
  if (lower === 'port') return fc.constantFrom('CQF', 'DVR');
  if (lower.includes('registration')) return fc.constantFrom('WGM 4521K', 'AB12 CDE');
  if (lower.endsWith('id')) return fc.oneof(fc.uuid(), fc.constant(known.partyId));
  return fc.string({ maxLength: 30 });
}

function valueFor(schema: JsonSchema | undefined, name: string, depth = 0): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 3, arbitrary: plausible(schema, name, depth) }, { weight: 1, arbitrary: nastyValue });
}

function plausible(schema: JsonSchema | undefined, name: string, depth: number): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return fc.oneof(fc.string({ maxLength: 10 }), fc.integer());
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices?.length) return fc.oneof(...choices.map((s) => plausible(s, name, depth + 1)));
  if (schema.allOf?.length) return plausible(schema.allOf[0], name, depth + 1);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  const type = Array.isArray(schema.type) ? schema.type.find((x) => x !== 'null') : schema.type;
  switch (type) {
    case 'string':
      return schema.format === 'date' ? plausibleDate : schema.format === 'uuid' ? fc.uuid() : textFor(name);
    case 'integer':
      return /version/i.test(name) ? fc.integer({ min: 0, max: 12 }) : fc.integer({ min: schema.minimum ?? -10, max: Math.min(schema.maximum ?? 10_000_000, 2 ** 31) });
    case 'number':
      return fc.double({ min: -1e6, max: 1e9, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(valueFor(schema.items, name, depth + 1), { maxLength: 3 });
    case 'object':
      return objectFor(schema, depth);
    default:
      return fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.boolean());
  }
}

/** An object of the schema's fields: each present or missing, plausible or nasty; sometimes a stray one. */
function objectFor(schema: JsonSchema, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const properties = Object.entries(schema.properties ?? {});
  const required = new Set(schema.required ?? []);
  return fc
    .tuple(
      ...properties.map(([name, property]) =>
        fc.option(valueFor(property, name, depth + 1), { freq: required.has(name) ? 8 : 2, nil: undefined }).map((value) => [name, value] as const),
      ),
      fc.option(fc.tuple(fc.constantFrom('extra', '\ud800', 'a\u0000'), nastyValue), { freq: 1, nil: undefined }),
    )
    .map((entries) => {
      const object: Record<string, unknown> = {};
      for (const entry of entries.slice(0, -1) as (readonly [string, unknown])[]) if (entry[1] !== undefined) object[entry[0]] = entry[1];
      const stray = entries.at(-1) as [string, unknown] | undefined;
      if (stray) object[stray[0]] = stray[1];
      return object;
    });
}

/** Percent-encodes text, keeping a lone surrogate as the bytes a careless client sends for it. */
function encode(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.charCodeAt(0);
    out += char.length === 1 && code >= 0xd800 && code <= 0xdfff ? '%ED%A0%80' : encodeURIComponent(char);
  }
  return out;
}

const NASTY_PATH = ['%00', 'a%00b', '%ED%A0%80', '9999-99-99', '2026-02-30', 'x'.repeat(300), '%25', '%E0%A4%A', '..%2F..%2F', '-1', '0'];

/** A path with each parameter replaced: mostly a real record's id, sometimes a malformed one. */
function pathFor(template: string, realParam: (name: string) => string[]): fc.Arbitrary<string> {
  const names = [...template.matchAll(/[:{]([A-Za-z]+)\}?/g)].map((m) => m[1]!);
  return fc.tuple(...names.map((name) => fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...realParam(name)).map(encodeURIComponent) }, { weight: 1, arbitrary: fc.constantFrom(...NASTY_PATH) }))).map((values) => {
    let i = 0;
    return template.replace(/[:{]([A-Za-z]+)\}?/g, () => values[i++]!);
  });
}

/** A query string of the given parameters: each absent, plausible, nasty, or sent twice. */
function queryFor(names: string[]): fc.Arbitrary<string> {
  if (names.length === 0) return fc.constant('');
  return fc
    .tuple(
      ...names.map((name) =>
        fc.oneof(
          { weight: 2, arbitrary: fc.constant<string[]>([]) },
          { weight: 2, arbitrary: textFor(name).map((v) => [`${name}=${encode(v)}`]) },
          { weight: 2, arbitrary: nastyText.map((v) => [`${name}=${encode(v)}`]) },
          { weight: 1, arbitrary: fc.tuple(textFor(name), nastyText).map(([a, b]) => [`${name}=${encode(a)}`, `${name}=${encode(b)}`]) },
        ),
      ),
    )
    .map((parts) => {
      const flat = parts.flat();
      return flat.length ? `?${flat.join('&')}` : '';
    });
}

function realParam(name: string): string[] {
  switch (name) {
    case 'reference':
      return [known.reference];
    case 'liabilityId':
      return known.liabilityIds;
    case 'id':
      return [known.partyId, randomUUIDFixed];
    case 'type':
      return ACTION_TYPES;
    default:
      return [randomUUIDFixed, 'abc'];
  }
}
const randomUUIDFixed = '0190c8a1-0000-7000-8000-000000000000';
let ACTION_TYPES: string[] = [];

function roleFor(access: Access | undefined, fallback = 'manager'): string {
  if (!access || !('roles' in access)) return fallback;
  return access.roles.find((role) => role !== 'plate-reader') ?? access.roles[0]!;
}

async function webClient(role: string): Promise<WebClient> {
  let client = web.get(role);
  if (!client) {
    client = await WebClient.signedIn(t.app, role);
    await client.get('/account'); // a CSRF token minted for the signed-in session
    web.set(role, client);
  }
  return client;
}

async function send(request: { method: string; url: string; headers: Record<string, string>; payload?: string }): Promise<void> {
  const response = await t.app.inject({ method: request.method as 'GET', url: request.url, headers: request.headers, ...(request.payload === undefined ? {} : { payload: request.payload }) });
  sent.push({ method: request.method, url: request.url, status: response.statusCode, ...(request.payload === undefined ? {} : { payload: request.payload.slice(0, 400) }), body: response.body.slice(0, 300) });
}

describe('fuzzing every operation and form', () => {
  it('answers no malformed request with a 5xx, and still answers afterwards', async () => {
    const doc = openApiDocument() as { paths: Record<string, Record<string, { 'x-roles'?: string[]; parameters?: { name: string; in: string }[]; requestBody?: { content: { 'application/json'?: { schema: JsonSchema } } } }>> };
    ACTION_TYPES = [...new Set(Object.keys(doc.paths).flatMap((p) => /\/actions\/([A-Za-z]+)$/.exec(p)?.[1] ?? []))];
    let operations = 0;
    let seed = SEED;

    // 1. The JSON API, from its OpenAPI document.
    for (const [template, methods] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        operations += 1;
        const role = (operation['x-roles'] ?? ['manager']).find((r) => r !== 'administrator') ?? operation['x-roles']?.[0] ?? 'manager';
        const queryNames = (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
        // An upload (multipart/form-data) is sent without a body or with JSON: it must answer 415, never a 5xx.
        const schema = operation.requestBody?.content['application/json']?.schema;
        const body: fc.Arbitrary<string | undefined> = schema
          ? fc.oneof(
              { weight: 8, arbitrary: plausible(schema, '(body)', 0).map((v) => JSON.stringify(v)) },
              { weight: 1, arbitrary: nastyValue.map((v) => JSON.stringify(v)) },
              { weight: 1, arbitrary: fc.constantFrom('{"a":', '[1,2', '{"x":"\\ud800"}', '{"x":"\\u0000"}', '{"n":1e999}') },
            )
          : fc.constant(undefined);
        const requests = fc.sample(fc.tuple(pathFor(template, realParam), queryFor([...queryNames, 'q']), body, fc.boolean()), { seed: seed++, numRuns: PER_API_OPERATION });
        for (const [path, query, payload, json] of requests) {
          await send({
            method: method.toUpperCase(),
            url: `${path}${query}`,
            headers: { ...bearer(role), 'idempotency-key': randomUUID(), ...(payload === undefined ? {} : { 'content-type': json ? 'application/json' : 'text/plain' }) },
            ...(payload === undefined ? {} : { payload }),
          });
        }
      }
    }

    // 2. The web pages: every page with a query string of its usual and unusual parameters, and the
    //    names of the fields of its forms kept for step 3.
    const fieldsOf = new Map<string, Set<string>>();
    const PAGE_QUERY = ['q', 'page', 'offence', 'port', 'stage', 'age', 'within', 'liability', 'kind', 'from', 'to', 'registration', 'search', 'recorded', 'returnTo', 'about', 'hearing'];
    const routes = [...routeAccessRegistry.values()].filter((r) => !r.url.startsWith('/api/') && !r.url.startsWith('/assets/') && !r.url.startsWith('/static/') && r.url !== '*' && r.url !== '/*');
    for (const route of routes.filter((r) => r.method === 'GET')) {
      operations += 1;
      const client = await webClient(roleFor(route.access));
      const plain = route.url.replace(/:([A-Za-z]+)/g, (_m, name: string) => encodeURIComponent(realParam(name)[0]!));
      const page = await client.get(`${plain}?liability=${known.liabilityIds[0]}`);
      sent.push({ method: 'GET', url: plain, status: page.statusCode, body: page.body.slice(0, 300) });
      const names = fieldsOf.get(route.url) ?? new Set<string>();
      for (const m of page.body.matchAll(/<(?:input|select|textarea)\b[^>]*?\sname="([^"]+)"/g)) if (m[1] !== '_csrf') names.add(m[1]!);
      fieldsOf.set(route.url, names);
      for (const [path, query] of fc.sample(fc.tuple(pathFor(route.url, realParam), queryFor(PAGE_QUERY)), { seed: seed++, numRuns: PER_WEB_PAGE })) {
        await send({ method: 'GET', url: `${path}${query}`, headers: { cookie: client.cookieHeader() } });
      }
    }
    const everyField = [...new Set([...fieldsOf.values()].flatMap((s) => [...s]))];

    // 3. Every form: its fields (from its page, or its neighbours') with plausible and nasty values.
    for (const route of routes.filter((r) => r.method === 'POST' && r.url !== '/sign-in' && r.url !== '/sign-out')) {
      operations += 1;
      const client = await webClient(roleFor(route.access));
      const parent = route.url.replace(/\/[^/]+$/, '');
      const own = [route.url, `${route.url}/new`, parent, `${parent}/new`].flatMap((u) => [...(fieldsOf.get(u) ?? [])]);
      const names = own.length ? [...new Set(own)] : everyField.slice(0, 12);
      const field = (name: string) =>
        fc.oneof(
          { weight: 2, arbitrary: textFor(name).map((v) => [v]) },
          { weight: 2, arbitrary: nastyText.map((v) => [v]) },
          { weight: 1, arbitrary: fc.constant([]) },
          { weight: 1, arbitrary: fc.tuple(textFor(name), nastyText).map(([a, b]) => [a, b]) },
        );
      const forms = fc.sample(fc.tuple(pathFor(route.url, realParam), fc.tuple(...names.map(field)), fc.boolean()), { seed: seed++, numRuns: PER_WEB_FORM });
      for (const [path, values, withLiability] of forms) {
        const parts = [`_csrf=${encodeURIComponent(client.csrfToken)}`];
        names.forEach((name, i) => {
          for (const value of values[i] ?? []) parts.push(`${encodeURIComponent(name)}=${encode(value)}`);
        });
        if (withLiability && !names.includes('liabilityIds')) parts.push(`liabilityIds=${known.liabilityIds[0]}`);
        await send({
          method: 'POST',
          url: path,
          headers: { cookie: client.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
          payload: parts.join('&'),
        });
      }
    }

    const health = await t.app.inject({ url: '/health' });
    const failures = sent.filter((r) => r.status >= 500);
    console.log(`fuzz: ${sent.length} requests over ${operations} operations and pages, ${failures.length} answered 5xx`);
    for (const failure of failures.slice(0, 40)) console.log(`${failure.status} ${failure.method} ${failure.url.slice(0, 300)}\n   sent: ${(failure.payload ?? '').slice(0, 300)}\n   got:  ${failure.body.slice(0, 200)}`);
    expect(sent.length).toBeGreaterThanOrEqual(2000);
    expect(failures.map((f) => `${f.status} ${f.method} ${f.url.slice(0, 300)} ${(f.payload ?? '').slice(0, 300)}`)).toEqual([]);
    expect(health.statusCode).toBe(200);
  }, 300_000);
});
