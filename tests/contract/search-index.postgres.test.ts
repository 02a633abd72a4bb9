import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rowsOf, type Db } from '@/db/client';
import { createPostgresSearchIndex } from '@/server/adapters/search/postgres.search';
import { createTestDb } from '@/tests/helpers/db';
import { describeSearchIndexContract } from './search-index.contract';

describeSearchIndexContract('postgres (embedded engine)', async () => {
  const testDb = await createTestDb();
  const index = createPostgresSearchIndex(testDb.db);
  await index.ensureSettings();
  return { index, cleanup: testDb.close };
});

describe('postgres engine storage layout', () => {
  const layout = async (db: Db) => {
    const [table] = rowsOf<{ reloptions: string[] | string | null }>(
      await db.execute(sql`SELECT reloptions FROM pg_class WHERE relname = 'search_documents'`),
    );
    const columns = rowsOf<{ attname: string; attstorage: string }>(
      await db.execute(sql`
        SELECT attname, attstorage FROM pg_attribute
        WHERE attrelid = 'search_documents'::regclass AND attname IN ('fts', 'document', 'rank_fts', 'skill_ids')
        ORDER BY attname
      `),
    );
    return { options: String(table?.reloptions ?? ''), columns };
  };

  it('keeps the narrow heap (toast_tuple_target, out-of-line text vectors) across a rebuild', async () => {
    const testDb = await createTestDb();
    try {
      const expected = {
        options: expect.stringContaining('toast_tuple_target=128'),
        columns: [
          { attname: 'document', attstorage: 'e' },
          { attname: 'fts', attstorage: 'e' },
          { attname: 'rank_fts', attstorage: 'm' },
          { attname: 'skill_ids', attstorage: 'm' },
        ],
      };
      expect(await layout(testDb.db)).toEqual(expected);
      const index = createPostgresSearchIndex(testDb.db);
      const rebuild = await index.beginRebuild();
      await rebuild.commit();
      expect(await layout(testDb.db)).toEqual(expected);
    } finally {
      await testDb.close();
    }
  });
});
