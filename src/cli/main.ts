import { Command, Option } from 'commander';
import { loadConfig } from '../platform/config.js';
import { openConfiguredDatabase, cookieSignerFor, auditSecretFor } from '../platform/runtime.js';
import fs from 'node:fs';
import { DataFolderLockedError } from '../platform/database/lock.js';
import { BackupRefusedError, backupDataFolder, restoreDataFolder } from '../platform/database/backup.js';
import { sealEvents, startSealing, verifyLog } from '../platform/events/audit.js';
import { buildServices, createApp, prepareDatabase, projectors } from '../app.js';
import { rebuildProjections } from '../platform/projections/rebuild.js';
import { SYSTEM_ACTOR } from '../modules/identity/service.js';
import { ROLE_IDS } from '../modules/identity/roles.js';
import { demoPortalSignIns } from './demo-portal.js';
import { DEFAULT_WORKED_CASES, DemoLoadingProgress, demoPlateChecker, seedDemo, seedDemoUsers } from './demo-data.js';
import { SettableClock } from '../platform/clock.js';
import { checkMissedInstalments } from '../modules/finance/missed-instalments.js';
import { runCalculation, shippedPolicyVersions } from './calculations.js';
import { registerPartiesCommands } from './parties.js';
import { registerIdentityAdminCommands } from './users.js';
import { DEFAULT_KEEP_PREVIOUS_HOURS, rotateCookieSecret } from '../platform/secrets/cookie-secret.js';
import { registerPrivacyCommands } from './privacy.js';
import { registerReportCommands } from './report.js';
import { registerDetectionReportCommand } from './report-detection.js';
import { registerDataQualityReportCommand } from './report-data-quality.js';
import { registerRecommendationsCommands } from './recommendations.js';
import { registerImportCommands } from './legacy-import.js';

/** Exit codes: 0 done, 1 failed, 2 refused (bad input or a check that did not pass). */
const program = new Command();
program.name('cordon').description('Cordon: the clandestine entrant civil penalty service').showHelpAfterError();

async function withDatabase<T>(work: (opened: Awaited<ReturnType<typeof openConfiguredDatabase>>) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const opened = await openConfiguredDatabase(config);
  try {
    await prepareDatabase(opened.database);
    return await work(opened);
  } finally {
    await opened.close();
  }
}

function progressBar(label: string) {
  const tty = process.stderr.isTTY;
  let last = -1;
  return (done: number, total: number) => {
    const percent = Math.floor((done / total) * 100);
    if (percent === last) return;
    last = percent;
    const bar = '#'.repeat(Math.floor(percent / 5)).padEnd(20, '.');
    if (tty) process.stderr.write(`\r${label} [${bar}] ${done}/${total}`);
    else if (percent % 10 === 0) process.stderr.write(`${label}: ${done}/${total}\n`);
    if (tty && done === total) process.stderr.write('\n');
  };
}

