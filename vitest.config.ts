import os from 'node:os';
import { defineConfig } from 'vitest/config';
import SlowestFirstSequencer from './test/support/sequencer.js';

// One test file per core, at least two: a file spends much of its time waiting on PostgreSQL, a
// child process or the browser, and vitest's default (cores - 1) runs one file at a time on a
// two-core machine, leaving a core idle.
// CORDON_TEST_WORKERS sets how many (CI runs the PostgreSQL pass with one, beside the PGlite suite).
const workers = Number(process.env.CORDON_TEST_WORKERS) > 0 ? Number(process.env.CORDON_TEST_WORKERS) : Math.max(2, os.availableParallelism() - 1);

// On PostgreSQL the audit trail seals only events below the oldest transaction still running on the
// whole server (pg_snapshot_xmin): test files running beside it in other databases would hold that
// back, so the files that seal run on their own, one after the other, once every other file is done
// (a project of their own, later in `sequence.groupOrder`), in the same run: no second start of
// vitest and no second template database. On PGlite (a database per file, in memory) they run with
// the rest.
const SEALING = ['src/platform/events/audit.test.ts', 'src/platform/events/event-store.test.ts'];
const sealingApart = Boolean(process.env.DATABASE_URL);

// Before every test file, in every project: a low scrypt cost for the passwords tests add (see the file).
const setupFiles = ['test/support/setup.ts'];

// Two projects: everything beside the code (unit and integration, on PGlite or on the
// PostgreSQL server named by DATABASE_URL), and the browser journeys in test/e2e.
export default defineConfig({
  test: {
    // The slowest files start first (by test/support/test-durations.json), so the run ends on short
    // ones and no core idles at the end; the browser files before the unit files (see the sequencer).
    sequence: { sequencer: SlowestFirstSequencer },
    projects: [
      {
        test: {
          name: 'unit',
          // (Not `exclude`: a project's own exclude list loses the command line's --exclude.)
          include: ['src/**/*.test.ts', 'bench/**/*.test.ts', ...(sealingApart ? SEALING.map((file) => `!${file}`) : [])],
          globalSetup: ['test/support/global-setup.ts'],
          setupFiles,
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
          maxWorkers: workers,
          // A worker keeps the modules it has imported from one test file to the next (every file
          // builds its own app on its own database, so nothing else is shared): each file no longer
          // imports the whole application again, a third off the unit project's time on this machine.
          isolate: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          setupFiles,
          testTimeout: 120_000,
          hookTimeout: 180_000,
          pool: 'forks',
          // Browser files run beside the unit files, as many at once as the machine has workers: each
          // starts its own service on a free port, its own database and its own browser context (its
          // own cookies, storage and cache, in the worker's one Chromium: test/e2e/browser.ts), so no
          // state is shared. Run one after the other, after the unit files, they left a core idle for
          // the last third of the suite (about 860 s of a 1,626 s PGlite suite on 5 December 2026).
          maxWorkers: workers,
          // Like the unit files, a browser file keeps the modules the worker imported for the file
          // before it (each starts its own service, database and browser context, and closes them), and
          // the worker's Chromium, started by its first browser file (about 3 s a file saved): about
          // a second of each file's import saved per file on this machine (six browser files, two
          // workers: 43 s against 49 s, twice, 5 December 2026).
          isolate: false,
        },
      },
      ...(sealingApart
        ? [
            {
              test: {
                name: 'unit-sealing',
                include: SEALING,
                globalSetup: ['test/support/global-setup.ts'],
                setupFiles,
                testTimeout: 60_000,
                hookTimeout: 120_000,
                pool: 'forks' as const,
                maxWorkers: 1,
                isolate: false,
                sequence: { groupOrder: 1 },
              },
            },
          ]
        : []),
    ],
  },
});
