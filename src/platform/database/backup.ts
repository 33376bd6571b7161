import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import { pgliteExtensions } from './client.js';
import { lockDataFolder } from './lock.js';
import { readTar, writeTar, type TarEntry } from './tar.js';

/**
 * Backups of the embedded database: the whole data folder in one gzipped tar file. PGlite's own
 * dump of its database (`dumpDataDir`) is `pglite.tar` inside it, beside the folder's other files
 * (the audit secret that signs the log's anchors when CORDON_AUDIT_SECRET is not set, evidence
 * files, the email outbox), and `cordon-backup.json` lists each with its SHA-256. Both take the
 * folder's lock: the service must not be running on the folder (PGlite is one process's).
 * PostgreSQL is backed up with its own tools (docs/backups.md).
 */
export const MANIFEST = 'cordon-backup.json';
const DATABASE_ENTRY = 'pglite.tar';
const FORMAT = 'cordon-backup';

export interface BackupManifest {
  format: typeof FORMAT;
  version: 1;
  createdAt: string;
  database: 'pglite';
  /** Events in the log when the backup was made. */
  events: number;
  files: { name: string; bytes: number; sha256: string }[];
}

/** A backup or restore refused for a reason the operator can put right (exit code 2). */
export class BackupRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupRefusedError';
  }
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** The folder's own files that are not copied: the database (dumped instead), the lock, leftovers of a replaced restore. */
function skipped(relative: string): boolean {
  const top = relative.split('/')[0]!;
  return top === 'pglite' || top.startsWith('cordon.lock') || top.includes('.before-restore-');
}

function filesOf(root: string, exclude: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      const relative = path.relative(root, full).split(path.sep).join('/');
      if (skipped(relative) || path.resolve(full) === exclude) continue;
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) found.push(relative);
    }
  };
  walk(root);
  return found.sort();
}

async function countEvents(client: PGlite): Promise<number> {
  try {
    const result = await client.query<{ n: number }>('select count(*)::int as n from events');
    return Number(result.rows[0]?.n ?? 0);
  } catch {
    return 0; // A folder never migrated has no log yet.
  }
}

function holdsDatabase(dataDir: string): boolean {
  const folder = path.join(dataDir, 'pglite');
  return fs.existsSync(folder) && fs.readdirSync(folder).length > 0;
}

/** Writes a backup of the data folder to `toFile` (through a `.partial` file, renamed when complete). */
export async function backupDataFolder(dataDir: string, toFile: string): Promise<BackupManifest> {
  const target = path.resolve(toFile);
  if (!holdsDatabase(dataDir)) throw new BackupRefusedError(`There is no Cordon database in ${dataDir} to back up (set CORDON_DATA_DIR to the service’s data folder).`);
  const lock = lockDataFolder(dataDir);
  try {
    const client = await PGlite.create(path.join(dataDir, 'pglite'), { extensions: pgliteExtensions });
    let dump: Buffer;
    let events: number;
    try {
      events = await countEvents(client);
      dump = Buffer.from(await (await client.dumpDataDir('none')).arrayBuffer());
    } finally {
      await client.close();
    }
    const entries: TarEntry[] = [{ name: DATABASE_ENTRY, data: dump }];
    for (const name of filesOf(dataDir, target)) {
      const full = path.join(dataDir, ...name.split('/'));
      const stat = fs.statSync(full);
      entries.push({ name: `folder/${name}`, data: fs.readFileSync(full), mode: stat.mode & 0o777, mtime: stat.mtime });
    }
    const manifest: BackupManifest = {
      format: FORMAT,
      version: 1,
      createdAt: new Date().toISOString(),
      database: 'pglite',
      events,
      files: entries.map((e) => ({ name: e.name, bytes: e.data.length, sha256: sha256(e.data) })),
    };
    const archive = zlib.gzipSync(writeTar([{ name: MANIFEST, data: Buffer.from(JSON.stringify(manifest, null, 2)) }, ...entries]));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const partial = `${target}.partial`;
    fs.writeFileSync(partial, archive, { mode: 0o600 });
    fs.renameSync(partial, target);
    return manifest;
  } finally {
    lock.release();
  }
}

