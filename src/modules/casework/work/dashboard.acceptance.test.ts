import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, WebClient, type TestApp } from '../../../../test/support/app.js';
import { seedCases } from '../../../../test/support/seed-cases.js';
import { rowsOf } from '../../../platform/database/client.js';
import { ukDate } from '../../../domain/reference/uk-date.js';
import { workService, type WorkService } from './service.js';

/*
 * The acceptance test of the manager's dashboard: on 10,000 cases, the work-in-progress total is the
 * sum of its stages and of its age bands, and every number is the count of the list behind its link.
 */

const CASES = 10_000;
let t: TestApp;
let manager: WebClient;
let work: WorkService;
let today: string;
let dashboard: string;
const timings: Record<string, number> = {};

interface Cell {
  n: number;
  href: string;
}

const unescape = (text: string) => text.replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"');

/** The work-in-progress table as numbers and links: one row per stage, then the all-stages row. */
function wipTable(html: string): { stage: string; cells: Cell[] }[] {
  const table = /<table class="govuk-table" id="wip">([\s\S]*?)<\/table>/.exec(html)?.[1] ?? '';
  return [...table.matchAll(/<tr class="govuk-table__row" data-stage="([^"]+)">([\s\S]*?)<\/tr>/g)].map((row) => ({
    stage: row[1]!,
    cells: [...row[2]!.matchAll(/data-count="(\d+)" href="([^"]+)"/g)].map((m) => ({ n: Number(m[1]), href: unescape(m[2]!) })),
  }));
}

/** The number of cases a queue page says it lists. */
function listedTotal(html: string): number {
  const match = /data-total="(\d+)"/.exec(html);
  if (!match) throw new Error(`no total on the page: ${html.slice(0, 300)}`);
  return Number(match[1]);
}

beforeAll(async () => {
  t = await createTestApp();
  today = ukDate(t.clock.now());
  const users = await t.services.identity.listUsers();
  const officerIds = users.filter((u) => ['caseworker-eo', 'caseworker-ao', 'assurer-ho'].includes(u.username)).map((u) => u.id);
  let started = performance.now();
  await seedCases(t.database.db, { count: CASES, today, officerIds });
  timings.seedMs = performance.now() - started;
  work = workService(t.database.db, { cases: t.services.cases, identity: t.services.identity });
  manager = await WebClient.signedIn(t.app, 'manager');
  started = performance.now();
  const page = await manager.get('/dashboard');
  timings.dashboardMs = performance.now() - started;
  expect(page.statusCode, page.body.slice(0, 500)).toBe(200);
  dashboard = page.body;
}, 120_000);
afterAll(async () => {
  console.info(`dashboard acceptance timings (ms): ${JSON.stringify(Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Math.round(v)])))}`);
  await t?.close();
});

