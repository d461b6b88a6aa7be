import type { FieldType } from '../config/field-types.ts';
import type { FieldColumns } from '../dataset/dataset.ts';
import { jaroWinkler } from './jaro-winkler.ts';
import { jaroWinklerLevel, levelLabels } from './levels.ts';
import { compareCodes, compareDates, compareDivisions, compareResidentIds } from './value-comparators.ts';

/** A field's comparison bound to a dataset: level(i, j) is 0 when either value is missing. */
export interface FieldComparison {
  readonly column: string;
  readonly type: FieldType;
  readonly levels: readonly string[];
  level(i: number, j: number): number;
}

/**
 * `all` is every field of the dataset (the signature fits `fields.map(bindComparison)`): a comparison can
 * depend on what the other fields already say. The resident ID's "same birth date and sex" level is only
 * used when no birth_date field is compared: otherwise it would count the birth date's agreement a second
 * time, against Fellegi–Sunter's conditional independence, and EM would take every pair born on the same
 * day with two different ID numbers for a match. Two different numbers with the same birth date then fall
 * to "else", which is what they are: two numbers issued to two people.
 */
export function bindComparison(field: FieldColumns, _index?: number, all?: readonly FieldColumns[]): FieldComparison {
  const { type, column } = field.spec;
  const f = field.features;
  const main = f[0];
  if (main === undefined) throw new Error(`field ${column} has no features`);
  const ids = main.ids;
  const dict = main.dict;
  const level = ((): ((i: number, j: number) => number) => {
    switch (type) {
      case 'full_name':
      case 'name_pinyin':
      case 'given_name':
      case 'surname': {
        const py = f[1];
        const sorted = f[2];
        if (py === undefined) throw new Error(`field ${column} lacks its pinyin feature`);
        return (i, j) => {
          const a = ids[i] ?? -1;
          const b = ids[j] ?? -1;
          if (a < 0 || b < 0) return 0;
          if (a === b) return 1;
          const pa = py.ids[i] ?? -1;
          const pb = py.ids[j] ?? -1;
          if (pa >= 0 && pa === pb) return 2;
          if (sorted !== undefined && (sorted.ids[i] ?? -1) >= 0 && sorted.ids[i] === sorted.ids[j]) return 2;
          const sa = pa >= 0 ? (py.dict[pa] ?? '') : (dict[a] ?? '');
          const sb = pb >= 0 ? (py.dict[pb] ?? '') : (dict[b] ?? '');
          return jaroWinklerLevel(jaroWinkler(sa, sb), 3);
        };
      }
      case 'address':
      case 'text':
        return (i, j) => {
          const a = ids[i] ?? -1;
          const b = ids[j] ?? -1;
          if (a < 0 || b < 0) return 0;
          if (a === b) return 1;
          return jaroWinklerLevel(jaroWinkler(dict[a] ?? '', dict[b] ?? ''), 2);
        };
      case 'birth_date':
        return (i, j) => {
          const a = ids[i] ?? -1;
          const b = ids[j] ?? -1;
          if (a < 0 || b < 0) return 0;
          return a === b ? 1 : compareDates(dict[a] ?? '', dict[b] ?? '');
        };
      case 'resident_id': {
        const bs = f[1];
        if (bs === undefined) throw new Error(`field ${column} lacks its birth-date feature`);
        const birthDateCompared = all?.some((other) => other.spec.type === 'birth_date') ?? false;
        return (i, j) => {
          const a = ids[i] ?? -1;
          const b = ids[j] ?? -1;
          if (a < 0 || b < 0) return 0;
          if (a === b) return 1;
          const ba = birthDateCompared ? -1 : (bs.ids[i] ?? -1);
          const bb = birthDateCompared ? -1 : (bs.ids[j] ?? -1);
          return compareResidentIds(dict[a] ?? '', dict[b] ?? '', ba < 0 ? '' : (bs.dict[ba] ?? ''), bb < 0 ? '' : (bs.dict[bb] ?? ''));
        };
      }
      case 'division_code':
        return (i, j) => {
          const a = ids[i] ?? -1;
          const b = ids[j] ?? -1;
          if (a < 0 || b < 0) return 0;
          return compareDivisions(dict[a] ?? '', dict[b] ?? '');
        };
      case 'phone':
      case 'postcode':
      case 'identifier':
        return (i, j) => {
          const a = ids[i] ?? -1;
          const b = ids[j] ?? -1;
          if (a < 0 || b < 0) return 0;
          return a === b ? 1 : compareCodes(dict[a] ?? '', dict[b] ?? '');
        };
      case 'sex':
        return (i, j) => {
          const a = ids[i] ?? -1;
          const b = ids[j] ?? -1;
          if (a < 0 || b < 0) return 0;
          return a === b ? 1 : 2;
        };
    }
  })();
  return { column, type, levels: levelLabels(type), level };
}
