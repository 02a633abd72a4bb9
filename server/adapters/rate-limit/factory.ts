import type { Db } from '@/db/client';
import type { RateLimiter } from '@/server/ports/rate-limiter';
import { createMemoryRateLimiter } from './memory.rate-limiter';
import { createPostgresRateLimiter } from './postgres.rate-limiter';
import { createRedisRateLimiter } from './redis.rate-limiter';

export interface RateLimiterConfig {
  db: Db;
  /** Set: Redis. */
  redisUrl?: string;
  /** A PostgreSQL server (DATABASE_URL): counters shared by every app instance in the database. */
  sharedDatabase?: boolean;
}

/** Redis when configured; else Postgres on a database server; else memory (embedded PGlite, one process). */
export function createRateLimiter(config: RateLimiterConfig): RateLimiter {
  if (config.redisUrl) return createRedisRateLimiter(config.redisUrl);
  if (config.sharedDatabase) return createPostgresRateLimiter(config.db);
  return createMemoryRateLimiter();
}