describe(`the dashboard on ${CASES.toLocaleString('en-GB')} cases`, () => {
  it('seeds the cases in a few seconds', async () => {
    const [row] = rowsOf<{ n: number }>(await t.database.db.execute(sql`select count(*)::int as n from cases`));
    expect(row!.n).toBeGreaterThanOrEqual(CASES);
    expect(timings.seedMs).toBeLessThan(15_000);
  });

  it('shows a work-in-progress total that is the sum of its stages and the sum of its age bands', () => {
    const rows = wipTable(dashboard);
    const stageRows = rows.filter((row) => row.stage !== 'all');
    const totals = rows.find((row) => row.stage === 'all')!;
    expect(stageRows.length).toBeGreaterThan(10);
    const total = totals.cells.at(-1)!.n;
    expect(total).toBeGreaterThan(CASES / 2);
    // Each stage: its bands add up to its total; the stages add up to the grand total.
    for (const row of stageRows) {
      expect(row.cells).toHaveLength(6);
      expect(row.cells.slice(0, 5).reduce((sum, c) => sum + c.n, 0), row.stage).toBe(row.cells[5]!.n);
    }
    expect(stageRows.reduce((sum, row) => sum + row.cells[5]!.n, 0)).toBe(total);
    // Each band: its stages add up to the band's total; the bands add up to the grand total.
    for (let band = 0; band < 5; band++) {
      expect(stageRows.reduce((sum, row) => sum + row.cells[band]!.n, 0)).toBe(totals.cells[band]!.n);
    }
    expect(totals.cells.slice(0, 5).reduce((sum, c) => sum + c.n, 0)).toBe(total);
  });

  it('counts the same cases as an independent count by age in days (finished stages left out)', async () => {
    const result = await t.database.db.execute(sql`
      select count(*)::int as total,
             count(*) filter (where ${today}::date - incident_date <= 28)::int as a,
             count(*) filter (where ${today}::date - incident_date between 29 and 90)::int as b,
             count(*) filter (where ${today}::date - incident_date between 91 and 150)::int as c,
             count(*) filter (where ${today}::date - incident_date between 151 and 180)::int as d,
             count(*) filter (where ${today}::date - incident_date > 180)::int as e
      from cases where stage not in ('written-off', 'closed', 'not-referred')`);
    const expected = rowsOf<Record<string, number>>(result)[0]!;
    const totals = wipTable(dashboard).find((row) => row.stage === 'all')!.cells.map((c) => c.n);
    expect(totals).toEqual([expected.a, expected.b, expected.c, expected.d, expected.e, expected.total]);
    expect(expected.a! * expected.b! * expected.c! * expected.d! * expected.e!).toBeGreaterThan(0);
  });

  it('links every number to a queue that lists exactly that many cases', async () => {
    const cells = wipTable(dashboard).flatMap((row) => row.cells.map((cell) => ({ ...cell, stage: row.stage })));
    expect(cells.length).toBeGreaterThan(60);
    const started = performance.now();
    const wrong: string[] = [];
    for (const cell of cells) {
      expect(cell.href.startsWith('/work/cases')).toBe(true);
      const page = await manager.get(cell.href);
      if (page.statusCode !== 200) wrong.push(`${cell.href} → ${page.statusCode}`);
      else if (listedTotal(page.body) !== cell.n) wrong.push(`${cell.href}: dashboard ${cell.n}, list ${listedTotal(page.body)}`);
      else {
        const listed = (page.body.match(/<tr class="govuk-table__row" data-reference=/g) ?? []).length;
        if (listed !== Math.min(cell.n, 50)) wrong.push(`${cell.href}: first page shows ${listed} rows`);
      }
    }
    timings.followedLinks = cells.length;
    timings.followLinksMs = performance.now() - started;
    expect(wrong).toEqual([]);
  });

  it('lists every case of the total exactly once when the list is paged through', async () => {
    const viewer = { id: 'analyst', roles: ['analyst'] };
    const first = await work.queue('open', {}, viewer, 1, 500);
    const seen = new Set<string>();
    for (let page = 1; page <= first.pages; page++) {
      const { rows } = page === 1 ? first : await work.queue('open', {}, viewer, page, 500);
      for (const row of rows) seen.add(row.reference);
    }
    const total = wipTable(dashboard).find((row) => row.stage === 'all')!.cells.at(-1)!.n;
    expect(first.total).toBe(total);
    expect(seen.size).toBe(total);
  });

  it('pages through one stage and age band by following the pagination links on the page', async () => {
    // The largest cell, so it has several pages.
    const cell = wipTable(dashboard)
      .filter((row) => row.stage !== 'all')
      .flatMap((row) => row.cells.slice(0, 5))
      .sort((a, b) => b.n - a.n)[0]!;
    expect(cell.n).toBeGreaterThan(50);
    const seen = new Set<string>();
    let href: string | undefined = cell.href;
    let pages = 0;
    while (href && pages < 100) {
      const page = await manager.get(href);
      for (const m of page.body.matchAll(/data-reference="([^"]+)"/g)) seen.add(m[1]!);
      pages++;
      const next = /<div class="govuk-pagination__next">\s*<a class="govuk-link govuk-pagination__link" href="([^"]+)"/.exec(page.body);
      href = next ? unescape(next[1]!) : undefined;
    }
    expect(pages).toBe(Math.ceil(cell.n / 50));
    expect(seen.size).toBe(cell.n);
  });

  it('answers the dashboard quickly enough for a manager', () => {
    expect(timings.dashboardMs).toBeLessThan(10_000);
  });
});
