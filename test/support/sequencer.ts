import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The order test files start in: the slowest first, by the seconds each took in a whole run of the
 * suite (test/support/test-durations.json), so that the last files to start are short ones and
 * neither worker sits idle at the end while the other finishes a long file.
 *
 * Vitest orders by the durations it cached from the last run on this machine, but a fresh clone
 * (CI) has no cache, and vitest then starts the largest files first: the tests of the `cordon`
 * command are a small file that takes minutes, and started last they left one core idle for the
 * suite's last minutes. A file not in the table (a new one) starts first, as vitest starts files it
 * has no time for.
 *
 * The projects stay apart, browser files (e2e) first: a worker keeps its imported modules from one
 * file to the next (isolate: false) only while the next file waiting is of the same project, so
 * mixing the two would make the workers import the application again and again.
 *
 * Refresh the table from a whole run's JSON report (.ci/run writes .test-results/pglite.json):
 * `node test/support/update-durations.mjs .test-results/pglite.json`. A stale table only orders files
 * less well; it changes no test's outcome.
 */
export const DURATIONS_FILE = fileURLToPath(new URL('test-durations.json', import.meta.url));

export function readDurations(file = DURATIONS_FILE): Map<string, number> {
  try {
    const table = JSON.parse(fs.readFileSync(file, 'utf8')) as { seconds: Record<string, number> };
    return new Map(Object.entries(table.seconds));
  } catch {
    return new Map();
  }
}

export default class SlowestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const durations = readDurations();
    const root = this.ctx.config.root;
    const seconds = (spec: TestSpecification) => durations.get(path.relative(root, spec.moduleId).split(path.sep).join('/'));
    const size = (spec: TestSpecification) => {
      try {
        return fs.statSync(spec.moduleId).size;
      } catch {
        return 0;
      }
    };
    return [...files].sort((a, b) => {
      const groupOrder = a.project.config.sequence.groupOrder - b.project.config.sequence.groupOrder;
      if (groupOrder !== 0) return groupOrder;
      if (a.project.name !== b.project.name) return a.project.name < b.project.name ? -1 : 1;
      const [timeA, timeB] = [seconds(a), seconds(b)];
      // Files not in the table first, the largest first (as vitest orders files it knows nothing of).
      if (timeA === undefined || timeB === undefined) {
        if (timeA !== undefined) return 1;
        if (timeB !== undefined) return -1;
        return size(b) - size(a);
      }
      return timeB - timeA;
    });
  }
}
