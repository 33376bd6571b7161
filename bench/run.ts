/**
 * `npm run bench -- <name> [options]`: runs one benchmark by name, passing the options on. Each
 * prints its figure beside a baseline measured in the same run (docs/performance.md).
 *
 *   npm run bench -- insight-generate          # the annual report's data: 1,000,000 cases, 10,000,000 events
 *   npm run bench -- insight-annual --year 2025
 */
import { spawnSync } from 'node:child_process';

const BENCHES: Record<string, string> = {
  searches: 'bench/searches/run.ts',
  commands: 'bench/commands/run.ts',
  penalty: 'bench/penalty/run.ts',
  'plate-checks': 'bench/plate-checks/run.ts',
  parties: 'bench/parties/run.ts',
  rebuild: 'bench/rebuild/run.ts',
  'portal-load': 'bench/portal-load.ts',
  'insight-generate': 'bench/insight/generate.ts',
  'insight-annual': 'bench/insight/annual.ts',
  'insight-append': 'bench/insight/append.ts',
};

const [name, ...rest] = process.argv.slice(2);
if (!name || !BENCHES[name]) {
  console.error(`Usage: npm run bench -- <name> [options]\nBenchmarks: ${Object.keys(BENCHES).join(', ')}`);
  process.exit(2);
}
const result = spawnSync(process.execPath, ['--import', 'tsx', BENCHES[name]!, ...rest], { stdio: 'inherit' });
process.exit(result.status ?? 1);
