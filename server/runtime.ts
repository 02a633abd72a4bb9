import { randomUUID } from 'node:crypto';
import { createDb, migrateDb, type DbHandle } from '@/db/client';
import { createPgCandidateChangeFeed } from '@/server/adapters/db/candidate-change-feed';
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

const REVERIFY_EVERY_MS = 60 * 60 * 1000;
const REVERIFY_OLDER_THAN_MS = 24 * 60 * 60 * 1000;

/**
 * Revocation and expiry change after upload: re-checks credentials last verified over a day ago, a batch an
 * hour. A status change writes its outbox row, so search and ranking follow.
 */
function scheduleReverification(services: AppRuntime['services']) {
  const timer = setInterval(() => {
    services.credentials
      .reverifyStale({ olderThan: new Date(Date.now() - REVERIFY_OLDER_THAN_MS), limit: 200 })
      .then((report) => {
        if (report.checked > 0) logger.info(report, 'credentials re-verified');
      })
      .catch((error) => logger.error({ err: error }, 're-verification failed'));
  }, REVERIFY_EVERY_MS);
  timer.unref();
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
  // The outbox gives each change to one claimer (this process, another instance or `npm run worker`); the
  // change feed tells every instance, so each one's ranking index and cached lists follow.
  const instanceId = randomUUID();
  const feed = handle.notifications
    ? createPgCandidateChangeFeed(handle.notifications, {
        instanceId,
        log: logger.child({ component: 'candidate-change-feed' }),
      })
    : null;
  await feed?.subscribe({
    onChange: (candidateIds) => services.ranking.reloadCandidates(candidateIds),
    onGap: () => services.ranking.reloadAll(),
  });
  const worker = startInProcessWorker({
    ...services.searchParts,
    log: logger,
    onCandidatesChanged: async (candidateIds) => {
      await services.ranking.applyCandidateChanges(candidateIds);
      await feed?.publish(candidateIds);
    },
  });
  scheduleReverification(services);
  logger.info({ driver: handle.driver, ms: Date.now() - started }, 'runtime ready');
  return { handle, services, worker, startedAt: new Date(), instanceId };
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
