import { z } from 'zod';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const csvList = z.string().transform((value) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean),
);

/**
 * Every environment variable the product reads. Absent DATABASE_URL means the embedded PGlite database;
 * absent MEILISEARCH_HOST means the Postgres search engine.
 */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// connection URL')
    .optional(),
  PGLITE_DATA_DIR: z.string().min(1).default('.data/pglite'),
  NEXTAUTH_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  NEXTAUTH_URL: z.url().optional(),
  DEMO_USERS_ENABLED: booleanFlag.optional(),
  SEED_DEMO_DATA: booleanFlag.default(true),
  DEMO_CANDIDATE_COUNT: z.coerce.number().int().min(0).max(100_000).default(300),
  SEARCH_ENGINE: z.enum(['postgres', 'meilisearch']).optional(),
  MEILISEARCH_HOST: z.url().optional(),
  MEILISEARCH_API_KEY: z.string().optional(),
  MEILISEARCH_INDEX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .default('candidates'),
  /** Postgres engine: facets are exact up to this many matches, estimated from a sample this big past it. */
  SEARCH_FACET_SAMPLE_SIZE: z.coerce.number().int().min(10).max(1_000_000).optional(),
  /**
   * Reuse a job's ranking list until the ranking index, the day, the taxonomy or the organization's applicants
   * change (exact invalidation; consent re-checked per request). `false` computes every list (load tests measure
   * both).
   */
  RANKING_LIST_CACHE: booleanFlag.default(true),
  CREDENTIAL_CONTEXTS_DIR: z.string().optional(),
  OUTBOUND_FETCH_ENABLED: booleanFlag.default(false),
  OUTBOUND_FETCH_ALLOWLIST: csvList.default([]),
  OUTBOUND_FETCH_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  OUTBOUND_FETCH_MAX_BYTES: z.coerce.number().int().min(1_024).max(20_000_000).default(1_000_000),
  UPLOAD_MAX_FILE_BYTES: z.coerce.number().int().min(1_024).max(200_000_000).default(5_000_000),
  UPLOAD_MAX_TOTAL_BYTES: z.coerce.number().int().min(1_024).max(1_000_000_000).default(50_000_000),
  UPLOAD_MAX_FILES: z.coerce.number().int().min(1).max(10_000).default(200),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  EMAIL_FROM: z.string().default('Skillgraph <no-reply@skillgraph.local>'),
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_NAME: z.string().default('Company SSO'),
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(1).max(10).default(1),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  constructor(public readonly issues: string[]) {
    super(`Invalid environment configuration:\n${issues.map((issue) => `  - ${issue}`).join('\n')}`);
    this.name = 'EnvError';
  }
}

/** Parses an environment record, naming every bad variable in the error. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([, value]) => value !== undefined && value !== ''),
  );
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    throw new EnvError(result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const env = result.data;
  if (env.NODE_ENV === 'production' && !env.NEXTAUTH_SECRET) {
    throw new EnvError(['NEXTAUTH_SECRET: required when NODE_ENV=production']);
  }
  if (env.SEARCH_ENGINE === 'meilisearch' && !env.MEILISEARCH_HOST) {
    throw new EnvError(['MEILISEARCH_HOST: required when SEARCH_ENGINE=meilisearch']);
  }
  if (env.OIDC_ISSUER && (!env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET)) {
    throw new EnvError(['OIDC_CLIENT_ID / OIDC_CLIENT_SECRET: required when OIDC_ISSUER is set']);
  }
  return env;
}

let cached: Env | undefined;

/** The validated environment of this process (parsed once). */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Demo users sign in with a password-less button; off in production unless explicitly enabled. */
export function demoUsersEnabled(env: Env = getEnv()): boolean {
  return env.DEMO_USERS_ENABLED ?? env.NODE_ENV !== 'production';
}

export function searchEngineKind(env: Env = getEnv()): 'postgres' | 'meilisearch' {
  return env.SEARCH_ENGINE ?? (env.MEILISEARCH_HOST ? 'meilisearch' : 'postgres');
}

/** A fixed development secret keeps local sessions valid across restarts; production must set its own. */
export function authSecret(env: Env = getEnv()): string {
  return env.NEXTAUTH_SECRET ?? 'skillgraph-development-secret-not-for-production';
}
