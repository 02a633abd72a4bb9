import { and, asc, count, eq, isNull } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { candidates, invitations, organizations, sessions, users } from '@/db/schema';
import { roleLabels, type Actor, type Role } from '@/server/domain/auth/actor';
import { DomainError } from '@/server/domain/errors';
import type {
  InviteMemberInput,
  RemoveMemberInput,
  RevokeInvitationInput,
  SetMemberRoleInput,
} from '@/server/api/schemas/organizations.schema';
import { recordOrganizationEvent } from './audit.service';

export interface InvitationMail {
  to: string;
  subject: string;
  text: string;
  url?: string;
}

export interface OrganizationsServiceDeps {
  /** Delivers an e-mail (SMTP, or the dev mailbox when none is configured). */
  sendMail(mail: InvitationMail): Promise<void>;
  /** The app's public address, for the link in invitation e-mails. */
  appUrl: string;
}

export interface OrganizationMember {
  userId: string;
  name: string | null;
  email: string | null;
  role: Role;
  since: Date;
  isYou: boolean;
}

export interface PendingInvitation {
  id: string;
  email: string;
  role: Role;
  invitedBy: string | null;
  createdAt: Date;
}

export interface OrganizationMembers {
  organization: { id: string; name: string };
  members: OrganizationMember[];
  invitations: PendingInvitation[];
}

export interface MyInvitation {
  id: string;
  organization: { id: string; name: string };
  role: Role;
  createdAt: Date;
}

function adminOrganization(actor: Actor): string {
  if (actor.role !== 'org_admin' || !actor.organizationId) {
    throw new DomainError('FORBIDDEN', 'Only organization admins manage members.');
  }
  return actor.organizationId;
}

