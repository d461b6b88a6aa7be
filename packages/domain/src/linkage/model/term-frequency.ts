import type { FeatureColumn } from '../dataset/dataset.ts';
import type { TermFrequencyTable } from './link-model.ts';

/**
 * Term-frequency adjustment (Winkler 1989; Splink's tf adjustments): when two records agree on value v,
 * the evidence is log2(m / tf(v)) instead of log2(m / u), where tf(v) is the share of records holding v.
 * Written as an adjustment to the level's weight: log2(mean_tf / tf(v)), mean_tf = Σ tf² being the u of
 * "agree on whatever value". Agreeing on 王伟 then weighs less than agreeing on 欧阳娜娜.
 */
export function meanFrequency(counts: Int32Array): { records: number; mean: number } {
  let records = 0;
  for (const c of counts) records += c;
  if (records === 0) return { records: 0, mean: 0 };
  let sum = 0;
  for (const c of counts) sum += (c / records) * (c / records);
  return { records, mean: sum };
}

/** Adjustment in bits per dictionary id, from the dataset's own counts. */
export function adjustmentsFromCounts(column: FeatureColumn): Float64Array {
  const { records, mean } = meanFrequency(column.counts);
  const out = new Float64Array(column.dict.length);
  if (records === 0) return out;
  for (let id = 0; id < out.length; id++) out[id] = Math.log2(mean / Math.max(column.counts[id] ?? 1, 1) * records);
  return out;
}

/** Adjustment per dictionary id from a saved model's table (values the model never saw count once). */
export function adjustmentsFromTable(column: FeatureColumn, table: TermFrequencyTable): Float64Array {
  const out = new Float64Array(column.dict.length);
  if (table.records === 0) return out;
  column.dict.forEach((value, id) => {
    const count = table.counts[value] ?? 1;
    out[id] = Math.log2((table.meanFrequency * table.records) / count);
  });
  return out;
}

/** The table saved with a model: the counts of values seen at least twice, commonest first, capped. */
export function termFrequencyTable(column: FeatureColumn, level: number, feature: number, limit = 50_000): TermFrequencyTable {
  const { records, mean } = meanFrequency(column.counts);
  const ids: number[] = [];
  for (let id = 0; id < column.counts.length; id++) if ((column.counts[id] ?? 0) >= 2) ids.push(id);
  ids.sort((a, b) => (column.counts[b] ?? 0) - (column.counts[a] ?? 0));
  const counts: Record<string, number> = {};
  for (const id of ids.slice(0, limit)) counts[column.dict[id] ?? ''] = column.counts[id] ?? 0;
  return { level, feature, records, meanFrequency: mean, counts };
}
