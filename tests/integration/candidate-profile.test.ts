import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applications, auditLog, candidates, jobs, jobVersions, users } from '@/db/schema';
import { demoIssuer, issueDemoJwt } from '@/db/seed/demo-issuers';
import { seedStarterTaxonomy } from '@/db/seed/starter-taxonomy';
import { buildServices, type Services } from '@/server/container';
import type { Actor } from '@/server/domain/auth/actor';
import { callerAs, createActor, createOrganization } from '@/tests/helpers/actors';
import { createTestDb, type TestDb } from '@/tests/helpers/db';
import { unlimited } from '@/tests/helpers/procedures';

const ISSUER = 'Profile Test Academy';

describe('candidates.profile (the employer view of one candidate)', () => {
  let t: TestDb;
  let services: Services;
  let orgA: string;
  let orgB: string;
  let recruiterA: Actor;
  let recruiterB: Actor;

  async function emailOf(actor: Actor): Promise<string> {
    const [row] = await t.db.select({ email: users.email }).from(users).where(eq(users.id, actor.userId));
    return row.email!;
  }

  /** A candidate with one signed OB3 credential uploaded through the credentials service. */
  async function candidateWithCredential(visibility: 'public' | 'applied_only' | 'hidden') {
    const candidate = await createActor(t.db, 'candidate', { visibility, name: `Ada ${visibility}` });
    const email = await emailOf(candidate);
    const jwt = await issueDemoJwt({
      issuerName: ISSUER,
      subjectId: `mailto:${email}`,
      subjectName: email,
      achievement: {
        name: 'TypeScript Practitioner',
        description: 'Builds type-safe applications in TypeScript and Python.',
        criteria: 'Passed a proctored coding assessment.',
        tags: ['TypeScript', 'Python'],
      },
      issuedAt: new Date('2025-03-01T00:00:00Z'),
    });
    const [result] = await services.credentials.ingestFile(candidate, {
      fileName: 'typescript.jwt',
      bytes: new TextEncoder().encode(jwt),
    });
    expect(result.stored).toBe(true);
    return { candidate, credentialId: result.credentialId! };
  }

  async function applyToJobOf(organizationId: string, candidateId: string) {
    const [job] = await t.db.insert(jobs).values({ organizationId }).returning({ id: jobs.id });
    await t.db.insert(jobVersions).values({ jobId: job.id, version: 1, title: 'Engineer' });
    await t.db.insert(applications).values({ candidateId, jobId: job.id });
  }

  const views = (viewer: Actor, candidateId: string) =>
    t.db
      .select({ id: auditLog.id, details: auditLog.details })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.candidateId, candidateId),
          eq(auditLog.actorUserId, viewer.userId),
          eq(auditLog.action, 'view'),
        ),
      );

  beforeAll(async () => {
    t = await createTestDb();
    await seedStarterTaxonomy(t.db);
    services = buildServices({ db: t.db, rateLimiter: unlimited });
    orgA = await createOrganization(t.db, 'Org A');
    orgB = await createOrganization(t.db, 'Org B');
    recruiterA = await createActor(t.db, 'recruiter', { organizationId: orgA });
    recruiterB = await createActor(t.db, 'recruiter', { organizationId: orgB });
    // Org A trusts the demo issuer; org B does not.
    const adminA = await createActor(t.db, 'org_admin', { organizationId: orgA });
    await services.trustedIssuers.add(adminA, { kind: 'did', value: (await demoIssuer(ISSUER)).did });
  });
  afterAll(async () => t.close());

  it('shows a public candidate’s header, credentials and skills with evidence, and audits the view', async () => {
    const { candidate, credentialId } = await candidateWithCredential('public');
    await t.db
      .update(candidates)
      .set({ headline: 'Backend engineer', location: 'Lisbon, Portugal', availability: 'immediately' })
      .where(eq(candidates.id, candidate.candidateId!));

    const profile = await callerAs(t.db, recruiterA, services).candidates.profile({
      candidateId: candidate.candidateId!,
    });
    expect(profile).toMatchObject({
      id: candidate.candidateId,
      displayName: 'Ada public',
      headline: 'Backend engineer',
      location: 'Lisbon, Portugal',
      availability: 'immediately',
    });
    expect(profile.credentials).toHaveLength(1);
    expect(profile.credentials[0]).toMatchObject({
      id: credentialId,
      status: 'verified',
      issuerName: ISSUER,
      issuerId: (await demoIssuer(ISSUER)).did,
      achievementName: 'TypeScript Practitioner',
      issuerTrustedByYourOrganization: true,
    });
    expect(profile.credentials[0].issuedAt?.toISOString()).toBe('2025-03-01T00:00:00.000Z');
    expect(['confirmed', 'unconfirmed', 'none']).toContain(profile.credentials[0].keyBinding);
    // No raw credential text or normalized record leaks into the employer view.
    expect(JSON.stringify(profile)).not.toContain('eyJ');

    const typescript = profile.skills.find((skill) => skill.skillId === 'starter:typescript');
    expect(typescript, JSON.stringify(profile.skills.map((s) => s.skillId))).toBeDefined();
    expect(typescript!.verified).toBe(true);
    expect(typescript!.evidence.length).toBeGreaterThan(0);
    for (const evidence of typescript!.evidence) {
      expect(evidence.credential).toEqual({
        id: credentialId,
        achievementName: 'TypeScript Practitioner',
        status: 'verified',
      });
      expect(evidence.span.toLowerCase()).toContain('typescript');
      expect(evidence.confidence).toBeGreaterThan(0);
      expect(evidence.method).toBe('label');
    }
    expect(typescript!.evidence.map((e) => e.field)).toContain('tags');

    const audit = await views(recruiterA, candidate.candidateId!);
    expect(audit).toHaveLength(1);
    expect(audit[0].details).toMatchObject({ via: 'candidates.profile' });
  });

  it('judges issuer trust against the viewer’s own organization list', async () => {
    const { candidate } = await candidateWithCredential('public');
    const profile = await callerAs(t.db, recruiterB, services).candidates.profile({
      candidateId: candidate.candidateId!,
    });
    expect(profile.credentials[0].issuerTrustedByYourOrganization).toBe(false);
  });

  it('leaves out skills the candidate rejected', async () => {
    const { candidate } = await candidateWithCredential('public');
    const caller = callerAs(t.db, recruiterA, services);
    const before = await caller.candidates.profile({ candidateId: candidate.candidateId! });
    expect(before.skills.map((s) => s.skillId)).toContain('starter:python');
    await callerAs(t.db, candidate, services).skills.reject({ skillId: 'starter:python' });
    const after = await caller.candidates.profile({ candidateId: candidate.candidateId! });
    expect(after.skills.map((s) => s.skillId)).not.toContain('starter:python');
    expect(after.skills.map((s) => s.skillId)).toContain('starter:typescript');
  });

  it('answers NOT_FOUND for a hidden candidate, even to an organization they applied to, and audits nothing', async () => {
    const { candidate } = await candidateWithCredential('hidden');
    await applyToJobOf(orgA, candidate.candidateId!);
    await expect(
      callerAs(t.db, recruiterA, services).candidates.profile({ candidateId: candidate.candidateId! }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await views(recruiterA, candidate.candidateId!)).toEqual([]);
  });

  it('shows an applied-only candidate to the organization applied to, and to no other', async () => {
    const { candidate } = await candidateWithCredential('applied_only');
    await expect(
      callerAs(t.db, recruiterA, services).candidates.profile({ candidateId: candidate.candidateId! }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await applyToJobOf(orgA, candidate.candidateId!);
    const hiringManagerA = await createActor(t.db, 'hiring_manager', { organizationId: orgA });
    const profile = await callerAs(t.db, hiringManagerA, services).candidates.profile({
      candidateId: candidate.candidateId!,
    });
    expect(profile.id).toBe(candidate.candidateId);
    await expect(
      callerAs(t.db, recruiterB, services).candidates.profile({ candidateId: candidate.candidateId! }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await views(recruiterB, candidate.candidateId!)).toEqual([]);
  });

  it('answers NOT_FOUND for an id that does not exist, the same as for an invisible candidate', async () => {
    await expect(
      callerAs(t.db, recruiterA, services).candidates.profile({
        candidateId: '00000000-0000-4000-8000-000000000000',
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'This candidate is not available.' });
  });

  it('refuses candidates (FORBIDDEN), even for their own profile', async () => {
    const { candidate } = await candidateWithCredential('public');
    await expect(
      callerAs(t.db, candidate, services).candidates.profile({ candidateId: candidate.candidateId! }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
