import { totalPairs } from '@onconet/domain/linkage/blocking/block-index';
import { splitBlocks } from '@onconet/domain/linkage/blocking/candidate-pairs';
import { ruleName } from '@onconet/domain/linkage/blocking/rules';
import { clusterLinks } from '@onconet/domain/linkage/cluster/cluster-links';
import type { LinkConfig } from '@onconet/domain/linkage/config/link-config';
import { clusterPairs, pairsCompleteness, pairwiseMetrics, type PairwiseMetrics } from '@onconet/domain/linkage/evaluate/pairwise-metrics';
import type { Dataset } from '@onconet/domain/linkage/dataset/dataset';
import { blockDataset, resolveRules } from '@onconet/domain/linkage/engine/link-dataset';
import { weightToProbability } from '@onconet/domain/linkage/model/fellegi-sunter';
import type { LinkModel } from '@onconet/domain/linkage/model/link-model';
import { PatternCounter, addLevelCounts, emptyLevelCounts } from '@onconet/domain/linkage/model/patterns';
import { bindScorer } from '@onconet/domain/linkage/model/scorer';
import { trainModel } from '@onconet/domain/linkage/model/train';
import { CliInputError } from '../errors.ts';
import { readChunks, readFileHead, readHead } from './chunk-reader.ts';
import type { EncodedChunk } from './encode-chunk.ts';
import { ChunkMerger } from './merge-chunks.ts';
import type { WorkerResponse } from './protocol.ts';
import { shareFloat64, shareInt32, sharedInt32 } from './shared-memory.ts';
import { WorkerInputError, WorkerPool, expect } from './worker-pool.ts';

export interface BatchOptions {
  /** One file (dedupe) or two (left, right). */
  readonly files: readonly string[];
  readonly idColumn: string;
  readonly config: LinkConfig;
  /** Pairs at or above this probability are returned; default the link threshold. */
  readonly threshold?: number;
  readonly clusters?: boolean;
  readonly model?: LinkModel;
  readonly workers?: number;
  readonly randomPairs?: number;
  readonly onPhase?: (phase: string, ms: number) => void;
  /** A column of known entity labels: the run is scored against it (never used in training). */
  readonly truthColumn?: string;
}

/** Scores of a run against a truth column (`--truth`): blocking pairs completeness, pairwise P/R/F1. */
export interface BatchEvaluation {
  readonly pairsCompleteness: number;
  readonly pairs: PairwiseMetrics;
  readonly clusters?: PairwiseMetrics;
}

export interface BatchResult {
  readonly ids: readonly string[];
  readonly dataset: Dataset;
  readonly model: LinkModel;
  readonly pairs: { readonly left: Int32Array; readonly right: Int32Array; readonly weight: Float64Array };
  readonly cluster?: Int32Array;
  readonly groups: readonly Int32Array[];
  readonly stats: { readonly records: number; readonly totalPairs: number; readonly candidatePairs: number; readonly reductionRatio: number; readonly rules: readonly string[] };
  /** Seconds per phase (read and normalise, block, compare, train, score, cluster). */
  readonly phases: Readonly<Record<string, number>>;
  /** CPU seconds per phase, all threads of the process (on a shared machine wall time alone misleads). */
  readonly phaseCpu: Readonly<Record<string, number>>;
  readonly evaluation?: BatchEvaluation;
}

const packDictionary = (dict: readonly string[]): string | readonly string[] => (dict.some((v) => v.includes('\0')) ? dict : dict.join('\0'));

/**
 * Reads the files through the workers: the main thread cuts each file into record-aligned byte chunks,
 * the workers parse, normalise and dictionary-encode them (encode-chunk.ts), and the main thread merges
 * the chunks in file order, checks the ids (non-empty, unique) and names file, row and column on bad input.
 */
