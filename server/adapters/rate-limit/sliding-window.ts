import type { RateLimitDecision, RateLimitRule } from '@/server/ports/rate-limiter';

/**
 * The sliding-window-counter estimate shared by every engine: the previous fixed window's count weighted by
 * how much of it still overlaps the sliding window, plus the current window's count (this request
 * included). Two integers per key, no burst of twice the limit at a window boundary as a plain fixed
 * window allows.
 */
export function slidingWindowDecision(
  rule: RateLimitRule,
  now: number,
  windowStart: number,
  previousCount: number,
  currentCount: number,
): RateLimitDecision {
  const elapsed = (now - windowStart) / rule.windowMs;
  const weightedPrevious = previousCount * (1 - elapsed);
  const estimate = weightedPrevious + currentCount;
  if (estimate <= rule.limit) {
    return { allowed: true, remaining: Math.max(0, Math.floor(rule.limit - estimate)), retryAfterMs: 0 };
  }
  return {
    allowed: false,
    remaining: 0,
    retryAfterMs: retryAfter(rule, elapsed, previousCount, currentCount),
  };
}

/**
 * When the next request would be allowed (refused requests are counted): later in this window once the
 * previous window's weight has faded enough, or else some way into the next window, when this window's
 * count becomes the fading previous one.
 */
function retryAfter(rule: RateLimitRule, elapsed: number, previous: number, current: number): number {
  const w = rule.windowMs;
  if (current + 1 <= rule.limit) {
    const needed = previous > 0 ? 1 - (rule.limit - current - 1) / previous : 0;
    if (needed < 1) return Math.max(1, Math.ceil((Math.max(needed, elapsed) - elapsed) * w));
  }
  const neededNext = current > 0 ? Math.max(0, 1 - (rule.limit - 1) / current) : 0;
  return Math.max(1, Math.ceil((1 - elapsed) * w + neededNext * w));
}

export function windowStartOf(now: number, windowMs: number): number {
  return Math.floor(now / windowMs) * windowMs;
}
