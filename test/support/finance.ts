import { expect } from 'vitest';
import { WebClient, type TestApp } from './app.js';
import { dateFields, errorSummary, identifyEveryone, openCase, POLISH_DRIVER, POLISH_OWNER, step, type OpenedCase } from './casework.js';
import { ukDate } from '../../src/domain/reference/uk-date.js';

/*
 * Cases with their penalties imposed, for the finance tests: opened through the border API, walked
 * through casework on its pages (initial notice, response, recommendation, assurance), then the
 * casework clock moved on 45 days and every penalty imposed. Each case's owner gets its own name.
 */

export interface ImposedCase extends OpenedCase {
  owner: OpenedCase['liabilities'][number];
  driver: OpenedCase['liabilities'][number];
}

const OTHER_TOWNS = ['Kraków', 'Gdańsk', 'Poznań', 'Wrocław', 'Lublin', 'Szczecin'];

export async function imposedCases(t: TestApp, owners: readonly string[], options: { key?: string } = {}): Promise<ImposedCase[]> {
  const caseworker = await WebClient.signedIn(t.app, 'caseworker-eo');
  const assurer = await WebClient.signedIn(t.app, 'assurer-ho');
  const today = () => ukDate(t.clock.now());
  const opened: OpenedCase[] = [];
  for (const [index, ownerName] of owners.entries()) {
    const kase = await openCase(
      t,
      {
        incidentDate: today(),
        tractorRegistration: `WGM ${4521 + index}K`,
        // Each case's driver is another person: the register keeps the border's details, so two drivers
        // with one date of birth and address would rightly be proposed as the same person.
        responsiblePersons: [
          {
            ...POLISH_DRIVER,
            name: `${POLISH_DRIVER.name} ${index || ''}`.trim(),
            ...(index ? { dateOfBirth: `19${String(60 + index).padStart(2, '0')}-0${1 + (index % 9)}-1${index % 10}`, email: `driver${index}@example.com`, address: { line1: `ul. Polna ${index}`, town: OTHER_TOWNS[(index + 3) % OTHER_TOWNS.length]!, postcode: `4${index}-200`, country: 'PL' } } : {}),
          },
          // Each owner another company at another address (a shared address and country make a possible match).
          { ...POLISH_OWNER, name: ownerName, ...(index ? { address: { line1: `ul. Fabryczna ${index}`, town: OTHER_TOWNS[index % OTHER_TOWNS.length]!, postcode: `3${index}-100`, country: 'PL' } } : {}) },
        ],
      },
      `${options.key ?? 'finance'}-${index}-${Math.random()}`,
    );
    await identifyEveryone(caseworker, kase);
    for (const l of kase.liabilities) {
      expect((await step(caseworker, kase.reference, 'sendInitialNotice', l.id)).statusCode).toBe(303);
      expect((await step(caseworker, kase.reference, 'recordResponse', l.id, dateFields('receivedOn', today()))).statusCode).toBe(303);
      const drafted = await step(caseworker, kase.reference, 'draftRecommendation', l.id, { compliedWithRegulations: 'no' });
      expect(drafted.statusCode, errorSummary(drafted.body)).toBe(303);
      expect((await step(assurer, kase.reference, 'approveRecommendation', l.id)).statusCode).toBe(303);
    }
    opened.push(kase);
  }
  t.clock.advanceDays(45);
  for (const kase of opened) {
    const imposed = await step(caseworker, kase.reference, 'imposePenalty', kase.liabilities.map((l) => l.id));
    expect(imposed.statusCode, errorSummary(imposed.body)).toBe(303);
  }
  return opened.map((kase) => ({ ...kase, owner: kase.liabilities.find((l) => l.role === 'owner')!, driver: kase.liabilities.find((l) => l.role === 'driver')! }));
}

/** A ledger file in the finance system's format (docs/ledger-import.md), CRLF line ends. */
export function ledgerFile(lines: readonly (readonly string[])[]): Buffer {
  const header = 'transaction_id,posted_on,amount,currency,method,invoice_reference,payer_reference,payer_name';
  const quote = (field: string) => (/[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field);
  return Buffer.from([header, ...lines.map((line) => line.map(quote).join(','))].join('\r\n') + '\r\n', 'utf8');
}

/** Posts a file to the upload form as a browser would (multipart, with the CSRF token). */
export async function uploadLedger(t: TestApp, client: WebClient, bytes: Buffer, fileName = 'ledger.csv') {
  await client.get('/finance/ledger-imports');
  const boundary = '----cordon-test-boundary';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${client.csrfToken}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/csv\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.app.inject({ method: 'POST', url: '/finance/ledger-imports', headers: { cookie: client.cookieHeader(), 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body });
}
