import { createHash } from 'node:crypto';
import type { RateLimiter, RateLimitRule } from '@/server/ports/rate-limiter';
import { rateLimitBuckets, type RateLimitBucket, type RateLimitSubject } from './buckets';

export interface RateLimitSubjects {
  userId?: string | null;
  ip?: string | null;
  /** A sign-in e-mail (stored hashed: counters must not become a list of addresses). */
  identifier?: string | null;
}

export type RateLimitOutcome =
  { allowed: true } | { allowed: false; retryAfterMs: number; subject: RateLimitSubject };

function keyPart(subject: RateLimitSubject, value: string): string {
  if (subject === 'user') return value;
  return createHash('sha256').update(value.trim().toLowerCase()).digest('base64url').slice(0, 32);
}

/**
 * Counts one request of `bucket` against every subject the bucket limits and that the request has; the
 * request is refused if any of them is over its limit (with the longest wait among them).
 */
export async function checkRateLimit(
  limiter: RateLimiter,
  bucket: RateLimitBucket,
  subjects: RateLimitSubjects,
): Promise<RateLimitOutcome> {
  const rules = rateLimitBuckets[bucket] as Partial<Record<RateLimitSubject, RateLimitRule>>;
  const values: Record<RateLimitSubject, string | null | undefined> = {
    user: subjects.userId,
    ip: subjects.ip,
    identifier: subjects.identifier,
  };
  let refused: { retryAfterMs: number; subject: RateLimitSubject } | null = null;
  for (const subject of ['user', 'ip', 'identifier'] as const) {
    const rule = rules[subject];
    const value = values[subject];
    if (!rule || !value) continue;
    const decision = await limiter.hit(`${bucket}:${subject}:${keyPart(subject, value)}`, rule);
    if (!decision.allowed && (!refused || decision.retryAfterMs > refused.retryAfterMs)) {
      refused = { retryAfterMs: decision.retryAfterMs, subject };
    }
  }
  return refused ? { allowed: false, ...refused } : { allowed: true };
}

export function rateLimitMessage(retryAfterMs: number): string {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return seconds < 120
    ? `Too many requests: try again in ${seconds} seconds.`
    : `Too many requests: try again in ${Math.ceil(seconds / 60)} minutes.`;
}

/**
 * For route handlers outside tRPC (uploads, sign-in): null when allowed, else a 429 response with
 * Retry-After.
 */
export async function rateLimitResponse(
  limiter: RateLimiter,
  bucket: RateLimitBucket,
  subjects: RateLimitSubjects,
): Promise<Response | null> {
  const outcome = await checkRateLimit(limiter, bucket, subjects);
  if (outcome.allowed) return null;
  return Response.json(
    { error: { code: 'TOO_MANY_REQUESTS', message: rateLimitMessage(outcome.retryAfterMs) } },
    { status: 429, headers: { 'Retry-After': String(Math.max(1, Math.ceil(outcome.retryAfterMs / 1000))) } },
  );
}
