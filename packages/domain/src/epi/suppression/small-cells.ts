/**
 * Small-cell suppression for published and aggregate-only tables (DESIGN.md security model; issue 5).
 *
 * Primary suppression hides every count c with 0 < c < threshold (default 10; zeros too when asked). Secondary
 * (complementary) suppression then hides further cells so that no hidden cell can be worked out from the published
 * cells and the row, column and grand totals.
 *
 * Why the rule below is enough: write the table with its margins as an (R+1)×(C+1) grid in which every row and every
 * column balances (cells minus total = 0). Take the hidden cells as the edges of a bipartite graph between the grid's
 * rows and columns. A hidden cell is determined by the published values exactly when its edge is a bridge of that
 * graph: otherwise it lies on a cycle, and adding +1, −1 alternately round the cycle keeps every row and column in
 * balance while changing the cell. Complementary cells are chosen among positive counts, so the ±1 move also keeps
 * every count ≥ 0. We repeat: find a bridge, close a cycle through it along the cheapest path of cells (smallest
 * counts first, inner cells before totals), until no bridge is left.
 */

export type CellStatus = 'published' | 'primary' | 'secondary' | 'unpublished';

export interface SuppressionOptions {
  /** Counts below this are suppressed (default 10). */
  readonly threshold?: number;
  /** Suppress zeros too (a zero can disclose, e.g. "no case among women aged 30–34"); default false. */
  readonly suppressZeros?: boolean;
  /** Whether the row totals and column totals are published with the table (default true). */
  readonly rowTotals?: boolean;
  readonly columnTotals?: boolean;
}

export interface SuppressedTable {
  /** Status of each inner cell, rows × columns. */
  readonly cells: readonly (readonly CellStatus[])[];
  readonly rowTotals: readonly CellStatus[];
  readonly columnTotals: readonly CellStatus[];
  readonly grandTotal: CellStatus;
}

/** Status grid of the augmented table: inner cells, then the row-total column, then the column-total row. */
type Grid = CellStatus[][];

export function suppressSmallCells(counts: readonly (readonly number[])[], options: SuppressionOptions = {}): SuppressedTable {
  const threshold = options.threshold ?? 10;
  const rows = counts.length;
  const cols = counts[0]?.length ?? 0;
  for (const [r, row] of counts.entries()) {
    if (row.length !== cols) throw new RangeError(`row ${r + 1} has ${row.length} cells, the first has ${cols}`);
    for (const v of row) if (!(Number.isFinite(v) && v >= 0)) throw new RangeError(`row ${r + 1}: counts must be finite and ≥ 0, got ${v}`);
  }
  // Augmented values: v[r][c] inner, v[r][cols] row total, v[rows][c] column total, v[rows][cols] grand total.
  const value: number[][] = Array.from({ length: rows + 1 }, () => new Array<number>(cols + 1).fill(0));
  for (let r = 0; r < rows; r += 1) {
    for (let c = 0; c < cols; c += 1) {
      const v = counts[r]![c]!;
      value[r]![c] = v;
      value[r]![cols]! += v;
      value[rows]![c]! += v;
      value[rows]![cols]! += v;
    }
  }
  const isSmall = (v: number) => v < threshold && (v > 0 || options.suppressZeros === true);
  const grid: Grid = value.map((row, r) =>
    row.map((v, c): CellStatus => {
      const unpublished = (c === cols && r < rows && options.rowTotals === false) || (r === rows && c < cols && options.columnTotals === false) ||
        (r === rows && c === cols && options.rowTotals === false && options.columnTotals === false);
      return unpublished ? 'unpublished' : isSmall(v) ? 'primary' : 'published';
    }),
  );
  for (;;) {
    const bridge = findBridge(grid);
    if (bridge === null) break;
    const path = cheapestCycle(grid, value, bridge, false) ?? cheapestCycle(grid, value, bridge, true);
    if (path === null) throw new Error('no complementary suppression exists for this table');
    for (const [r, c] of path) if (grid[r]![c] === 'published') grid[r]![c] = 'secondary';
  }
  return {
    cells: grid.slice(0, rows).map((row) => row.slice(0, cols)),
    rowTotals: grid.slice(0, rows).map((row) => row[cols]!),
    columnTotals: grid[rows]!.slice(0, cols),
    grandTotal: grid[rows]![cols]!,
  };
}

