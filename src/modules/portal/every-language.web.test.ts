import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, WebClient, type TestApp } from '../../../test/support/app.js';
import { portalCase, portalSignIn, type PortalCase } from '../../../test/support/portal.js';
import { LANGUAGES } from '../../platform/i18n/languages.js';
import knownGaps from '../../../locales/known-gaps.json' with { type: 'json' };

/*
 * Every public page, in every language: no message falls back to English (a fallback is marked
 * `data-untranslated="key"` by the page's `t`) unless the key is a known gap recorded, with its
 * reason, in locales/known-gaps.json. The pages are those a person reaches with no account (sign
 * in, contact, feedback) and, signed in, each page of their case and of each thing they can do.
 */

let t: TestApp;
let kase: PortalCase;

beforeAll(async () => {
  t = await createTestApp();
  kase = await portalCase(t);
});
afterAll(async () => t?.close());

const untranslated = (body: string) => [...body.matchAll(/data-untranslated="([^"]+)"/g)].map((match) => match[1]!);
const gapsOf = (language: string): string[] => Object.keys(((knownGaps as unknown as Record<string, Record<string, unknown> | undefined>)[language] ?? {}));

describe('every public page in every language', () => {
  it('has its own words for every message but the known gaps', async () => {
    const driver = kase.driver.liabilityId;
    const owner = kase.owner.liabilityId;
    const signedOutPages = [
      '/portal',
      '/contact',
      '/feedback',
      // The accreditation scheme's public pages (issue #16): apply, answer a request, guidance, the register.
      '/accreditation/apply',
      '/accreditation/apply/return',
      '/accreditation/answer',
      '/accreditation/guidance',
      '/accreditation/guidance/security-checklist',
      '/accreditation/guidance/driver-instructions',
      '/accreditation/guidance/training-toolkit',
      '/accreditation/members',
    ];
    // An application being drafted: its task list and every page of it.
    const applicant = new WebClient(t.app);
    await applicant.get('/accreditation/apply');
    expect((await applicant.post('/accreditation/apply/start', {})).statusCode).toBe(303);
    const draftPages = [
      '/accreditation/apply/tasks',
      '/accreditation/apply/company',
      '/accreditation/apply/evidence/securityDevices',
      '/accreditation/apply/evidence/driverTraining',
      '/accreditation/apply/checklists',
      '/accreditation/apply/declaration',
      '/accreditation/apply/save',
    ];
    const signedInPages = [
      '/portal/case',
      `/portal/penalties/${driver}`,
      `/portal/penalties/${owner}`,
      `/portal/penalties/${owner}/pay`,
      `/portal/penalties/${owner}/bank-transfer`,
      `/portal/penalties/${owner}/questionnaire`,
      `/portal/penalties/${owner}/objection`,
      `/portal/penalties/${owner}/means`,
      `/portal/penalties/${owner}/instalments`,
      `/portal/penalties/${owner}/contact-details`,
      '/portal/questions',
      '/portal/questions/new',
      '/portal/penalties/00000000-0000-4000-8000-000000000000',
    ];
    const owners = await portalSignIn(t, kase.owner);
    const problems: string[] = [];
    const shown = new Map<string, number>();
    for (const language of LANGUAGES) {
      const gaps = new Set(gapsOf(language));
      const visitor = new WebClient(t.app);
      for (const [client, pages] of [[visitor, signedOutPages], [owners, signedInPages], [applicant, draftPages]] as const) {
        for (const page of pages) {
          const response = await client.get(`${page}${page.includes('?') ? '&' : '?'}lang=${language}`);
          if (response.statusCode >= 500) problems.push(`${language} ${page}: ${response.statusCode}`);
          if (response.statusCode === 200 || response.statusCode === 404) {
            shown.set(page, (shown.get(page) ?? 0) + 1);
            expect(response.body, `${language} ${page}`).toContain(`lang="${language}"`);
            for (const key of untranslated(response.body)) if (!gaps.has(key)) problems.push(`${language} ${page}: ${key}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
    // Each page was really shown in every language (not refused or sent elsewhere).
    expect([...shown.entries()].filter(([, count]) => count !== LANGUAGES.length), 'pages not shown in every language').toEqual([]);
  }, 300_000);
});
