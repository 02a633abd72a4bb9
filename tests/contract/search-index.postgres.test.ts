import { createPostgresSearchIndex } from '@/server/adapters/search/postgres.search';
import { createTestDb } from '@/tests/helpers/db';
import { describeSearchIndexContract } from './search-index.contract';

describeSearchIndexContract('postgres (embedded engine)', async () => {
  const testDb = await createTestDb();
  const index = createPostgresSearchIndex(testDb.db);
  await index.ensureSettings();
  return { index, cleanup: testDb.close };
});
