/** `onconet registry import`: a notification or death file into the registry, with a progress bar on stderr. */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import cliProgress from 'cli-progress';
import { CliInputError } from '../errors.ts';
import type { OpenRegistry } from './open-registry.ts';

const PHASES = { validate: 'validating', match: 'matching persons (MPI)', consolidate: 'consolidating' } as const;

/** Read before the database is opened, so a missing file fails fast. */
export function readInput(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new CliInputError(file, `cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

export async function importFile(open: OpenRegistry, file: string, bytes: Buffer, kind: 'notifications' | 'deaths', showProgress: boolean) {
  const bar = new cliProgress.SingleBar({ format: '{phase} [{bar}] {value}/{total}', stream: process.stderr, noTTYOutput: false, hideCursor: false }, cliProgress.Presets.shades_classic);
  let phase: string | null = null;
  const progress = (p: keyof typeof PHASES, done: number, total: number) => {
    if (!showProgress) return;
    if (phase !== p) {
      if (phase !== null) bar.stop();
      bar.start(total, done, { phase: PHASES[p] });
      phase = p;
    } else bar.update(done);
  };
  const input = { fileName: basename(file), bytes, institutionId: open.actor.institutionId };
  try {
    return kind === 'deaths' ? await open.registry.importDeaths(open.actor, input, progress) : await open.registry.importNotifications(open.actor, input, progress);
  } finally {
    if (phase !== null) bar.stop();
  }
}
