import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, WebClient, type TestApp } from '../../../test/support/app.js';
import { signInAs } from '../../../test/support/casework.js';
import { LANGUAGES } from '../../platform/i18n/languages.js';
import { untranslatedKeys, messageKeys } from '../../platform/i18n/messages.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('/languages', () => {
  it('lists every language with its review status, reviewer and untranslated messages for an administrator', async () => {
    const admin = await WebClient.signedIn(t.app, 'administrator');
    const page = await admin.get('/languages');
    expect(page.statusCode).toBe(200);
    for (const code of LANGUAGES) expect(page.body).toContain(`id="language-${code}"`);
    const row = (code: string) => page.body.slice(page.body.indexOf(`id="language-${code}"`)).split('</tr>')[0] ?? '';
    expect(row('en')).toContain('Source (English)');
    expect(row('pl')).toContain('Polish');
    expect(row('pl')).toContain('Machine-drafted, not reviewed');
    expect(row('pl')).toContain('Not reviewed');
    expect(row('el')).toContain('Greek');
    expect(row('el')).toContain('lang="el"');
    expect(row('de')).toContain(`${untranslatedKeys('de').length} of ${messageKeys().length}`);
    expect(row('en')).toContain(`0 of ${messageKeys().length}`);
  });

  it('is open to managers and closed to caseworkers', async () => {
    const manager = await signInAs(t, 'lang-manager', ['manager']);
    expect((await manager.get('/languages')).statusCode).toBe(200);
    const caseworker = await signInAs(t, 'lang-caseworker', ['caseworker-eo']);
    expect((await caseworker.get('/languages')).statusCode).toBe(403);
  });
});
