import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import type { WorkerRequest, WorkerResponse } from './protocol.ts';

/** A worker's error about its input: the record (1-based, within the chunk) and column, when known. */
export class WorkerInputError extends Error {
  constructor(
    message: string,
    readonly record?: number,
    readonly column?: string,
  ) {
    super(message);
  }
}

type Pending = { resolve: (r: WorkerResponse) => void; reject: (e: Error) => void };

/** A fixed set of link workers, one request in flight per worker, answered in order. */
export class WorkerPool {
  private readonly workers: Worker[];
  private readonly queues: Pending[][];

  constructor(size = Math.max(1, Math.min(availableParallelism(), 8))) {
    this.workers = Array.from({ length: size }, () => new Worker(new URL('./worker-entry.mjs', import.meta.url)));
    this.queues = this.workers.map(() => []);
    this.workers.forEach((worker, k) => {
      worker.on('message', (response: WorkerResponse) => {
        const pending = this.queues[k]?.shift();
        if (!pending) return;
        if (response.kind === 'error') pending.reject(new WorkerInputError(response.message, response.record, response.column));
        else pending.resolve(response);
      });
      worker.on('error', (error: Error) => {
        for (const pending of this.queues[k]?.splice(0) ?? []) pending.reject(error);
      });
    });
  }

  get size(): number {
    return this.workers.length;
  }

  request(worker: number, message: WorkerRequest, transfer: ArrayBuffer[] = []): Promise<WorkerResponse> {
    const w = this.workers[worker % this.workers.length];
    const queue = this.queues[worker % this.workers.length];
    if (!w || !queue) return Promise.reject(new Error('no worker'));
    return new Promise((resolve, reject) => {
      queue.push({ resolve, reject });
      w.postMessage(message, transfer);
    });
  }

  /** Terminates the workers (their memory counts in the process's peak RSS, which the benchmark reports). */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

export function expect<K extends WorkerResponse['kind']>(response: WorkerResponse, kind: K): Extract<WorkerResponse, { kind: K }> {
  if (response.kind !== kind) throw new Error(`worker answered ${response.kind}, expected ${kind}`);
  return response as Extract<WorkerResponse, { kind: K }>;
}
