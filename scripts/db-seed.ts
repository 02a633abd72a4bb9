import { createDb, migrateDb } from '@/db/client';
import { seedDemo } from '@/db/seed/seed';
import { getEnv } from '@/server/env';

/** Migrates and seeds the demo data (idempotent), without starting the app. */
async function main() {
  const env = getEnv();
  const handle = env.DATABASE_URL ? await createDb({ url: env.DATABASE_URL, max: 2 }) : await createDb({ dataDir: env.PGLITE_DATA_DIR });
  await migrateDb(handle);
  const report = await seedDemo(handle.db, { candidateCount: env.DEMO_CANDIDATE_COUNT });
  await handle.close();
  console.log(JSON.stringify(report));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
