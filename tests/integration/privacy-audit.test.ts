import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skillFrameworks, skills } from '@/db/schema';
import { buildServices, type Services } from '@/server/container';
import type { Actor } from '@/server/domain/auth/actor';
import { callerAs, createActor, createOrganization } from '@/tests/helpers/actors';
import { createTestDb, type TestDb } from '@/tests/helpers/db';
import { unlimited } from '@/tests/helpers/procedures';

describe('audit trail of employers viewing and exporting candidates', () => {
  let testDb: TestDb;
  let services: Services;
  let hiringManager: Actor;
  let admin: Actor;
  let jobId: string;
  let ada: Actor;
  let bo: Actor;

  beforeAll(async () => {
    testDb = await createTestDb();
    services = buildServices({ db: testDb.db, rateLimiter: unlimited });
    const org = await createOrganization(testDb.db, 'Audit Works');
    hiringManager = await createActor(testDb.db, 'hiring_manager', {
      organizationId: org,
      name: 'Hank Hiring',
    });
    admin = await createActor(testDb.db, 'org_admin', { organizationId: org });
    ada = await createActor(testDb.db, 'candidate', { visibility: 'public' });
    bo = await createActor(testDb.db, 'candidate', { visibility: 'public' });
    await testDb.db.insert(skillFrameworks).values({ id: 'audit', name: 'Audit' }).onConflictDoNothing();
    await testDb.db
      .insert(skills)
      .values({ id: 'audit:welding', frameworkId: 'audit', preferredLabel: 'Welding' });
    const job = await services.jobs.create(hiringManager, {
      title: 'Welder',
      description: '',
      location: '',
      skills: [
        {
          skillId: 'audit:welding',
          label: 'Welding',
          importance: 5,
          mustHave: true,
          minLevel: null,
          recencyMonths: null,
        },
      ],
    });
    jobId = job.jobId;
    for (const candidate of [ada, bo])
      await services.jobs.shortlistAdd(hiringManager, jobId, candidate.candidateId!, '');
  });
  afterAll(async () => testDb.close());

  it('records a comparison as a view and a CSV download as an export, per candidate', async () => {
    const caller = callerAs(testDb.db, hiringManager, services);
    const candidateIds = [ada.candidateId!, bo.candidateId!];
    await caller.ranking.compare({ jobId, candidateIds });
    await caller.ranking.compareCsv({ jobId, candidateIds });

    const adaViews = await callerAs(testDb.db, ada, services).audit.myProfileViews();
    expect(adaViews).toEqual([
      expect.objectContaining({
        organization: expect.objectContaining({ name: 'Audit Works' }),
        views: 1,
        exports: 1,
      }),
    ]);
    expect(JSON.stringify(adaViews)).not.toContain('Hank');

    const log = await callerAs(testDb.db, admin, services).audit.list({
      candidateId: bo.candidateId!,
      limit: 10,
    });
    expect(log.entries.map((entry) => entry.action).sort()).toEqual(['export', 'view']);
    expect(log.entries[0]).toMatchObject({
      actor: { userId: hiringManager.userId, name: 'Hank Hiring' },
      candidate: { id: bo.candidateId },
      details: { jobId },
    });
  });

  it('records nothing when the call is refused', async () => {
    const outsider = await createActor(testDb.db, 'hiring_manager');
    const before = (await callerAs(testDb.db, ada, services).audit.myProfileViews())[0]?.views ?? 0;
    await expect(
      callerAs(testDb.db, outsider, services).ranking.compare({
        jobId,
        candidateIds: [ada.candidateId!, bo.candidateId!],
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const after = await callerAs(testDb.db, ada, services).audit.myProfileViews();
    expect(after).toHaveLength(1);
    expect(after[0].views).toBe(before);
  });
});
