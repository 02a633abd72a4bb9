/**
 * Counts requests per key in a sliding window. One port, three engines: in-memory (the embedded default,
 * one process), Postgres (DATABASE_URL, shared by every app instance) and Redis (REDIS_URL).
 */
export interface RateLimitRule {
  /** Requests allowed per window. */
  limit: number;
  /** Window length in milliseconds. */
  windowMs: number;
}

export interface RateLimitDecision {
  allowed: boolean;
  /** Requests left in the current window after this one (0 when refused). */
  remaining: number;
  /** When to retry, in milliseconds (0 when allowed). */
  retryAfterMs: number;
}

export interface RateLimiter {
  readonly kind: 'memory' | 'postgres' | 'redis';
  /**
   * Counts one request against `key` and says whether it is within `rule`. Refused requests are counted
   * too, so a client hammering a limit stays limited instead of being let through every other window.
   */
  hit(key: string, rule: RateLimitRule): Promise<RateLimitDecision>;
  close?(): Promise<void>;
}
