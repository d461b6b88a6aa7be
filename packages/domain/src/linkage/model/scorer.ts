import { bindComparison, type FieldComparison } from '../compare/field-comparison.ts';
import type { Dataset } from '../dataset/dataset.ts';
import { bayesFactorWeight, priorWeight, weightToProbability } from './fellegi-sunter.ts';
import type { LinkModel } from './link-model.ts';
import { adjustmentsFromCounts, adjustmentsFromTable } from './term-frequency.ts';

export interface FieldContribution {
  readonly column: string;
  readonly left: string;
  readonly right: string;
  /** The comparison level reached, or "missing". */
  readonly level: string;
  readonly m: number | null;
  readonly u: number | null;
  /** log2(m/u) of the level. */
  readonly weight: number;
  /** Term-frequency adjustment added to the level weight, in bits. */
  readonly termFrequencyAdjustment: number;
}

export interface PairExplanation {
  readonly priorWeight: number;
  readonly matchWeight: number;
  readonly matchProbability: number;
  readonly fields: readonly FieldContribution[];
}

export interface Scorer {
  readonly comparisons: readonly FieldComparison[];
  weight(i: number, j: number): number;
  weightOfLevels(levels: Uint8Array, offset: number, i: number): number;
  explain(i: number, j: number): PairExplanation;
}

/**
 * Binds a model to a dataset. Term frequencies come from the dataset itself (batch runs, where it is the
 * population being linked) or from the model's saved tables (scoring one new record against a few candidates).
 */
export function bindScorer(model: LinkModel, dataset: Dataset, termFrequencies: 'dataset' | 'model' = 'dataset'): Scorer {
  const comparisons = dataset.fields.map((field, c) => {
    const params = model.comparisons[c];
    if (!params || params.column !== field.spec.column || params.type !== field.spec.type) {
      throw new Error(`the model does not fit the data: field ${c + 1} is ${field.spec.column} (${field.spec.type})`);
    }
    return bindComparison(field, c, dataset.fields);
  });
  const weights = model.comparisons.map((p) => [0, ...p.m.map((m, l) => bayesFactorWeight(m, p.u[l] ?? 1))]);
  // tfAdjust[c][level] = adjustment in bits per dictionary id of the level's feature; tfIds[c][level] = that feature's ids.
  const tfAdjust: (Float64Array | undefined)[][] = [];
  const tfIds: (Int32Array | undefined)[][] = [];
  model.comparisons.forEach((p, c) => {
    tfAdjust[c] = [];
    tfIds[c] = [];
    for (const table of p.termFrequencies) {
      const column = dataset.fields[c]?.features[table.feature];
      if (!column) continue;
      (tfAdjust[c] ?? [])[table.level] = termFrequencies === 'dataset' ? adjustmentsFromCounts(column) : adjustmentsFromTable(column, table);
      (tfIds[c] ?? [])[table.level] = column.ids;
    }
  });
  const prior = priorWeight(model.lambda);
  const K = comparisons.length;

  function adjustment(c: number, level: number, i: number): number {
    const table = tfAdjust[c]?.[level];
    if (table === undefined) return 0;
    const id = tfIds[c]?.[level]?.[i] ?? -1;
    return id < 0 ? 0 : (table[id] ?? 0);
  }

  /** The weight of a pair whose levels were computed earlier (levels[offset + c]); i is either record. */
  function weightOfLevels(levels: Uint8Array, offset: number, i: number): number {
    let w = prior;
    for (let c = 0; c < K; c++) {
      const level = levels[offset + c] ?? 0;
      if (level === 0) continue;
      w += (weights[c]?.[level] ?? 0) + adjustment(c, level, i);
    }
    return w;
  }

  function weight(i: number, j: number): number {
    let w = prior;
    for (let c = 0; c < K; c++) {
      const level = comparisons[c]?.level(i, j) ?? 0;
      if (level === 0) continue;
      w += (weights[c]?.[level] ?? 0) + adjustment(c, level, i);
    }
    return w;
  }

  function explain(i: number, j: number): PairExplanation {
    let total = prior;
    const fields = comparisons.map((comparison, c) => {
      const params = model.comparisons[c];
      const feature = dataset.fields[c]?.features[0];
      const show = (r: number): string => {
        const id = feature?.ids[r] ?? -1;
        return id < 0 ? '' : (feature?.dict[id] ?? '');
      };
      const level = comparison.level(i, j);
      const w = level === 0 ? 0 : (weights[c]?.[level] ?? 0);
      const adj = level === 0 ? 0 : adjustment(c, level, i);
      total += w + adj;
      return {
        column: comparison.column,
        left: show(i),
        right: show(j),
        level: level === 0 ? 'missing' : (comparison.levels[level - 1] ?? String(level)),
        m: level === 0 ? null : (params?.m[level - 1] ?? null),
        u: level === 0 ? null : (params?.u[level - 1] ?? null),
        weight: w,
        termFrequencyAdjustment: adj,
      };
    });
    return { priorWeight: prior, matchWeight: total, matchProbability: weightToProbability(total), fields };
  }

  return { comparisons, weight, weightOfLevels, explain };
}
