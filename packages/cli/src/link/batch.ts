import { totalPairs } from '@onconet/domain/linkage/blocking/block-index';
import { splitBlocks } from '@onconet/domain/linkage/blocking/candidate-pairs';
import { ruleName } from '@onconet/domain/linkage/blocking/rules';
import { clusterLinks } from '@onconet/domain/linkage/cluster/cluster-links';
import type { LinkConfig } from '@onconet/domain/linkage/config/link-config';
import { DatasetBuilder, type Dataset } from '@onconet/domain/linkage/dataset/dataset';
import { blockDataset, resolveRules } from '@onconet/domain/linkage/engine/link-dataset';
import { weightToProbability } from '@onconet/domain/linkage/model/fellegi-sunter';
import type { LinkModel } from '@onconet/domain/linkage/model/link-model';
import { PatternCounter, addLevelCounts, emptyLevelCounts } from '@onconet/domain/linkage/model/patterns';
import { bindScorer } from '@onconet/domain/linkage/model/scorer';
import { trainModel } from '@onconet/domain/linkage/model/train';
import { readRecordBatches } from './read-records.ts';
import { shareFloat64, shareInt32, sharedInt32 } from './shared-memory.ts';
import { WorkerPool, expect } from './worker-pool.ts';

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
}

export interface BatchResult {
  readonly ids: readonly string[];
  readonly dataset: Dataset;
  readonly model: LinkModel;
  readonly pairs: { readonly left: Int32Array; readonly right: Int32Array; readonly weight: Float64Array };
  readonly cluster?: Int32Array;
  readonly groups: readonly Int32Array[];
  readonly stats: { readonly records: number; readonly totalPairs: number; readonly candidatePairs: number; readonly reductionRatio: number; readonly rules: readonly string[] };
}

/**
 * The batch linkage of `onconet link dedupe|pairs` over worker threads: rows stream from the CSV to the
 * workers for normalisation (the costly pinyin and traditional→simplified step), the dictionary-encoded
 * dataset is shared with the workers through SharedArrayBuffer, each worker compares half of every
 * rule's blocks, the model is trained on their pattern counts, and the workers score their own pairs.
 */
export async function runBatch(options: BatchOptions): Promise<BatchResult> {
  const pool = new WorkerPool(options.workers);
  let clock = performance.now();
  const phase = (name: string): void => {
    const now = performance.now();
    options.onPhase?.(name, now - clock);
    clock = now;
  };
  try {
    const specs = options.config.fields;
    const builder = new DatasetBuilder(specs);
    const ids: string[] = [];
    const seen = new Set<string>();
    let leftSize: number | undefined;
    let next = 0;
    const inFlight: Promise<string[][][]>[] = [];
    const drain = async (limit: number): Promise<void> => {
      while (inFlight.length > limit) {
        const features = await inFlight.shift();
        for (const f of features ?? []) builder.addFeatures(f);
      }
    };
    for (const [index, file] of options.files.entries()) {
      for await (const batch of readRecordBatches(file, options.idColumn, specs, seen)) {
        ids.push(...batch.ids);
        inFlight.push(pool.request(next++, { kind: 'normalise', specs, rows: batch.rows }).then((r) => expect(r, 'normalised').features));
        await drain(pool.size * 2);
      }
      await drain(0);
      if (index === 0 && options.files.length === 2) leftSize = ids.length;
    }
    seen.clear();
    const dataset = builder.finish({ leftSize, allocate: sharedInt32 });
    phase('read and normalise');

    const rules = options.model?.blocking ?? resolveRules(dataset, options.config.blocking);
    const blocked = blockDataset(dataset, rules, sharedInt32);
    const layouts = blocked.layouts.map((l) => ({ order: shareInt32(l.order), starts: shareInt32(l.starts), lefts: shareInt32(l.lefts), pairs: shareFloat64(l.pairs) }));
    const shared = { size: dataset.size, leftSize, fields: dataset.fields, groups: blocked.groups, layouts };
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
    return {
      ids,
      dataset,
      model,
      pairs,
      cluster,
      groups: blocked.groups,
      stats: { records: dataset.size, totalPairs: all, candidatePairs, reductionRatio: all === 0 ? 0 : 1 - candidatePairs / all, rules: rules.map(ruleName) },
    };
  } finally {
    await pool.close();
  }
}
