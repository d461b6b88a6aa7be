import type { Command } from 'commander';

/**
 * `onconet stats …`: rates and survival from CSV files, no database.
 * Each statistic's module adds one sub-command to this list.
 */
const statsSubcommands: ReadonlyArray<(stats: Command) => void> = [];

export function registerStats(program: Command): void {
  const stats = program.command('stats').description('incidence and mortality rates, survival (reads CSV files, touches no database)');
  for (const register of statsSubcommands) register(stats);
}
