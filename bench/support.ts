import { mkdirSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Every benchmark writes one JSON document with its figures, the machine and the time of the run. */
export function writeResults(name: string, figures: Record<string, unknown>): void {
  const dir = fileURLToPath(new URL('./results/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const document = { benchmark: name, ranAt: new Date().toISOString(), node: process.version, cpus: (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? null, ...figures };
  writeFileSync(`${dir}${name}.json`, `${JSON.stringify(document, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
}

export async function timed<T>(fn: () => Promise<T> | T): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - start };
}

/**
 * CPU seconds used so far by this process and by the local PostgreSQL server's work for it: the backends of this
 * process's own connections plus the server's background processes (WAL writer, checkpointer, …), not the
 * backends of other clients (from /proc; null where there is no /proc or the server is not local). On two cores
 * the import's wall time is bounded below by the larger of the two, so the pair says which side to make cheaper.
 */
export function cpuSeconds(): { node: number; postgres: number | null } {
  const usage = process.cpuUsage();
  return { node: (usage.user + usage.system) / 1e6, postgres: postgresCpuSeconds() };
}

/** Local ports of this process's TCP connections (a backend's process title names its client's port). */
function ownPorts(): Set<string> {
  const inodes = new Set<string>();
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      const link = readlinkSync(`/proc/self/fd/${fd}`);
      const m = /^socket:\[(\d+)\]$/.exec(link);
      if (m) inodes.add(m[1]!);
    } catch {
      // closed meanwhile
    }
  }
  const ports = new Set<string>();
  for (const file of ['/proc/self/net/tcp', '/proc/self/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length > 9 && inodes.has(cols[9]!)) ports.add(String(parseInt(cols[1]!.split(':')[1]!, 16)));
    }
  }
  return ports;
}

function postgresCpuSeconds(): number | null {
  try {
    const ticks = 100; // USER_HZ on Linux
    const ports = ownPorts();
    let total = 0;
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      let stat: string;
      let title: string;
      try {
        stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        title = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      } catch {
        continue;
      }
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (!name.startsWith('postgres')) continue;
      const client = /\((\d+)\)/.exec(title);
      if (client && !ports.has(client[1]!)) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += (Number(fields[11]) + Number(fields[12])) / ticks; // utime, stime
    }
    return total;
  } catch {
    return null;
  }
}
