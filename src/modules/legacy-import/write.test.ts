import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createTestApp, WebClient, type TestApp } from '../../../test/support/app.js';
import { dateFields, errorSummary, openCase, POLISH_DRIVER, POLISH_OWNER, step } from '../../../test/support/casework.js';
import { prepareDatabase, projectors } from '../../app.js';
import { LEGACY_FILES } from '../../domain/legacy-import/formats.js';
import type { ImportPlan } from '../../domain/legacy-import/fold.js';
import type { ReconciliationReport } from '../../domain/legacy-import/report.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import { legacyCaseReference } from '../../domain/liability/case-reference.js';
import { openPglite, openPostgres, rowsOf, type Db } from '../../platform/database/client.js';
import { readStream } from '../../platform/events/event-store.js';
import { verifyLog } from '../../platform/events/audit.js';
import { recordDigest } from '../../platform/projections/digest.js';
import { rebuildProjections } from '../../platform/projections/rebuild.js';
import { clockSql } from '../casework/work/clock-sql.js';
import { policyVersionsIn } from '../casework/case-clock.js';
import { listQueue } from '../casework/work/queries.js';
import { describeEvent } from '../casework/timeline.js';
import { vehicleActionList } from '../vehicle-action-list/val-query.js';
import { readLegacyExport } from './dry-run.js';
import { generateLegacyExport, type LegacyTruth } from './generator.js';
import { LEGACY_IMPORT_ACTOR, legacyId, localWriter, writeLegacyImport, type LegacyBatchWriter, type WriteResult } from './write.js';

/*
 * The write path of the legacy import (issue #18) on a small generated export with known defects:
 * what it writes, that it writes it once, that it survives `kill -9`, and that imported history
 * works as live history (previous penalties, the Vehicle Action List, the objection queue).
 */

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cordon-legacy-write-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const rowsOfSql = async <T,>(db: Db, query: ReturnType<typeof sql>) => rowsOf<T>(await db.execute(query));
const count = async (db: Db, query: ReturnType<typeof sql>) => Number((await rowsOfSql<{ n: number | string }>(db, query))[0]!.n);

