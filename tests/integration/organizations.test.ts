import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, devMailbox, invitations, sessions, users } from '@/db/schema';
import { onboardUser } from '@/server/auth/options';
import { buildServices } from '@/server/container';
import { createMemoryRateLimiter } from '@/server/adapters/rate-limit/memory.rate-limiter';
import type { Actor } from '@/server/domain/auth/actor';
import { callerAs, createActor, createOrganization } from '@/tests/helpers/actors';
import { createTestDb, type TestDb } from '@/tests/helpers/db';

describe('organization members and invitations', () => {
  let testDb: TestDb;
  let orgA: string;
  let adminA: Actor;
  const as = (actor: Actor | null) =>
    callerAs(testDb.db, actor, buildServices({ db: testDb.db, rateLimiter: createMemoryRateLimiter() }));

  beforeAll(async () => {
    testDb = await createTestDb();
    orgA = await createOrganization(testDb.db, 'Acme Robotics');
    adminA = await createActor(testDb.db, 'org_admin', { organizationId: orgA });
  });
  afterAll(async () => testDb.close());

  it('lists the members of the admin’s own organization only', async () => {
    const recruiter = await createActor(testDb.db, 'recruiter', { organizationId: orgA });
    const outsider = await createActor(testDb.db, 'recruiter');
    const result = await as(adminA).organization.members();
    expect(result.organization).toEqual({ id: orgA, name: 'Acme Robotics' });
    const ids = result.members.map((member) => member.userId);
    expect(ids).toContain(recruiter.userId);
    expect(ids).toContain(adminA.userId);
    expect(ids).not.toContain(outsider.userId);
    expect(result.members.find((member) => member.userId === adminA.userId)?.isYou).toBe(true);
  });

  it('invites by e-mail, mails the link, and the invitee joins with that role on first sign-in', async () => {
    const email = `New.Hire-${Date.now()}@Example.com`;
    const { invitationId, resent } = await as(adminA).organization.invite({ email, role: 'hiring_manager' });
    expect(resent).toBe(false);
    const [mail] = await testDb.db.select().from(devMailbox).where(eq(devMailbox.to, email.toLowerCase()));
    expect(mail.subject).toContain('Acme Robotics');
    expect(mail.body).toContain('Hiring manager');
    expect(mail.url).toMatch(/^https?:\/\//);

    const pending = await as(adminA).organization.members();
    expect(pending.invitations.map((invitation) => invitation.id)).toContain(invitationId);

    // next-auth creates the user on first sign-in; onboarding applies the invitation.
    const [user] = await testDb.db
      .insert(users)
      .values({ email: email.toLowerCase(), name: 'New Hire' })
      .returning();
    await onboardUser(testDb.db, user);
    const [joined] = await testDb.db.select().from(users).where(eq(users.id, user.id));
    expect(joined).toMatchObject({ role: 'hiring_manager', organizationId: orgA });
    const after = await as(adminA).organization.members();
    expect(after.invitations.map((invitation) => invitation.id)).not.toContain(invitationId);
    expect(after.members.map((member) => member.userId)).toContain(user.id);
  });

  it('re-inviting a pending address updates the role and mails again instead of duplicating', async () => {
    const email = `twice-${Date.now()}@example.com`;
    const first = await as(adminA).organization.invite({ email, role: 'recruiter' });
    const second = await as(adminA).organization.invite({ email, role: 'org_admin' });
    expect(second).toEqual({ invitationId: first.invitationId, resent: true });
    const rows = await testDb.db.select().from(invitations).where(eq(invitations.email, email));
    expect(rows).toHaveLength(1);
    expect(rows[0].role).toBe('org_admin');
    expect(await testDb.db.select().from(devMailbox).where(eq(devMailbox.to, email))).toHaveLength(2);
  });

  it('refuses to invite an existing member, a candidate role, or a malformed address', async () => {
    const member = await createActor(testDb.db, 'recruiter', { organizationId: orgA });
    const [row] = await testDb.db
      .select({ email: users.email })
      .from(users)
      .where(eq(users.id, member.userId));
    await expect(
      as(adminA).organization.invite({ email: row.email!, role: 'recruiter' }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(
      as(adminA).organization.invite({ email: 'x@example.com', role: 'candidate' as never }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      as(adminA).organization.invite({ email: 'not an address', role: 'recruiter' }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });

  it('revokes a pending invitation so that signing up no longer joins', async () => {
    const email = `revoked-${Date.now()}@example.com`;
    const { invitationId } = await as(adminA).organization.invite({ email, role: 'recruiter' });
    await as(adminA).organization.revokeInvitation({ invitationId });
    const [user] = await testDb.db.insert(users).values({ email, name: 'Late' }).returning();
    await onboardUser(testDb.db, user);
    const [after] = await testDb.db.select().from(users).where(eq(users.id, user.id));
    expect(after).toMatchObject({ role: 'candidate', organizationId: null });
  });

  it('changes roles, and never demotes or removes the last admin', async () => {
    const org = await createOrganization(testDb.db);
    const admin = await createActor(testDb.db, 'org_admin', { organizationId: org });
    const colleague = await createActor(testDb.db, 'recruiter', { organizationId: org });
    await expect(
      as(admin).organization.setRole({ userId: admin.userId, role: 'recruiter' }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(as(admin).organization.removeMember({ userId: admin.userId })).rejects.toMatchObject({
      code: 'CONFLICT',
    });

    await as(admin).organization.setRole({ userId: colleague.userId, role: 'org_admin' });
    // Now there are two admins: the first may step down.
    await as(admin).organization.setRole({ userId: admin.userId, role: 'hiring_manager' });
    const colleagueAdmin: Actor = { ...colleague, role: 'org_admin' };
    const result = await as(colleagueAdmin).organization.members();
    expect(result.members.find((member) => member.userId === admin.userId)?.role).toBe('hiring_manager');
    await expect(
      as(colleagueAdmin).organization.setRole({ userId: colleague.userId, role: 'recruiter' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('removes a member: employer access ends at once and their sessions are deleted', async () => {
    const member = await createActor(testDb.db, 'recruiter', { organizationId: orgA });
    await testDb.db.insert(sessions).values({
      sessionToken: `s-${member.userId}`,
      userId: member.userId,
      expires: new Date(Date.now() + 1e6),
    });
    await as(adminA).organization.removeMember({ userId: member.userId });
    const services = buildServices({ db: testDb.db });
    const actor = await services.accounts.actorForUser(member.userId);
    expect(actor).toMatchObject({ organizationId: null });
    await expect(as(actor).organization.members()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await testDb.db.select().from(sessions).where(eq(sessions.userId, member.userId))).toHaveLength(0);
  });

  it('lets a former member accept a new invitation, but never turns a candidate into an employer', async () => {
    const member = await createActor(testDb.db, 'recruiter', { organizationId: orgA });
    await as(adminA).organization.removeMember({ userId: member.userId });
    const [row] = await testDb.db
      .select({ email: users.email })
      .from(users)
      .where(eq(users.id, member.userId));
    const { invitationId } = await as(adminA).organization.invite({
      email: row.email!,
      role: 'hiring_manager',
    });
    const former: Actor = { ...member, organizationId: null };
    expect((await as(former).organization.myInvitations()).map((invitation) => invitation.id)).toEqual([
      invitationId,
    ]);
    await as(former).organization.acceptInvitation({ invitationId });
    const services = buildServices({ db: testDb.db });
    expect(await services.accounts.actorForUser(member.userId)).toMatchObject({
      role: 'hiring_manager',
      organizationId: orgA,
    });

    const candidate = await createActor(testDb.db, 'candidate');
    const [candidateRow] = await testDb.db
      .select({ email: users.email })
      .from(users)
      .where(eq(users.id, candidate.userId));
    const invite = await as(adminA).organization.invite({ email: candidateRow.email!, role: 'recruiter' });
    await expect(
      as(candidate).organization.acceptInvitation({ invitationId: invite.invitationId }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    // Someone else's invitation is not found, not merely forbidden.
    const stranger = await createActor(testDb.db, 'recruiter', { organizationId: null });
    await expect(
      as(stranger).organization.acceptInvitation({ invitationId: invite.invitationId }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('cannot touch another organization’s members or invitations (NOT_FOUND, nothing changes)', async () => {
    const adminB = await createActor(testDb.db, 'org_admin');
    const memberA = await createActor(testDb.db, 'recruiter', { organizationId: orgA });
    const { invitationId } = await as(adminA).organization.invite({
      email: `cross-${Date.now()}@example.com`,
      role: 'recruiter',
    });
    await expect(
      as(adminB).organization.setRole({ userId: memberA.userId, role: 'org_admin' }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(as(adminB).organization.removeMember({ userId: memberA.userId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(as(adminB).organization.revokeInvitation({ invitationId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const [after] = await testDb.db.select().from(users).where(eq(users.id, memberA.userId));
    expect(after).toMatchObject({ role: 'recruiter', organizationId: orgA });
    const [invitation] = await testDb.db.select().from(invitations).where(eq(invitations.id, invitationId));
    expect(invitation.revokedAt).toBeNull();
  });

  it('records membership changes in the organization’s audit log', async () => {
    const rows = await testDb.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorOrganizationId, orgA), eq(auditLog.action, 'member.removed')));
    expect(rows.length).toBeGreaterThan(0);
    const page = await as(adminA).audit.list({ action: 'member.invited', limit: 100 });
    expect(page.entries.length).toBeGreaterThan(0);
    expect(page.entries.every((entry) => entry.action === 'member.invited')).toBe(true);
  });

  it('rate-limits invitations per admin', async () => {
    const services = buildServices({ db: testDb.db, rateLimiter: createMemoryRateLimiter() });
    const caller = callerAs(testDb.db, adminA, services);
    const attempts = Array.from({ length: 31 }, (_, i) => `burst-${i}-${Date.now()}@example.com`);
    const results = [];
    for (const email of attempts)
      results.push(
        await caller.organization.invite({ email, role: 'recruiter' }).then(
          () => 'ok',
          (error) => error.code,
        ),
      );
    expect(results.slice(0, 30).every((result) => result === 'ok')).toBe(true);
    expect(results[30]).toBe('TOO_MANY_REQUESTS');
  });
});
