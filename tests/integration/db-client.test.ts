import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { createTestDb, type TestDb } from '@/tests/helpers/db';
import { organizations, users } from '@/db/schema';
import { createDb, migrateDb, migrationsFolder, rowsOf } from '@/db/client';

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

describe('migrations from several app instances at once', () => {
  const template = inject('testDbTemplate');
  const onServer = template.kind === 'postgres';
  if (!onServer)
    console.warn(
      '[db-client] skipped: concurrent migrations need a PostgreSQL server: set DATABASE_URL to run it',
    );

  it.skipIf(!onServer)('take turns: every instance starts, each migration applied once', async () => {
    if (template.kind !== 'postgres') return;
    const name = `sg_mig_${randomBytes(6).toString('hex')}`;
    const admin = postgres(template.adminUrl, { max: 1, onnotice: () => undefined });
    await admin.unsafe(`CREATE DATABASE ${name}`);
    const url = new URL(template.adminUrl);
    url.pathname = `/${name}`;
    const instances = await Promise.all([1, 2, 3].map(() => createDb({ url: url.toString(), max: 1 })));
    try {
      await Promise.all(instances.map((handle) => migrateDb(handle)));
      const applied = rowsOf<{ n: number; distinct: number }>(
        await instances[0].db.execute(
          sql`SELECT count(*)::int AS n, count(DISTINCT hash)::int AS distinct FROM drizzle.__drizzle_migrations`,
        ),
      );
      const files = fs.readdirSync(migrationsFolder).filter((f) => f.endsWith('.sql')).length;
      expect(applied[0]).toEqual({ n: files, distinct: files });
    } finally {
      await Promise.all(instances.map((handle) => handle.close()));
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});
