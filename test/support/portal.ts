import { expect } from 'vitest';
import { sql } from 'drizzle-orm';
import { WebClient, type TestApp } from './app.js';
import { identifyEveryone, openCase, POLISH_DRIVER, POLISH_OWNER, step, type OpenedCase } from './casework.js';
import { rowsOf } from '../../src/platform/database/client.js';
import { accessCodeInLayout } from '../../src/modules/correspondence/access-codes.js';
import type { LetterPart } from '../../src/platform/pdf/letter.js';
import en from '../../locales/en.json' with { type: 'json' };
import pl from '../../locales/pl.json' with { type: 'json' };
import ro from '../../locales/ro.json' with { type: 'json' };

/*
 * The public portal in tests. `portalCase(t)` opens a case with a Polish driver and owner and sends
 * each an initial notice, so each has a letter with an access code; `portalSignIn(t, person)` signs
 * in with that letter's details and returns a client that keeps the portal cookie.
 *
 *   const kase = await portalCase(t);
 *   const driver = await portalSignIn(t, kase.driver);           // with the postcode
 *   const owner = await portalSignIn(t, kase.owner, { language: 'pl' });
 *   await driver.get(`/portal/penalties/${kase.driver.liabilityId}`);
 */

export interface PortalPerson {
  reference: string;
  liabilityId: string;
  role: string;
  partyName: string;
  /** The access code printed on the person's newest letter (XXXX-XXXX-XX). */
  accessCode: string;
  postcode: string;
  /** YYYY-MM-DD, or null for a company. */
  dateOfBirth: string | null;
}

export interface PortalCase {
  reference: string;
  opened: OpenedCase;
  driver: PortalPerson;
  owner: PortalPerson;
}

/** The access code on the newest letter to this person (read from the letter's stored layout, as printed). */
export async function accessCodeOf(t: TestApp, liabilityId: string): Promise<string> {
  const [row] = rowsOf<{ layout_hash: string }>(
    await t.database.db.execute(sql`select layout_hash from case_letters where liability_id = ${liabilityId} order by created_at desc, id desc limit 1`),
  );
  if (!row) throw new Error(`no letter to liability ${liabilityId}`);
  const layout = await t.services.files.get(row.layout_hash);
  const code = layout ? accessCodeInLayout(JSON.parse(layout.toString('utf8')) as LetterPart[]) : null;
  if (!code) throw new Error(`no access code in the newest letter to ${liabilityId}`);
  return code;
}

/**
 * A case with a driver (a person, Polish: postcode 00-116, born 1981-02-17) and an owner (a Polish
 * company, postcode 90-001), each sent an initial notice. `overrides` go to the incident as
 * `openCase` takes them (e.g. another driver's name or date of birth for a second case).
 */
export async function portalCase(t: TestApp, overrides: Record<string, unknown> = {}, options: { caseworker?: WebClient } = {}): Promise<PortalCase> {
  const caseworker = options.caseworker ?? (await WebClient.signedIn(t.app, 'caseworker-eo'));
  const opened = await openCase(t, overrides);
  await identifyEveryone(caseworker, opened);
  for (const l of opened.liabilities) expect((await step(caseworker, opened.reference, 'sendInitialNotice', l.id)).statusCode).toBe(303);
  const persons = (overrides.responsiblePersons as (typeof POLISH_DRIVER | typeof POLISH_OWNER)[] | undefined) ?? [POLISH_DRIVER, POLISH_OWNER];
  const personOf = async (role: string): Promise<PortalPerson> => {
    const liability = opened.liabilities.find((l) => l.role === role)!;
    const recorded = persons.find((p) => p.role === role)!;
    return {
      reference: opened.reference,
      liabilityId: liability.id,
      role,
      partyName: liability.partyName,
      accessCode: await accessCodeOf(t, liability.id),
      postcode: recorded.address.postcode,
      dateOfBirth: 'dateOfBirth' in recorded ? recorded.dateOfBirth : null,
    };
  };
  return { reference: opened.reference, opened, driver: await personOf('driver'), owner: await personOf('owner') };
}

/** The sign-in form's fields for a person (postcode unless `by: 'dateOfBirth'`). */
export function signInForm(person: PortalPerson, by: 'postcode' | 'dateOfBirth' = 'postcode'): Record<string, string> {
  const [year, month, day] = (person.dateOfBirth ?? '').split('-');
  return {
    reference: person.reference,
    accessCode: person.accessCode,
    ...(by === 'postcode' ? { postcode: person.postcode } : { 'dateOfBirth-day': String(Number(day)), 'dateOfBirth-month': String(Number(month)), 'dateOfBirth-year': year ?? '' }),
  };
}

/** A client signed in to the portal as `person` (optionally after choosing a language with `?lang=`). */
export async function portalSignIn(t: TestApp, person: PortalPerson, options: { by?: 'postcode' | 'dateOfBirth'; language?: string } = {}): Promise<WebClient> {
  const client = new WebClient(t.app);
  await client.get(options.language ? `/portal?lang=${options.language}` : '/portal');
  const response = await client.post('/portal', signInForm(person, options.by));
  if (response.statusCode !== 303) throw new Error(`Portal sign-in for ${person.partyName} failed: ${response.statusCode} ${response.body.slice(0, 500)}`);
  await client.get('/portal/case');
  return client;
}

const PAGE_CATALOGUES = { en, pl, ro } as unknown as Record<'en' | 'pl' | 'ro', Record<string, string>>;
/** The words of a catalogue message in English, Polish or Romanian, up to its first placeholder: what a browser test looks for on a page. */
export function catalogueWords(language: 'en' | 'pl' | 'ro', key: keyof typeof en): string {
  const message = PAGE_CATALOGUES[language][key];
  if (typeof message !== 'string') throw new Error(`No message ${key} in ${language}`);
  return message.split('{')[0]!.trim();
}
