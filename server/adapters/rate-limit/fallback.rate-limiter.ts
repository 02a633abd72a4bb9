import type { Logger } from 'pino';
import type { RateLimitDecision, RateLimiter, RateLimitRule } from '@/server/ports/rate-limiter';

export interface FallbackRateLimiterOptions {
  /** How long the primary is left alone after it failed, before it is tried again. */
  retryAfterMs?: number;
  now?: () => number;
  log?: Pick<Logger, 'warn' | 'info'>;
}

/**
 * A primary limiter (Redis) that hands over to a fallback (Postgres or memory) when it fails, instead of
 * failing every rate-limited request while Redis is down: the limit keeps holding, only the counters move.
 * After a failure the primary rests for `retryAfterMs`, so an outage costs one failed round trip per
 * interval rather than one per request.
 */
export function createFallbackRateLimiter(
  primary: RateLimiter,
  fallback: RateLimiter,
  options: FallbackRateLimiterOptions = {},
): RateLimiter {
  const retryAfterMs = options.retryAfterMs ?? 30_000;
  const now = options.now ?? Date.now;
  let primaryDownUntil = 0;
  return {
    kind: primary.kind,
    async hit(key: string, rule: RateLimitRule): Promise<RateLimitDecision> {
      if (now() < primaryDownUntil) return fallback.hit(key, rule);
      try {
        const decision = await primary.hit(key, rule);
        if (primaryDownUntil !== 0) {
          primaryDownUntil = 0;
          options.log?.info({ limiter: primary.kind }, 'rate limiter back on its primary store');
        }
        return decision;
      } catch (error) {
        primaryDownUntil = now() + retryAfterMs;
        options.log?.warn(
          { limiter: primary.kind, fallback: fallback.kind, error: (error as Error).message, retryAfterMs },
          'rate limiter store unavailable: counting in the fallback store',
        );
        return fallback.hit(key, rule);
      }
    },
    async close() {
      await Promise.all([primary.close?.(), fallback.close?.()]);
    },
  };
}
