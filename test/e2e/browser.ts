import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser as Chromium, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { DEMO_PASSWORD } from '../../src/cli/demo-data.js';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumAvailable = fs.existsSync(CHROMIUM);

if (!chromiumAvailable) {
  const message = `Browser tests need Chromium at ${CHROMIUM} (apt-get install chromium).`;
  // CI installs Chromium, so there a missing browser is a failure, never a silent skip.
  if (process.env.CI) throw new Error(message);
  console.warn(`\n*** SKIPPING browser tests: ${message} ***\n`);
}

export interface Browser {
  t: TestApp;
  baseUrl: string;
  context: BrowserContext;
  close(): Promise<void>;
}

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let chromiumOfThisWorker: Promise<Chromium> | undefined;

/**
 * One headless Chromium for every browser file this worker runs (they run one after the other on a
 * worker, which keeps its modules between files: `isolate: false`). Each file gets a context of its
 * own from it (`newContext`): its own cookies, storage and cache, as a new incognito window has, so
 * no file sees another's session; the file closes its context when done. Starting Chromium took
 * about 3 s of each browser file (a persistent context and profile per file), a context takes a
 * fraction of that. Chromium closes with the worker (Playwright closes the browsers it launched when
 * the process ends); if it is lost (a crash), the next file starts another.
 */
export function sharedChromium(): Promise<Chromium> {
  chromiumOfThisWorker ??= chromium
    .launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS })
    .then((browser) => {
      browser.on('disconnected', () => (chromiumOfThisWorker = undefined));
      return browser;
    })
    .catch((error: unknown) => {
      chromiumOfThisWorker = undefined;
      throw error;
    });
  return chromiumOfThisWorker;
}

/**
 * A new browser context (a fresh cookie jar) in this worker's Chromium. axe is injected as an inline
 * script, which the service's own CSP (rightly) forbids: hence `bypassCSP`.
 */
export async function newBrowserContext(): Promise<BrowserContext> {
  return (await sharedChromium()).newContext({ bypassCSP: true });
}

/** The real service on a free port, over a fresh test database, and a browser context of its own. */
export async function startBrowser(): Promise<Browser> {
  const t = await createTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const context = await newBrowserContext();
  return {
    t,
    baseUrl,
    context,
    async close() {
      await context.close();
      await t.close();
    },
  };
}

/**
 * The pages this test file has already checked, each as a digest of its whole document (after its
 * scripts ran) and the width it was shown at, less what changes on every response though the page
 * does not: the CSRF token and the CSP nonce. The same document gives axe and the narrow-screen
 * check the same answer, so it is checked once: a journey signing officers in and out, say, checks
 * the sign-in page once rather than at every sign-in. A page that differs in anything else (a
 * banner, a row, an error, a language) is checked again.
 */
const checkedPages = new Set<string>();

async function pageDigest(page: Page): Promise<string> {
  const html = await page.evaluate(() => document.documentElement.outerHTML);
  const unchanging = html.replace(/(name="_csrf"[^>]*?value=")[^"]*"/g, '$1"').replace(/ nonce="[^"]*"/g, '');
  return createHash('sha256').update(`${page.url()}\n${page.viewportSize()?.width ?? ''}\n${unchanging}`).digest('hex');
}

/** Runs axe-core (WCAG 2.2 A and AA) on the page and fails the test on any violation. */
export async function expectAccessible(page: Page): Promise<void> {
  const digest = await pageDigest(page);
  if (checkedPages.has(digest)) return;
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    });
    return result.violations.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  expect(violations, `axe violations on ${page.url()}`).toEqual([]);
  await expectFitsNarrowScreen(page);
  checkedPages.add(digest);
}

/** The narrowest phone screen the service supports (WCAG 1.4.10 reflow: 320 CSS px; GOV.UK tests 375). */
export const NARROW_SCREEN = { width: 375, height: 800 };

/**
 * Fails when the page, shown 375 px wide, scrolls sideways; the message names the widest elements
 * that stick out (a table, a long reference), so the fix is plain. The viewport is put back after.
 */
export async function expectFitsNarrowScreen(page: Page): Promise<void> {
  const previous = page.viewportSize();
  await page.setViewportSize(NARROW_SCREEN);
  try {
    const measured = await page.evaluate((limit) => {
      const scrollWidth = document.documentElement.scrollWidth;
      const describe = (element: Element) => {
        const id = element.id ? `#${element.id}` : '';
        const classes = typeof element.className === 'string' && element.className.trim() ? `.${element.className.trim().split(/\s+/).slice(0, 3).join('.')}` : '';
        const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
        return `${element.tagName.toLowerCase()}${id}${classes}${text ? ` "${text}"` : ''}`;
      };
      // The culprits are the elements that stick out of a parent that itself fits (a table wider
      // than its column, a long reference): their descendants only follow them.
      const offending: { right: number; width: number; what: string }[] = [];
      if (scrollWidth > limit) {
        for (const element of Array.from(document.body.querySelectorAll('*'))) {
          const box = element.getBoundingClientRect();
          const parent = element.parentElement?.getBoundingClientRect();
          if (box.width > 0 && box.right > limit + 0.5 && (!parent || parent.right <= limit + 0.5)) {
            offending.push({ right: Math.round(box.right), width: Math.round(box.width), what: describe(element) });
          }
        }
      }
      offending.sort((a, b) => b.right - a.right);
      return { scrollWidth, offending: offending.slice(0, 8).map((o) => `${o.what} (right edge ${o.right} px, ${o.width} px wide)`) };
    }, NARROW_SCREEN.width);
    expect(measured.scrollWidth, `${page.url()} scrolls sideways at ${NARROW_SCREEN.width} px (page is ${measured.scrollWidth} px wide); widest elements:\n  ${measured.offending.join('\n  ')}`).toBeLessThanOrEqual(NARROW_SCREEN.width);
  } finally {
    if (previous) await page.setViewportSize(previous);
  }
}

export async function signIn(page: Page, baseUrl: string, username: string): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await expectAccessible(page);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForLoadState('load');
}
