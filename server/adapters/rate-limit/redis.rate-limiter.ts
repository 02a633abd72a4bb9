import { Redis } from 'ioredis';
import type { RateLimitDecision, RateLimiter, RateLimitRule } from '@/server/ports/rate-limiter';
import { slidingWindowDecision, windowStartOf } from './sliding-window';

export interface RedisRateLimiterOptions {
  now?: () => number;
  /** Key prefix, so several apps (or test runs) can share one Redis. */
  prefix?: string;
}

/**
 * Counters in Redis (REDIS_URL): INCR of the current window's key and GET of the previous one in one
 * MULTI, the key expiring two windows after it starts. Errors are thrown, never swallowed: the factory
 * wraps this engine in a fallback that keeps limiting in Postgres (or memory) while Redis is down.
 */
export function createRedisRateLimiter(url: string, options: RedisRateLimiterOptions = {}): RateLimiter {
  const now = options.now ?? Date.now;
  const prefix = options.prefix ?? 'skillgraph:rl:';
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2, enableOfflineQueue: true });
  // Connection errors reach the caller through the failed command; without a listener ioredis would also
  // print every reconnect attempt as an unhandled error.
  redis.on('error', () => undefined);

  return {
    kind: 'redis',
    async hit(key: string, rule: RateLimitRule): Promise<RateLimitDecision> {
      const at = now();
      const windowStart = windowStartOf(at, rule.windowMs);
      const base = `${prefix}${rule.windowMs}:${key}:`;
      const currentKey = `${base}${windowStart}`;
      const result = await redis
        .multi()
        .incr(currentKey)
        .pexpire(currentKey, 2 * rule.windowMs)
        .get(`${base}${windowStart - rule.windowMs}`)
        .exec();
      if (!result) throw new Error('Redis rate limiter: transaction aborted');
      for (const [error] of result) if (error) throw error;
      const current = Number(result[0][1]);
      const previous = Number(result[2][1] ?? 0);
      return slidingWindowDecision(rule, at, windowStart, previous, current);
    },
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