async function readFiles(pool: WorkerPool, options: BatchOptions): Promise<{ dataset: Dataset; ids: string[]; truth: string[] }> {
  const specs = options.config.fields;
  const merger = new ChunkMerger(specs);
  const ids: string[] = [];
  const truth: string[] = [];
  const seen = new Set<string>();
  let leftSize: number | undefined;
  let next = 0;
  for (const [index, file] of options.files.entries()) {
    const required = [options.idColumn, ...specs.map((s) => s.column), ...(options.truthColumn === undefined ? [] : [options.truthColumn])];
    const head = readHead(file, readFileHead(file), required);
    const columns = { width: head.header.length, id: head.header.indexOf(options.idColumn), truth: options.truthColumn === undefined ? undefined : head.header.indexOf(options.truthColumn), fields: specs.map((s) => head.header.indexOf(s.column)) };
    const inFlight: { worker: number; response: Promise<WorkerResponse> }[] = [];
    let rowsBefore = 0;
    const drain = async (limit: number): Promise<void> => {
      while (inFlight.length > limit) {
        const { worker, response } = inFlight.shift()!;
        let chunk: EncodedChunk;
        try {
          chunk = expect(await response, 'encoded').chunk;
        } catch (error) {
          if (error instanceof WorkerInputError && error.record !== undefined) throw new CliInputError(file, error.message, rowsBefore + error.record, error.column);
          throw error;
        }
        const chunkIds = chunk.records === 0 ? [] : chunk.ids.split('\0');
        chunkIds.forEach((id, r) => {
          if (id === '') throw new CliInputError(file, 'the record id is empty', rowsBefore + r + 1, options.idColumn);
          if (seen.has(id)) throw new CliInputError(file, `the record id "${id}" occurs twice`, rowsBefore + r + 1, options.idColumn);
          seen.add(id);
          ids.push(id);
        });
        if (options.truthColumn !== undefined && chunk.records > 0) for (const t of chunk.truth.split('\0')) truth.push(t);
        merger.add(worker, chunk);
        rowsBefore += chunk.records;
      }
    };
    for await (const chunk of readChunks(file, head.dataStart)) {
      const worker = next++ % pool.size;
      const response = pool.request(worker, { kind: 'encode', specs, columns, bytes: chunk.bytes }, [chunk.bytes.buffer as ArrayBuffer]);
      // A chunk may fail while an earlier one is awaited, or after the first failure ends the read:
      // mark it handled now; drain() still awaits it in order and reports the first bad row.
      response.catch(() => undefined);
      inFlight.push({ worker, response });
      await drain(pool.size * 2);
    }
    await drain(0);
    if (rowsBefore === 0) throw new CliInputError(file, 'the file has no data rows');
    if (index === 0 && options.files.length === 2) leftSize = ids.length;
  }
  return { dataset: merger.finish({ leftSize, allocate: sharedInt32 }), ids, truth };
}

/**
 * The batch linkage of `onconet link dedupe|pairs` over worker threads: the files are read, parsed and
 * normalised by the workers (readFiles), the dictionary-encoded dataset is shared with the workers
 * through SharedArrayBuffer, each worker compares half of every rule's blocks, the model is trained on their pattern counts, and the workers score their own pairs.
 */