program
  .command('serve')
  .description('Start the web service and API (migrates the database first)')
  .option('--demo', 'load demo users, tokens and cases when the database is empty (refused in production); the cases load after the service starts')
  .action(async (options: { demo?: boolean }) => {
    const config = loadConfig();
    const opened = await openConfiguredDatabase(config);
    const { database } = opened;
    await prepareDatabase(database);
    // Demo users first (so their sign-ins work as soon as the sign-in page does); the cases load in
    // the background once the service is listening, with their progress on every page.
    let loadDemoCases = false;
    if (options.demo) {
      if (config.production) {
        console.error('Demo data is refused when NODE_ENV=production; starting without it.');
      } else {
        const services = buildServices(database, config);
        if (!(await services.identity.hasUsers())) {
          const users = await seedDemoUsers(services);
          console.error(`Empty database: added ${users} demo users and API tokens; the demo cases load once the service is up.`);
          loadDemoCases = true;
        }
      }
    }
    const demoLoading = new DemoLoadingProgress();
    const cookies = await cookieSignerFor(config, database.db, (error) => console.error(`Reading the cookie secret again failed; keeping the one in use: ${(error as Error).message}`));
    const { app, services: running } = await createApp(database, { ...config, cookieSecret: cookies.secret, serviceNotice: () => demoLoading.notice() });
    const sealing = startSealing(database.db, auditSecretFor(config), {
      everyMs: config.auditAnchorSeconds * 1000,
      onError: (error) => app.log.error({ err: error }, 'sealing the event log failed; retrying'),
    });
    // Letters by email and the hourly checks: claimed by one process at a time, polled every few seconds.
    running.jobs.start({
      everyMs: config.jobsPollSeconds * 1000,
      log: (message, error) => (error ? app.log.warn({ err: error }, message) : app.log.info(message)),
    });
    const shutdown = async (signal: string) => {
      app.log.info({ signal }, 'shutting down');
      await app.close(); // stops the job runner too
      cookies.stop();
      await sealing.stop();
      await opened.close();
      process.exit(0);
    };
    process.once('SIGINT', () => void shutdown('SIGINT'));
    process.once('SIGTERM', () => void shutdown('SIGTERM'));
    await app.listen({ port: config.port, host: config.host });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    console.error(`Cordon is serving on http://localhost:${port} (database: ${database.kind}, ${database.location})`);
    if (loadDemoCases) {
      // Its own services on a settable clock: ledger files are received on the days the money came.
      const clock = new SettableClock();
      const seeding = buildServices(database, { ...config, clock });
      const log = progressBar('Demo cases');
      demoLoading.start();
      seedDemo(seeding, {
        db: database.db,
        clock,
        checkPlates: demoPlateChecker(app, running.listChanges),
        onProgress: (done, total) => {
          demoLoading.update(done, total);
          log(done, total);
        },
      }).then(
        (seeded) => {
          demoLoading.finish();
          console.error(`Demo data loaded: ${seeded.workedCases} cases worked through casework, ${seeded.cases} referrals, ${seeded.plateCheckHits} plate-check hits.`);
          return demoPortalSignIns(database.db, running.files).then((signIns) => {
            if (!signIns.length) return;
            console.error(`The public portal: http://localhost:${port}/portal — sign in as a person a letter went to (the code on their newest letter, and the postcode of the address):`);
            for (const signIn of signIns) console.error(`  ${signIn.reference}  ${signIn.accessCode}  ${signIn.addressLines.join(', ')}  (${signIn.name}, ${signIn.role})`);
          });
        },
        (error: unknown) => {
          demoLoading.fail();
          console.error(`Loading the demo cases failed: ${error instanceof Error ? error.message : String(error)}`);
        },
      );
    }
  });

program
  .command('migrate')
  .description('Apply database migrations')
  .action(async () => {
    await withDatabase(async ({ database }) => {
      console.log(`Migrations applied to ${database.kind} (${database.location}).`);
    });
  });

program
  .command('seed-demo')
  .description('Load demo users (one per role), API tokens and synthetic cases; refused in production')
  .option('--cases <n>', 'how many synthetic cases', '300')
  .option('--worked <n>', `how many further cases to record at the border and work through casework, one per demo situation in turn (default: ${DEFAULT_WORKED_CASES}, or fewer when --cases is smaller)`)
  .action(async (options: { cases: string; worked?: string }) => {
    const cases = Number(options.cases);
    if (!Number.isInteger(cases) || cases < 0) {
      console.error('--cases must be a whole number of 0 or more');
      process.exitCode = 2;
      return;
    }
    const worked = options.worked === undefined ? undefined : Number(options.worked);
    if (worked !== undefined && (!Number.isInteger(worked) || worked < 0)) {
      console.error('--worked must be a whole number of 0 or more');
      process.exitCode = 2;
      return;
    }
    await withDatabase(async ({ database }) => {
      const clock = new SettableClock();
      const services = buildServices(database, { ...loadConfig(), clock });
      const seeded = await seedDemo(services, { cases, db: database.db, clock, ...(worked === undefined ? {} : { workedCases: worked }), onProgress: progressBar('Demo cases') });
      console.log(`Loaded ${seeded.users} users, ${seeded.tokens} API tokens and ${seeded.cases} cases, with ${seeded.workedCases} more worked through casework.`);
    });
  });

