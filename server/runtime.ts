import { createDb, migrateDb, type DbHandle } from '@/db/client';
import { seedDemo } from '@/db/seed/seed';
import { buildServices, type AppRuntime } from '@/server/container';
import { getEnv } from '@/server/env';
import { logger } from '@/server/logger';

const globalForRuntime = globalThis as unknown as { skillgraphRuntime?: Promise<AppRuntime> };

async function openDatabase(): Promise<DbHandle> {
  const env = getEnv();
  if (env.DATABASE_URL) return createDb({ url: env.DATABASE_URL });
  return createDb({ dataDir: env.PGLITE_DATA_DIR });
}

async function start(): Promise<AppRuntime> {
  const env = getEnv();
  const started = Date.now();
  const handle = await openDatabase();
  await migrateDb(handle);
  const services = buildServices({ db: handle.db });
  if (env.SEED_DEMO_DATA) {
    const report = await seedDemo(handle.db, { candidateCount: env.DEMO_CANDIDATE_COUNT });
    logger.info({ report }, 'demo data ready');
  }
  logger.info({ driver: handle.driver, ms: Date.now() - started }, 'database ready');
  return { handle, services, startedAt: new Date() };
}

/**
 * The process-wide runtime (database, services), created on first use — never at build time — and kept
 * on globalThis so hot reloads reuse one connection (PGlite allows one instance per data folder).
 */
export function getRuntime(): Promise<AppRuntime> {
  globalForRuntime.skillgraphRuntime ??= start().catch((error) => {
    globalForRuntime.skillgraphRuntime = undefined;
    throw error;
  });
  return globalForRuntime.skillgraphRuntime;
}
