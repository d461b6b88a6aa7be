import type { FieldComparison } from './field-comparison.ts';

/** Writes the comparison vector of (i, j) into out[offset .. offset + K). */
export function levelsOfPair(comparisons: readonly FieldComparison[], i: number, j: number, out: Uint8Array, offset = 0): void {
  for (let c = 0; c < comparisons.length; c++) out[offset + c] = comparisons[c]?.level(i, j) ?? 0;
}
