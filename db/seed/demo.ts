import { eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { candidates, organizations, outbox, users } from '@/db/schema';
import { demoOrganizations, demoUsers } from './demo-users';
import { demoCandidateProfiles } from './demo-candidates';

export interface SeedReport {
  organizations: number;
  users: number;
  candidates: number;
}

/**
 * Seeds the demo organizations, one user per role, and the demo candidate population. Idempotent: rows
 * are keyed by organization slug and user e-mail, and existing rows are left as they are.
 */
export async function seedDemoAccounts(db: Db, options: { candidateCount: number }): Promise<SeedReport> {
  return db.transaction(async (tx) => {
    await tx
      .insert(organizations)
      .values(demoOrganizations.map((org) => ({ slug: org.slug, name: org.name })))
      .onConflictDoNothing({ target: organizations.slug });
    const orgRows = await tx
      .select({ id: organizations.id, slug: organizations.slug })
      .from(organizations)
      .where(
        inArray(
          organizations.slug,
          demoOrganizations.map((org) => org.slug),
        ),
      );
    const orgIdBySlug = new Map(orgRows.map((row) => [row.slug, row.id]));

    const profiles = demoCandidateProfiles(options.candidateCount);
    const userRows = [
      ...demoUsers.map((user) => ({
        email: user.email,
        name: user.name,
        role: user.role,
        organizationId: user.organizationSlug ? (orgIdBySlug.get(user.organizationSlug) ?? null) : null,
        isDemo: 1,
      })),
      ...profiles.map((profile) => ({
        email: profile.email,
        name: profile.displayName,
        role: 'candidate' as const,
        organizationId: null,
        isDemo: 1,
      })),
    ];
    for (let start = 0; start < userRows.length; start += 500) {
      await tx
        .insert(users)
        .values(userRows.slice(start, start + 500))
        .onConflictDoNothing({ target: users.email });
    }
    const candidateEmails = [demoUsers[0].email, ...profiles.map((profile) => profile.email)];
    const idByEmail = new Map<string, string>();
    for (let start = 0; start < candidateEmails.length; start += 500) {
      const rows = await tx
        .select({ id: users.id, email: users.email })
        .from(users)
        .where(inArray(users.email, candidateEmails.slice(start, start + 500)));
      for (const row of rows) if (row.email) idByEmail.set(row.email, row.id);
    }
    const candidateRows = [
      {
        userId: idByEmail.get(demoUsers[0].email)!,
        displayName: demoUsers[0].name,
        headline: 'Full-stack developer moving into data engineering',
        location: 'Stockholm, Sweden',
        availability: 'within_month' as const,
        visibility: 'public' as const,
      },
      ...profiles.map((profile) => ({
        userId: idByEmail.get(profile.email)!,
        displayName: profile.displayName,
        headline: profile.headline,
        location: profile.location,
        availability: profile.availability,
        visibility: profile.visibility,
      })),
    ];
    for (let start = 0; start < candidateRows.length; start += 500) {
      const inserted = await tx
        .insert(candidates)
        .values(candidateRows.slice(start, start + 500))
        .onConflictDoNothing({ target: candidates.userId })
        .returning({ id: candidates.id });
      // New profiles must reach the search index and the ranking index like any other change.
      if (inserted.length > 0) {
        await tx
          .insert(outbox)
          .values(inserted.map((row) => ({ candidateId: row.id, reason: 'candidate_created' })));
      }
    }
    const [{ count }] = await tx.select({ count: sql<number>`count(*)::int` }).from(candidates);
    return { organizations: orgRows.length, users: userRows.length, candidates: count };
  });
}

export async function findDemoUserId(db: Db, email: string): Promise<string | null> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
  return row?.id ?? null;
}
