import { and, asc, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import {
  accounts,
  applications,
  auditLog,
  candidates,
  candidateSkillDecisions,
  candidateSkillEvidence,
  candidateSkillStrengths,
  credentials,
  devMailbox,
  jobs,
  jobVersions,
  organizations,
  savedJobs,
  sessions,
  shortlists,
  skills,
  users,
  verificationTokens,
} from '@/db/schema';
import type { Actor } from '@/server/domain/auth/actor';
import { DomainError } from '@/server/domain/errors';
import type { DeleteMyAccountInput } from '@/server/api/schemas/privacy.schema';
import { enqueueCandidateChange } from './outbox';

export const exportFormatVersion = 1;

export interface MyDataExport {
  format: 'skillgraph-candidate-export';
  version: number;
  exportedAt: string;
  account: {
    id: string;
    name: string | null;
    email: string | null;
    emailVerified: string | null;
    role: string;
    createdAt: string;
    signInMethods: { provider: string; type: string }[];
  };
  profile: Record<string, unknown>;
  credentials: Record<string, unknown>[];
  skills: {
    evidence: Record<string, unknown>[];
    decisions: Record<string, unknown>[];
  };
  applications: { jobId: string; jobTitle: string | null; organization: string | null; appliedAt: string }[];
  savedJobs: { jobId: string; jobTitle: string | null; organization: string | null; savedAt: string }[];
  /** Which organizations viewed or exported the profile (organization level, as shown in the app). */
  profileAccess: { organization: string | null; action: string; at: string }[];
}

const iso = (value: Date | null | undefined) => (value ? value.toISOString() : null);

export function createPrivacyService(db: Db) {
  function requireCandidate(actor: Actor): string {
    if (actor.role !== 'candidate' || !actor.candidateId) {
      throw new DomainError('FORBIDDEN', 'Only candidates can export or delete their data here.');
    }
    return actor.candidateId;
  }

  /**
   * Everything stored about the signed-in candidate, as one JSON document: account, profile, raw
   * credentials as uploaded, derived skills with their evidence, applications, and who viewed the profile.
   * Secrets (OAuth tokens, sessions, sign-in links) are never part of it.
   */
  async function exportMyData(actor: Actor): Promise<MyDataExport> {
    const candidateId = requireCandidate(actor);
    return db.transaction(async (tx) => {
      const [user] = await tx
        .select({
          id: users.id,
          name: users.name,
          email: users.email,
          emailVerified: users.emailVerified,
          role: users.role,
          createdAt: users.createdAt,
        })
        .from(users)
        .where(eq(users.id, actor.userId));
      const [profile] = await tx
        .select({
          id: candidates.id,
          displayName: candidates.displayName,
          headline: candidates.headline,
          location: candidates.location,
          availability: candidates.availability,
          visibility: candidates.visibility,
          createdAt: candidates.createdAt,
          updatedAt: candidates.updatedAt,
        })
        .from(candidates)
        .where(and(eq(candidates.id, candidateId), eq(candidates.userId, actor.userId)));
      if (!user || !profile) throw new DomainError('NOT_FOUND', 'Your account no longer exists.');
      const signInMethods = await tx
        .select({ provider: accounts.provider, type: accounts.type })
        .from(accounts)
        .where(eq(accounts.userId, actor.userId));
      const rawCredentials = await tx
        .select({
          id: credentials.id,
          raw: credentials.raw,
          mediaType: credentials.mediaType,
          format: credentials.format,
          contentHash: credentials.contentHash,
          status: credentials.status,
          keyBinding: credentials.keyBinding,
          revocation: credentials.revocation,
          issuerId: credentials.issuerId,
          issuerName: credentials.issuerName,
          achievementName: credentials.achievementName,
          achievement: credentials.achievement,
          checks: credentials.checks,
          subjectId: credentials.subjectId,
          issuedAt: credentials.issuedAt,
          validFrom: credentials.validFrom,
          validUntil: credentials.validUntil,
          sourceFile: credentials.sourceFile,
          sourcePath: credentials.sourcePath,
          parentCredentialId: credentials.parentCredentialId,
          uploadedAt: credentials.uploadedAt,
          verifiedAt: credentials.verifiedAt,
        })
        .from(credentials)
        .where(eq(credentials.candidateId, candidateId))
        .orderBy(asc(credentials.uploadedAt), asc(credentials.id));
      const evidence = await tx
        .select({
          skillId: candidateSkillEvidence.skillId,
          skill: skills.preferredLabel,
          credentialId: candidateSkillEvidence.credentialId,
          field: candidateSkillEvidence.field,
          span: candidateSkillEvidence.span,
          method: candidateSkillEvidence.method,
          confidence: candidateSkillEvidence.confidence,
          state: candidateSkillEvidence.state,
          createdAt: candidateSkillEvidence.createdAt,
        })
        .from(candidateSkillEvidence)
        .leftJoin(skills, eq(skills.id, candidateSkillEvidence.skillId))
        .where(eq(candidateSkillEvidence.candidateId, candidateId))
        .orderBy(asc(candidateSkillEvidence.createdAt));
      const decisions = await tx
        .select({
          skillId: candidateSkillDecisions.skillId,
          skill: skills.preferredLabel,
          decision: candidateSkillDecisions.decision,
          decidedAt: candidateSkillDecisions.decidedAt,
        })
        .from(candidateSkillDecisions)
        .leftJoin(skills, eq(skills.id, candidateSkillDecisions.skillId))
        .where(eq(candidateSkillDecisions.candidateId, candidateId));
      const jobTitle = (table: typeof applications | typeof savedJobs) =>
        tx
          .select({
            jobId: jobs.id,
            title: jobVersions.title,
            organization: organizations.name,
            at: table.createdAt,
          })
          .from(table)
          .innerJoin(jobs, eq(jobs.id, table.jobId))
          .leftJoin(
            jobVersions,
            and(eq(jobVersions.jobId, jobs.id), eq(jobVersions.version, jobs.currentVersion)),
          )
          .leftJoin(organizations, eq(organizations.id, jobs.organizationId))
          .where(eq(table.candidateId, candidateId));
      const applied = await jobTitle(applications);
      const saved = await jobTitle(savedJobs);
      const access = await tx
        .select({ organization: organizations.name, action: auditLog.action, at: auditLog.createdAt })
        .from(auditLog)
        .leftJoin(organizations, eq(organizations.id, auditLog.actorOrganizationId))
        .where(and(eq(auditLog.candidateId, candidateId), isNotNull(auditLog.actorOrganizationId)))
        .orderBy(asc(auditLog.createdAt));

      return {
        format: 'skillgraph-candidate-export',
        version: exportFormatVersion,
        exportedAt: new Date().toISOString(),
        account: {
          ...user,
          emailVerified: iso(user.emailVerified),
          createdAt: user.createdAt.toISOString(),
          signInMethods,
        },
        profile: { ...profile, createdAt: iso(profile.createdAt), updatedAt: iso(profile.updatedAt) },
        credentials: rawCredentials.map((row) => ({
          ...row,
          issuedAt: iso(row.issuedAt),
          validFrom: iso(row.validFrom),
          validUntil: iso(row.validUntil),
          uploadedAt: iso(row.uploadedAt),
          verifiedAt: iso(row.verifiedAt),
        })),
        skills: {
          evidence: evidence.map((row) => ({ ...row, createdAt: iso(row.createdAt) })),
          decisions: decisions.map((row) => ({ ...row, decidedAt: iso(row.decidedAt) })),
        },
        applications: applied.map((row) => ({
          jobId: row.jobId,
          jobTitle: row.title,
          organization: row.organization,
          appliedAt: row.at.toISOString(),
        })),
        savedJobs: saved.map((row) => ({
          jobId: row.jobId,
          jobTitle: row.title,
          organization: row.organization,
          savedAt: row.at.toISOString(),
        })),
        profileAccess: access.map((row) => ({
          organization: row.organization,
          action: row.action,
          at: row.at.toISOString(),
        })),
      };
    });
  }

  /**
   * Deletes the candidate's account in one transaction: the outbox row that removes their search document
   * and ranking profile is written first (while the candidate still exists), then raw credentials, derived
   * skills, applications, sessions, sign-in links and the user go. Audit entries about the candidate are
   * kept for the employers' accountability but no longer say who the candidate was.
   */
  async function deleteMyAccount(actor: Actor, _input: DeleteMyAccountInput): Promise<{ deleted: true }> {
    const candidateId = requireCandidate(actor);
    await db.transaction(async (tx) => {
      const [user] = await tx
        .select({ id: users.id, email: users.email })
        .from(users)
        .where(eq(users.id, actor.userId))
        .for('update');
      if (!user) throw new DomainError('NOT_FOUND', 'Your account no longer exists.');
      await enqueueCandidateChange(tx, candidateId, 'candidate_deleted');
      await tx.delete(credentials).where(eq(credentials.candidateId, candidateId));
      await tx.delete(candidateSkillEvidence).where(eq(candidateSkillEvidence.candidateId, candidateId));
      await tx.delete(candidateSkillDecisions).where(eq(candidateSkillDecisions.candidateId, candidateId));
      await tx.delete(candidateSkillStrengths).where(eq(candidateSkillStrengths.candidateId, candidateId));
      await tx.delete(applications).where(eq(applications.candidateId, candidateId));
      await tx.delete(savedJobs).where(eq(savedJobs.candidateId, candidateId));
      await tx.delete(shortlists).where(eq(shortlists.candidateId, candidateId));
      await tx
        .update(auditLog)
        .set({ candidateId: null, details: {} })
        .where(eq(auditLog.candidateId, candidateId));
      await tx
        .update(auditLog)
        .set({ actorUserId: null, details: {} })
        .where(eq(auditLog.actorUserId, actor.userId));
      await tx.delete(sessions).where(eq(sessions.userId, actor.userId));
      await tx.delete(accounts).where(eq(accounts.userId, actor.userId));
      if (user.email) {
        await tx.delete(verificationTokens).where(eq(verificationTokens.identifier, user.email));
        await tx.delete(devMailbox).where(eq(devMailbox.to, user.email));
      }
      await tx.delete(candidates).where(eq(candidates.id, candidateId));
      await tx.delete(users).where(eq(users.id, actor.userId));
    });
    return { deleted: true };
  }

  return { exportMyData, deleteMyAccount };
}

export type PrivacyService = ReturnType<typeof createPrivacyService>;
