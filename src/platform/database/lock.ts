import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * PGlite does not lock its folder and a second process on it silently loses writes, so the service
 * holds an exclusive lock file for as long as it runs. A lock left by a process that no longer
 * exists (killed, crashed) is stale and is taken over; so is one whose process id has since been
 * given to a different process (after a restart, in a container where every start is pid 1 or 7…):
 * the lock records when its process started and the machine's boot id, and a live pid that started
 * at another time, or a lock written before the machine last booted, is not the holder.
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

export interface LockContents {
  pid: number;
  host: string;
  startedAt: string;
  /** When the process started, as the operating system tells it (Linux: /proc/PID/stat's starttime; elsewhere `ps -o lstart`). */
  processStart?: string;
  /** Linux's boot id: a lock from before the last boot is stale whatever its pid. */
  bootId?: string;
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The machine's boot id (Linux), or undefined where there is none. */
export function bootId(): string | undefined {
  try {
    return fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * When a process started, as a string that is the same every time it is asked for the same process
 * and differs for another process given the same pid; undefined when the process does not exist or
 * the system cannot say.
 */
export function processStartTime(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (command name, which may hold spaces and brackets) state ppid …": field 22 is starttime.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = fields[19];
    if (ticks && /^\d+$/.test(ticks)) return `ticks:${ticks}`;
  } catch {
    // No /proc (macOS, BSD) or no such process: ask ps.
  }
  if (process.platform === 'win32' || fs.existsSync('/proc/self/stat')) return undefined;
  try {
    const started = execFileSync('ps', ['-o', 'lstart=', '-p', String(pid)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return started ? `lstart:${started}` : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the process a lock names is still the one that wrote it (on this host). */
export function lockHolderIsRunning(holder: LockContents): boolean {
  if (holder.pid === process.pid) return false;
  if (holder.bootId && bootId() && holder.bootId !== bootId()) return false;
  if (!processIsAlive(holder.pid)) return false;
  if (holder.processStart) {
    const now = processStartTime(holder.pid);
    // A pid alive now that started at another time is a different process that was given the same pid.
    if (now !== undefined && now !== holder.processStart) return false;
  }
  return true;
}

export interface DataFolderLock {
  path: string;
  release(): void;
}

export function lockDataFolder(folder: string): DataFolderLock {
  fs.mkdirSync(folder, { recursive: true });
  const lockPath = path.join(folder, 'cordon.lock');
  const processStart = processStartTime(process.pid);
  const boot = bootId();
  const mine: LockContents = {
    pid: process.pid,
    host: os.hostname(),
    startedAt: new Date().toISOString(),
    ...(processStart ? { processStart } : {}),
    ...(boot ? { bootId: boot } : {}),
  };
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      // Written whole beside the lock, then linked into place (fails if a lock exists): another
      // starter never reads a half-written lock and takes it for a stale one.
      const written = `${lockPath}.${process.pid}.new`;
      fs.writeFileSync(written, JSON.stringify(mine));
      try {
        fs.linkSync(written, lockPath);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw error;
        // A file system without hard links: create the lock exclusively and write it.
        const fd = fs.openSync(lockPath, 'wx');
        fs.writeSync(fd, JSON.stringify(mine));
        fs.closeSync(fd);
      } finally {
        fs.rmSync(written, { force: true });
      }
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
    if (holder && (!sameHost || lockHolderIsRunning(holder))) {
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