function readBackup(fromFile: string): { manifest: BackupManifest; entries: Map<string, Buffer> } {
  let archive: Buffer;
  try {
    archive = fs.readFileSync(fromFile);
  } catch (error) {
    throw new BackupRefusedError(`The backup ${fromFile} cannot be read: ${(error as Error).message}`);
  }
  let entries: TarEntry[];
  try {
    entries = readTar(zlib.gunzipSync(archive));
  } catch (error) {
    throw new BackupRefusedError(`${fromFile} is not a Cordon backup, or it is damaged (${(error as Error).message}).`);
  }
  const byName = new Map(entries.map((e) => [e.name, e.data]));
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(byName.get(MANIFEST)?.toString('utf8') ?? 'null') as BackupManifest;
  } catch {
    manifest = null as unknown as BackupManifest;
  }
  if (!manifest || manifest.format !== FORMAT || manifest.version !== 1 || !Array.isArray(manifest.files)) {
    throw new BackupRefusedError(`${fromFile} is not a Cordon backup (it has no ${MANIFEST} that this version reads).`);
  }
  for (const file of manifest.files) {
    const data = byName.get(file.name);
    if (!data || data.length !== file.bytes || sha256(data) !== file.sha256) throw new BackupRefusedError(`The backup ${fromFile} is damaged: ${file.name} is ${data ? 'not what was backed up' : 'missing'}. Nothing was restored.`);
    if (file.name !== DATABASE_ENTRY && (!file.name.startsWith('folder/') || file.name.split('/').some((part) => part === '..' || part === '') || path.isAbsolute(file.name.slice(7)))) {
      throw new BackupRefusedError(`The backup ${fromFile} names a file outside the data folder (${file.name}). Nothing was restored.`);
    }
  }
  if (!byName.has(DATABASE_ENTRY)) throw new BackupRefusedError(`The backup ${fromFile} holds no database. Nothing was restored.`);
  return { manifest, entries: byName };
}

/**
 * Restores a backup into `dataDir`, which must hold no database (or, with `replace`, whose database
 * and files are kept aside with a `.before-restore-<time>` suffix). Returns the backup's manifest
 * and how many events the restored database holds.
 */
export async function restoreDataFolder(dataDir: string, fromFile: string, options: { replace?: boolean } = {}): Promise<{ manifest: BackupManifest; events: number; keptAside: string[] }> {
  const { manifest, entries } = readBackup(fromFile);
  fs.mkdirSync(dataDir, { recursive: true });
  const lock = lockDataFolder(dataDir);
  try {
    const files = manifest.files.filter((f) => f.name !== DATABASE_ENTRY).map((f) => f.name.slice('folder/'.length));
    const clashes = [...(holdsDatabase(dataDir) ? ['pglite'] : []), ...files.filter((name) => fs.existsSync(path.join(dataDir, ...name.split('/'))))];
    if (clashes.length && !options.replace) {
      throw new BackupRefusedError(
        `${dataDir} already holds ${clashes.includes('pglite') ? 'a database' : `files the backup would overwrite (${clashes.slice(0, 3).join(', ')}${clashes.length > 3 ? ', …' : ''})`}. ` +
          'Restore into an empty folder, or add --replace to keep what is there aside and restore over it.',
      );
    }
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const keptAside: string[] = [];
    for (const name of clashes) {
      const full = path.join(dataDir, ...name.split('/'));
      const aside = name === 'pglite' ? path.join(dataDir, `pglite.before-restore-${stamp}`) : `${full}.before-restore-${stamp}`;
      fs.renameSync(full, aside);
      keptAside.push(aside);
    }
    for (const name of files) {
      const full = path.join(dataDir, ...name.split('/'));
      fs.mkdirSync(path.dirname(full), { recursive: true });
      fs.writeFileSync(full, entries.get(`folder/${name}`)!, { mode: 0o600 });
    }
    const client = await PGlite.create(path.join(dataDir, 'pglite'), { extensions: pgliteExtensions, loadDataDir: new Blob([new Uint8Array(entries.get(DATABASE_ENTRY)!)]) });
    let events: number;
    try {
      events = await countEvents(client);
    } finally {
      await client.close();
    }
    return { manifest, events, keptAside };
  } finally {
    lock.release();
  }
}
