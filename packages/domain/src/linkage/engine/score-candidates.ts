import type { Dataset } from '../dataset/dataset.ts';
import { DatasetBuilder } from '../dataset/dataset.ts';
import { decide, type LinkDecision } from '../config/link-config.ts';
import type { LinkModel } from '../model/link-model.ts';
import { bindScorer, type PairExplanation } from '../model/scorer.ts';

/** A record as raw cells keyed by column, as it arrives from a form or an import row. */
export type RawRecord = Readonly<Record<string, string | null | undefined>>;

export interface ScoredCandidate<Id> {
  readonly id: Id;
  readonly matchWeight: number;
  readonly matchProbability: number;
  readonly decision: LinkDecision;
  readonly explanation: PairExplanation;
}

/**
 * Scores one new record against candidate records (those the index found by blocking keys) with a
 * trained model, best first — the call the master patient index makes for every person created or
 * imported. Term frequencies come from the model's saved tables, since the handful of candidates says
 * nothing about how common a name is.
 */
export function scoreCandidates<Id>(model: LinkModel, record: RawRecord, candidates: readonly { readonly id: Id; readonly record: RawRecord }[]): ScoredCandidate<Id>[] {
  const builder = new DatasetBuilder(model.fields);
  const cells = (r: RawRecord): string[] => model.fields.map((f) => r[f.column] ?? '');
  builder.addRaw(cells(record));
  for (const c of candidates) builder.addRaw(cells(c.record));
  const dataset: Dataset = builder.finish();
  const scorer = bindScorer(model, dataset, 'model');
  return candidates
    .map((c, k) => {
      const explanation = scorer.explain(0, k + 1);
      return { id: c.id, matchWeight: explanation.matchWeight, matchProbability: explanation.matchProbability, decision: decide(explanation.matchProbability, model.thresholds), explanation };
    })
    .sort((a, b) => b.matchWeight - a.matchWeight);
}
