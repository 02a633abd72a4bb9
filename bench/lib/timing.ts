import { performance } from 'node:perf_hooks';

export function now(): number {
  return performance.now();
}

/** Runs `fn` and returns its result with the elapsed wall time in ms. */
export async function timed<T>(fn: () => Promise<T> | T): Promise<{ result: T; ms: number }> {
  const start = performance.now();
  const result = await fn();
  return { result, ms: performance.now() - start };
}

/**
 * Times `fn` repeatedly: `warmup` untimed calls, then until `iterations` calls or `budgetMs` elapsed
 * (whichever comes first, at least one). Returns per-call latencies in ms.
 */
export async function sampleLatencies(
  fn: (i: number) => Promise<unknown> | unknown,
  options: { iterations: number; warmup?: number; budgetMs?: number },
): Promise<number[]> {
  for (let i = 0; i < (options.warmup ?? 0); i++) await fn(i);
  const samples: number[] = [];
  const deadline = performance.now() + (options.budgetMs ?? Number.POSITIVE_INFINITY);
  for (let i = 0; i < options.iterations; i++) {
    const start = performance.now();
    await fn(i);
    samples.push(performance.now() - start);
    if (performance.now() > deadline) break;
  }
  return samples;
}

export function heapUsedMiB(): number {
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

/** Best-effort full GC (only when node runs with --expose-gc). */
export function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
