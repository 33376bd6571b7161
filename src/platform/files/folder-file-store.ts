import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertMatchesHash, contentPath, isContentHash, sha256Hex, type FileStore } from './file-store.js';

/** The folders the web server hands out as static files; evidence must never be inside them. */
const WEB_ROOTS = [path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../http/public')];

/**
 * The local default: files under `root/ab/cd/<hash>`. Each file is written to a temporary name in
 * its final folder, flushed to disk and then renamed, so a reader (or a crash) never meets half a
 * file under a real hash. Temporary names start with a dot and never look like a hash.
 */
export class FolderFileStore implements FileStore {
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
    const servedFrom = WEB_ROOTS.find((webRoot) => isInside(this.root, webRoot) || isInside(webRoot, this.root));
    if (servedFrom) {
      throw new Error(`Evidence files must be kept outside the web root: ${this.root} overlaps ${servedFrom}`);
    }
  }

  get location(): string {
    return this.root;
  }

  async put(bytes: Buffer, _mediaType: string): Promise<{ hash: string; created: boolean }> {
    const hash = sha256Hex(bytes);
    const target = this.pathOf(hash);
    if (await isFile(target)) return { hash, created: false };
    const folder = path.dirname(target);
    await fs.mkdir(folder, { recursive: true, mode: 0o750 });
    const temporary = path.join(folder, `.${hash.slice(0, 8)}.${randomUUID()}.tmp`);
    try {
      const handle = await fs.open(temporary, 'wx', 0o640);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      // Two uploads of the same bytes may race here; both rename identical content, so either wins.
      await fs.rename(temporary, target);
    } catch (error) {
      await fs.rm(temporary, { force: true });
      throw error;
    }
    await syncFolder(folder);
    return { hash, created: true };
  }

  async get(hash: string): Promise<Buffer | null> {
    if (!isContentHash(hash)) return null;
    try {
      return assertMatchesHash(await fs.readFile(this.pathOf(hash)), hash, this.root);
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async exists(hash: string): Promise<boolean> {
    return isContentHash(hash) && isFile(this.pathOf(hash));
  }

  /** Where a hash's file is (or would be). Only for well-formed hashes. */
  pathOf(hash: string): string {
    if (!isContentHash(hash)) throw new Error(`Not a content hash: ${JSON.stringify(hash)}`);
    return path.join(this.root, ...contentPath(hash).split('/'));
  }
}

function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await fs.stat(file)).isFile();
  } catch (error) {
    if (isMissing(error)) return false;
    throw error;
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/** Makes the rename itself durable. Not every platform lets a folder be flushed; that is not fatal. */
async function syncFolder(folder: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(folder, 'r');
    await handle.sync();
  } catch {
    // Windows and some network file systems refuse to open or flush a directory.
  } finally {
    await handle?.close();
  }
}
