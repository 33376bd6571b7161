// Writes test/support/test-durations.json, the seconds each test file took, from the JSON report of a
// whole run of the suite (`.ci/run` writes .test-results/pglite.json). test/support/sequencer.ts
// starts the slowest files first by this table.
//   node test/support/update-durations.mjs .test-results/pglite.json
import fs from 'node:fs';
import path from 'node:path';

const report = process.argv[2];
if (!report) {
  console.error('usage: node test/support/update-durations.mjs <vitest JSON report of a whole run>');
  process.exit(2);
}
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const { testResults } = JSON.parse(fs.readFileSync(report, 'utf8'));
const seconds = {};
for (const file of testResults.sort((a, b) => b.endTime - b.startTime - (a.endTime - a.startTime))) {
  const name = file.name.split(path.sep).join('/');
  // The path from the repository's root, wherever the report was made (another clone or worktree).
  const relative = /(?:^|\/)((?:src|test|bench)\/.*)$/.exec(name)?.[1] ?? path.relative(root, file.name);
  seconds[relative] = Math.round((file.endTime - file.startTime) / 100) / 10;
}
const out = path.join(root, 'test/support/test-durations.json');
const measured = new Date(Math.min(...testResults.map((f) => f.startTime))).toISOString().slice(0, 10);
fs.writeFileSync(out, `${JSON.stringify({ measured, source: path.basename(report), seconds }, null, 2)}\n`);
console.log(`${Object.keys(seconds).length} files written to ${path.relative(process.cwd(), out)}`);
