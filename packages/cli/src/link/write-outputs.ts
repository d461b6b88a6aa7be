import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { once } from 'node:events';

/** RFC 4180 quoting, only where needed. */
export function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Writes a CSV through a temporary file renamed into place at the end, so a failed run leaves no
 * half-written output (DESIGN.md command-line contract).
 */
export async function writeCsvAtomically(path: string, header: string, rows: Iterable<string>): Promise<void> {
  const temporary = `${path}.partial-${process.pid}`;
  const out = createWriteStream(temporary, { encoding: 'utf8' });
  try {
    out.write(`${header}\n`);
    let chunk = '';
    for (const line of rows) {
      chunk += `${line}\n`;
      if (chunk.length > 1 << 16) {
        if (!out.write(chunk)) await once(out, 'drain');
        chunk = '';
      }
    }
    out.end(chunk);
    await once(out, 'finish');
    renameSync(temporary, path);
  } catch (error) {
    out.destroy();
    rmSync(temporary, { force: true });
    throw error;
  }
}
