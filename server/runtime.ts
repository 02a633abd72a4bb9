import { createDb, migrateDb, type DbHandle } from '@/db/client';
import { buildServices, type AppRuntime } from '@/server/container';
import { seedDemoData } from '@/server/demo-seed';
import { getEnv } from '@/server/env';
import { logger } from '@/server/logger';
import { startInProcessWorker } from '@/server/services/search-sync.service';

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
    const report = await seedDemoData(handle.db, services, { candidateCount: env.DEMO_CANDIDATE_COUNT });
    logger.info({ report }, 'demo data ready');
  }
  // After seeding: synonyms come from the taxonomy's alternative labels.
  await services.searchParts.index.ensureSettings({ synonyms: await services.searchParts.source.synonyms() });
  const worker = startInProcessWorker({
    ...services.searchParts,
    log: logger,
    onCandidatesChanged: (candidateIds) => services.ranking.applyCandidateChanges(candidateIds),
  });
  logger.info({ driver: handle.driver, ms: Date.now() - started }, 'runtime ready');
  return { handle, services, worker, startedAt: new Date() };
}

/**
 * The process-wide runtime (database, services, outbox worker), created on first use — never at build
 * time — and kept on globalThis so hot reloads reuse one connection (PGlite allows one instance per folder).
 */
export function getRuntime(): Promise<AppRuntime> {
  globalForRuntime.skillgraphRuntime ??= start().catch((error) => {
    globalForRuntime.skillgraphRuntime = undefined;
    throw error;
  });
  return globalForRuntime.skillgraphRuntime;
}
