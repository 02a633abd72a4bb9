import { createDb, migrateDb, type DbHandle } from '@/db/client';
import { seedDemoCredentials } from '@/db/seed/demo-credentials';
import { seedDemoJobs } from '@/db/seed/demo-jobs';
import { seedDemo } from '@/db/seed/seed';
import { buildServices, type AppRuntime } from '@/server/container';
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
  await services.searchParts.index.ensureSettings({ synonyms: await services.searchParts.source.synonyms() });
  if (env.SEED_DEMO_DATA) {
    const report = await seedDemo(handle.db, { candidateCount: env.DEMO_CANDIDATE_COUNT });
    const credentials = await seedDemoCredentials(
      handle.db,
      (actor, input) => services.credentials.ingestFile(actor, input),
      { candidateCount: env.DEMO_CANDIDATE_COUNT },
    );
    const jobs = await seedDemoJobs(handle.db, services.jobs);
    logger.info({ report, demoCredentials: credentials.credentials, ...jobs, ms: Date.now() - started }, 'demo data ready');
  }
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
