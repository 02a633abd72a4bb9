import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServices } from '@/server/container';
import { createMemoryRateLimiter } from '@/server/adapters/rate-limit/memory.rate-limiter';
import { rateLimitBuckets } from '@/server/adapters/rate-limit/buckets';
import { createLogger } from '@/server/logger';
import { createCaller } from '@/server/api/root';
import { createActor } from '@/tests/helpers/actors';
import { createTestDb, type TestDb } from '@/tests/helpers/db';

describe('rate-limited procedures', () => {
  let testDb: TestDb;
  beforeAll(async () => {
    testDb = await createTestDb();
  });
  afterAll(async () => testDb.close());

  it('limits recruiter search per user, then per address across users', async () => {
    const services = buildServices({
      db: testDb.db,
      rateLimiter: createMemoryRateLimiter({ now: () => 1_700_000_010_000 }),
    });
    const recruiter = await createActor(testDb.db, 'recruiter');
    const call = (actor: typeof recruiter, ip: string) =>
      createCaller({ actor, services, requestId: 'rl', log: createLogger(undefined, 'silent'), ip })
        .search.candidates({ text: 'x'.repeat(1_000) })
        .then(
          () => 'ok',
          // The limiter runs before input validation: an over-long query that passed it comes back as
          // BAD_REQUEST without touching the search engine, which keeps this test fast.
          (error: { code: string }) => (error.code === 'BAD_REQUEST' ? 'ok' : error.code),
        );

    const perUser = rateLimitBuckets.search.user.limit;
    for (let i = 0; i < perUser; i++) expect(await call(recruiter, `10.1.0.${i}`)).toBe('ok');
    expect(await call(recruiter, '10.1.1.1')).toBe('TOO_MANY_REQUESTS');

    // Many accounts behind one address still meet the per-address limit.
    const perIp = rateLimitBuckets.search.ip.limit;
    const colleagues = await Promise.all(
      Array.from({ length: Math.ceil(perIp / perUser) + 1 }, () => createActor(testDb.db, 'recruiter')),
    );
    const outcomes: string[] = [];
    for (const colleague of colleagues) {
      for (let i = 0; i < perUser && outcomes.length <= perIp; i++)
        outcomes.push(await call(colleague, '192.0.2.50'));
    }
    expect(outcomes.slice(0, perIp).every((outcome) => outcome === 'ok')).toBe(true);
    expect(outcomes[perIp]).toBe('TOO_MANY_REQUESTS');
  });
});
