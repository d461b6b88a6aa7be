import type { Command } from 'commander';
import { registerRates } from '../stats/rates-command.ts';
import { registerSurvival } from '../stats/survival-command.ts';

/**
 * `onconet stats …`: rates and survival from CSV files, no database.
 * Each statistic's module adds one sub-command to this list.
 */
const statsSubcommands: ReadonlyArray<(stats: Command) => void> = [registerRates, registerSurvival];

export function registerStats(program: Command): void {
  const stats = program.command('stats').description('incidence and mortality rates, survival (reads CSV files, touches no database)');
  for (const register of statsSubcommands) register(stats);
}
