import type { Command } from 'commander';
import { loadConfig } from '../platform/config.js';
import type { Database } from '../platform/database/client.js';
import { buildServices } from '../app.js';
import { SYSTEM_ACTOR } from '../modules/identity/service.js';

type WithDatabase = <T>(work: (opened: { database: Database }) => Promise<T>) => Promise<T>;

/** `cordon recommendations load`: the inspections' recommendations pre-loaded into the register (src/modules/recommendations/README.md). */
export function registerRecommendationsCommands(program: Command, withDatabase: WithDatabase): void {
  program
    .command('recommendations')
    .description('The register of inspection recommendations')
    .command('load')
    .description('Record the recommendations of the seed inspections (src/modules/recommendations/seed-recommendations.json) not yet in the register; those already there are left alone')
    .action(async () => {
      await withDatabase(async ({ database }) => {
        const services = buildServices(database, loadConfig());
        const loaded = await services.recommendations.preload({ actor: SYSTEM_ACTOR });
        console.log(`Recorded ${loaded.recorded} recommendations; ${loaded.alreadyThere} were already in the register.`);
      });
    });
}