const hidden = (s: CellStatus) => s !== 'published';

/** A hidden cell whose edge is a bridge (its row and column are connected by no other hidden cells); null if none. */
function findBridge(grid: Grid): [number, number] | null {
  const R = grid.length;
  const C = grid[0]!.length;
  for (let r = 0; r < R; r += 1) {
    for (let c = 0; c < C; c += 1) {
      if (!hidden(grid[r]![c]!) || grid[r]![c] === 'unpublished') continue;
      if (!connectedWithout(grid, r, c)) return [r, c];
    }
  }
  return null;
}

/** Breadth-first search over hidden cells from row node r to column node c, not using the edge (r, c) itself. */
function connectedWithout(grid: Grid, r0: number, c0: number): boolean {
  const R = grid.length;
  const C = grid[0]!.length;
  const seenRow = new Uint8Array(R);
  const seenCol = new Uint8Array(C);
  const queue: Array<['r' | 'c', number]> = [['r', r0]];
  seenRow[r0] = 1;
  while (queue.length > 0) {
    const [side, i] = queue.shift()!;
    if (side === 'r') {
      for (let c = 0; c < C; c += 1) {
        if (seenCol[c] || !hidden(grid[i]![c]!) || (i === r0 && c === c0)) continue;
        if (c === c0) return true;
        seenCol[c] = 1;
        queue.push(['c', c]);
      }
    } else {
      for (let r = 0; r < R; r += 1) {
        if (seenRow[r] || !hidden(grid[r]![i]!) || (r === r0 && i === c0)) continue;
        seenRow[r] = 1;
        queue.push(['r', r]);
      }
    }
  }
  return false;
}

/**
 * Cheapest path of cells from row node r to column node c avoiding the cell (r, c), by Dijkstra on the dense
 * bipartite graph. Hidden cells cost nothing; a published cell costs its count, and a total costs a large
 * surcharge so inner cells are preferred. Zeros are used only when `allowZeros` (a second pass).
 */
function cheapestCycle(grid: Grid, value: number[][], [r0, c0]: [number, number], allowZeros: boolean): Array<[number, number]> | null {
  const R = grid.length;
  const C = grid[0]!.length;
  const n = R + C;
  const dist = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const prev = new Int32Array(n).fill(-1);
  const done = new Uint8Array(n);
  dist[r0] = 0;
  const surcharge = 1 + value[R - 1]![C - 1]!;
  const cost = (r: number, c: number): number => {
    if (r === r0 && c === c0) return Number.POSITIVE_INFINITY;
    const status = grid[r]![c]!;
    if (hidden(status)) return 0;
    const v = value[r]![c]!;
    if (v === 0 && !allowZeros) return Number.POSITIVE_INFINITY;
    return (v === 0 ? surcharge * 4 : v) + (r === R - 1 || c === C - 1 ? surcharge : 0);
  };
  for (;;) {
    let u = -1;
    for (let i = 0; i < n; i += 1) if (!done[i] && dist[i]! < Number.POSITIVE_INFINITY && (u < 0 || dist[i]! < dist[u]!)) u = i;
    if (u < 0) return null;
    if (u === R + c0) break;
    done[u] = 1;
    if (u < R) {
      for (let c = 0; c < C; c += 1) relax(u, R + c, cost(u, c));
    } else {
      for (let r = 0; r < R; r += 1) relax(u, r, cost(r, u - R));
    }
  }
  const path: Array<[number, number]> = [];
  for (let v = R + c0; v !== r0; v = prev[v]!) {
    const u = prev[v]!;
    path.push(u < R ? [u, v - R] : [v, u - R]);
  }
  return path;

  function relax(u: number, v: number, w: number): void {
    if (!Number.isFinite(w) || done[v]) return;
    if (dist[u]! + w < dist[v]!) {
      dist[v] = dist[u]! + w;
      prev[v] = u;
    }
  }
}

/** Applies a suppression result to the values for display: suppressed counts become null. */
export function maskCounts(counts: readonly (readonly number[])[], table: SuppressedTable): Array<Array<number | null>> {
  return counts.map((row, r) => row.map((v, c) => (table.cells[r]![c] === 'published' ? v : null)));
}
