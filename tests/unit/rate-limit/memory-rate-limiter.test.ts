import { describe, expect, it } from 'vitest';
import { createMemoryRateLimiter } from '@/server/adapters/rate-limit/memory.rate-limiter';
import { slidingWindowDecision } from '@/server/adapters/rate-limit/sliding-window';
import { checkRateLimit, rateLimitResponse } from '@/server/adapters/rate-limit/enforce';
import { rateLimitBuckets } from '@/server/adapters/rate-limit/buckets';
import { isSignInAttempt, signInRateLimitResponse } from '@/server/adapters/rate-limit/sign-in';

const rule = { limit: 3, windowMs: 1_000 };

function clock(start = 10_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('sliding window estimate', () => {
  it('allows up to the limit within one window and refuses the next', () => {
    expect(slidingWindowDecision(rule, 10_000, 10_000, 0, 3)).toMatchObject({ allowed: true, remaining: 0 });
    expect(slidingWindowDecision(rule, 10_000, 10_000, 0, 4)).toMatchObject({ allowed: false, remaining: 0 });
  });

  it('weighs the previous window by how much of it the sliding window still covers', () => {
    // Half-way through the window, 4 previous requests count as 2: one more current request fits.
    expect(slidingWindowDecision(rule, 10_500, 10_000, 4, 1).allowed).toBe(true);
    expect(slidingWindowDecision(rule, 10_500, 10_000, 4, 2).allowed).toBe(false);
  });

  it('tells a refused client to wait no longer than the window needs', () => {
    const decision = slidingWindowDecision(rule, 10_100, 10_000, 0, 4);
    expect(decision.retryAfterMs).toBeGreaterThan(0);
    expect(decision.retryAfterMs).toBeLessThanOrEqual(2 * rule.windowMs);
  });
});

describe('memory rate limiter', () => {
  it('refuses the request over the limit and allows again once the window has slid past', async () => {
    const time = clock();
    const limiter = createMemoryRateLimiter({ now: time.now });
    for (let i = 0; i < 3; i++) expect((await limiter.hit('k', rule)).allowed).toBe(true);
    const refused = await limiter.hit('k', rule);
    expect(refused.allowed).toBe(false);
    time.advance(refused.retryAfterMs);
    // The refused request counted too; two full windows later everything has faded.
    time.advance(2 * rule.windowMs);
    expect((await limiter.hit('k', rule)).allowed).toBe(true);
  });

  it('does not let a client burst twice the limit across a window boundary', async () => {
    const time = clock(10_900);
    const limiter = createMemoryRateLimiter({ now: time.now });
    for (let i = 0; i < 3; i++) expect((await limiter.hit('k', rule)).allowed).toBe(true);
    time.advance(150); // just past the boundary: the previous window still weighs ~85 %
    expect((await limiter.hit('k', rule)).allowed).toBe(false);
  });

  it('keeps keys apart', async () => {
    const limiter = createMemoryRateLimiter({ now: clock().now });
    for (let i = 0; i < 3; i++) await limiter.hit('a', rule);
    expect((await limiter.hit('a', rule)).allowed).toBe(false);
    expect((await limiter.hit('b', rule)).allowed).toBe(true);
  });

  it('bounds its memory by dropping the least recently used keys', async () => {
    const limiter = createMemoryRateLimiter({ now: clock().now, maxKeys: 2 });
    for (let i = 0; i < 4; i++) await limiter.hit('a', rule);
    await limiter.hit('b', rule);
    await limiter.hit('c', rule); // evicts 'a'
    expect((await limiter.hit('a', rule)).allowed).toBe(true);
  });
});

describe('checkRateLimit', () => {
  it('limits per user and per address independently', async () => {
    const limiter = createMemoryRateLimiter({ now: clock().now });
    const perUser = rateLimitBuckets.search.user.limit;
    for (let i = 0; i < perUser; i++) {
      expect(await checkRateLimit(limiter, 'search', { userId: 'u1', ip: `10.0.0.${i % 200}` })).toEqual({
        allowed: true,
      });
    }
    expect(await checkRateLimit(limiter, 'search', { userId: 'u1', ip: '10.0.1.1' })).toMatchObject({
      allowed: false,
      subject: 'user',
    });
    expect(await checkRateLimit(limiter, 'search', { userId: 'u2', ip: '10.0.1.1' })).toEqual({
      allowed: true,
    });
  });

  it('limits sign-in per e-mail address whatever the client address', async () => {
    const limiter = createMemoryRateLimiter({ now: clock().now });
    const limit = rateLimitBuckets.signIn.identifier.limit;
    for (let i = 0; i < limit; i++) {
      await checkRateLimit(limiter, 'signIn', { ip: `192.0.2.${i}`, identifier: 'Victim@Example.com' });
    }
    const outcome = await checkRateLimit(limiter, 'signIn', {
      ip: '198.51.100.7',
      identifier: 'victim@example.com ',
    });
    expect(outcome).toMatchObject({ allowed: false, subject: 'identifier' });
  });

  it('answers route handlers with a 429 and Retry-After', async () => {
    const limiter = createMemoryRateLimiter({ now: clock().now });
    let response: Response | null = null;
    for (let i = 0; i <= rateLimitBuckets.upload.user.limit; i++) {
      response = await rateLimitResponse(limiter, 'upload', { userId: 'u1', ip: '203.0.113.1' });
    }
    expect(response?.status).toBe(429);
    expect(Number(response?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await response?.json()).toMatchObject({ error: { code: 'TOO_MANY_REQUESTS' } });
  });
});

describe('sign-in rate limit for the next-auth route', () => {
  it('counts link requests and callbacks, not session or CSRF reads', () => {
    expect(isSignInAttempt('POST', ['signin', 'email'])).toBe(true);
    expect(isSignInAttempt('POST', ['callback', 'demo'])).toBe(true);
    expect(isSignInAttempt('GET', ['callback', 'email'])).toBe(true);
    expect(isSignInAttempt('GET', ['session'])).toBe(false);
    expect(isSignInAttempt('GET', ['csrf'])).toBe(false);
    expect(isSignInAttempt('GET', ['signin'])).toBe(false);
  });

  it('refuses the sixth link for one e-mail address and leaves the body readable for next-auth', async () => {
    const limiter = createMemoryRateLimiter({ now: clock().now });
    const request = () =>
      new Request('http://localhost/api/auth/signin/email', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'email=ada%40example.com&csrfToken=x',
      });
    for (let i = 0; i < rateLimitBuckets.signIn.identifier.limit; i++) {
      const allowed = request();
      expect(await signInRateLimitResponse(limiter, allowed, ['signin', 'email'], `192.0.2.${i}`)).toBeNull();
      expect((await allowed.formData()).get('email')).toBe('ada@example.com');
    }
    const refused = await signInRateLimitResponse(limiter, request(), ['signin', 'email'], '192.0.2.99');
    expect(refused?.status).toBe(429);
  });
});
