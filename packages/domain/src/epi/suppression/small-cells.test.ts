import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskCounts, suppressSmallCells, type CellStatus, type SuppressedTable } from './small-cells.ts';

/** Status grid of the augmented (R+1)×(C+1) table, inner cells first, totals last. */
function augmented(t: SuppressedTable): CellStatus[][] {
  return [...t.cells.map((row, r) => [...row, t.rowTotals[r]!]), [...t.columnTotals, t.grandTotal]];
}

function rank(matrix: number[][]): number {
  const m = matrix.map((row) => [...row]);
  let rank = 0;
  const cols = m[0]?.length ?? 0;
  for (let c = 0; c < cols && rank < m.length; c += 1) {
    let pivot = rank;
    for (let r = rank + 1; r < m.length; r += 1) if (Math.abs(m[r]![c]!) > Math.abs(m[pivot]![c]!)) pivot = r;
    if (Math.abs(m[pivot]![c]!) < 1e-9) continue;
    [m[rank], m[pivot]] = [m[pivot]!, m[rank]!];
    for (let r = 0; r < m.length; r += 1) {
      if (r === rank) continue;
      const f = m[r]![c]! / m[rank]![c]!;
      for (let k = c; k < cols; k += 1) m[r]![k]! -= f * m[rank]![k]!;
    }
    rank += 1;
  }
  return rank;
}

/**
 * Independent check by linear algebra (not the graph argument the code uses): the hidden cells are the unknowns of
 * the balance equations of every row and column of the augmented table; a hidden cell is recoverable exactly when its
 * unit vector lies in the row space of those equations.
 */
function recoverableCells(statuses: CellStatus[][]): Array<[number, number]> {
  const R = statuses.length;
  const C = statuses[0]!.length;
  const unknowns: Array<[number, number]> = [];
  statuses.forEach((row, r) => row.forEach((s, c) => s !== 'published' && unknowns.push([r, c])));
  const index = new Map(unknowns.map(([r, c], i) => [r * C + c, i]));
  const equations: number[][] = [];
  for (let r = 0; r < R; r += 1) {
    const eq = new Array<number>(unknowns.length).fill(0);
    for (let c = 0; c < C; c += 1) {
      const i = index.get(r * C + c);
      if (i !== undefined) eq[i] = c === C - 1 ? -1 : 1;
    }
    equations.push(eq);
  }
  for (let c = 0; c < C; c += 1) {
    const eq = new Array<number>(unknowns.length).fill(0);
    for (let r = 0; r < R; r += 1) {
      const i = index.get(r * C + c);
      if (i !== undefined) eq[i] = r === R - 1 ? -1 : 1;
    }
    equations.push(eq);
  }
  const base = rank(equations);
  return unknowns.filter(([r, c], i) => {
    if (statuses[r]![c] === 'unpublished') return false;
    const unit = new Array<number>(unknowns.length).fill(0);
    unit[i] = 1;
    return rank([...equations, unit]) === base;
  });
}

const table = fc.integer({ min: 1, max: 5 }).chain((rows) =>
  fc.integer({ min: 1, max: 5 }).chain((cols) =>
    fc.array(fc.array(fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 10, max: 400 })), { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows }),
  ),
);

describe('small-cell suppression', () => {
  it('hides every count below the threshold, and no hidden cell can be recovered from the totals', () => {
    fc.assert(
      fc.property(table, fc.boolean(), fc.boolean(), fc.boolean(), (counts, zeros, rowTotals, columnTotals) => {
        const t = suppressSmallCells(counts, { suppressZeros: zeros, rowTotals, columnTotals });
        counts.forEach((row, r) => row.forEach((v, c) => {
          if (v < 10 && (v > 0 || zeros)) expect(t.cells[r]![c]).toBe('primary');
        }));
        expect(recoverableCells(augmented(t))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
  it('publishes a table without small counts untouched', () => {
    fc.assert(fc.property(fc.array(fc.array(fc.integer({ min: 10, max: 1000 }), { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 4 }), (counts) => {
      const t = suppressSmallCells(counts);
      expect(augmented(t).flat().every((s) => s === 'published')).toBe(true);
    }));
  });
  it('a lone small cell is hidden with the cheapest cycle of cells through it', () => {
    const counts = [
      [3, 50, 40],
      [60, 20, 70],
      [80, 90, 30],
    ];
    const t = suppressSmallCells(counts);
    expect(t.cells[0]![0]).toBe('primary');
    // Cycles through (0,0): (0,1),(1,1),(1,0) costs 50 + 20 + 60 = 130; (0,2),(2,2),(2,0) costs 40 + 30 + 80 = 150.
    expect(maskCounts(counts, t)).toEqual([
      [null, null, 40],
      [null, null, 70],
      [80, 90, 30],
    ]);
    expect(t.rowTotals.every((s) => s === 'published')).toBe(true);
  });
  it('suppresses a total when a row has no other positive cell to pair with', () => {
    const t = suppressSmallCells([[4, 0, 0], [20, 30, 40]]);
    const hidden = augmented(t).flat().filter((s) => s !== 'published').length;
    expect(t.cells[0]![0]).toBe('primary');
    // The row total equals the small cell, so it is small too.
    expect(t.rowTotals[0]).toBe('primary');
    expect(hidden).toBeGreaterThanOrEqual(4);
    expect(recoverableCells(augmented(t))).toEqual([]);
  });
  it('rejects ragged tables and negative counts', () => {
    expect(() => suppressSmallCells([[1, 2], [3]])).toThrow(/row 2/);
    expect(() => suppressSmallCells([[1, -2]])).toThrow(/≥ 0/);
  });
});
