import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDb, type TestDb } from '@/tests/helpers/db';
import { buildServices } from '@/server/container';
import { seedDemoData } from '@/server/demo-seed';
import { candidates, credentials, jobs, outbox, users } from '@/db/schema';
import { rowsOf } from '@/db/client';
import { demoUsers } from '@/db/seed/demo-users';

describe('demo seed', () => {
  let testDb: TestDb;
  let first: Awaited<ReturnType<typeof seedDemoData>>;
  beforeAll(async () => {
    testDb = await createTestDb();
    first = await seedDemoData(testDb.db, buildServices({ db: testDb.db }), { candidateCount: 18 });
  }, 120_000);
  afterAll(async () => testDb.close());

  it('creates one user per documented demo sign-in, the candidates, jobs and verified credentials', async () => {
    const emails = (await testDb.db.select({ email: users.email }).from(users)).map((row) => row.email);
    for (const user of demoUsers) expect(emails).toContain(user.email);
    const [{ count: candidateCount }] = await testDb.db
      .select({ count: sql<number>`count(*)::int` })
      .from(candidates);
    expect(candidateCount).toBe(19);
    expect(first.newJobs).toBe(4);
    const statuses = await testDb.db
      .select({ status: credentials.status, count: sql<number>`count(*)::int` })
      .from(credentials)
      .groupBy(credentials.status);
    const verified = statuses.find((row) => row.status === 'verified')?.count ?? 0;
    expect(verified).toBeGreaterThan(30);
    expect(first.newCredentials).toBe(statuses.reduce((sum, row) => sum + row.count, 0));
  });

  it('puts every seeded candidate in the outbox so search and ranking pick them up', async () => {
    const rows = await testDb.db.selectDistinct({ candidateId: outbox.candidateId }).from(outbox);
    expect(rows).toHaveLength(19);
  });

  it('maps the demo credentials to skills and gives the demo jobs extracted skills', async () => {
    const [{ evidence }] = rowsOf<{ evidence: number }>(
      await testDb.db.execute(sql`select count(*)::int as evidence from candidate_skill_evidence`),
    );
    expect(evidence).toBeGreaterThan(50);
    const jobRows = await testDb.db.select({ id: jobs.id }).from(jobs);
    expect(jobRows).toHaveLength(4);
  });

  it('is idempotent: a second run adds nothing', async () => {
    const second = await seedDemoData(testDb.db, buildServices({ db: testDb.db }), { candidateCount: 18 });
    expect(second).toMatchObject({ newCredentials: 0, newJobs: 0, newApplications: 0, candidates: 19 });
  }, 120_000);
});
