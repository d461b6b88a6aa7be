/**
 * The CI5 aggregated layout (`registry, cancer, sex, age_group, cases, py`, CI5-XII "data submission"):
 * every CI5 group 1–61 × sex × five-year age group (and `unknown`), zeros written, with 62 (all sites) and
 * 63 (all sites but C44). Shared by `onconet registry export --layout ci5` and the statistics API.
 *
 * For readers whose statistics are suppressed (issue 5), each sex's table of groups 1–61 × ages is suppressed
 * with its column totals — row 62 — published (small-cells.ts); 63 = 62 − 25 cell by cell, so a cell of 63 is
 * hidden wherever group 25's is, else it would give that cell away. There are no all-ages rows in the layout.
 */
import { CI5_AGE_GROUPS, CI5_ALL_BUT_SKIN, CI5_ALL_SITES, CI5_CANCERS, ci5AgeGroup } from '../../registry/ci5-cancers.ts';
import { collapseIndex, AGE_GROUPS } from '../standards/age-groups.ts';
import { suppressSmallCells } from '../suppression/small-cells.ts';

export interface Ci5Row {
  readonly registry: string;
  readonly cancer: number;
  readonly sex: number;
  readonly age_group: string;
  /** null: suppressed for this reader. */
  readonly cases: number | null;
  readonly py: number;
}

export interface Ci5Tally {
  readonly cancer: number;
  readonly sex: 1 | 2;
  readonly age: number | null;
  readonly count: number;
}

const SKIN = 25;
const key = (sex: number, group: string) => `${sex}|${group}`;

/** Person-years by `sex|age_group` from population cells in China's 19 age groups (0 and 1–4 make 0–4), summed over years. */
export function ci5PersonYears(cells: readonly { readonly sex: number; readonly ageGroup: number; readonly population: number }[]): Map<string, number> {
  const fiveYear = AGE_GROUPS['five-year-18'];
  const py = new Map<string, number>();
  for (const c of cells) {
    const label = fiveYear[collapseIndex(c.ageGroup)]?.label;
    if (label === undefined) throw new RangeError(`age group ${c.ageGroup} is not one of China's 19 groups (0–18)`);
    py.set(key(c.sex, label), (py.get(key(c.sex, label)) ?? 0) + c.population);
  }
  return py;
}

export function ci5Layout(tallies: readonly Ci5Tally[], personYears: ReadonlyMap<string, number>, options: { readonly registry: string; readonly suppressBelow: number | null }): Ci5Row[] {
  const cancers = CI5_CANCERS.map((c) => c.code);
  const rowOf = new Map(cancers.map((code, i) => [code, i]));
  const colOf = new Map(CI5_AGE_GROUPS.map((g, i) => [g, i]));
  const rows: Ci5Row[] = [];
  for (const sex of [1, 2] as const) {
    const counts = cancers.map(() => new Array<number>(CI5_AGE_GROUPS.length).fill(0));
    for (const t of tallies) {
      const r = rowOf.get(t.cancer);
      if (t.sex !== sex || r === undefined) continue;
      counts[r]![colOf.get(ci5AgeGroup(t.age))!]! += t.count;
    }
    const allSites = CI5_AGE_GROUPS.map((_, c) => counts.reduce((sum, row) => sum + row[c]!, 0));
    const published =
      options.suppressBelow === null
        ? null
        : suppressSmallCells(counts, { threshold: options.suppressBelow, rowTotals: false, columnTotals: true });
    const shown = (r: number, c: number) => published === null || published.cells[r]![c] === 'published';
    const totalShown = (c: number) => published === null || published.columnTotals[c] === 'published';
    const skin = rowOf.get(SKIN)!;
    const emit = (cancer: number, value: (c: number) => number | null) =>
      CI5_AGE_GROUPS.forEach((group, c) => rows.push({ registry: options.registry, cancer, sex, age_group: group, cases: value(c), py: group === 'unknown' ? 0 : (personYears.get(key(sex, group)) ?? 0) }));
    cancers.forEach((cancer, r) => emit(cancer, (c) => (shown(r, c) ? counts[r]![c]! : null)));
    emit(CI5_ALL_SITES, (c) => (totalShown(c) ? allSites[c]! : null));
    emit(CI5_ALL_BUT_SKIN, (c) => (totalShown(c) && shown(skin, c) ? allSites[c]! - counts[skin]![c]! : null));
  }
  return rows.sort((a, b) => a.cancer - b.cancer || a.sex - b.sex);
}
