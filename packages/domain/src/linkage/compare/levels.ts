import type { FieldType } from '../config/field-types.ts';

/**
 * Graded comparison levels per field type, best first; level numbers are 1-based (0 = a value is
 * missing on one side, which contributes no evidence). String thresholds are Splink's defaults
 * for names (exact, Jaro–Winkler > 0.92 / > 0.88 / > 0.70, else), with a pinyin level added after
 * exact so that homophones and traditional/simplified or pinyin-only spellings agree.
 */
export function levelLabels(type: FieldType): readonly string[] {
  switch (type) {
    case 'full_name':
    case 'name_pinyin':
    case 'given_name':
    case 'surname':
      return ['exact', 'same pinyin', 'jaro-winkler > 0.92', 'jaro-winkler > 0.88', 'jaro-winkler > 0.70', 'else'];
    case 'address':
    case 'text':
      return ['exact', 'jaro-winkler > 0.92', 'jaro-winkler > 0.88', 'jaro-winkler > 0.70', 'else'];
    case 'birth_date':
      return ['exact', 'day-month swap', 'one edit', 'within a month', 'within a year', 'else'];
    case 'resident_id':
      return ['exact', 'one digit off', 'one transposition', 'same birth date and sex', 'else'];
    case 'division_code':
      return ['same township', 'same county', 'same city', 'same province', 'else'];
    case 'phone':
    case 'postcode':
    case 'identifier':
      return ['exact', 'one edit', 'else'];
    case 'sex':
      return ['exact', 'else'];
  }
}

/** Levels whose weight is term-frequency adjusted, and the feature that holds the agreeing value. */
export function termFrequencyLevels(type: FieldType): readonly { readonly level: number; readonly feature: number }[] {
  switch (type) {
    case 'full_name':
    case 'name_pinyin':
    case 'given_name':
    case 'surname':
      // 王伟 agreeing is weak evidence, 欧阳娜娜 strong; the same holds for their shared pinyin.
      return [
        { level: 1, feature: 0 },
        { level: 2, feature: 1 },
      ];
    case 'address':
    case 'text':
    case 'birth_date':
    case 'postcode':
    case 'identifier':
      return [{ level: 1, feature: 0 }];
    case 'resident_id':
    case 'phone':
    case 'division_code':
    case 'sex':
      return [];
  }
}

/** JW thresholds of Splink's default name and string comparisons. */
export function jaroWinklerLevel(similarity: number, first: number): number {
  if (similarity > 0.92) return first;
  if (similarity > 0.88) return first + 1;
  if (similarity > 0.7) return first + 2;
  return first + 3;
}
