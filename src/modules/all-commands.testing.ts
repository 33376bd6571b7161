import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CommandDefinition } from '../platform/events/command.js';
import { liabilityActionCommand } from './casework/liability-command.js';
import { assignmentCommands } from './casework/work/assignment.js';
import { markNotificationReadCommand } from './casework/work/notifications.js';
import { casesProjector } from './casework/projector.js';
import { recordDataBreach } from './correspondence/correspondence-commands.js';
import { addWatchlistEntriesCommand, removeWatchlistEntryCommand } from './plate-checks/watchlist.js';

/*
 * Every command of every module, for the tests that check them all (who may run each,
 * `src/modules/command-scopes.test.ts`; that each decision is the domain's, `src/architecture.test.ts`).
 * Only tests import this file.
 */

const MODULES = path.dirname(fileURLToPath(import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const file = path.join(dir, entry);
    if (statSync(file).isDirectory()) return sourceFiles(file);
    return file.endsWith('.ts') && !file.endsWith('.test.ts') ? [file] : [];
  });
}

/** Every command definition in the source, by name, with its file: an object literal opening with its `name` and `input`. */
export function commandsInSource(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of sourceFiles(MODULES)) {
    for (const match of readFileSync(file, 'utf8').matchAll(/name:\s*'(\w+)',\s*\n\s*input:/g)) found.set(match[1]!, path.relative(MODULES, file));
  }
  return found;
}

export type AnyCommand = CommandDefinition<unknown, unknown, unknown>;
const isCommand = (value: unknown): value is AnyCommand =>
  typeof value === 'object' && value !== null && typeof (value as AnyCommand).name === 'string' && Array.isArray((value as AnyCommand).roles) && typeof (value as AnyCommand).decide === 'function';

/** The commands themselves: exported by the files that define them, and those built by a factory. */
export async function commandInstances(files: readonly string[]): Promise<Map<string, AnyCommand>> {
  const commands = new Map<string, AnyCommand>();
  const add = (command: unknown) => {
    if (isCommand(command)) commands.set(command.name, command);
  };
  for (const file of files) Object.values(await import(path.join(MODULES, file))).forEach(add);
  const signal = {} as Parameters<typeof addWatchlistEntriesCommand>[0];
  const assignment = assignmentCommands({ names: new Map(), assignable: new Set() });
  [
    liabilityActionCommand(),
    markNotificationReadCommand(casesProjector),
    addWatchlistEntriesCommand(signal),
    removeWatchlistEntryCommand(signal),
    assignment.claim,
    assignment.assign,
    assignment.unassign,
    recordDataBreach({ id: '5b0e7b4e-5d1c-4c51-9a53-3f5c6a0e9d11', liabilityId: null, form: 'IS11E', title: 'Initial notice', addressLines: [], createdOn: '2026-01-05' }),
  ].forEach(add);
  return commands;
}

/** Every command of every module, by name. */
export async function allCommands(): Promise<Map<string, AnyCommand>> {
  return commandInstances([...new Set(commandsInSource().values())]);
}