program
  .command('payments')
  .description('Payments housekeeping')
  .command('check-instalments')
  .description('Find instalment plans with a missed instalment and record them as broken (the server also does this hourly)')
  .action(async () => {
    await withDatabase(async ({ database }) => {
      const services = buildServices(database, loadConfig());
      const run = await checkMissedInstalments(database.db, services.cases);
      console.log(`Checked ${run.checked} plans: ${run.broken.length} broken by a missed instalment${run.broken.length ? ` (${run.broken.map((b) => b.reference).join(', ')})` : ''}.`);
      for (const failure of run.failed) console.error(`${failure.reference}: ${failure.reason}`);
      if (run.failed.length) process.exitCode = 1;
    });
  });

const audit = program.command('audit').description('Checks on the audit trail');
audit
  .command('verify')
  .description('Walk every stream’s hash chain and every anchor; name what was edited, inserted or deleted')
  .action(async () => {
    await withDatabase(async ({ database }) => {
      const result = await verifyLog(database.db, auditSecretFor(loadConfig()));
      if (result.firstBreak) {
        for (const b of result.problems) {
          const where = b.seq !== undefined ? `event ${b.seq} (stream ${b.streamId}, version ${b.version})` : b.streamId ? `stream ${b.streamId}, version ${b.version}` : `anchor ${b.anchor}`;
          console.error(`Audit trail BROKEN at ${where}: ${b.problem}.`);
        }
        console.error(`${result.checked} events checked, ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}.`);
        process.exitCode = 2;
      } else {
        console.log(`Audit trail intact: ${result.checked} events verified, ${result.anchors} anchors; ${result.unanchored} events since the last anchor.`);
      }
    });
  });
audit
  .command('seal')
  .description('Anchor every finished event now (the service does this every few seconds)')
  .action(async () => {
    await withDatabase(async ({ database }) => {
      const anchor = await sealEvents(database.db, auditSecretFor(loadConfig()));
      console.log(anchor ? `Sealed ${anchor.eventCount} events in anchor ${anchor.number}.` : 'Nothing new to seal.');
    });
  });

program
  .command('projections')
  .description('Read tables and the event log')
  .command('rebuild')
  .description('Rebuild every read table from the event log into a scratch schema and compare it with the live tables')
  .option('--verify', 'exit 2 listing each difference; the scratch schema is dropped')
  .option('--keep', 'keep the scratch schema to inspect it (its name is printed)')
  .action(async (options: { verify?: boolean; keep?: boolean }) => {
    await withDatabase(async ({ database }) => {
      const report = await rebuildProjections(database.db, projectors, { keep: Boolean(options.keep) });
      for (const table of report.tables) console.log(`${table.name}: ${table.live} rows live, ${table.rebuilt} rebuilt from the events`);
      for (const d of report.differences) console.error(`${d.table} (${d.key}): ${d.problem}`);
      console.log(
        report.differences.length
          ? `${report.differences.length} difference${report.differences.length === 1 ? '' : 's'} between the live tables and ${report.events} events replayed.`
          : `The live tables match the ${report.events} events replayed.`,
      );
      if (options.keep) console.log(`The rebuilt tables are in the schema ${report.schema}.`);
      if (options.verify && report.differences.length) process.exitCode = 2;
    });
  });

/** Policy versions from the database, or, with --offline, the versions shipped with the code. */
function policySource(offline: boolean | undefined) {
  if (offline) return shippedPolicyVersions;
  return () => withDatabase(async ({ database }) => buildServices(database, loadConfig()).policy.versions());
}

program
  .command('penalty')
  .description('Penalty calculations')
  .command('calculate')
  .description('Calculate penalties: one JSON input, or an array, from --input FILE or standard input')
  .option('--input <file>', 'read the input from this file instead of standard input')
  .option('--offline', 'use the policy versions shipped with Cordon instead of the database’s (for when the database is in use)')
  .action(async (options: { input?: string; offline?: boolean }) => {
    process.exitCode = await runCalculation('penalty', options, policySource(options.offline));
  });

program
  .command('deadlines')
  .description('Work out statutory deadlines: one JSON input, or an array, from --input FILE or standard input')
  .option('--input <file>', 'read the input from this file instead of standard input')
  .option('--offline', 'use the policy versions shipped with Cordon instead of the database’s')
  .action(async (options: { input?: string; offline?: boolean }) => {
    process.exitCode = await runCalculation('deadlines', options, policySource(options.offline));
  });

