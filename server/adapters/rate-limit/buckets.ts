import type { RateLimitRule } from '@/server/ports/rate-limiter';

/** Who a request is counted against: the signed-in user, the client address, a sign-in e-mail. */
export type RateLimitSubject = 'user' | 'ip' | 'identifier';

/**
 * The limits, in one place. Per-IP limits are looser than per-user ones because offices share an address;
 * sign-in is limited per address and per e-mail so neither a spray across accounts nor a flood of links to
 * one inbox gets far.
 */
export const rateLimitBuckets = {
  search: { user: { limit: 60, windowMs: 60_000 }, ip: { limit: 300, windowMs: 60_000 } },
  upload: { user: { limit: 20, windowMs: 10 * 60_000 }, ip: { limit: 60, windowMs: 10 * 60_000 } },
  signIn: { ip: { limit: 20, windowMs: 15 * 60_000 }, identifier: { limit: 5, windowMs: 15 * 60_000 } },
  invite: { user: { limit: 30, windowMs: 60 * 60_000 }, ip: { limit: 60, windowMs: 60 * 60_000 } },
  export: { user: { limit: 10, windowMs: 60 * 60_000 }, ip: { limit: 30, windowMs: 60 * 60_000 } },
} as const satisfies Record<string, Partial<Record<RateLimitSubject, RateLimitRule>>>;

export type RateLimitBucket = keyof typeof rateLimitBuckets;
