import { count } from 'drizzle-orm';
import cliProgress from 'cli-progress';
import { createDb, DataDirLockedError } from '@/db/client';
import { candidates } from '@/db/schema';
import { createSearchComponents } from '@/server/adapters/search/search-factory';
import { getEnv, searchEngineKind } from '@/server/env';
import { rebuildSearchIndex } from '@/server/services/search-sync.service';

/**
 * `npm run search:reindex [--batch-size=500]`: rebuilds the search index from Postgres into a new index or
 * table and swaps it in, so searches keep being answered while it runs. Changes made meanwhile are re-applied
 * after the swap. With the embedded PGlite database the app must be stopped first (one process per folder).
 */
async function main() {
  const env = getEnv();
  const batchArg = process.argv.find((arg) => arg.startsWith('--batch-size='));
  const batchSize = batchArg ? Math.max(1, Math.min(5_000, Number(batchArg.split('=')[1]) || 500)) : 500;
  const handle = env.DATABASE_URL
    ? await createDb({ url: env.DATABASE_URL, max: 4 })
    : await createDb({ dataDir: env.PGLITE_DATA_DIR });
  try {
    const parts = createSearchComponents(handle.db, env);
    const [{ total }] = await handle.db.select({ total: count() }).from(candidates);
    console.log(`Rebuilding the ${searchEngineKind(env)} search index from ${total} candidates…`);
    const bar = new cliProgress.SingleBar(
      {
        format: 'reindex [{bar}] {percentage}% | {value}/{total} candidates | ETA {eta_formatted}',
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0);
    const started = Date.now();
    const report = await rebuildSearchIndex({
      ...parts,
      batchSize,
      onProgress: (done) => bar.update(Math.min(done, total)),
    });
    bar.update(total);
    bar.stop();
    console.log(
      `Indexed ${report.documents} documents (${report.candidates - report.documents} hidden candidates left out), ` +
        `re-applied ${report.caughtUp} changed meanwhile, in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
    );
  } finally {
    await handle.close();
  }
}

main().catch((error) => {
  if (error instanceof DataDirLockedError) console.error(error.message);
  else console.error(error);
  process.exit(1);
});
