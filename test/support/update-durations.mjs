// Writes test/support/test-durations.json, the seconds each test file took, from the JSON report of a
// whole run of the suite (`.ci/run` writes .test-results/pglite.json). test/support/sequencer.ts
// starts the slowest files first by this table.
//   node test/support/update-durations.mjs .test-results/pglite.json
//
// A file's time in the report runs from its first test to its last: its import and its beforeAll
// hooks (starting the service, a browser, building its cases) are left out, and for a browser file
// they are often the larger part. So each file is counted from the end of the file before it on
// the same worker (the files are put back on the workers by their start and end times).
import fs from 'node:fs';
import path from 'node:path';

const report = process.argv[2];
if (!report) {
  console.error('usage: node test/support/update-durations.mjs <vitest JSON report of a whole run>');
  process.exit(2);
}
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const { startTime, testResults } = JSON.parse(fs.readFileSync(report, 'utf8'));
const files = testResults
  .map((file) => {
    const name = file.name.split(path.sep).join('/');
    // The path from the repository's root, wherever the report was made (another clone or worktree).
    const relative = /(?:^|\/)((?:src|test|bench)\/.*)$/.exec(name)?.[1] ?? path.relative(root, file.name);
    return { relative, start: file.startTime, end: file.endTime };
  })
  .sort((a, b) => a.start - b.start);
// As many workers as files were ever running at once.
let running = 0;
let workers = 1;
for (const [, change] of files.flatMap((f) => [[f.start, 1], [f.end, -1]]).sort((a, b) => a[0] - b[0] || a[1] - b[1])) {
  running += change;
  workers = Math.max(workers, running);
}
const freeAt = Array.from({ length: workers }, () => startTime);
const seconds = {};
for (const file of files) {
  // The worker that became free last before this file started (else the first to become free).
  let worker = -1;
  for (let i = 0; i < workers; i++) if (freeAt[i] <= file.start && (worker < 0 || freeAt[i] > freeAt[worker])) worker = i;
  if (worker < 0) worker = freeAt.indexOf(Math.min(...freeAt));
  seconds[file.relative] = Math.round((file.end - Math.min(freeAt[worker], file.start)) / 100) / 10;
  freeAt[worker] = Math.max(freeAt[worker], file.end);
}
const sorted = Object.fromEntries(Object.entries(seconds).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)));
const out = path.join(root, 'test/support/test-durations.json');
fs.writeFileSync(out, `${JSON.stringify({ measured: new Date(startTime).toISOString().slice(0, 10), workers, seconds: sorted }, null, 2)}\n`);
console.log(`${Object.keys(sorted).length} files written to ${path.relative(process.cwd(), out)}`);
