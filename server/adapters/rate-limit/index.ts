export { rateLimitBuckets, type RateLimitBucket, type RateLimitSubject } from './buckets';
export {
  checkRateLimit,
  rateLimitMessage,
  rateLimitResponse,
  type RateLimitOutcome,
  type RateLimitSubjects,
} from './enforce';
export { createRateLimiter, type RateLimiterConfig } from './factory';
export { createMemoryRateLimiter } from './memory.rate-limiter';
export { createPostgresRateLimiter } from './postgres.rate-limiter';
export { createRedisRateLimiter } from './redis.rate-limiter';
