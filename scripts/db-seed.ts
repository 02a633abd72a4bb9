import { createDb, migrateDb } from '@/db/client';
import { buildServices } from '@/server/container';
import { seedDemoData } from '@/server/demo-seed';
import { getEnv } from '@/server/env';

/**
 * Migrates and seeds the demo (idempotent) without starting the app; the app's outbox worker indexes the
 * new candidates when it next runs.
 */
async function main() {
  const env = getEnv();
  const handle = env.DATABASE_URL
    ? await createDb({ url: env.DATABASE_URL, max: 2 })
    : await createDb({ dataDir: env.PGLITE_DATA_DIR });
  await migrateDb(handle);
  const report = await seedDemoData(handle.db, buildServices({ db: handle.db }), {
    candidateCount: env.DEMO_CANDIDATE_COUNT,
  });
  await handle.close();
  console.log(JSON.stringify(report));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