export function createOrganizationsService(db: Db, deps: OrganizationsServiceDeps) {
  /** Serializes membership changes of one organization, so two admins cannot demote each other at once. */
  async function lockOrganization(tx: Tx, organizationId: string) {
    const [org] = await tx
      .select({ id: organizations.id, name: organizations.name })
      .from(organizations)
      .where(eq(organizations.id, organizationId))
      .for('update');
    if (!org) throw new DomainError('NOT_FOUND', 'Your organization no longer exists.');
    return org;
  }

  async function memberOf(tx: Tx, organizationId: string, userId: string) {
    const [member] = await tx
      .select({ userId: users.id, role: users.role, email: users.email })
      .from(users)
      .where(and(eq(users.id, userId), eq(users.organizationId, organizationId)));
    // Someone else's member and no one at all look the same: no probing of other organizations.
    if (!member) throw new DomainError('NOT_FOUND', 'No such member in your organization.');
    return member;
  }

  async function adminCount(tx: Tx, organizationId: string): Promise<number> {
    const [row] = await tx
      .select({ n: count() })
      .from(users)
      .where(and(eq(users.organizationId, organizationId), eq(users.role, 'org_admin')));
    return row?.n ?? 0;
  }

  async function members(actor: Actor): Promise<OrganizationMembers> {
    const organizationId = adminOrganization(actor);
    const [org] = await db
      .select({ id: organizations.id, name: organizations.name })
      .from(organizations)
      .where(eq(organizations.id, organizationId));
    if (!org) throw new DomainError('NOT_FOUND', 'Your organization no longer exists.');
    const memberRows = await db
      .select({
        userId: users.id,
        name: users.name,
        email: users.email,
        role: users.role,
        since: users.createdAt,
      })
      .from(users)
      .where(eq(users.organizationId, organizationId))
      .orderBy(asc(users.name), asc(users.email))
      .limit(1000);
    const inviter = db
      .$with('inviter')
      .as(db.select({ id: users.id, name: users.name, email: users.email }).from(users));
    const invitationRows = await db
      .with(inviter)
      .select({
        id: invitations.id,
        email: invitations.email,
        role: invitations.role,
        createdAt: invitations.createdAt,
        inviterName: inviter.name,
        inviterEmail: inviter.email,
      })
      .from(invitations)
      .leftJoin(inviter, eq(inviter.id, invitations.invitedBy))
      .where(
        and(
          eq(invitations.organizationId, organizationId),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      )
      .orderBy(asc(invitations.createdAt))
      .limit(1000);
    return {
      organization: org,
      members: memberRows.map((row) => ({ ...row, isYou: row.userId === actor.userId })),
      invitations: invitationRows.map((row) => ({
        id: row.id,
        email: row.email,
        role: row.role,
        invitedBy: row.inviterName ?? row.inviterEmail ?? null,
        createdAt: row.createdAt,
      })),
    };
  }

  /**
   * Invites an e-mail address with a role and mails the sign-in link. Inviting an address that already has
   * a pending invitation here updates its role and mails it again. Whether the address has an account
   * elsewhere is not revealed (that would tell employers who is a candidate).
   */
  async function invite(
    actor: Actor,
    input: InviteMemberInput,
  ): Promise<{ invitationId: string; resent: boolean }> {
    const organizationId = adminOrganization(actor);
    const outcome = await db.transaction(async (tx) => {
      const org = await lockOrganization(tx, organizationId);
      const [existingMember] = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.email, input.email), eq(users.organizationId, organizationId)));
      if (existingMember)
        throw new DomainError('CONFLICT', 'This person is already a member of your organization.');
      const [pending] = await tx
        .select({ id: invitations.id })
        .from(invitations)
        .where(
          and(
            eq(invitations.organizationId, organizationId),
            eq(invitations.email, input.email),
            isNull(invitations.acceptedAt),
            isNull(invitations.revokedAt),
          ),
        );
      let invitationId: string;
      if (pending) {
        await tx
          .update(invitations)
          .set({ role: input.role, invitedBy: actor.userId, createdAt: new Date() })
          .where(eq(invitations.id, pending.id));
        invitationId = pending.id;
      } else {
        const [created] = await tx
          .insert(invitations)
          .values({ organizationId, email: input.email, role: input.role, invitedBy: actor.userId })
          .returning({ id: invitations.id });
        invitationId = created.id;
      }
      await recordOrganizationEvent(tx, actor, 'member.invited', {
        email: input.email,
        role: input.role,
        invitationId,
      });
      return { invitationId, resent: Boolean(pending), organizationName: org.name };
    });
    // Mailed after the commit: the mailer may use the database itself, and a rollback must not send.
    const url = `${deps.appUrl.replace(/\/$/, '')}/`;
    try {
      await deps.sendMail({
        to: input.email,
        subject: `You are invited to ${outcome.organizationName} on Skillgraph`,
        text:
          `You have been invited to join ${outcome.organizationName} on Skillgraph as ${roleLabels[input.role]}.\n\n` +
          `Sign in with this e-mail address (${input.email}) at ${url} to accept.\n\n` +
          'If you did not expect this invitation, ignore this e-mail.',
        url,
      });
    } catch {
      throw new DomainError(
        'UNAVAILABLE',
        'The invitation was saved but the e-mail could not be sent; invite the same address again to retry.',
      );
    }
    return { invitationId: outcome.invitationId, resent: outcome.resent };
  }

  async function revokeInvitation(actor: Actor, input: RevokeInvitationInput): Promise<void> {
    const organizationId = adminOrganization(actor);
    await db.transaction(async (tx) => {
      const [invitation] = await tx
        .select({
          id: invitations.id,
          email: invitations.email,
          acceptedAt: invitations.acceptedAt,
          revokedAt: invitations.revokedAt,
        })
        .from(invitations)
        .where(and(eq(invitations.id, input.invitationId), eq(invitations.organizationId, organizationId)));
      if (!invitation) throw new DomainError('NOT_FOUND', 'No such invitation in your organization.');
      if (invitation.acceptedAt)
        throw new DomainError('CONFLICT', 'This invitation was already accepted; remove the member instead.');
      if (invitation.revokedAt) return;
      await tx.update(invitations).set({ revokedAt: new Date() }).where(eq(invitations.id, invitation.id));
      await recordOrganizationEvent(tx, actor, 'member.invitation_revoked', {
        email: invitation.email,
        invitationId: invitation.id,
      });
    });
  }

  /** Changes a member's role; the organization always keeps at least one admin. */
  async function setRole(actor: Actor, input: SetMemberRoleInput): Promise<void> {
    const organizationId = adminOrganization(actor);
    await db.transaction(async (tx) => {
      await lockOrganization(tx, organizationId);
      const member = await memberOf(tx, organizationId, input.userId);
      if (member.role === input.role) return;
      if (member.role === 'org_admin' && (await adminCount(tx, organizationId)) <= 1) {
        throw new DomainError(
          'CONFLICT',
          'An organization needs at least one admin: make someone else admin first.',
        );
      }
      await tx.update(users).set({ role: input.role }).where(eq(users.id, member.userId));
      await recordOrganizationEvent(tx, actor, 'member.role_changed', {
        userId: member.userId,
        from: member.role,
        to: input.role,
      });
    });
  }

  /**
   * Removes a member from the organization: they keep their account but lose every employer permission at
   * once (roles are read from the database on each request) and their database sessions are ended.
   */
  async function removeMember(actor: Actor, input: RemoveMemberInput): Promise<void> {
    const organizationId = adminOrganization(actor);
    await db.transaction(async (tx) => {
      await lockOrganization(tx, organizationId);
      const member = await memberOf(tx, organizationId, input.userId);
      if (member.role === 'org_admin' && (await adminCount(tx, organizationId)) <= 1) {
        throw new DomainError(
          'CONFLICT',
          'An organization needs at least one admin: make someone else admin first.',
        );
      }
      await tx.update(users).set({ organizationId: null }).where(eq(users.id, member.userId));
      await tx.delete(sessions).where(eq(sessions.userId, member.userId));
      await recordOrganizationEvent(tx, actor, 'member.removed', {
        userId: member.userId,
        role: member.role,
      });
    });
  }

  /** Pending invitations addressed to the signed-in user's e-mail (for accounts that existed before). */
  async function myInvitations(actor: Actor): Promise<MyInvitation[]> {
    const [me] = await db.select({ email: users.email }).from(users).where(eq(users.id, actor.userId));
    if (!me?.email) return [];
    const rows = await db
      .select({
        id: invitations.id,
        role: invitations.role,
        createdAt: invitations.createdAt,
        organizationId: organizations.id,
        organizationName: organizations.name,
      })
      .from(invitations)
      .innerJoin(organizations, eq(organizations.id, invitations.organizationId))
      .where(
        and(
          eq(invitations.email, me.email.toLowerCase()),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      )
      .orderBy(asc(invitations.createdAt))
      .limit(50);
    return rows.map((row) => ({
      id: row.id,
      role: row.role,
      createdAt: row.createdAt,
      organization: { id: row.organizationId, name: row.organizationName },
    }));
  }

  /**
   * Accepts an invitation addressed to the signed-in user's e-mail. New accounts are onboarded with their
   * invitation at sign-up; this serves existing accounts without an organization. Candidate accounts
   * cannot turn into employer accounts (their profile and credentials would leak into an organization).
   */
  async function acceptInvitation(actor: Actor, input: RevokeInvitationInput): Promise<void> {
    await db.transaction(async (tx) => {
      const [me] = await tx
        .select({ email: users.email, role: users.role, organizationId: users.organizationId })
        .from(users)
        .where(eq(users.id, actor.userId));
      const [invitation] = me?.email
        ? await tx
            .select()
            .from(invitations)
            .where(
              and(
                eq(invitations.id, input.invitationId),
                eq(invitations.email, me.email.toLowerCase()),
                isNull(invitations.acceptedAt),
                isNull(invitations.revokedAt),
              ),
            )
        : [];
      if (!me || !invitation)
        throw new DomainError('NOT_FOUND', 'No such invitation for your e-mail address.');
      if (me.organizationId) throw new DomainError('CONFLICT', 'You already belong to an organization.');
      const [profile] = await tx
        .select({ id: candidates.id })
        .from(candidates)
        .where(eq(candidates.userId, actor.userId));
      if (me.role === 'candidate' || profile) {
        throw new DomainError(
          'FORBIDDEN',
          'A candidate account cannot join an organization: sign in with another e-mail address.',
        );
      }
      await lockOrganization(tx, invitation.organizationId);
      await tx
        .update(users)
        .set({ role: invitation.role, organizationId: invitation.organizationId })
        .where(eq(users.id, actor.userId));
      await tx.update(invitations).set({ acceptedAt: new Date() }).where(eq(invitations.id, invitation.id));
    });
  }

  return { members, invite, revokeInvitation, setRole, removeMember, myInvitations, acceptInvitation };
}

export type OrganizationsService = ReturnType<typeof createOrganizationsService>;