const users = program.command('users').description('People who sign in');
users
  .command('add')
  .description('Add a user')
  .requiredOption('--username <username>', 'sign-in name')
  .requiredOption('--name <name>', 'full name')
  .addOption(new Option('--role <role...>', 'one or more roles').choices(ROLE_IDS).makeOptionMandatory())
  .option('--password <password>', 'first password (12 characters or more); read from CORDON_NEW_PASSWORD when not given')
  .action(async (options: { username: string; name: string; role: string[]; password?: string }) => {
    await withDatabase(async ({ database }) => {
      const services = buildServices(database, loadConfig());
      const outcome = await services.identity.addUser(
        { username: options.username, displayName: options.name, roles: options.role, password: options.password ?? process.env.CORDON_NEW_PASSWORD },
        { actor: SYSTEM_ACTOR },
      );
      if (!outcome.ok) {
        console.error(outcome.message);
        if ('errors' in outcome) for (const e of outcome.errors) console.error(`  ${e.field}: ${e.message}`);
        process.exitCode = 2;
        return;
      }
      console.log(`Added user ${outcome.value.username}.`);
    });
  });

users
  .command('unlock')
  .description('Lift the lock on an account locked after repeated failed sign-ins (recorded on the log)')
  .argument('<username>', 'the account to unlock')
  .action(async (username: string) => {
    await withDatabase(async ({ database }) => {
      const services = buildServices(database, loadConfig());
      const outcome = await services.identity.signInProtection.unlock({ username }, { actor: SYSTEM_ACTOR });
      if (!outcome.ok) {
        console.error(outcome.kind === 'not-found' ? `No user has the username ${username}.` : `${outcome.message}.`);
        process.exitCode = 2;
        return;
      }
      console.log(`Unlocked ${outcome.value.username}: they can sign in again now.`);
    });
  });

const tokens = program.command('tokens').description('API tokens for machine clients');
tokens
  .command('create')
  .description('Issue an API token bound to one role; the token is printed once')
  .addOption(new Option('--role <role>', 'the role the token acts with').choices(ROLE_IDS).makeOptionMandatory())
  .requiredOption('--name <name>', 'which system will use it')
  .action(async (options: { role: string; name: string }) => {
    await withDatabase(async ({ database }) => {
      const services = buildServices(database, loadConfig());
      const outcome = await services.identity.issueApiToken({ name: options.name, role: options.role }, { actor: SYSTEM_ACTOR });
      if (!outcome.ok) {
        console.error(outcome.message);
        if ('errors' in outcome) for (const e of outcome.errors) console.error(`  ${e.field}: ${e.message}`);
        process.exitCode = 2;
        return;
      }
      console.log(outcome.value.token);
    });
  });

registerIdentityAdminCommands(users, tokens, (work) => withDatabase(async ({ database }) => work(buildServices(database, loadConfig()))));
const jobs = program.command('jobs').description('Work done after a request: letters by email, scheduled checks');
jobs
  .command('failed')
  .description('List the jobs given up as failed after all their attempts')
  .action(async () => {
    await withDatabase(async ({ database }) => {
      const failed = await buildServices(database, loadConfig()).jobs.failed();
      for (const job of failed) {
        console.log(`${job.id}  ${job.kind}  ${JSON.stringify(job.payload)}  ${job.attempts} attempts, failed ${job.finishedAt?.toISOString() ?? ''}: ${job.lastError ?? ''}`);
      }
      console.log(failed.length ? `${failed.length} failed job${failed.length === 1 ? '' : 's'}; \`cordon jobs retry ID\` queues one again.` : 'No job has failed.');
    });
  });
jobs
  .command('retry')
  .description('Queue a failed job again, due now, with all its attempts (the running service picks it up)')
  .argument('<id>', 'the job id, from `cordon jobs failed`')
  .action(async (id: string) => {
    await withDatabase(async ({ database }) => {
      const retried = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id) && (await buildServices(database, loadConfig()).jobs.retry(id));
      if (!retried) {
        console.error(`There is no failed job ${id}: see \`cordon jobs failed\`.`);
        process.exitCode = 2;
        return;
      }
      console.log(`Job ${id} is queued again.`);
    });
  });
