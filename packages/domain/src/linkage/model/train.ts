import { ruleName, type BlockingRule } from '../blocking/rules.ts';
import { levelLabels, termFrequencyLevels } from '../compare/levels.ts';
import type { Dataset } from '../dataset/dataset.ts';
import { estimatePrior, expectationMaximisation, type PatternTable } from './fellegi-sunter.ts';
import { DEFAULT_THRESHOLDS, type LinkModel, type Thresholds } from './link-model.ts';
import type { LevelCounts } from './patterns.ts';
import { termFrequencyTable } from './term-frequency.ts';
import { exactAgreementProbability, uFromRandomPairs } from './u-probabilities.ts';

export interface TrainingInput {
  readonly dataset: Dataset;
  readonly rules: readonly BlockingRule[];
  /** Comparison vectors of all candidate pairs, with the mask of rules each pair satisfies. */
  readonly candidates: PatternTable;
  /** Level counts over random pairs. */
  readonly random: LevelCounts;
  readonly randomPairs: number;
  readonly totalPairs: number;
  readonly thresholds?: Thresholds;
}

/** Starting m: most matches agree exactly, the rest spread over the lesser levels, least on "else". */
function initialM(levels: number): number[] {
  if (levels === 1) return [1];
  const rest = Array.from({ length: levels - 1 }, (_, k) => 1 / (k + 2));
  const sum = rest.reduce((a, b) => a + b, 0);
  return [0.8, ...rest.map((x) => (0.2 * x) / sum)];
}

/**
 * Unsupervised training the way Splink does it: u from random pairs, then one EM session per blocking
 * rule over that rule's pairs with u fixed, each estimating m for the fields the rule does not block on;
 * the sessions' m are averaged, and λ is re-estimated over the whole pair space with m and u fixed.
 */
export function trainModel(input: TrainingInput): LinkModel {
  const { dataset, rules, candidates } = input;
  const fields = dataset.fields.map((f) => f.spec);
  const exact = dataset.fields.map((f) => (f.spec.type === 'division_code' ? undefined : f.features[0] ? exactAgreementProbability(dataset, f.features[0]) : undefined));
  const u = uFromRandomPairs(input.random, exact);
  const start = fields.map((f) => initialM(levelLabels(f.type).length));
  const sums = start.map((row) => row.map(() => 0));
  const sessionsPerComparison = start.map(() => 0);
  const emSessions: { rule: string; pairs: number; iterations: number; lambda: number }[] = [];
  let expectedMatches = 0;
  rules.forEach((rule, r) => {
    const fixed = new Set<number>();
    fields.forEach((f, c) => {
      if (rule.keys.some((k) => k.column === f.column)) fixed.add(c);
    });
    const result = expectationMaximisation(candidates, u, start, { ruleMask: 1 << r, fixed });
    emSessions.push({ rule: ruleName(rule), pairs: result.pairs, iterations: result.iterations, lambda: result.lambda });
    if (result.pairs < 20) return;
    expectedMatches = Math.max(expectedMatches, result.lambda * result.pairs);
    result.m.forEach((row, c) => {
      if (fixed.has(c)) return;
      sessionsPerComparison[c] = (sessionsPerComparison[c] ?? 0) + 1;
      row.forEach((x, l) => {
        const target = sums[c];
        if (target) target[l] = (target[l] ?? 0) + x;
      });
    });
  });
  const m = sums.map((row, c) => {
    const n = sessionsPerComparison[c] ?? 0;
    return n === 0 ? (start[c] ?? []) : row.map((x) => x / n);
  });
  const lambda = estimatePrior(candidates, m, u, input.totalPairs, expectedMatches / input.totalPairs);
  const comparisons = dataset.fields.map((field, c) => ({
    column: field.spec.column,
    type: field.spec.type,
    levels: levelLabels(field.spec.type),
    m: m[c] ?? [],
    u: u[c] ?? [],
    termFrequencies: termFrequencyLevels(field.spec.type).flatMap(({ level, feature }) => {
      const column = field.features[feature];
      return column ? [termFrequencyTable(column, level, feature)] : [];
    }),
  }));
  let candidatePairs = 0;
  for (const n of candidates.counts) candidatePairs += n;
  return {
    format: 'onconet-link-model',
    version: 1,
    fields,
    blocking: rules,
    lambda,
    comparisons,
    thresholds: input.thresholds ?? DEFAULT_THRESHOLDS,
    training: { records: dataset.size, candidatePairs, randomPairs: input.randomPairs, emSessions },
  };
}
