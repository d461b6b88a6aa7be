import type { Dataset, FeatureColumn } from '../dataset/dataset.ts';
import type { LevelCounts } from './patterns.ts';

/**
 * P(two random records agree exactly on the feature), computed exactly from the value counts rather than
 * sampled: Σ c(c−1) / (M(M−1)) over the M records with a value (dedupe), Σ cL·cR / (ML·MR) (two files).
 * For rare agreement (ID numbers, phones) a sample of a million random pairs would hold no agreeing pair.
 */
export function exactAgreementProbability(dataset: Dataset, column: FeatureColumn): number {
  if (dataset.leftSize === undefined) {
    let records = 0;
    let same = 0;
    for (const c of column.counts) {
      records += c;
      same += c * (c - 1);
    }
    return records < 2 ? 0 : same / (records * (records - 1));
  }
  const left = new Map<number, number>();
  let ml = 0;
  for (let i = 0; i < dataset.leftSize; i++) {
    const id = column.ids[i] ?? -1;
    if (id < 0) continue;
    ml++;
    left.set(id, (left.get(id) ?? 0) + 1);
  }
  let mr = 0;
  let same = 0;
  for (let i = dataset.leftSize; i < dataset.size; i++) {
    const id = column.ids[i] ?? -1;
    if (id < 0) continue;
    mr++;
    same += left.get(id) ?? 0;
  }
  return ml === 0 || mr === 0 ? 0 : same / (ml * mr);
}

/**
 * u per level from random pairs (Splink's estimate_u_using_random_sampling). When the exact level is
 * plain equality of the main feature, its u is the exact probability above and the sampled shares of the
 * other levels fill the rest; +0.5 per level keeps unseen levels finite.
 */
export function uFromRandomPairs(counts: LevelCounts, exact: readonly (number | undefined)[]): number[][] {
  return counts.map((row, c) => {
    const levels = row.length - 1;
    const observed = row.slice(1);
    const known = exact[c];
    if (known === undefined) {
      const total = observed.reduce((a, b) => a + b, 0) + 0.5 * levels;
      return observed.map((x) => (x + 0.5) / total);
    }
    const first = Math.max(known, 1e-12);
    const rest = observed.slice(1);
    const total = rest.reduce((a, b) => a + b, 0) + 0.5 * rest.length;
    return [first, ...rest.map((x) => ((1 - first) * (x + 0.5)) / total)];
  });
}
