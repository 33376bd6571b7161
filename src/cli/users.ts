import { Option, type Command } from 'commander';
import type { Services } from '../app.js';
import type { CommandOutcome } from '../platform/events/command.js';
import { SYSTEM_ACTOR } from '../modules/identity/service.js';
import { ROLE_IDS } from '../modules/identity/roles.js';

type WithServices = <T>(work: (services: Services) => Promise<T>) => Promise<T>;

/** Prints a refusal and sets exit code 2 (1 is kept for failures); true when the outcome was a success. */
function reported(outcome: CommandOutcome<unknown>): boolean {
  if (outcome.ok) return true;
  console.error(outcome.message);
  if ('errors' in outcome) for (const e of outcome.errors) if (e.message !== outcome.message) console.error(`  ${e.field}: ${e.message}`);
  process.exitCode = 2;
  return false;
}

const pad = (rows: string[][]) => {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')).join('\n');
};

/**
 * `cordon users list|disable|enable|roles|reset-password` and `cordon tokens list|revoke`: the
 * administrator's commands, run as Cordon itself (the events name "Cordon (command line)"). A
 * running server hears of each change through `cordon_credentials` (PostgreSQL).
 */
export function registerIdentityAdminCommands(users: Command, tokens: Command, withServices: WithServices): void {
  async function account(services: Services, username: string) {
    const found = await services.identity.userByUsername(username);
    if (!found) {
      console.error(`There is no user with the username ${username}.`);
      process.exitCode = 2;
    }
    return found;
  }

  users
    .command('list')
    .description('List every user: username, name, roles, and whether the account is disabled')
    .action(async () => {
      await withServices(async (services) => {
        const list = await services.identity.listUsers();
        console.log(pad([['USERNAME', 'NAME', 'STATUS', 'ROLES'], ...list.map((u) => [u.username, u.displayName, u.disabled ? 'disabled' : 'active', u.roles.join(',')])]));
      });
    });

  for (const [name, description] of [
    ['disable', 'Disable an account: its sessions end at once and it cannot sign in'],
    ['enable', 'Enable a disabled account'],
  ] as const) {
    users
      .command(name)
      .description(description)
      .requiredOption('--username <username>', 'the account’s username')
      .action(async (options: { username: string }) => {
        await withServices(async (services) => {
          const found = await account(services, options.username);
          if (!found) return;
          const run = name === 'disable' ? services.identity.disableUser : services.identity.enableUser;
          if (reported(await run({ userId: found.id }, { actor: SYSTEM_ACTOR }))) console.log(`${name === 'disable' ? 'Disabled' : 'Enabled'} ${found.username}.`);
        });
      });
  }

  users
    .command('roles')
    .description('Replace an account’s roles')
    .requiredOption('--username <username>', 'the account’s username')
    .addOption(new Option('--role <role...>', 'the roles the account will have').choices(ROLE_IDS).makeOptionMandatory())
    .action(async (options: { username: string; role: string[] }) => {
      await withServices(async (services) => {
        const found = await account(services, options.username);
        if (!found) return;
        const outcome = await services.identity.changeUserRoles({ userId: found.id, roles: options.role }, { actor: SYSTEM_ACTOR });
        if (reported(outcome)) console.log(`${found.username} now has the roles ${options.role.join(', ')} (had ${found.roles.join(', ')}).`);
      });
    });

  users
    .command('reset-password')
    .description('Give an account a new password and end its sessions; without --password a temporary one is made and printed once')
    .requiredOption('--username <username>', 'the account’s username')
    .option('--password <password>', 'the new password (12 characters or more); read from CORDON_NEW_PASSWORD when set')
    .action(async (options: { username: string; password?: string }) => {
      await withServices(async (services) => {
        const found = await account(services, options.username);
        if (!found) return;
        const chosen = options.password ?? process.env.CORDON_NEW_PASSWORD;
        const outcome = await services.identity.resetUserPassword({ userId: found.id, ...(chosen ? { password: chosen } : {}) }, { actor: SYSTEM_ACTOR });
        if (!reported(outcome) || !outcome.ok) return;
        if (chosen) console.log(`Password of ${found.username} changed; their sessions have ended.`);
        else {
          console.error(`Temporary password of ${found.username} (shown once; their sessions have ended):`);
          console.log((outcome.value as { password: string }).password);
        }
      });
    });

  tokens
    .command('list')
    .description('List API tokens: id, name, role, who issued it and whether it is revoked (never the token itself)')
    .action(async () => {
      await withServices(async (services) => {
        const list = await services.identity.listApiTokens();
        console.log(
          pad([
            ['ID', 'ROLE', 'STATUS', 'ISSUED BY', 'NAME'],
            ...list.map((token) => [token.id, token.role, token.revokedAt ? `revoked ${token.revokedAt.toISOString()}` : 'active', token.createdBy, token.name]),
          ]),
        );
      });
    });

  tokens
    .command('revoke')
    .description('Revoke an API token: every server refuses it within a second')
    .requiredOption('--id <id>', 'the token’s id (from `cordon tokens list`)')
    .action(async (options: { id: string }) => {
      await withServices(async (services) => {
        const token = await services.identity.apiToken(options.id);
        if (!token) {
          console.error(`There is no API token with the id ${options.id}.`);
          process.exitCode = 2;
          return;
        }
        if (reported(await services.identity.revokeApiToken({ tokenId: token.id }, { actor: SYSTEM_ACTOR }))) console.log(`Revoked the token “${token.name}” (${token.role}).`);
      });
    });
}
