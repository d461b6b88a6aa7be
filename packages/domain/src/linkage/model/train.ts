import { ruleName, type BlockingRule } from '../blocking/rules.ts';
import { levelLabels, termFrequencyLevels } from '../compare/levels.ts';
import type { FieldSpec, FieldType } from '../config/field-types.ts';
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
 * The comparisons an EM session must leave out: those of the rule's own columns (all its pairs agree on
 * them, so they say nothing about m), and those the rule's keys determine through another column. The
 * birth date and sex read from the resident ID fix the birth_date and sex fields; an address names its
 * township, so a rule on the address fixes the division code and the other way round. Left in, they
 * agree on every pair of the session and EM takes every pair for a match.
 */
export function fixedComparisons(rule: BlockingRule, fields: readonly FieldSpec[]): Set<number> {
  const implied = new Set<FieldType>();
  for (const key of rule.keys) {
    const type = fields.find((f) => f.column === key.column)?.type;
    if (type === 'resident_id' && key.feature === 'birthSex') {
      implied.add('birth_date');
      implied.add('sex');
    }
    if (type === 'address') implied.add('division_code');
    if (type === 'division_code') implied.add('address');
  }
  const fixed = new Set<number>();
  fields.forEach((f, c) => {
    if (rule.keys.some((k) => k.column === f.column) || implied.has(f.type)) fixed.add(c);
  });
  return fixed;
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
    const fixed = fixedComparisons(rule, fields);
    const result = expectationMaximisation(candidates, u, start, { ruleMask: 1 << r, fixed });
    emSessions.push({ rule: ruleName(rule), pairs: result.pairs, iterations: result.iterations, lambda: result.lambda });
    if (result.pairs < 20) return;
    // A session whose "matches" outnumber the records has found something other than persons (EM's
    // degenerate solution, every pair a match): a person has a handful of records, not dozens.
    if (result.lambda * result.pairs > dataset.size) return;
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
