import { and, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { rateLimitCounters } from '@/db/schema';
import type { RateLimitDecision, RateLimiter, RateLimitRule } from '@/server/ports/rate-limiter';
import { slidingWindowDecision, windowStartOf } from './sliding-window';

export interface PostgresRateLimiterOptions {
  now?: () => number;
  /** Chance per hit of sweeping expired rows (keeps the table small without a scheduler). */
  sweepProbability?: number;
}

/**
 * Counters in the application database, shared by every app instance: one atomic upsert per hit
 * (`insert … on conflict do update … returning`), then a read of the previous window's count.
 */
export function createPostgresRateLimiter(db: Db, options: PostgresRateLimiterOptions = {}): RateLimiter {
  const now = options.now ?? Date.now;
  const sweepProbability = options.sweepProbability ?? 0.01;

  return {
    kind: 'postgres',
    async hit(key: string, rule: RateLimitRule): Promise<RateLimitDecision> {
      const at = now();
      const windowStart = windowStartOf(at, rule.windowMs);
      const scopedKey = `${rule.windowMs}:${key}`;
      const [row] = await db
        .insert(rateLimitCounters)
        .values({
          key: scopedKey,
          windowStart,
          count: 1,
          expiresAt: new Date(windowStart + 2 * rule.windowMs),
        })
        .onConflictDoUpdate({
          target: [rateLimitCounters.key, rateLimitCounters.windowStart],
          set: { count: sql`${rateLimitCounters.count} + 1` },
        })
        .returning({ count: rateLimitCounters.count });
      const [previous] = await db
        .select({ count: rateLimitCounters.count })
        .from(rateLimitCounters)
        .where(
          and(
            eq(rateLimitCounters.key, scopedKey),
            eq(rateLimitCounters.windowStart, windowStart - rule.windowMs),
          ),
        );
      if (Math.random() < sweepProbability) {
        await db.delete(rateLimitCounters).where(lt(rateLimitCounters.expiresAt, new Date(at)));
      }
      return slidingWindowDecision(rule, at, windowStart, previous?.count ?? 0, row.count);
    },
  };
}
