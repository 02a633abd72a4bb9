import type { RateLimitDecision, RateLimiter, RateLimitRule } from '@/server/ports/rate-limiter';
import { slidingWindowDecision, windowStartOf } from './sliding-window';

interface Counter {
  windowStart: number;
  current: number;
  previous: number;
}

export interface MemoryRateLimiterOptions {
  now?: () => number;
  /** Keys kept at most; the oldest are dropped first (a flood of new IPs cannot exhaust memory). */
  maxKeys?: number;
}

/** The embedded default: counters in this process's memory (one app process, as PGlite allows). */
export function createMemoryRateLimiter(options: MemoryRateLimiterOptions = {}): RateLimiter {
  const now = options.now ?? Date.now;
  const maxKeys = options.maxKeys ?? 100_000;
  const counters = new Map<string, Counter>();

  return {
    kind: 'memory',
    async hit(key: string, rule: RateLimitRule): Promise<RateLimitDecision> {
      const at = now();
      const windowStart = windowStartOf(at, rule.windowMs);
      const mapKey = `${rule.windowMs}:${key}`;
      let counter = counters.get(mapKey);
      if (!counter || counter.windowStart < windowStart - rule.windowMs) {
        counter = { windowStart, current: 0, previous: 0 };
      } else if (counter.windowStart < windowStart) {
        counter = { windowStart, current: 0, previous: counter.current };
      }
      counter.current += 1;
      // Re-insert so Map order is least-recently-used first.
      counters.delete(mapKey);
      counters.set(mapKey, counter);
      while (counters.size > maxKeys) {
        const oldest = counters.keys().next().value;
        if (oldest === undefined) break;
        counters.delete(oldest);
      }
      return slidingWindowDecision(rule, at, windowStart, counter.previous, counter.current);
    },
  };
}
