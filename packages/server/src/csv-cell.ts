/** One CSV cell (RFC 4180): quoted when it holds a comma, quote or line break; null and undefined are empty. */
export function csvCell(v: unknown): string {
  const text = v === null || v === undefined ? '' : typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
