import { vi } from 'vitest';
import { main } from '../src/main.ts';

export interface MainRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/**
 * Runs the CLI in this process with stdout and stderr captured: faster than `runCli`'s child process,
 * for tests of a command's output and exit code. Resets `process.exitCode`, which a command may set.
 */
export async function runMain(args: readonly string[]): Promise<MainRun> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  try {
    return { code: await main(args), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
    process.exitCode = undefined;
  }
}
