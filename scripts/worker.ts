import { createDb, DataDirLockedError } from '@/db/client';
import { createPgCandidateChangeFeed } from '@/server/adapters/db/candidate-change-feed';
import { createSearchComponents } from '@/server/adapters/search/search-factory';
import { getEnv, searchEngineKind } from '@/server/env';
import { logger } from '@/server/logger';
import { createRankingService } from '@/server/services/ranking.service';
import { startInProcessWorker } from '@/server/services/search-sync.service';

/**
 * `npm run worker`: the production search-sync worker, separate from the web process. Drains the outbox into
 * the configured engine until SIGINT/SIGTERM, then finishes the batch in flight and exits. Several workers
 * may run at once: claims skip what another worker holds.
 */
async function main() {
  const env = getEnv();
  const log = logger.child({ component: 'search-worker' });
  const handle = env.DATABASE_URL
    ? await createDb({ url: env.DATABASE_URL, max: 4 })
    : await createDb({ dataDir: env.PGLITE_DATA_DIR });
  if (handle.driver === 'pglite') {
    log.warn(
      'using the embedded PGlite database: the app must not run at the same time (it runs this worker in-process)',
    );
  }
  const parts = createSearchComponents(handle.db, env);

  let stopping = false;
  let resolveStop: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (resolveStop = resolve));
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping search worker');
    resolveStop();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // The worker's own timer is unref'd; this keeps the process alive until a signal arrives.
  const keepAlive = setInterval(() => undefined, 60_000);

  // The engine may still be starting: retry the settings bootstrap with backoff instead of exiting.
  for (let attempt = 0; !stopping; attempt++) {
    try {
      await parts.index.ensureSettings({ synonyms: await parts.source.synonyms() });
      break;
    } catch (error) {
      const delay = Math.min(30_000, 1_000 * 2 ** attempt);
      log.warn({ err: error, retryInMs: delay }, 'search engine not ready; retrying settings bootstrap');
      await Promise.race([new Promise((resolve) => setTimeout(resolve, delay)), stopped]);
    }
  }

  // The rows this worker claims change ranking strengths too: it stores them (it holds no index) and tells
  // every app instance through the change feed, so their in-memory ranking indexes follow.
  const ranking = createRankingService(handle.db, { useIndex: false, log });
  const feed = handle.notifications ? createPgCandidateChangeFeed(handle.notifications, { log }) : null;
  const worker = stopping
    ? null
    : startInProcessWorker({
        ...parts,
        log,
        onCandidatesChanged: async (candidateIds) => {
          await ranking.applyCandidateChanges(candidateIds);
          await feed?.publish(candidateIds);
        },
      });
  if (worker)
    log.info(
      { engine: searchEngineKind(env), backlog: await worker.sync.backlog() },
      'search worker running',
    );
  await stopped;
  await worker?.stop();
  clearInterval(keepAlive);
  await handle.close();
  log.info('search worker stopped');
}

main().catch((error) => {
  if (error instanceof DataDirLockedError) console.error(error.message);
  else console.error(error);
  process.exit(1);
});
