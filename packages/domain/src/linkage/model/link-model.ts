import type { FieldSpec } from '../config/field-types.ts';
import type { BlockingRule } from '../blocking/rules.ts';

/** Term frequencies of one term-frequency-adjusted level, kept in the model for scoring new records. */
export interface TermFrequencyTable {
  readonly level: number;
  readonly feature: number;
  /** Records with a value in this feature when the model was trained. */
  readonly records: number;
  /** Σ tf², the mean frequency of the value two random records share; the adjustment is log2(mean / tf). */
  readonly meanFrequency: number;
  /** Counts of the commoner values (count ≥ 2); any other value counts 1. */
  readonly counts: Readonly<Record<string, number>>;
}

export interface ComparisonParameters {
  readonly column: string;
  readonly type: FieldSpec['type'];
  readonly levels: readonly string[];
  /** m and u per level, level 1 first. */
  readonly m: readonly number[];
  readonly u: readonly number[];
  readonly termFrequencies: readonly TermFrequencyTable[];
}

export interface Thresholds {
  /** Match probability at or above which two records are linked automatically. */
  readonly link: number;
  /** Match probability at or above which (and below link) a pair goes to clerical review. */
  readonly review: number;
}

/** A trained Fellegi–Sunter model, saved as JSON and reused (issue 3). */
export interface LinkModel {
  readonly format: 'onconet-link-model';
  readonly version: 1;
  readonly fields: readonly FieldSpec[];
  readonly blocking: readonly BlockingRule[];
  /** λ: the probability that two records drawn at random are the same person. */
  readonly lambda: number;
  readonly comparisons: readonly ComparisonParameters[];
  readonly thresholds: Thresholds;
  readonly training: {
    readonly records: number;
    readonly candidatePairs: number;
    readonly randomPairs: number;
    readonly emSessions: readonly { readonly rule: string; readonly pairs: number; readonly iterations: number; readonly lambda: number }[];
  };
}

/**
 * Defaults chosen on the public benchmarks and the Chinese synthetic data (docs/linkage.md): the link
 * threshold sits where a pair's odds are 9:1 after the prior; review catches the even-odds band below.
 */
export const DEFAULT_THRESHOLDS: Thresholds = { link: 0.9, review: 0.5 };
