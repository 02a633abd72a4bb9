import type { Db } from '@/db/client';
import type { RateLimiter } from '@/server/ports/rate-limiter';
import type { Logger } from 'pino';
import { createFallbackRateLimiter } from './fallback.rate-limiter';
import { createMemoryRateLimiter } from './memory.rate-limiter';
import { createPostgresRateLimiter } from './postgres.rate-limiter';
import { createRedisRateLimiter } from './redis.rate-limiter';

export interface RateLimiterConfig {
  db: Db;
  /** Set: Redis. */
  redisUrl?: string;
  /** A PostgreSQL server (DATABASE_URL): counters shared by every app instance in the database. */
  sharedDatabase?: boolean;
  log?: Pick<Logger, 'warn' | 'info'>;
}

/**
 * Redis when configured (falling back to the next engine while Redis is unreachable); else Postgres on a
 * database server; else memory (embedded PGlite, one process).
 */
export function createRateLimiter(config: RateLimiterConfig): RateLimiter {
  const local = config.sharedDatabase ? createPostgresRateLimiter(config.db) : createMemoryRateLimiter();
  if (!config.redisUrl) return local;
  return createFallbackRateLimiter(createRedisRateLimiter(config.redisUrl), local, { log: config.log });
}