export async function runBatch(options: BatchOptions): Promise<BatchResult> {
  const pool = new WorkerPool(options.workers);
  let clock = performance.now();
  let cpu = process.cpuUsage();
  const phases: Record<string, number> = {};
  const phaseCpu: Record<string, number> = {};
  const phase = (name: string): void => {
    const now = performance.now();
    options.onPhase?.(name, now - clock);
    phases[name] = Number(((now - clock) / 1000).toFixed(2));
    const used = process.cpuUsage(cpu);
    phaseCpu[name] = Number(((used.user + used.system) / 1e6).toFixed(2));
    clock = now;
    cpu = process.cpuUsage();
  };
  try {
    const specs = options.config.fields;
    const { dataset, ids, truth } = await readFiles(pool, options);
    const leftSize = dataset.leftSize;
    phase('read and normalise');

    const rules = options.model?.blocking ?? resolveRules(dataset, options.config.blocking);
    const blocked = blockDataset(dataset, rules, sharedInt32);
    const layouts = blocked.layouts.map((l) => ({ order: shareInt32(l.order), starts: shareInt32(l.starts), lefts: shareInt32(l.lefts), pairs: shareFloat64(l.pairs) }));
    const fields = dataset.fields.map((f) => ({ spec: f.spec, features: f.features.map((x) => ({ ...x, dict: packDictionary(x.dict) })) }));
    const shared = { size: dataset.size, leftSize, fields, groups: blocked.groups, layouts };
    await Promise.all(Array.from({ length: pool.size }, (_, w) => pool.request(w, { kind: 'load', data: shared })));
    phase('block');

    const K = specs.length;
    const all = totalPairs(dataset);
    const counter = new PatternCounter(K);
    const parts = layouts.map((l) => splitBlocks(l, pool.size));
    const compared = await Promise.all(
      Array.from({ length: pool.size }, (_, w) =>
        pool.request(w, { kind: 'compare', ranges: parts.flatMap((ranges, rule) => (ranges[w] ? [{ rule, from: ranges[w][0], to: ranges[w][1] }] : [])) }),
      ),
    );
    let candidatePairs = 0;
    for (const response of compared) {
      const r = expect(response, 'compared');
      candidatePairs += r.pairs;
      counter.addTable({ comparisons: K, levels: r.levels, masks: r.masks, counts: r.counts });
    }
    phase('compare');

    let model = options.model;
    if (!model) {
      const randomPairs = Math.min(options.randomPairs ?? 300_000, all);
      const random = emptyLevelCounts(blocked.comparisons.map((c) => c.levels.length));
      const share = Math.ceil(randomPairs / pool.size);
      const sampled = await Promise.all(Array.from({ length: pool.size }, (_, w) => pool.request(w, { kind: 'sample', count: share, seed: 7919 * (w + 1) })));
      for (const s of sampled) addLevelCounts(random, expect(s, 'sampled').counts);
      model = trainModel({ dataset, rules, candidates: counter.toTable(), random, randomPairs: share * pool.size, totalPairs: all, thresholds: options.config.thresholds });
      phase('train');
    }

    const threshold = options.threshold ?? model.thresholds.link;
    const minProbability = options.clusters ? Math.min(threshold, model.thresholds.link) : threshold;
    const scored = await Promise.all(Array.from({ length: pool.size }, (_, w) => pool.request(w, { kind: 'score', model, minProbability })));
    const parts2 = scored.map((s) => expect(s, 'scored'));
    const concat = <T extends Int32Array | Float64Array>(make: (n: number) => T, pick: (s: (typeof parts2)[number]) => T): T => {
      const out = make(parts2.reduce((a, s) => a + pick(s).length, 0));
      let offset = 0;
      for (const s of parts2) {
        out.set(pick(s), offset);
        offset += pick(s).length;
      }
      return out;
    };
    const left = concat((n) => new Int32Array(n), (s) => s.left);
    const right = concat((n) => new Int32Array(n), (s) => s.right);
    const weight = concat((n) => new Float64Array(n), (s) => s.weight);
    phase('score');

    let cluster: Int32Array | undefined;
    if (options.clusters) {
      const scorer = bindScorer(model, dataset);
      const probability = Float64Array.from(weight, weightToProbability);
      cluster = clusterLinks(dataset.size, { left, right, probability }, (i, j) => weightToProbability(scorer.weight(i, j)), { linkThreshold: model.thresholds.link });
      phase('cluster');
    }
    // Pairs below the output threshold were kept only for clustering.
    const minWeight = Math.log2(threshold / (1 - threshold));
    const keep: number[] = [];
    for (let p = 0; p < weight.length; p++) if ((weight[p] ?? 0) >= minWeight) keep.push(p);
    const pairs = {
      left: Int32Array.from(keep, (p) => left[p] ?? 0),
      right: Int32Array.from(keep, (p) => right[p] ?? 0),
      weight: Float64Array.from(keep, (p) => weight[p] ?? 0),
    };
    let evaluation: BatchEvaluation | undefined;
    if (options.truthColumn !== undefined) {
      const fromClusters = cluster ? clusterPairs(cluster, leftSize) : undefined;
      evaluation = {
        pairsCompleteness: pairsCompleteness(truth, blocked.groups, leftSize),
        pairs: pairwiseMetrics(truth, pairs.left, pairs.right, leftSize),
        clusters: fromClusters ? pairwiseMetrics(truth, fromClusters.left, fromClusters.right, leftSize) : undefined,
      };
    }
    return {
      ids,
      dataset,
      model,
      pairs,
      cluster,
      phases,
      phaseCpu,
      evaluation,
      groups: blocked.groups,
      stats: { records: dataset.size, totalPairs: all, candidatePairs, reductionRatio: all === 0 ? 0 : 1 - candidatePairs / all, rules: rules.map(ruleName) },
    };
  } finally {
    await pool.close();
  }
}
