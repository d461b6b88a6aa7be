import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { serialiseModel } from '@onconet/domain/linkage/index';
import { AppError, systemActor, type Actor } from '@onconet/services';
import type { ModelView } from '@onconet/services/mpi/model-admin';
import { CliInputError, CliUsageError } from '../errors.ts';
import { openServices } from '../io/open-services.ts';
import { parseFormat, renderTable } from '../io/output.ts';
import { readInput } from '../registry/import-file.ts';

/** The index is run by the system; the audit log names it as the actor of these commands. */
function mpiActor(): Actor {
  const system = systemActor();
  return { ...system, permissions: new Set([...system.permissions, 'mpi.review']) };
}

function printModel(view: ModelView, format: string | undefined): void {
  if (parseFormat(format) === 'json') {
    process.stdout.write(`${JSON.stringify(view)}\n`);
    return;
  }
  const origin = view.source === 'default' ? 'built-in defaults' : view.source === 'saved' ? `saved ${view.savedAt?.toISOString() ?? ''}` : 'trained, not saved';
  const trained = view.training ? `; trained on ${view.training.records} records, ${view.training.candidatePairs} candidate pairs` : '';
  process.stdout.write(`model: ${origin}${trained}\nprior λ ${view.lambda.toExponential(2)} (${view.priorWeight.toFixed(1)} bits); link ≥ ${view.thresholds.link}, review ≥ ${view.thresholds.review}\n`);
  const rows = view.fields.flatMap((f) => f.levels.map((l) => ({ field: f.column, level: l.label, m: l.m, u: l.u, weight_bits: l.weight, tf: f.termFrequencyAdjusted ? 'yes' : '' })));
  process.stdout.write(renderTable(rows, ['field', 'level', 'm', 'u', 'weight_bits', 'tf']));
}

export function registerMpi(program: Command): void {
  const mpi = program.command('mpi').description('the master patient index (主索引): its linkage model');
  mpi
    .command('model')
    .description('show the linkage model in use: prior, thresholds, and per field each agreement level with m, u and weight')
    .option('--format <format>', 'json or table', 'table')
    .action(async (options: { format?: string }) => {
      const open = await openServices();
      try {
        printModel(await open.services.mpiModel.view(mpiActor()), options.format);
      } finally {
        await open.close();
      }
    });
  mpi
    .command('use-model <file>')
    .description('put a trained model (from `onconet link dedupe --save-model` or `onconet mpi train --out`) in use for every match from now on')
    .option('--format <format>', 'json or table', 'table')
    .action(async (file: string, options: { format?: string }) => {
      const text = readInput(file).toString('utf8');
      const open = await openServices();
      try {
        printModel(await open.services.mpiModel.use(mpiActor(), text), options.format);
      } catch (error) {
        if (error instanceof AppError && error.code === 'validation') {
          const first = error.errors[0];
          throw new CliInputError(file, first ? `${first.field}: ${first.message.replace(new RegExp(`^${first.field}: `), '')}` : error.message);
        }
        throw error;
      } finally {
        await open.close();
      }
    });
  mpi
    .command('train')
    .description("train m, u and term frequencies on the network's own source records (the engine of `onconet link dedupe`); prior and thresholds stay those in use")
    .option('--out <file>', 'write the trained model as JSON')
    .option('--save', 'put the trained model in use')
    .option('--max-records <n>', 'read at most this many source records', '1000000')
    .option('--seed <n>', 'seed of the random pairs that estimate u', '1')
    .option('--format <format>', 'json or table', 'table')
    .action(async (options: { out?: string; save?: boolean; maxRecords: string; seed: string; format?: string }) => {
      const positive = (flag: string, v: string) => {
        if (!/^[1-9][0-9]{0,8}$/.test(v)) throw new CliUsageError(`${flag}: "${v}" is not a positive whole number`);
        return Number(v);
      };
      const maxRecords = positive('--max-records', options.maxRecords);
      const seed = positive('--seed', options.seed);
      if (options.out === undefined && options.save !== true) throw new CliUsageError('--out or --save: say where the trained model goes');
      const open = await openServices();
      try {
        const actor = mpiActor();
        const { model, view } = await open.services.mpiModel.train(actor, { maxRecords, seed });
        if (options.out !== undefined) writeFileSync(options.out, serialiseModel(model));
        printModel(options.save === true ? await open.services.mpiModel.use(actor, serialiseModel(model)) : view, options.format);
      } finally {
        await open.close();
      }
    });
}
