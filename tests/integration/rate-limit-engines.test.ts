import net from 'node:net';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '@/tests/helpers/db';
import { createPostgresRateLimiter } from '@/server/adapters/rate-limit/postgres.rate-limiter';
import { createRedisRateLimiter } from '@/server/adapters/rate-limit/redis.rate-limiter';
import { createMemoryRateLimiter } from '@/server/adapters/rate-limit/memory.rate-limiter';
import type { RateLimiter } from '@/server/ports/rate-limiter';
import { rateLimitCounters } from '@/db/schema';

const rule = { limit: 4, windowMs: 60_000 };
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

function reachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || 6379), timeout: 500 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

/** The same behaviour from every engine: the memory engine is the reference. */
function engineSuite(name: string, make: (now: () => number) => Promise<RateLimiter | null>) {
  describe(`${name} rate limiter`, () => {
    let now = 1_800_000_000_000;
    let limiter: RateLimiter | null = null;
    const reference = createMemoryRateLimiter({ now: () => now });
    beforeAll(async () => {
      limiter = await make(() => now);
    });
    afterAll(async () => limiter?.close?.());

    it('decides exactly like the in-memory reference through two windows', async (context) => {
      if (!limiter) return context.skip();
      const key = `k-${randomBytes(4).toString('hex')}`;
      const steps = [0, 1_000, 1_000, 1_000, 1_000, 1_000, 50_000, 10_000, 1_000, 30_000, 30_000, 60_000];
      for (const step of steps) {
        now += step;
        const [got, want] = await Promise.all([limiter.hit(key, rule), reference.hit(key, rule)]);
        expect(got).toEqual(want);
      }
    });

    it('counts concurrent hits atomically', async (context) => {
      if (!limiter) return context.skip();
      const key = `c-${randomBytes(4).toString('hex')}`;
      const results = await Promise.all(Array.from({ length: 10 }, () => limiter!.hit(key, rule)));
      expect(results.filter((result) => result.allowed)).toHaveLength(rule.limit);
    });
  });
}

let testDb: TestDb;
beforeAll(async () => {
  testDb = await createTestDb();
});
afterAll(async () => testDb.close());

engineSuite('Postgres', async (now) => createPostgresRateLimiter(testDb.db, { now, sweepProbability: 0 }));

engineSuite('Redis', async (now) => {
  if (!(await reachable(redisUrl))) {
    console.log(`[rate-limit] Redis not reachable at ${redisUrl}: Redis engine tests skipped`);
    return null;
  }
  return createRedisRateLimiter(redisUrl, {
    now,
    prefix: `skillgraph-test:${randomBytes(4).toString('hex')}:`,
  });
});

describe('Postgres rate limiter housekeeping', () => {
  it('sweeps expired counters', async () => {
    let now = 1_900_000_000_000;
    const limiter = createPostgresRateLimiter(testDb.db, { now: () => now, sweepProbability: 1 });
    await limiter.hit('old', rule);
    now += 3 * rule.windowMs;
    await limiter.hit('new', rule);
    const keys = (await testDb.db.select({ key: rateLimitCounters.key }).from(rateLimitCounters)).map(
      (row) => row.key,
    );
    expect(keys.some((key) => key.endsWith(':old'))).toBe(false);
    expect(keys.some((key) => key.endsWith(':new'))).toBe(true);
  });
});