jobs
  .command('run')
  .description('Run every job that is due now in this process, then stop')
  .action(async () => {
    await withDatabase(async ({ database }) => {
      const run = await buildServices(database, loadConfig()).jobs.runUntilIdle();
      console.log(`${run.done} done, ${run.retried} to be tried again later, ${run.failed} failed.`);
      if (run.failed) process.exitCode = 1;
    });
  });

program
  .command('backup')
  .description('Back up the embedded database and its data folder to one file (stop the service first; PostgreSQL: see docs/backups.md)')
  .requiredOption('--to <file>', 'the backup file to write (a gzipped tar)')
  .action(async (options: { to: string }) => {
    const config = loadConfig();
    if (config.databaseUrl) {
      console.error('DATABASE_URL names a PostgreSQL server: back it up with pg_dump or continuous archiving (docs/backups.md). cordon backup is for the embedded database.');
      process.exitCode = 2;
      return;
    }
    const manifest = await backupDataFolder(config.dataDir, options.to);
    const bytes = fs.statSync(options.to).size;
    console.log(`Backed up ${config.dataDir} to ${options.to} (${manifest.events} events, ${manifest.files.length - 1} other files, ${bytes} bytes).`);
  });

program
  .command('restore')
  .description('Restore a backup made by cordon backup into the data folder (the service must not be running on it)')
  .requiredOption('--from <file>', 'the backup file')
  .option('--replace', 'restore over a folder that already holds a database, keeping what was there aside')
  .action(async (options: { from: string; replace?: boolean }) => {
    const config = loadConfig();
    if (config.databaseUrl) {
      console.error('DATABASE_URL names a PostgreSQL server: restore it with pg_restore (docs/backups.md). cordon restore is for the embedded database.');
      process.exitCode = 2;
      return;
    }
    const restored = await restoreDataFolder(config.dataDir, options.from, { replace: Boolean(options.replace) });
    for (const aside of restored.keptAside) console.error(`Kept aside: ${aside}`);
    console.log(`Restored the backup of ${restored.manifest.createdAt} into ${config.dataDir}: ${restored.events} events. Check it with cordon audit verify.`);
  });

const secrets = program.command('secrets').description('Secrets the service keeps in its database');
secrets
  .command('rotate-cookie')
  .description('Make a new cookie-signing secret; the one before is still accepted for a while (running processes pick it up within 30 seconds)')
  .option('--keep-previous-hours <hours>', 'how long cookies signed with the previous secret are still accepted', String(DEFAULT_KEEP_PREVIOUS_HOURS))
  .action(async (options: { keepPreviousHours: string }) => {
    const hours = Number(options.keepPreviousHours);
    if (!Number.isFinite(hours) || hours < 0 || hours > 24 * 90) {
      console.error('--keep-previous-hours must be a number of hours from 0 to 2160');
      process.exitCode = 2;
      return;
    }
    if (loadConfig().cookieSecret) {
      console.error('CORDON_COOKIE_SECRET is configured, so the database’s secret is not used. To rotate it, set CORDON_COOKIE_PREVIOUS_SECRET to the current value and CORDON_COOKIE_SECRET to a new one, then restart each process.');
      process.exitCode = 2;
      return;
    }
    await withDatabase(async ({ database }) => {
      const rotated = await rotateCookieSecret(database.db, { keepPreviousHours: hours });
      console.log(
        `The cookie secret is rotated. Running processes sign with the new one within 30 seconds; cookies signed with the previous one are accepted until ${rotated.previousUntil?.toISOString() ?? 'now'}.`,
      );
    });
  });

registerPartiesCommands(program);
registerPrivacyCommands(program, withDatabase);
registerReportCommands(program, withDatabase);
registerDetectionReportCommand(program, withDatabase);
registerDataQualityReportCommand(program, withDatabase);
registerRecommendationsCommands(program, withDatabase);
registerImportCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof DataFolderLockedError) {
    console.error(error.message);
    process.exit(1);
  }
  if (error instanceof BackupRefusedError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
