import { Command, CommanderError } from 'commander';
import { CliInputError, CliUsageError } from './errors.ts';
import { registerAudit } from './commands/audit.ts';
import { registerServe } from './commands/serve.ts';
import { registerRegistry } from './commands/registry.ts';
import { registerLink } from './commands/link.ts';
import { registerMpi } from './commands/mpi.ts';
import { registerStats } from './commands/stats.ts';

/** Each command module adds its sub-commands here; the list is the CLI's table of contents. */
const commandModules: ReadonlyArray<(program: Command) => void> = [
  registerLink,
  registerServe,
  registerAudit,
  registerRegistry,
  registerMpi,
  registerStats,
];

export function buildProgram(): Command {
  const program = new Command('onconet')
    .description('OncoNet — regional cancer prevention-and-treatment network')
    .exitOverride()
    .showHelpAfterError(true);
  for (const register of commandModules) register(program);
  return program;
}

/** Runs the CLI and returns the exit code: 0 success, 2 bad input, 1 anything else (DESIGN.md). */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    await buildProgram().parseAsync([...argv], { from: 'user' });
    // A command that completed but found a problem (a broken audit chain) sets process.exitCode itself.
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0) return 0;
      return 2;
    }
    if (error instanceof CliInputError || error instanceof CliUsageError) {
      process.stderr.write(`onconet: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`onconet: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
