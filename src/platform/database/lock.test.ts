import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataFolderLockedError, type LockContents, bootId, lockDataFolder, processStartTime } from './lock.js';

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
});

function folderWithLock(contents: LockContents): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cordon-lock-'));
  folders.push(folder);
  fs.writeFileSync(path.join(folder, 'cordon.lock'), JSON.stringify(contents));
  return folder;
}

// The parent of this test process is alive for as long as the test runs, and is not this process.
const livePid = process.ppid;
const liveStart = processStartTime(livePid);

describe('the data-folder lock', () => {
  it('knows when a process started, the same each time it is asked, and differently for another process', () => {
    expect(liveStart).toBeDefined();
    expect(processStartTime(livePid)).toBe(liveStart);
    expect(processStartTime(process.pid)).toBeDefined();
    expect(processStartTime(process.pid)).not.toBe(liveStart);
  });

  it('records this process’s start time and boot id in the lock it takes', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cordon-lock-'));
    folders.push(folder);
    const lock = lockDataFolder(folder);
    const written = JSON.parse(fs.readFileSync(lock.path, 'utf8')) as LockContents;
    expect(written.pid).toBe(process.pid);
    expect(written.processStart).toBe(processStartTime(process.pid));
    expect(written.bootId).toBe(bootId());
    lock.release();
    expect(fs.existsSync(lock.path)).toBe(false);
  });

  it('refuses, naming the folder and the holder, when the process that wrote the lock is still running', () => {
    const folder = folderWithLock({ pid: livePid, host: os.hostname(), startedAt: new Date().toISOString(), processStart: liveStart!, ...(bootId() ? { bootId: bootId()! } : {}) });
    let refusal: unknown;
    try {
      lockDataFolder(folder);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(DataFolderLockedError);
    expect((refusal as Error).message).toBe(
      `The data folder ${folder} is already in use by another Cordon process (pid ${livePid} on ${os.hostname()}). ` +
        'Stop that process first, or start this one with CORDON_DATA_DIR set to a different folder.',
    );
  });

  it('takes over a lock whose pid now belongs to a different process (it started at another time)', () => {
    for (const pid of [livePid, 1]) {
      const folder = folderWithLock({ pid, host: os.hostname(), startedAt: '2026-01-01T00:00:00.000Z', processStart: 'ticks:1', ...(bootId() ? { bootId: bootId()! } : {}) });
      const lock = lockDataFolder(folder);
      expect((JSON.parse(fs.readFileSync(lock.path, 'utf8')) as LockContents).pid).toBe(process.pid);
      lock.release();
    }
  });

  it('takes over a lock written before the machine last started, whatever its pid', () => {
    if (!bootId()) return; // No boot id on this system: the start time alone decides.
    const folder = folderWithLock({ pid: livePid, host: os.hostname(), startedAt: '2026-01-01T00:00:00.000Z', processStart: liveStart!, bootId: 'an-earlier-boot' });
    const lock = lockDataFolder(folder);
    lock.release();
  });

  it('takes over a lock whose process has gone', () => {
    const folder = folderWithLock({ pid: 2 ** 22 + 12345, host: os.hostname(), startedAt: '2026-01-01T00:00:00.000Z' });
    lockDataFolder(folder).release();
  });

  it('still refuses a lock from an older version (no start time recorded) while its pid is alive', () => {
    const folder = folderWithLock({ pid: livePid, host: os.hostname(), startedAt: new Date().toISOString() });
    expect(() => lockDataFolder(folder)).toThrow(DataFolderLockedError);
  });
});
