import { blockGroups, blockLayout, totalPairs } from '../blocking/block-index.ts';
import { chooseDefaultRules } from '../blocking/default-rules.ts';
import type { BlockingRule } from '../blocking/rules.ts';
import { clusterLinks } from '../cluster/cluster-links.ts';
import { bindComparison } from '../compare/field-comparison.ts';
import type { Dataset } from '../dataset/dataset.ts';
import { weightToProbability } from '../model/fellegi-sunter.ts';
import type { LinkModel, Thresholds } from '../model/link-model.ts';
import { PatternCounter } from '../model/patterns.ts';
import { bindScorer } from '../model/scorer.ts';
import { trainModel } from '../model/train.ts';
import { compareCandidates, sampleRandomLevels, type BlockedData } from './compare-candidates.ts';
import { PairStore } from './pair-store.ts';

export interface LinkOptions {
  readonly rules?: readonly BlockingRule[];
  readonly thresholds?: Thresholds;
  /** Random pairs for u (default min(3·10⁵, all pairs); the exact level's u is computed exactly). */
  readonly randomPairs?: number;
  readonly seed?: number;
  /** A trained model to reuse instead of training on this dataset. */
  readonly model?: LinkModel;
}

export interface LinkStats {
  readonly records: number;
  readonly totalPairs: number;
  readonly candidatePairs: number;
  /** 1 − candidate pairs / all pairs (Christen 2012, §4.4). */
  readonly reductionRatio: number;
  readonly rules: readonly string[];
}

export interface LinkResult {
  readonly model: LinkModel;
  /** Every candidate pair with its match weight. */
  readonly pairs: { readonly left: Int32Array; readonly right: Int32Array; readonly weight: Float64Array };
  readonly stats: LinkStats;
}

/** Blocks the dataset: block ids and layouts per rule, comparisons bound to the data. */
export function blockDataset(dataset: Dataset, rules: readonly BlockingRule[], allocate?: (n: number) => Int32Array): BlockedData {
  const groups = rules.map((rule) => blockGroups(dataset, rule, allocate));
  return { dataset, comparisons: dataset.fields.map(bindComparison), groups, layouts: groups.map((g) => blockLayout(g, dataset.leftSize)) };
}

export function resolveRules(dataset: Dataset, rules?: readonly BlockingRule[]): readonly BlockingRule[] {
  return rules && rules.length > 0 ? rules : chooseDefaultRules(dataset).map((c) => c.rule);
}

/**
 * The whole batch in one thread: block, compare candidates, train (or reuse) the model, score.
 * The CLI runs the same steps split over worker threads; this is the reference and the test path.
 */
export function linkDataset(dataset: Dataset, options: LinkOptions = {}): LinkResult {
  const rules = options.model?.blocking ?? resolveRules(dataset, options.rules);
  const blocked = blockDataset(dataset, rules);
  const K = blocked.comparisons.length;
  const store = new PairStore(K);
  const counter = new PatternCounter(K);
  compareCandidates(blocked, rules.map((_, rule) => ({ rule, from: 0, to: blocked.layouts[rule]?.pairs.length ?? 0 })), store, counter);
  const all = totalPairs(dataset);
  const randomPairs = Math.min(options.randomPairs ?? 300_000, all);
  const model =
    options.model ??
    trainModel({
      dataset,
      rules,
      candidates: counter.toTable(),
      random: sampleRandomLevels(dataset, blocked.comparisons, randomPairs, options.seed ?? 1),
      randomPairs,
      totalPairs: all,
      thresholds: options.thresholds,
    });
  const scorer = bindScorer(model, dataset);
  const weight = new Float64Array(store.size);
  for (let p = 0; p < store.size; p++) weight[p] = scorer.weightOfLevels(store.levels, p * K, store.left[p] ?? 0);
  return {
    model,
    pairs: { left: store.left.slice(0, store.size), right: store.right.slice(0, store.size), weight },
    stats: {
      records: dataset.size,
      totalPairs: all,
      candidatePairs: store.size,
      reductionRatio: all === 0 ? 0 : 1 - store.size / all,
      rules: rules.map((r) => r.keys.map((k) => `${k.column}.${k.feature}`).join(' + ')),
    },
  };
}

/** Clusters the links of a result into persons (cluster-links.ts), scoring within-component pairs on demand. */
export function clusterResult(dataset: Dataset, result: LinkResult, linkThreshold = result.model.thresholds.link): Int32Array {
  const scorer = bindScorer(result.model, dataset);
  const probability = Float64Array.from(result.pairs.weight, weightToProbability);
  return clusterLinks(dataset.size, { left: result.pairs.left, right: result.pairs.right, probability }, (i, j) => weightToProbability(scorer.weight(i, j)), { linkThreshold });
}
