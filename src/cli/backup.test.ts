import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { loadConfig } from '../platform/config.js';
import { auditSecretFor, openConfiguredDatabase } from '../platform/runtime.js';
import { pgliteExtensions } from '../platform/database/client.js';
import { BackupRefusedError, backupDataFolder, restoreDataFolder } from '../platform/database/backup.js';
import { DataFolderLockedError, processStartTime } from '../platform/database/lock.js';
import { readTar, writeTar } from '../platform/database/tar.js';
import { sealEvents } from '../platform/events/audit.js';
import { buildServices, prepareDatabase } from '../app.js';
import { seedDemo } from './demo-data.js';

// The embedded database's backups, through the real `cordon` command on PGlite folders (the child
// processes never see DATABASE_URL).
// The `cordon` command, bundled once for the run (test/support/cordon-command.ts).
const bin = inject('cordonCommand');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cordon-backup-'));
const original = path.join(work, 'original');
const restored = path.join(work, 'restored');
const backupFile = path.join(work, 'backups', 'cordon.tar.gz');
const env = { ...process.env, PORT: '0', LOG_LEVEL: 'warn', NODE_ENV: 'test' } as NodeJS.ProcessEnv;
delete env.DATABASE_URL;
delete env.CORDON_AUDIT_SECRET;

afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

function run(args: string[], dataDir: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { ...env, CORDON_DATA_DIR: dataDir } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

async function tableCounts(dataDir: string): Promise<Record<string, number>> {
  const pg = await PGlite.create(path.join(dataDir, 'pglite'), { extensions: pgliteExtensions });
  try {
    const counts: Record<string, number> = {};
    for (const table of ['events', 'event_anchors', 'cases', 'users', 'api_tokens', 'service_secrets']) {
      counts[table] = (await pg.query<{ n: number }>(`select count(*)::int as n from ${table}`)).rows[0]!.n;
    }
    return counts;
  } finally {
    await pg.close();
  }
}

let before: Record<string, number>;
let references: string[];

beforeAll(async () => {
  // A data folder with users, tokens, cases and a sealed log, made through the services, as the service would.
  const config = loadConfig({ ...env, CORDON_DATA_DIR: original });
  const opened = await openConfiguredDatabase(config);
  try {
    await prepareDatabase(opened.database);
    const services = buildServices(opened.database, config);
    await seedDemo(services, { cases: 3, workedCases: 0 });
    expect(await sealEvents(opened.database.db, auditSecretFor(config))).not.toBeNull();
    const pg = opened.database.pglite!;
    await pg.query(`insert into service_secrets (name, current) values ('cookie', 'kept-in-the-database') on conflict do nothing`);
    references = (await pg.query<{ reference: string }>('select reference from cases order by reference')).rows.map((r) => r.reference);
  } finally {
    await opened.close();
  }
  before = await tableCounts(original);
  expect(before.cases).toBe(3);
  expect(before.event_anchors).toBeGreaterThan(0);
}, 300_000);

describe('cordon backup and cordon restore (the embedded database)', () => {
  it('backs up a folder, restores it into a fresh one, and the audit trail verifies there with every record in place', async () => {
    const backedUp = await run(['backup', '--to', backupFile], original);
    expect(backedUp.stderr).toBe('');
    expect(backedUp.code).toBe(0);
    expect(backedUp.stdout).toContain(`Backed up ${original} to ${backupFile} (${before.events} events`);
    expect(fs.existsSync(`${backupFile}.partial`)).toBe(false);
    expect(fs.existsSync(path.join(original, 'cordon.lock'))).toBe(false);

    // A plain gzipped tar: the manifest, PGlite's dump, and the folder's audit secret.
    const names = readTar(zlib.gunzipSync(fs.readFileSync(backupFile))).map((e) => e.name);
    expect(names.slice(0, 2)).toEqual(['cordon-backup.json', 'pglite.tar']);
    expect(names).toContain('folder/audit-secret');

    const restoring = await run(['restore', '--from', backupFile], restored);
    expect(restoring.code).toBe(0);
    expect(restoring.stdout).toContain(`into ${restored}: ${before.events} events`);

    const verified = await run(['audit', 'verify'], restored);
    expect(verified.stderr).toBe('');
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain(`Audit trail intact: ${before.events} events verified, ${before.event_anchors} anchors`);

    expect(await tableCounts(restored)).toEqual(before);
    const pg = await PGlite.create(path.join(restored, 'pglite'), { extensions: pgliteExtensions });
    try {
      expect((await pg.query<{ reference: string }>('select reference from cases order by reference')).rows.map((r) => r.reference)).toEqual(references);
      expect((await pg.query<{ current: string }>(`select current from service_secrets where name = 'cookie'`)).rows[0]?.current).toBe('kept-in-the-database');
    } finally {
      await pg.close();
    }
    expect(fs.readFileSync(path.join(restored, 'audit-secret'), 'utf8')).toBe(fs.readFileSync(path.join(original, 'audit-secret'), 'utf8'));
  }, 300_000); // three runs of the command, each starting tsx and PGlite

  it('refuses to restore over a folder that holds a database, unless told to keep it aside', async () => {
    const refused = await run(['restore', '--from', backupFile], restored);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${restored} already holds a database. Restore into an empty folder, or add --replace`);

    const replaced = await restoreDataFolder(restored, backupFile, { replace: true });
    expect(replaced.events).toBe(before.events);
    expect(replaced.keptAside.map((p) => path.basename(p).replace(/-before-restore-.*|\.before-restore-.*/, ''))).toEqual(['pglite', 'audit-secret']);
    for (const aside of replaced.keptAside) expect(fs.existsSync(aside)).toBe(true);
    expect(await tableCounts(restored)).toEqual(before);
  }, 120_000);

  it('refuses a damaged backup and a file that is not one, restoring nothing', async () => {
    const entries = readTar(zlib.gunzipSync(fs.readFileSync(backupFile)));
    const secret = entries.find((e) => e.name === 'folder/audit-secret')!;
    secret.data = Buffer.from('someone else’s key');
    const damaged = path.join(work, 'damaged.tar.gz');
    fs.writeFileSync(damaged, zlib.gzipSync(writeTar(entries)));
    const empty = path.join(work, 'never-restored');
    await expect(restoreDataFolder(empty, damaged)).rejects.toThrow(/is damaged: folder\/audit-secret is not what was backed up. Nothing was restored/);
    const notABackup = path.join(work, 'notes.txt');
    fs.writeFileSync(notABackup, 'hello');
    await expect(restoreDataFolder(empty, notABackup)).rejects.toThrow(BackupRefusedError);
    expect(fs.existsSync(path.join(empty, 'pglite'))).toBe(false);
  });

  it('refuses while the service holds the folder, saying so', async () => {
    // The lock a running service leaves: a live process (this test's parent) that started when it says.
    const lockPath = path.join(original, 'cordon.lock');
    fs.writeFileSync(lockPath, JSON.stringify({ pid: process.ppid, host: os.hostname(), startedAt: new Date().toISOString(), processStart: processStartTime(process.ppid) }));
    try {
      await expect(backupDataFolder(original, path.join(work, 'while-running.tar.gz'))).rejects.toThrow(DataFolderLockedError);
      await expect(restoreDataFolder(original, backupFile, { replace: true })).rejects.toThrow(/already in use by another Cordon process/);
    } finally {
      fs.rmSync(lockPath, { force: true });
    }
    expect(fs.existsSync(path.join(work, 'while-running.tar.gz'))).toBe(false);
  });
});
