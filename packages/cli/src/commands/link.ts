import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { serialiseModel } from '@onconet/domain/linkage/model/serialise';
import type { PairwiseMetrics } from '@onconet/domain/linkage/evaluate/pairwise-metrics';
import { weightToProbability } from '@onconet/domain/linkage/model/fellegi-sunter';
import { CliUsageError } from '../errors.ts';
import { parseFormat, renderTable } from '../io/output.ts';
import { runBatch, type BatchResult } from '../link/batch.ts';
import { loadLinkConfig, loadModel, parseProbability } from '../link/load-config.ts';
import { csvCell, writeCsvAtomically } from '../link/write-outputs.ts';

interface CommonOptions {
  id: string;
  config: string;
  out: string;
  threshold?: string;
  model?: string;
  saveModel?: string;
  workers?: string;
  format?: string;
  truth?: string;
}

async function run(files: string[], options: CommonOptions, clustersFile?: string): Promise<void> {
  const config = loadLinkConfig(options.config);
  const threshold = parseProbability(options.threshold, '--threshold');
  const workers = options.workers === undefined ? undefined : Number(options.workers);
  if (workers !== undefined && !(Number.isInteger(workers) && workers >= 1)) throw new CliUsageError('--workers must be a positive integer');
  const started = performance.now();
  const result = await runBatch({
    files,
    idColumn: options.id,
    config,
    threshold,
    clusters: clustersFile !== undefined,
    model: options.model ? loadModel(options.model, config) : undefined,
    workers,
    truthColumn: options.truth,
  });
  await writeOutputs(result, options.out, clustersFile);
  if (options.saveModel) writeFileSync(options.saveModel, serialiseModel(result.model));
  const summary = { ...result.stats, linkedPairs: result.pairs.left.length, seconds: Number(((performance.now() - started) / 1000).toFixed(2)), lambda: result.model.lambda, phases: result.phases, phaseCpu: result.phaseCpu, ...evaluationSummary(result) };
  if (parseFormat(options.format) === 'json') process.stdout.write(`${JSON.stringify(summary)}\n`);
  else process.stdout.write(renderTable(Object.entries(summary).map(([key, value]) => ({ key, value: Array.isArray(value) ? value.join('; ') : typeof value === 'object' ? JSON.stringify(value) : value }))));
}

/** With --truth: blocking pairs completeness and pairwise precision/recall/F1 of the pairs (and clusters). */
function evaluationSummary(result: BatchResult): Record<string, unknown> {
  const e = result.evaluation;
  if (!e) return {};
  const short = (m: PairwiseMetrics) => ({ precision: Number(m.precision.toFixed(4)), recall: Number(m.recall.toFixed(4)), f1: Number(m.f1.toFixed(4)), truePairs: m.truePairs, predictedPairs: m.predictedPairs });
  return { pairsCompleteness: Number(e.pairsCompleteness.toFixed(4)), pairQuality: short(e.pairs), ...(e.clusters ? { clusterQuality: short(e.clusters) } : {}) };
}

async function writeOutputs(result: BatchResult, out: string, clustersFile?: string): Promise<void> {
  const { ids, pairs, cluster } = result;
  function* pairRows(): Generator<string> {
    for (let p = 0; p < pairs.left.length; p++) {
      const w = pairs.weight[p] ?? 0;
      yield `${csvCell(ids[pairs.left[p] ?? 0] ?? '')},${csvCell(ids[pairs.right[p] ?? 0] ?? '')},${weightToProbability(w).toPrecision(6)},${w.toFixed(4)}`;
    }
  }
  await writeCsvAtomically(out, 'id_l,id_r,match_probability,match_weight', pairRows());
  if (clustersFile && cluster) {
    const c = cluster;
    function* clusterRows(): Generator<string> {
      for (let i = 0; i < ids.length; i++) yield `${csvCell(ids[i] ?? '')},${csvCell(ids[c[i] ?? i] ?? '')}`;
    }
    await writeCsvAtomically(clustersFile, 'id,cluster_id', clusterRows());
  }
}

/** `onconet link dedupe|pairs`: probabilistic record linkage of CSV files (issue 3 CLI contract, docs/linkage.md). */
export function registerLink(program: Command): void {
  const link = program.command('link').description('probabilistic record linkage (Fellegi–Sunter, trained without labels)');
  const common = (command: Command): Command =>
    command
      .requiredOption('--id <column>', 'the column holding each record id')
      .requiredOption('--config <file>', 'link.json: {"fields": {"<column>": "<type>"}, "blocking": [...], "thresholds": {...}}')
      .requiredOption('--out <file>', 'pairs.csv to write: id_l,id_r,match_probability,match_weight')
      .option('--threshold <p>', 'write pairs with match probability at or above p (default: the link threshold)')
      .option('--model <file>', 'reuse a trained model instead of training on the input')
      .option('--save-model <file>', 'save the trained model as JSON')
      .option('--workers <n>', 'worker threads (default: the number of cores)')
      .option('--format <format>', 'summary as json or table', 'table')
      .option('--truth <column>', 'a column of known entity labels: report pairs completeness, precision, recall and F1 (not used in training)');
  common(link.command('dedupe').description('find the duplicates within one file'))
    .requiredOption('--input <file>', 'the CSV of records')
    .option('--clusters <file>', 'clusters.csv to write: id,cluster_id')
    .action(async (options: CommonOptions & { input: string; clusters?: string }) => run([options.input], options, options.clusters));
  common(link.command('pairs').description('link the records of two files'))
    .requiredOption('--left <file>', 'the first CSV')
    .requiredOption('--right <file>', 'the second CSV')
    .action(async (options: CommonOptions & { left: string; right: string }) => run([options.left, options.right], options));
}
