import { describe, expect, it } from 'vitest';
import { createFallbackRateLimiter } from '@/server/adapters/rate-limit/fallback.rate-limiter';
import { createMemoryRateLimiter } from '@/server/adapters/rate-limit/memory.rate-limiter';
import { createRedisRateLimiter } from '@/server/adapters/rate-limit/redis.rate-limiter';
import type { RateLimiter } from '@/server/ports/rate-limiter';

const rule = { limit: 3, windowMs: 60_000 };

/** A primary that fails while `down` is set, counting how often it was asked. */
function flakyPrimary(state: { down: boolean; calls: number }, now: () => number): RateLimiter {
  const inner = createMemoryRateLimiter({ now });
  return {
    kind: 'redis',
    async hit(key, r) {
      state.calls++;
      if (state.down) throw new Error('connect ECONNREFUSED 127.0.0.1:6379');
      return inner.hit(key, r);
    },
  };
}

describe('fallback rate limiter', () => {
  it('keeps limiting in the fallback while the primary is down, and rests the primary between tries', async () => {
    let now = 1_800_000_000_000;
    const state = { down: true, calls: 0 };
    const warnings: unknown[] = [];
    const limiter = createFallbackRateLimiter(
      flakyPrimary(state, () => now),
      createMemoryRateLimiter({ now: () => now }),
      {
        now: () => now,
        retryAfterMs: 30_000,
        log: { warn: (o: unknown) => warnings.push(o), info: () => {} },
      },
    );
    const decisions = [];
    for (let i = 0; i < 5; i++) decisions.push((await limiter.hit('user-1', rule)).allowed);
    expect(decisions).toEqual([true, true, true, false, false]);
    expect(state.calls).toBe(1); // one failed try, then the primary rests
    expect(warnings).toHaveLength(1);

    now += 31_000;
    state.down = false;
    expect((await limiter.hit('user-2', rule)).allowed).toBe(true);
    expect(state.calls).toBe(2); // tried again after the rest, and used
  });

  it('answers from the fallback when Redis cannot be reached at all', async () => {
    // port 1 on loopback: connection refused at once
    const redis = createRedisRateLimiter('redis://127.0.0.1:1', { prefix: 'test:' });
    const limiter = createFallbackRateLimiter(redis, createMemoryRateLimiter(), { log: undefined });
    try {
      const results = [];
      for (let i = 0; i < 4; i++) results.push((await limiter.hit('k', rule)).allowed);
      expect(results).toEqual([true, true, true, false]);
    } finally {
      await limiter.close?.();
    }
  });
});
