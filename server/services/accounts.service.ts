import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { candidates, organizations, users } from '@/db/schema';
import type { Actor, Role } from '@/server/domain/auth/actor';
import { DomainError } from '@/server/domain/errors';
import type { CandidateProfileInput } from '@/server/api/schemas/accounts.schema';
import { enqueueCandidateChange } from './outbox';

export interface Me {
  userId: string;
  name: string | null;
  email: string | null;
  role: Role;
  organization: { id: string; name: string } | null;
  candidate: {
    id: string;
    displayName: string;
    headline: string;
    location: string;
    availability: string;
    visibility: string;
  } | null;
}

export function createAccountsService(db: Db) {
  /** Resolves the actor of a signed-in user id from the database (roles are never trusted from a token). */
  async function actorForUser(userId: string): Promise<Actor | null> {
    const [row] = await db
      .select({
        userId: users.id,
        role: users.role,
        organizationId: users.organizationId,
        candidateId: candidates.id,
      })
      .from(users)
      .leftJoin(candidates, eq(candidates.userId, users.id))
      .where(eq(users.id, userId))
      .limit(1);
    if (!row) return null;
    return {
      userId: row.userId,
      role: row.role,
      organizationId: row.organizationId,
      candidateId: row.candidateId,
    };
  }

  async function me(actor: Actor): Promise<Me> {
    const [row] = await db
      .select({
        userId: users.id,
        name: users.name,
        email: users.email,
        role: users.role,
        organizationId: organizations.id,
        organizationName: organizations.name,
      })
      .from(users)
      .leftJoin(organizations, eq(organizations.id, users.organizationId))
      .where(eq(users.id, actor.userId))
      .limit(1);
    if (!row) throw new DomainError('NOT_FOUND', 'Your account no longer exists.');
    const [candidate] = actor.candidateId
      ? await db
          .select({
            id: candidates.id,
            displayName: candidates.displayName,
            headline: candidates.headline,
            location: candidates.location,
            availability: candidates.availability,
            visibility: candidates.visibility,
          })
          .from(candidates)
          .where(eq(candidates.id, actor.candidateId))
      : [];
    return {
      userId: row.userId,
      name: row.name,
      email: row.email,
      role: row.role,
      organization: row.organizationId ? { id: row.organizationId, name: row.organizationName ?? '' } : null,
      candidate: candidate ?? null,
    };
  }

  async function updateCandidateProfile(actor: Actor, input: CandidateProfileInput): Promise<void> {
    const candidateId = actor.candidateId;
    if (!candidateId) throw new DomainError('FORBIDDEN', 'Only candidates have a profile.');
    await db.transaction(async (tx) => {
      await tx
        .update(candidates)
        .set({ ...input, updatedAt: new Date() })
        .where(eq(candidates.id, candidateId));
      await enqueueCandidateChange(tx, candidateId, 'profile_updated');
    });
  }

  return { actorForUser, me, updateCandidateProfile };
}

export type AccountsService = ReturnType<typeof createAccountsService>;
