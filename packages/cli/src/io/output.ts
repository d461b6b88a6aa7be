/** `--format json` prints one JSON document; otherwise a plain aligned table for people. */
export type OutputFormat = 'json' | 'table';

export function parseFormat(raw: string | undefined): OutputFormat {
  return raw === 'json' ? 'json' : 'table';
}

export function renderTable(rows: readonly Record<string, unknown>[], columns?: readonly string[]): string {
  if (rows.length === 0) return '(no rows)\n';
  const cols = columns ?? Object.keys(rows[0] ?? {});
  const cell = (v: unknown): string =>
    v === null || v === undefined ? '' : typeof v === 'number' ? formatNumber(v) : typeof v === 'string' ? v : JSON.stringify(v);
  const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line([...cols]), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(cols.map((c) => cell(r[c]))))].join('\n') + '\n';
}

function formatNumber(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(4);
}
