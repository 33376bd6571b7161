import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * PGlite does not lock its folder and a second process on it silently loses writes, so the service
 * holds an exclusive lock file for as long as it runs. A lock left by a process that no longer
 * exists (killed, crashed) is stale and is taken over.
 */
export class DataFolderLockedError extends Error {
  constructor(
    readonly folder: string,
    readonly holderPid: number,
    readonly holderHost: string,
  ) {
    super(
      `The data folder ${folder} is already in use by another Cordon process (pid ${holderPid} on ${holderHost}). ` +
        `Stop that process first, or start this one with CORDON_DATA_DIR set to a different folder.`,
    );
    this.name = 'DataFolderLockedError';
  }
}

interface LockContents {
  pid: number;
  host: string;
  startedAt: string;
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface DataFolderLock {
  path: string;
  release(): void;
}

export function lockDataFolder(folder: string): DataFolderLock {
  fs.mkdirSync(folder, { recursive: true });
  const lockPath = path.join(folder, 'cordon.lock');
  const mine: LockContents = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const fd = fs.openSync(lockPath, 'wx');
      fs.writeSync(fd, JSON.stringify(mine));
      fs.closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          const current = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as LockContents;
          if (current.pid === process.pid) fs.unlinkSync(lockPath);
        } catch {
          // Already gone: nothing to release.
        }
      };
      process.once('exit', release);
      return { path: lockPath, release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let holder: LockContents | undefined;
    try {
      holder = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as LockContents;
    } catch {
      holder = undefined; // Half-written or unreadable: the writer died mid-write, so it is stale.
    }
    const sameHost = holder?.host === os.hostname();
    if (holder && (!sameHost || (processIsAlive(holder.pid) && holder.pid !== process.pid))) {
      throw new DataFolderLockedError(folder, holder.pid, holder.host);
    }
    // Stale: take it over. Renaming first means two starters racing cannot both delete a fresh lock.
    try {
      fs.renameSync(lockPath, `${lockPath}.stale-${process.pid}`);
      fs.unlinkSync(`${lockPath}.stale-${process.pid}`);
    } catch {
      // Someone else took it over first; try again.
    }
  }
  throw new Error(`Could not take the lock on the data folder ${folder}`);
}
