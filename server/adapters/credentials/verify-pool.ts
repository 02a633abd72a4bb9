import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { VerifiedCredential } from './credential-verifier';
import type { VerificationRuntimeOptions, VerifyFileOptions } from './verify-file';

/**
 * Worker-thread pool for bulk imports (CLI, benchmarks, re-verify jobs): JSON-LD canonicalization is
 * CPU-bound, so throughput scales with cores. Each worker keeps its own document loader and caches.
 * Runs under tsx/Node (the worker file is TypeScript); Next route handlers verify in-process instead.
 */
export interface VerifyPool {
  verify(fileName: string, bytes: Uint8Array, options?: VerifyFileOptions): Promise<VerifiedCredential[]>;
  readonly size: number;
  close(): Promise<void>;
}

const IN_FLIGHT_PER_WORKER = 4;

export function createVerifyPool(
  runtimeOptions: VerificationRuntimeOptions,
  size = Math.max(1, os.availableParallelism?.() ?? os.cpus().length),
): VerifyPool {
  const workerUrl = new URL('./verify.worker.ts', import.meta.url);
  // the worker is TypeScript: register tsx's loader inside the thread, then import it (Node 20 does not
  // apply the parent's --import hooks to a worker's entry module)
  const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(workerUrl.href)}); });`;
  const workers = Array.from(
    { length: size },
    () => new Worker(bootstrap, { eval: true, workerData: runtimeOptions }),
  );
  const pending = new Map<
    number,
    { resolve: (r: VerifiedCredential[]) => void; reject: (e: Error) => void }
  >();
  // A few jobs in flight per worker keep it busy while a reply crosses threads; handing it every job at
  // once would interleave hundreds of verifications in one heap and spend the time in garbage collection.
  const queue: { id: number; message: unknown }[] = [];
  const inFlight = new Map<Worker, number>(workers.map((w) => [w, 0]));
  let nextId = 0;
  const dispatch = () => {
    for (const worker of workers) {
      while (queue.length > 0 && inFlight.get(worker)! < IN_FLIGHT_PER_WORKER) {
        const job = queue.shift()!;
        inFlight.set(worker, inFlight.get(worker)! + 1);
        worker.postMessage(job.message);
      }
    }
  };
  for (const worker of workers) {
    worker.on('message', (msg: { id: number; results?: VerifiedCredential[]; error?: string }) => {
      inFlight.set(worker, inFlight.get(worker)! - 1);
      const p = pending.get(msg.id);
      pending.delete(msg.id);
      if (p && msg.error) p.reject(new Error(msg.error));
      else if (p) p.resolve(msg.results ?? []);
      dispatch();
    });
    worker.on('error', (error) => {
      for (const p of pending.values()) p.reject(error);
      pending.clear();
    });
  }
  return {
    size,
    verify(fileName, bytes, options = {}) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        queue.push({
          id,
          message: { id, fileName, bytes, options: { ...options, now: options.now?.toISOString() } },
        });
        dispatch();
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
