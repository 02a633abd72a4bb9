import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accounts,
  applications,
  auditLog,
  candidates,
  candidateSkillEvidence,
  credentials,
  devMailbox,
  jobs,
  jobVersions,
  outbox,
  sessions,
  skillFrameworks,
  skills,
  users,
  verificationTokens,
} from '@/db/schema';
import { buildServices } from '@/server/container';
import { createMemoryRateLimiter } from '@/server/adapters/rate-limit/memory.rate-limiter';
import { recordCandidateAccess } from '@/server/services/audit.service';
import type { Actor } from '@/server/domain/auth/actor';
import { callerAs, createActor, createOrganization } from '@/tests/helpers/actors';
import { createTestDb, type TestDb } from '@/tests/helpers/db';

describe('privacy: export and delete my data; audit of who saw a candidate', () => {
  let testDb: TestDb;
  let orgA: string;
  let recruiterA: Actor;
  let adminA: Actor;
  let recruiterB: Actor;
  const as = (actor: Actor | null) =>
    callerAs(testDb.db, actor, buildServices({ db: testDb.db, rateLimiter: createMemoryRateLimiter() }));

  beforeAll(async () => {
    testDb = await createTestDb();
    orgA = await createOrganization(testDb.db, 'Acme Robotics');
    recruiterA = await createActor(testDb.db, 'recruiter', { organizationId: orgA, name: 'Rita Recruiter' });
    adminA = await createActor(testDb.db, 'org_admin', { organizationId: orgA });
    recruiterB = await createActor(testDb.db, 'recruiter');
  });
  afterAll(async () => testDb.close());

  async function candidateWithData() {
    const candidate = await createActor(testDb.db, 'candidate', { name: 'Ada Export' });
    const skillId = `starter:privacy-${candidate.candidateId}`;
    await testDb.db.insert(skillFrameworks).values({ id: 'starter', name: 'Starter' }).onConflictDoNothing();
    await testDb.db.insert(skills).values({ id: skillId, frameworkId: 'starter', preferredLabel: 'Welding' });
    await testDb.db.insert(candidateSkillEvidence).values({
      candidateId: candidate.candidateId!,
      skillId,
      field: 'name',
      span: 'Welding',
      method: 'label',
      confidence: 0.9,
    });
    const raw = JSON.stringify({
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      name: `RAW-${candidate.candidateId}`,
    });
    await testDb.db.insert(credentials).values({
      candidateId: candidate.candidateId!,
      contentHash: `sha256-${candidate.candidateId}`,
      raw,
      mediaType: 'application/json',
      format: 'ob3-vc',
      status: 'verified',
      keyBinding: 'none',
      revocation: 'none',
      achievementName: 'Welding basics',
      achievement: { name: 'Welding basics', tags: [], alignments: [], resultDescriptions: [] } as never,
      normalized: {} as never,
      checks: [] as never,
      sourceFile: 'wallet.zip',
      sourcePath: 'wallet.zip > badge.json',
      uploadId: crypto.randomUUID(),
    });
    const [job] = await testDb.db.insert(jobs).values({ organizationId: orgA }).returning({ id: jobs.id });
    await testDb.db.insert(jobVersions).values({ jobId: job.id, version: 1, title: 'Welder' });
    await testDb.db.insert(applications).values({ candidateId: candidate.candidateId!, jobId: job.id });
    await testDb.db.insert(accounts).values({
      userId: candidate.userId,
      type: 'oidc',
      provider: 'oidc',
      providerAccountId: `sub-${candidate.userId}`,
      access_token: 'SECRET-ACCESS-TOKEN',
      refresh_token: 'SECRET-REFRESH-TOKEN',
    });
    await testDb.db.insert(sessions).values({
      sessionToken: `sess-${candidate.userId}`,
      userId: candidate.userId,
      expires: new Date(Date.now() + 1e6),
    });
    const [user] = await testDb.db
      .select({ email: users.email })
      .from(users)
      .where(eq(users.id, candidate.userId));
    await testDb.db
      .insert(verificationTokens)
      .values({ identifier: user.email!, token: 'tok', expires: new Date(Date.now() + 1e6) });
    await testDb.db
      .insert(devMailbox)
      .values({ to: user.email!, subject: 'Sign in', body: 'link', url: 'http://x/tok' });
    await recordCandidateAccess(testDb.db, recruiterA, candidate.candidateId!, 'view', { via: 'search' });
    await recordCandidateAccess(testDb.db, recruiterA, candidate.candidateId!, 'export', { format: 'csv' });
    await recordCandidateAccess(testDb.db, recruiterB, candidate.candidateId!, 'view', { via: 'ranking' });
    return { candidate, email: user.email!, jobId: job.id, skillId, raw };
  }

  it('shows a candidate which organizations viewed or exported their profile, never which person', async () => {
    const { candidate } = await candidateWithData();
    const views = await as(candidate).audit.myProfileViews();
    expect(views).toHaveLength(2);
    const acme = views.find((entry) => entry.organization?.id === orgA);
    expect(acme).toMatchObject({ organization: { name: 'Acme Robotics' }, views: 1, exports: 1 });
    expect(JSON.stringify(views)).not.toContain(recruiterA.userId);
    expect(JSON.stringify(views)).not.toContain('Rita');
  });

  it('pages through entries written within the same millisecond without skipping any', async () => {
    const candidate = await createActor(testDb.db, 'candidate');
    // microseconds apart, the same millisecond: a millisecond cursor would drop the second one
    for (const at of [
      '2026-01-01 10:00:00.123456+00',
      '2026-01-01 10:00:00.123789+00',
      '2026-01-01 10:00:00.123001+00',
    ]) {
      await testDb.db.insert(auditLog).values({
        actorUserId: recruiterA.userId,
        actorOrganizationId: orgA,
        action: 'view',
        candidateId: candidate.candidateId!,
        createdAt: sql`${at}::timestamptz` as unknown as Date,
      });
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 5; page++) {
      const result = await as(adminA).audit.list({ candidateId: candidate.candidateId!, limit: 1, cursor });
      seen.push(...result.entries.map((entry) => entry.id));
      if (!result.nextCursor) break;
      cursor = result.nextCursor;
    }
    expect(seen).toHaveLength(3);
    expect(new Set(seen).size).toBe(3);
  });

  it('does not record a candidate looking at their own data', async () => {
    const candidate = await createActor(testDb.db, 'candidate');
    await recordCandidateAccess(testDb.db, candidate, candidate.candidateId!, 'view');
    expect(
      await testDb.db.select().from(auditLog).where(eq(auditLog.candidateId, candidate.candidateId!)),
    ).toHaveLength(0);
  });

  it('shows an org admin their own organization’s log with who and whom, and pages through it', async () => {
    const { candidate } = await candidateWithData();
    const first = await as(adminA).audit.list({ candidateId: candidate.candidateId!, limit: 1 });
    expect(first.entries).toHaveLength(1);
    expect(first.entries[0].actor?.userId).toBe(recruiterA.userId);
    expect(first.entries[0].candidate?.displayName).toBe('Ada Export');
    expect(first.nextCursor).not.toBeNull();
    const second = await as(adminA).audit.list({
      candidateId: candidate.candidateId!,
      limit: 1,
      cursor: first.nextCursor!,
    });
    expect(second.entries).toHaveLength(1);
    expect(second.entries[0].id).not.toBe(first.entries[0].id);
    expect(second.nextCursor).toBeNull();
    // Org B's view of the same candidate is not in org A's log.
    expect(
      [...first.entries, ...second.entries].every((entry) => entry.actor?.userId !== recruiterB.userId),
    ).toBe(true);
    await expect(as(adminA).audit.list({ cursor: 'not-a-cursor' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });

  it('keeps audit details small and free of payloads', async () => {
    const candidate = await createActor(testDb.db, 'candidate');
    await recordCandidateAccess(testDb.db, recruiterA, candidate.candidateId!, 'view', {
      via: 'x'.repeat(5_000),
      credential: { proof: 'secret' },
    });
    const [row] = await testDb.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.candidateId, candidate.candidateId!));
    expect((row.details.via as string).length).toBe(200);
    expect(row.details).not.toHaveProperty('credential');
  });

  it('exports everything about the candidate as JSON, without tokens or other people', async () => {
    const { candidate, jobId, skillId, raw } = await candidateWithData();
    const data = await as(candidate).privacy.exportMyData();
    expect(data.credentials).toEqual([
      expect.objectContaining({ raw, format: 'ob3-vc', status: 'verified', sourceFile: 'wallet.zip' }),
    ]);
    expect(data.format).toBe('skillgraph-candidate-export');
    expect(data.account.id).toBe(candidate.userId);
    expect(data.account.signInMethods).toEqual([{ provider: 'oidc', type: 'oidc' }]);
    expect(data.profile).toMatchObject({ id: candidate.candidateId, displayName: 'Ada Export' });
    expect(data.applications).toEqual([
      expect.objectContaining({ jobId, jobTitle: 'Welder', organization: 'Acme Robotics' }),
    ]);
    expect(data.skills.evidence).toEqual([
      expect.objectContaining({ skillId, skill: 'Welding', span: 'Welding' }),
    ]);
    expect(data.profileAccess.map((entry) => entry.action).sort()).toEqual(['export', 'view', 'view']);
    const text = JSON.stringify(data);
    expect(text).not.toContain('SECRET-ACCESS-TOKEN');
    expect(text).not.toContain('SECRET-REFRESH-TOKEN');
    expect(text).not.toContain(`sess-${candidate.userId}`);
    expect(text).not.toContain(recruiterA.userId);
    // JSON-serialisable as is (the download is this object).
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(data)));
  });

  it('refuses account deletion without the confirmation phrase', async () => {
    const candidate = await createActor(testDb.db, 'candidate');
    await expect(as(candidate).privacy.deleteMyAccount({ confirm: 'yes' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    expect(await testDb.db.select().from(users).where(eq(users.id, candidate.userId))).toHaveLength(1);
  });

  it('deletes the account in one transaction: outbox first, data gone, audit kept anonymized', async () => {
    const { candidate, email } = await candidateWithData();
    const candidateId = candidate.candidateId!;
    const before = await testDb.db.select().from(auditLog).where(eq(auditLog.candidateId, candidateId));
    expect(before).toHaveLength(3);

    await as(candidate).privacy.deleteMyAccount({ confirm: 'Delete my account' });

    expect(await testDb.db.select().from(users).where(eq(users.id, candidate.userId))).toHaveLength(0);
    expect(await testDb.db.select().from(candidates).where(eq(candidates.id, candidateId))).toHaveLength(0);
    expect(
      await testDb.db
        .select()
        .from(candidateSkillEvidence)
        .where(eq(candidateSkillEvidence.candidateId, candidateId)),
    ).toHaveLength(0);
    expect(
      await testDb.db.select().from(applications).where(eq(applications.candidateId, candidateId)),
    ).toHaveLength(0);
    expect(await testDb.db.select().from(sessions).where(eq(sessions.userId, candidate.userId))).toHaveLength(
      0,
    );
    expect(await testDb.db.select().from(accounts).where(eq(accounts.userId, candidate.userId))).toHaveLength(
      0,
    );
    expect(
      await testDb.db.select().from(verificationTokens).where(eq(verificationTokens.identifier, email)),
    ).toHaveLength(0);
    expect(await testDb.db.select().from(devMailbox).where(eq(devMailbox.to, email))).toHaveLength(0);
    const queued = await testDb.db.select().from(outbox).where(eq(outbox.candidateId, candidateId));
    expect(queued.map((row) => row.reason)).toContain('candidate_deleted');

    // The entries stay (employers' accountability) but no longer point at the person.
    const ids = before.map((row) => row.id);
    const after = (await testDb.db.select().from(auditLog)).filter((row) => ids.includes(row.id));
    expect(after).toHaveLength(3);
    expect(after.every((row) => row.candidateId === null && Object.keys(row.details).length === 0)).toBe(
      true,
    );
    const page = await as(adminA).audit.list({ limit: 100 });
    expect(
      page.entries.filter((entry) => ids.includes(entry.id)).every((entry) => entry.candidate === null),
    ).toBe(true);

    // The deleted user's session no longer resolves to anyone.
    expect(await buildServices({ db: testDb.db }).accounts.actorForUser(candidate.userId)).toBeNull();
  });

  it('rolls everything back when deletion fails half-way', async () => {
    const { candidate } = await candidateWithData();
    // The transaction's work all runs, then the commit fails: nothing of it may remain.
    const original = testDb.db.transaction.bind(testDb.db);
    let failed = false;
    (testDb.db as { transaction: unknown }).transaction = async (fn: (tx: unknown) => Promise<unknown>) =>
      original(async (tx) => {
        await fn(tx);
        failed = true;
        throw new Error('disk full');
      });
    try {
      await expect(
        as(candidate).privacy.deleteMyAccount({ confirm: 'delete my account' }),
      ).rejects.toMatchObject({
        code: 'INTERNAL_SERVER_ERROR',
      });
    } finally {
      (testDb.db as { transaction: unknown }).transaction = original;
    }
    expect(failed).toBe(true);
    expect(await testDb.db.select().from(users).where(eq(users.id, candidate.userId))).toHaveLength(1);
    expect(
      await testDb.db.select().from(auditLog).where(eq(auditLog.candidateId, candidate.candidateId!)),
    ).toHaveLength(3);
    const queued = await testDb.db
      .select()
      .from(outbox)
      .where(eq(outbox.candidateId, candidate.candidateId!));
    expect(queued.map((row) => row.reason)).not.toContain('candidate_deleted');
  });

  it('only candidates export or delete, and only their own data', async () => {
    await expect(as(recruiterA).privacy.exportMyData()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(as(null).privacy.deleteMyAccount({ confirm: 'delete my account' })).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
    const x = await candidateWithData();
    const y = await createActor(testDb.db, 'candidate', { name: 'Yusuf' });
    const data = await as(y).privacy.exportMyData();
    expect(JSON.stringify(data)).not.toContain(x.candidate.candidateId!);
    expect(data.applications).toEqual([]);
  });
});
