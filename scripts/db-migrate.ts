import { createDb, migrateDb } from '@/db/client';
import { getEnv } from '@/server/env';

/** Applies the committed migrations to DATABASE_URL, or to the embedded PGlite folder. */
async function main() {
  const env = getEnv();
  const handle = env.DATABASE_URL
    ? await createDb({ url: env.DATABASE_URL, max: 1 })
    : await createDb({ dataDir: env.PGLITE_DATA_DIR });
  const started = Date.now();
  await migrateDb(handle);
  await handle.close();
  console.log(`migrations applied (${handle.driver}) in ${Date.now() - started} ms`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