describe('importing a generated legacy export', () => {
  // Today, so a case opened now is later than every imported penalty (the previous-penalty rule).
  const today = ukDate(new Date());
  let t: TestApp;
  let db: Db;
  let truth: LegacyTruth;
  let plan: ImportPlan;
  let report: ReconciliationReport;
  let written: WriteResult;
  const progress: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    db = t.database.db;
    const dir = path.join(work, 'export');
    truth = await generateLegacyExport({ dir, rows: 400, seed: 7, today });
    ({ plan, report } = await readLegacyExport({ dir, today }));
    written = await writeLegacyImport(db, { plan, projectors, today, batchSize: 40, onProgress: (p) => progress.push(`${p.phase} ${p.done}/${p.total}`) });
  }, 240_000);
  afterAll(async () => t?.close());

  it('writes every case and resolves every party through the register, with the counts of the generator’s truth', () => {
    expect(report.rows).toEqual(truth.rows);
    expect(report.liabilities).toEqual(truth.liabilities);
    expect(report.money).toEqual(truth.money);
    expect(report.casesForReview).toEqual(truth.casesForReview);
    expect(written.cases).toEqual({ written: truth.cases.created, alreadyThere: 0 });
    // What the register did: one entry per party (the same company in several spellings is one), none there before.
    expect(written.parties).toEqual({ created: truth.parties.created, matched: 0, mergedVariants: truth.parties.mergedVariants });
    expect(truth.parties.mergedVariants).toBeGreaterThan(0);
    // Progress per batch, parties then cases.
    expect(progress.at(-1)).toBe(`cases ${truth.cases.created}/${truth.cases.created}`);
    expect(progress.filter((p) => p.startsWith('cases')).length).toBe(Math.ceil(truth.cases.created / 40));
  });

  it('makes every company spelling one register entry, with its other spellings as names', async () => {
    const spellings = await rowsOfSql<{ party_id: string; names: number }>(
      db,
      sql`select party_id, count(*)::int as names from party_names group by party_id having count(*) > 1`,
    );
    expect(spellings.reduce((sum, row) => sum + row.names - 1, 0)).toBe(truth.parties.mergedVariants);
    expect(await count(db, sql`select count(*) as n from parties`)).toBe(truth.parties.created);
  });

  it('marks every imported fact as migrated from its file and line, and the timeline says so', async () => {
    const events = await rowsOfSql<{ type: string; payload: { migrated?: { file: string; line: number } } }>(db, sql`select type, payload from events where actor_id = ${LEGACY_IMPORT_ACTOR.id}`);
    expect(events.length).toBe(written.events);
    const files = new Set<string>(Object.values(LEGACY_FILES));
    for (const event of events) {
      expect(files.has(event.payload.migrated?.file ?? ''), event.type).toBe(true);
      expect(event.payload.migrated!.line).toBeGreaterThan(1);
    }
    // The regular events of live casework carry the imported history.
    const types = new Set(events.map((e) => e.type));
    for (const type of ['CaseOpened', 'LiabilityOpened', 'LiabilityPartyConfirmed', 'InitialNoticeSent', 'PenaltyImposed', 'ObjectionReceived', 'ObjectionDetermined', 'AppealLodged', 'PaymentReceived', 'PaidInFull', 'ReviewStarted', 'LegacyStatusMigrated', 'PartyRegistered']) {
      expect(types, type).toContain(type);
    }
    const imposed = plan.cases.find((c) => c.liabilities.some((l) => l.penaltyNoticeOn))!;
    const stream = await readStream(db, `case-${legacyId('case', imposed.ref)}`);
    const penalty = stream.find((e) => e.type === 'PenaltyImposed')!;
    const line = imposed.liabilities.find((l) => l.penaltyNoticeOn)!.line;
    expect(describeEvent(penalty)!.description).toContain(`Migrated from the legacy record: cecpt-database.csv, line ${line}.`);
    const caseworker = await WebClient.signedIn(t.app, 'caseworker-eo');
    const page = await caseworker.get(`/cases/${legacyCaseReference(imposed.ref)}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`Migrated from the legacy record: cecpt-database.csv, line ${line}.`);
  });

  it('produces no letter and no notification for an imported fact', async () => {
    expect(await count(db, sql`select count(*) as n from events where type in ('LetterProduced', 'LetterPosted')`)).toBe(0);
    expect(await count(db, sql`select count(*) as n from case_letters`)).toBe(0);
    expect(await count(db, sql`select count(*) as n from officer_notifications`)).toBe(0);
    // Whatever jobs the import's transactions queued (none), run them: still no letter.
    await t.services.jobs.runUntilIdle();
    expect(await count(db, sql`select count(*) as n from case_letters`)).toBe(0);
  });

  it('changes nothing when the same files are imported again', async () => {
    const before = await recordDigest(db, projectors);
    const again = await writeLegacyImport(db, { plan, projectors, today, batchSize: 100 });
    expect(again.cases).toEqual({ written: 0, alreadyThere: truth.cases.created });
    expect(again.parties).toMatchObject({ created: 0, matched: truth.parties.created });
    expect(again.events).toBe(0);
    expect(await recordDigest(db, projectors)).toEqual(before);
  });

  it('records the same when the batches go to several writers and commit out of order (as the worker threads do)', async () => {
    // Two bare databases (the test app's has users and policy of its own): one writer, and two.
    const single = await openPglite(undefined);
    const other = await openPglite(undefined);
    try {
      await prepareDatabase(single);
      await prepareDatabase(other);
      const alone = await writeLegacyImport(single.db, { plan, projectors, today, batchSize: 40 });
      const local = localWriter(other.db, { projectors, today });
      // PGlite has one connection: one batch at a time, but writer 0 lets writer 1's later batch go first.
      let queue: Promise<unknown> = Promise.resolve();
      const commits: number[] = [];
      const serial = <T,>(writer: number, work: () => Promise<T>): Promise<T> => {
        const mine = (writer === 0 ? new Promise((resolve) => setTimeout(resolve, 30)) : Promise.resolve()).then(() => {
          const run = queue.then(work).finally(() => commits.push(writer));
          queue = run.catch(() => {});
          return run;
        });
        return mine;
      };
      const writers: LegacyBatchWriter[] = [0, 1].map((index) => ({
        capacity: 1,
        parties: (batch) => serial(index, () => local.parties(batch)),
        cases: (cases, parties) => serial(index, () => local.cases(cases, parties)),
        close: async () => {},
      }));
      const seen: string[] = [];
      const split = await writeLegacyImport(other.db, { plan, projectors, today, batchSize: 40, writers, onProgress: (p) => seen.push(`${p.phase} ${p.done}/${p.total}`) });
      expect(commits).toContain(0);
      expect(commits).toContain(1);
      expect(commits.slice(0, 2)).toEqual([1, 0]);
      expect(split).toEqual(alone);
      expect(split.events).toBe(written.events);
      expect(seen).toEqual(progress);
      const [a, b] = [await recordDigest(single.db, projectors), await recordDigest(other.db, projectors)];
      expect(b.events).toBe(a.events);
      expect(b.tables).toEqual(a.tables);
    } finally {
      await single.close();
      await other.close();
    }
  }, 240_000);

  it('leaves a log that verifies and read tables that the projections rebuild exactly', async () => {
    const audit = await verifyLog(db, 'test-audit-secret');
    expect(audit.problems).toEqual([]);
    expect(audit.checked).toBeGreaterThanOrEqual(written.events);
    const rebuilt = await rebuildProjections(db, projectors, { keep: false });
    expect(rebuilt.differences).toEqual([]);
  }, 120_000);

  it('keeps a case past its 180 days without a penalty notice as it is, under review where caseworkers see it', async () => {
    expect(truth.casesForReview.length).toBeGreaterThan(0);
    for (const { ref } of truth.casesForReview) {
      const rows = await rowsOfSql<{ stage: string; val_block: string | null; imposed_on: string | null }>(
        db,
        sql`select l.stage, l.val_block, l.imposed_on::text from liabilities l join cases c on c.id = l.case_id where c.reference = ${legacyCaseReference(ref)}`,
      );
      expect(rows.every((row) => row.imposed_on === null)).toBe(true);
      expect(rows.some((row) => (row.val_block ?? '').startsWith('Not imposed') || (row.val_block ?? '').startsWith('Under review'))).toBe(true);
      const stream = await readStream(db, `case-${legacyId('case', ref)}`);
      expect(stream.some((e) => e.type === 'ReviewStarted'), ref).toBe(true);
    }
  });

  it('counts an imported company’s earlier penalty: a new incident’s penalty starts higher (the calculator’s real path)', async () => {
    // The imported company with the latest penalty notice, not cancelled, owner or hirer.
    const candidates = plan.cases
      .flatMap((c) => c.liabilities.map((l) => ({ c, l })))
      .filter(({ l }) => l.party.kind === 'organisation' && l.penaltyNoticeOn && l.imposedPence > 0 && l.status !== 'Objection upheld' && l.status !== 'Cancelled' && l.objections.length === 0 && l.appeals.length === 0)
      .sort((a, b) => (a.l.penaltyNoticeOn! < b.l.penaltyNoticeOn! ? 1 : -1));
    const imported = candidates[0]!;
    const [row] = await rowsOfSql<{ party_id: string }>(db, sql`select party_id from liabilities where id = ${legacyId('liability', `${imported.c.ref}/${imported.l.party.partyKey}`)}`);
    const importedParty = row!.party_id;

    const caseworker = await WebClient.signedIn(t.app, 'caseworker-eo');
    const assurer = await WebClient.signedIn(t.app, 'assurer-ho');
    async function recommendationFor(companyName: string, partyId: string | null) {
      const opened = await openCase(t, { responsiblePersons: [{ ...POLISH_DRIVER, name: 'Jan Nowy', dateOfBirth: '1980-02-03' }, { ...POLISH_OWNER, name: companyName }] });
      for (const liability of opened.liabilities) {
        const confirm = liability.role === 'owner' && partyId
          ? await caseworker.post(`/cases/${opened.reference}/liabilities/${liability.id}/party`, { partyId })
          : await caseworker.post(`/cases/${opened.reference}/liabilities/${liability.id}/new-party`, {});
        expect(confirm.statusCode, confirm.body.slice(0, 300)).toBe(303);
      }
      const owner = opened.liabilities.find((l) => l.role === 'owner')!;
      await step(caseworker, opened.reference, 'sendInitialNotice', owner.id);
      await step(caseworker, opened.reference, 'recordResponse', owner.id, dateFields('receivedOn', ukDate(t.clock.now())));
      const drafted = await step(caseworker, opened.reference, 'draftRecommendation', owner.id, { compliedWithRegulations: 'no' });
      expect(drafted.statusCode, errorSummary(drafted.body)).toBe(303);
      void assurer;
      return (await t.services.cases.caseFile(opened.reference))!.states.get(owner.id)!.recommendation!;
    }
    const withHistory = await recommendationFor(imported.l.party.name, importedParty);
    const withoutHistory = await recommendationFor('Zzyzx Brand New Freight Ltd', null);
    expect(withHistory.steps[0]!.label).toMatch(/previous/);
    expect(withHistory.amountPence).toBeGreaterThan(withoutHistory.amountPence);
  }, 120_000);

  it('puts the lorry of an imported overdue debt on the Vehicle Action List', async () => {
    const debts = plan.cases.flatMap((c) =>
      c.liabilities.filter((l) => l.status === 'Debt referral' && l.outstandingPence > 0 && l.partyType !== 'Driver' && l.penaltyNoticeOn && l.objections.length === 0 && l.appeals.length === 0).map(() => c),
    );
    expect(debts.length).toBeGreaterThan(0);
    const list = await vehicleActionList(db, today);
    const listed = new Set(list.flatMap((entry) => entry.caseRefs));
    for (const debt of debts) expect(listed, debt.ref).toContain(legacyCaseReference(debt.ref));
    // And a debt paid in full puts nothing on it.
    const paid = plan.cases.find((c) => c.liabilities.every((l) => l.status === 'Paid'))!;
    expect(listed).not.toContain(legacyCaseReference(paid.ref));
  });

  it('shows an imported pending objection in the objection queue', async () => {
    const pending = plan.cases.filter((c) => c.liabilities.some((l) => l.stage === 'objection-received' && l.objections.some((o) => o.decision === null)));
    expect(pending.length).toBeGreaterThan(0);
    const clock = clockSql(await policyVersionsIn(db));
    const viewer = { id: '00000000-0000-4000-8000-000000000001', roles: ['caseworker-eo'] };
    const queue = async (within: 'objection-missed' | 'objection-two-weeks') =>
      new Set((await listQueue(db, { queue: 'deadline', filters: { within }, viewer, today, clock, pageSize: 500 })).rows.map((row) => row.reference));
    const missed = await queue('objection-missed');
    const soon = await queue('objection-two-weeks');
    for (const kase of pending) expect(missed.has(legacyCaseReference(kase.ref)) || soon.has(legacyCaseReference(kase.ref)), kase.ref).toBe(true);
  });

  it('finds an imported case by its CECPT Ref as the old record wrote it', async () => {
    const kase = plan.cases[0]!;
    const clock = clockSql(await policyVersionsIn(db));
    const viewer = { id: '00000000-0000-4000-8000-000000000001', roles: ['caseworker-eo'] };
    const found = await listQueue(db, { queue: 'open', filters: { q: kase.ref }, viewer, today, clock });
    expect(kase.ref).toContain('/');
    expect(found.rows.map((row) => row.reference)).toEqual([legacyCaseReference(kase.ref)]);
  });
});

// ---- Stopped by kill -9 half-way, then run again: the same as an uninterrupted import ----

// The `cordon` command, bundled once for the run (test/support/cordon-command.ts).
const bin = inject('cordonCommand');
const KILL_TODAY = '2026-12-01';

function runCli(args: string[], env: NodeJS.ProcessEnv, killWhen?: RegExp): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { env });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
      if (killWhen && killWhen.test(stderr)) child.kill('SIGKILL');
    });
    child.stdout.resume();
    child.on('exit', (code, signal) => resolve({ code, signal, stderr }));
  });
}

async function killedAndResumed(args: { env: NodeJS.ProcessEnv; open: () => Promise<{ db: Db; close: () => Promise<void> }>; exportDir: string; totalCases: number }) {
  const importArgs = ['import', 'legacy', '--dir', args.exportDir, '--today', KILL_TODAY, '--batch', '15'];
  // Killed once the second batch of cases has committed: mid-way through the third.
  const killed = await runCli(importArgs, args.env, /Cases written: 30 \//);
  expect(killed.signal, killed.stderr).toBe('SIGKILL');
  const half = await args.open();
  const casesAfterKill = await count(half.db, sql`select count(*) as n from cases`);
  await half.close();
  expect(casesAfterKill).toBeGreaterThan(0);
  expect(casesAfterKill).toBeLessThan(args.totalCases);
  const resumed = await runCli(importArgs, args.env);
  expect(resumed.code, resumed.stderr).toBe(0);
  expect(resumed.stderr).toMatch(/already there/);
}

async function uninterrupted(db: Db, exportDir: string) {
  const { plan } = await readLegacyExport({ dir: exportDir, today: KILL_TODAY });
  await writeLegacyImport(db, { plan, projectors, today: KILL_TODAY, batchSize: 15 });
}

describe('an import stopped by kill -9 half-way and run again', () => {
  let exportDir: string;
  let truth: LegacyTruth;
  beforeAll(async () => {
    exportDir = path.join(work, 'kill-export');
    truth = await generateLegacyExport({ dir: exportDir, rows: 150, seed: 21, today: KILL_TODAY });
  });

  // On PostgreSQL (DATABASE_URL set) the test below runs the same on the server; this one's child
  // processes never see DATABASE_URL, so it would give the same answer again (.ci/run's second pass).
  it.runIf(!process.env.DATABASE_URL)('ends as an uninterrupted import does (PGlite, the real cordon command on a data folder)', async () => {
    const killedDir = path.join(work, 'killed-data');
    const env = { ...process.env, CORDON_DATA_DIR: killedDir, LOG_LEVEL: 'warn', NODE_ENV: 'test' } as NodeJS.ProcessEnv;
    delete env.DATABASE_URL;
    const openFolder = (dir: string) => async () => {
      const database = await openPglite(dir);
      return { db: database.db, close: () => database.close() };
    };
    await killedAndResumed({ env, open: openFolder(killedDir), exportDir, totalCases: truth.cases.created });

    const referenceDir = path.join(work, 'reference-data');
    const reference = await openPglite(referenceDir);
    await prepareDatabase(reference);
    await uninterrupted(reference.db, exportDir);
    const expected = await recordDigest(reference.db, projectors);
    await reference.close();

    const resumed = await openPglite(killedDir);
    const actual = await recordDigest(resumed.db, projectors);
    await resumed.close();
    expect(actual.eventCount).toBe(expected.eventCount);
    expect(actual).toEqual(expected);
  }, 300_000);

  it.runIf(Boolean(process.env.DATABASE_URL))('ends as an uninterrupted import does (PostgreSQL)', async () => {
    const url = new URL(process.env.DATABASE_URL!);
    const admin = new pg.Client({ connectionString: url.toString() });
    await admin.connect();
    const suffix = `${process.pid}_${Date.now()}`;
    const names = { killed: `import_test_killed_${suffix}`, reference: `import_test_reference_${suffix}` };
    const urlOf = (name: string) => Object.assign(new URL(url.toString()), { pathname: `/${name}` }).toString();
    try {
      for (const name of Object.values(names)) await admin.query(`create database ${name}`);
      const open = (name: string) => async () => {
        const database = openPostgres(urlOf(name), 2);
        return { db: database.db, close: () => database.close() };
      };
      const env = { ...process.env, DATABASE_URL: urlOf(names.killed), LOG_LEVEL: 'warn', NODE_ENV: 'test' } as NodeJS.ProcessEnv;
      await killedAndResumed({ env, open: open(names.killed), exportDir, totalCases: truth.cases.created });

      const reference = openPostgres(urlOf(names.reference), 4);
      await prepareDatabase(reference);
      await uninterrupted(reference.db, exportDir);
      const expected = await recordDigest(reference.db, projectors);
      await reference.close();
      const resumed = openPostgres(urlOf(names.killed), 2);
      const actual = await recordDigest(resumed.db, projectors);
      await resumed.close();
      expect(actual).toEqual(expected);
    } finally {
      for (const name of Object.values(names)) await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  }, 300_000);
});
