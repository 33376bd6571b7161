import type { Command } from 'commander';

/** `cordon parties …` commands (batch entity resolution). */
export function registerPartiesCommands(_program: Command): void {}
