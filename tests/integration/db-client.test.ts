import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { createTestDb, type TestDb } from '@/tests/helpers/db';
import { organizations, users } from '@/db/schema';
import { rowsOf } from '@/db/client';

describe('database client', () => {
  let testDb: TestDb;
  beforeAll(async () => {
    testDb = await createTestDb();
  });
  afterAll(async () => testDb.close());

  it('starts migrated, with pg_trgm available', async () => {
    const result = await testDb.db.execute(sql`select similarity('postgres', 'postgers') as score`);
    const [row] = rowsOf<{ score: number }>(result);
    expect(Number(row.score)).toBeGreaterThan(0.3);
  });

  it('rolls back every write of a failed transaction', async () => {
    await expect(
      testDb.db.transaction(async (tx) => {
        await tx.insert(organizations).values({ name: 'Rollback Org', slug: 'rollback-org' });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const rows = await testDb.db.select().from(organizations).where(eq(organizations.slug, 'rollback-org'));
    expect(rows).toHaveLength(0);
  });

  it('enforces unique e-mail addresses', async () => {
    await testDb.db.insert(users).values({ email: 'dup@example.com', name: 'A' });
    await expect(testDb.db.insert(users).values({ email: 'dup@example.com', name: 'B' })).rejects.toThrow();
  });
});
