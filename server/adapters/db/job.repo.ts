import { and, asc, desc, eq, inArray, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import {
  applications,
  candidates,
  jobSkills,
  jobVersions,
  jobs,
  organizations,
  savedJobs,
  shortlists,
} from '@/db/schema';
import type { JobRequirement, SkillLevel } from '@/server/domain/ranking';

export type JobStatus = 'draft' | 'open' | 'closed';

export interface JobSkillInput {
  skillId: string;
  label: string;
  importance: number;
  mustHave: boolean;
  minLevel: SkillLevel | null;
  recencyMonths: number | null;
  evidence?: string | null;
}

export interface JobVersionRecord {
  jobId: string;
  organizationId: string;
  organizationName: string;
  status: JobStatus;
  currentVersion: number;
  version: number;
  title: string;
  description: string;
  location: string;
  createdAt: Date;
  requirements: (JobRequirement & { evidence: string | null })[];
}

/** Creates a job with its first version. */
export async function insertJob(
  tx: DbOrTx,
  input: {
    organizationId: string;
    createdBy: string;
    title: string;
    description: string;
    location: string;
    status: JobStatus;
    skills: JobSkillInput[];
  },
): Promise<string> {
  const [job] = await tx
    .insert(jobs)
    .values({
      organizationId: input.organizationId,
      createdBy: input.createdBy,
      status: input.status,
      currentVersion: 1,
    })
    .returning({ id: jobs.id });
  await insertVersion(tx, job.id, 1, input);
  return job.id;
}

async function insertVersion(
  tx: DbOrTx,
  jobId: string,
  version: number,
  input: { createdBy: string; title: string; description: string; location: string; skills: JobSkillInput[] },
): Promise<void> {
  const [v] = await tx
    .insert(jobVersions)
    .values({
      jobId,
      version,
      title: input.title,
      description: input.description,
      location: input.location,
      createdBy: input.createdBy,
    })
    .returning({ id: jobVersions.id });
  if (input.skills.length > 0) {
    await tx.insert(jobSkills).values(
      input.skills.map((s, position) => ({
        jobVersionId: v.id,
        skillId: s.skillId,
        position,
        label: s.label,
        importance: s.importance,
        mustHave: s.mustHave,
        minLevel: s.minLevel,
        recencyMonths: s.recencyMonths,
        evidence: s.evidence ?? null,
      })),
    );
  }
}

/** Adds a version (old versions are kept so past rankings can be reproduced) and makes it current. */
export async function addJobVersion(
  tx: DbOrTx,
  jobId: string,
  input: { createdBy: string; title: string; description: string; location: string; skills: JobSkillInput[] },
): Promise<number> {
  const [row] = await tx
    .update(jobs)
    .set({ currentVersion: sql`${jobs.currentVersion} + 1`, updatedAt: new Date() })
    .where(eq(jobs.id, jobId))
    .returning({ version: jobs.currentVersion });
  await insertVersion(tx, jobId, row.version, input);
  return row.version;
}

export async function setJobStatus(tx: DbOrTx, jobId: string, status: JobStatus): Promise<void> {
  await tx.update(jobs).set({ status, updatedAt: new Date() }).where(eq(jobs.id, jobId));
}

/** A job version (current when `version` is omitted), or null. */
/**
 * A job version with its required skills, in one statement (ranking reads it on every request). With
 * `appliedCandidates`, also the organization's applied-only candidates who applied to one of its jobs (they are
 * visible to it; the ranking index needs them), in the same statement.
 */
export async function findJobVersion(
  db: DbOrTx,
  jobId: string,
  version?: number,
): Promise<JobVersionRecord | null>;
export async function findJobVersion(
  db: DbOrTx,
  jobId: string,
  version: number | undefined,
  options: { appliedCandidates: true; cardsOf?: readonly string[] },
): Promise<(JobVersionRecord & { appliedCandidateIds: string[]; cards?: Map<string, CandidateCard> }) | null>;
export async function findJobVersion(
  db: DbOrTx,
  jobId: string,
  version?: number,
  options: { appliedCandidates?: boolean; cardsOf?: readonly string[] } = {},
): Promise<
  (JobVersionRecord & { appliedCandidateIds?: string[]; cards?: Map<string, CandidateCard> }) | null
> {
  const [row] = await db
    .select({
      jobId: jobs.id,
      organizationId: jobs.organizationId,
      organizationName: organizations.name,
      status: jobs.status,
      currentVersion: jobs.currentVersion,
      version: jobVersions.version,
      title: jobVersions.title,
      description: jobVersions.description,
      location: jobVersions.location,
      createdAt: jobVersions.createdAt,
      skills: sql<unknown>`(
        SELECT coalesce(json_agg(json_build_object(
          'skillId', s.skill_id, 'label', s.label, 'importance', s.importance, 'mustHave', s.must_have,
          'minLevel', s.min_level, 'recencyMonths', s.recency_months, 'evidence', s.evidence
        ) ORDER BY s.position), '[]'::json)
        FROM ${jobSkills} s WHERE s.job_version_id = ${jobVersions.id})`,
      applied: options.appliedCandidates
        ? sql<unknown>`(
            SELECT coalesce(json_agg(DISTINCT a.candidate_id), '[]'::json)
            FROM ${applications} a
            JOIN ${jobs} j ON j.id = a.job_id
            JOIN ${candidates} c ON c.id = a.candidate_id
            WHERE j.organization_id = ${jobs.organizationId} AND c.visibility = 'applied_only')`
        : sql<null>`NULL`,
      // `candidateCards(cardsOf, { visibleTo: the job's organization })` in the same statement (a cached ranking
      // list re-checks consent and reads its cards with the job it belongs to).
      cards: options.cardsOf
        ? sql<unknown>`(
            SELECT coalesce(json_agg(json_build_array(c.id, c.display_name, c.headline)), '[]'::json)
            FROM ${candidates} c
            WHERE c.id IN (SELECT value::uuid FROM json_array_elements_text(${JSON.stringify(options.cardsOf)}::json))
              AND ${visibleToOrganization(sql`c`, jobs.organizationId)})`
        : sql<null>`NULL`,
    })
    .from(jobs)
    .innerJoin(organizations, eq(organizations.id, jobs.organizationId))
    .innerJoin(
      jobVersions,
      and(eq(jobVersions.jobId, jobs.id), eq(jobVersions.version, version ?? sql`${jobs.currentVersion}`)),
    )
    .where(eq(jobs.id, jobId));
  if (!row) return null;
  const { skills, applied, cards, ...rest } = row;
  const json = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value);
  const parsed = json(skills) as (JobRequirement & { evidence: string | null })[];
  return {
    ...rest,
    requirements: parsed.map((s) => ({
      skillId: s.skillId,
      label: s.label,
      importance: Number(s.importance),
      mustHave: s.mustHave === true,
      minLevel: s.minLevel ?? null,
      recencyMonths: s.recencyMonths === null ? null : Number(s.recencyMonths),
      evidence: s.evidence ?? null,
    })),
    ...(options.appliedCandidates ? { appliedCandidateIds: (json(applied) as string[]).map(String) } : {}),
    ...(options.cardsOf
      ? {
          cards: new Map(
            (json(cards) as [string, string, string][]).map(([id, displayName, headline]) => [
              String(id),
              { displayName, headline },
            ]),
          ),
        }
      : {}),
  };
}

export interface JobListItem {
  jobId: string;
  title: string;
  status: JobStatus;
  currentVersion: number;
  skills: number;
  applications: number;
  updatedAt: Date;
}

export async function listOrganizationJobs(db: DbOrTx, organizationId: string): Promise<JobListItem[]> {
  const rows = await db
    .select({
      jobId: jobs.id,
      title: jobVersions.title,
      status: jobs.status,
      currentVersion: jobs.currentVersion,
      updatedAt: jobs.updatedAt,
      skills: sql<number>`(SELECT count(*)::int FROM job_skills s WHERE s.job_version_id = ${jobVersions.id})`,
      applications: sql<number>`(SELECT count(*)::int FROM applications a WHERE a.job_id = ${jobs.id})`,
    })
    .from(jobs)
    .innerJoin(jobVersions, and(eq(jobVersions.jobId, jobs.id), eq(jobVersions.version, jobs.currentVersion)))
    .where(eq(jobs.organizationId, organizationId))
    .orderBy(desc(jobs.updatedAt), asc(jobs.id));
  return rows;
}

/** Open jobs, for candidates to browse, apply to or save. */
export async function listOpenJobs(
  db: DbOrTx,
  limit: number,
): Promise<{ jobId: string; title: string; organizationName: string; location: string }[]> {
  return db
    .select({
      jobId: jobs.id,
      title: jobVersions.title,
      organizationName: organizations.name,
      location: jobVersions.location,
    })
    .from(jobs)
    .innerJoin(jobVersions, and(eq(jobVersions.jobId, jobs.id), eq(jobVersions.version, jobs.currentVersion)))
    .innerJoin(organizations, eq(organizations.id, jobs.organizationId))
    .where(eq(jobs.status, 'open'))
    .orderBy(desc(jobs.updatedAt), asc(jobs.id))
    .limit(limit);
}

export async function insertApplication(tx: DbOrTx, candidateId: string, jobId: string): Promise<boolean> {
  const rows = await tx
    .insert(applications)
    .values({ candidateId, jobId })
    .onConflictDoNothing()
    .returning({ id: applications.id });
  return rows.length > 0;
}

export async function insertSavedJob(tx: DbOrTx, candidateId: string, jobId: string): Promise<void> {
  await tx.insert(savedJobs).values({ candidateId, jobId }).onConflictDoNothing();
}

/** Whether the candidate applied to or saved the job (what lets them see their own gap for it). */
export async function candidateRelation(
  db: DbOrTx,
  candidateId: string,
  jobId: string,
): Promise<{ applied: boolean; saved: boolean }> {
  const [a] = await db
    .select({ id: applications.id })
    .from(applications)
    .where(and(eq(applications.candidateId, candidateId), eq(applications.jobId, jobId)));
  const [s] = await db
    .select({ id: savedJobs.jobId })
    .from(savedJobs)
    .where(and(eq(savedJobs.candidateId, candidateId), eq(savedJobs.jobId, jobId)));
  return { applied: !!a, saved: !!s };
}

/** Jobs a candidate applied to or saved. */
export async function candidateJobs(
  db: DbOrTx,
  candidateId: string,
): Promise<{ jobId: string; title: string; organizationName: string; applied: boolean; saved: boolean }[]> {
  const rows = await db
    .select({
      jobId: jobs.id,
      title: jobVersions.title,
      organizationName: organizations.name,
      applied: sql<boolean>`EXISTS (SELECT 1 FROM applications a WHERE a.job_id = ${jobs.id} AND a.candidate_id = ${candidateId})`,
      saved: sql<boolean>`EXISTS (SELECT 1 FROM saved_jobs s WHERE s.job_id = ${jobs.id} AND s.candidate_id = ${candidateId})`,
    })
    .from(jobs)
    .innerJoin(jobVersions, and(eq(jobVersions.jobId, jobs.id), eq(jobVersions.version, jobs.currentVersion)))
    .innerJoin(organizations, eq(organizations.id, jobs.organizationId))
    .where(
      sql`${jobs.id} IN (SELECT job_id FROM applications WHERE candidate_id = ${candidateId}
          UNION SELECT job_id FROM saved_jobs WHERE candidate_id = ${candidateId})`,
    )
    .orderBy(asc(jobVersions.title), asc(jobs.id));
  return rows;
}

/**
 * Whether each candidate is visible to the organization by the consent contract: visibility 'public', or
 * 'applied_only' and applied to one of the organization's jobs; never 'hidden'.
 */
export async function visibleCandidateIds(
  db: DbOrTx,
  organizationId: string,
  candidateIds: readonly string[],
): Promise<Set<string>> {
  return new Set((await candidateCards(db, candidateIds, { visibleTo: organizationId })).keys());
}

export interface CandidateCard {
  displayName: string;
  headline: string;
}

/**
 * The consent contract (see `visibleCandidateIds`): the candidate row `c` may be shown to the organization — public,
 * or applied-only and applied to one of its jobs.
 */
export function visibleToOrganization(c: SQL, organizationId: SQL | AnyColumn): SQL {
  return sql`(${c}.visibility = 'public' OR (${c}.visibility = 'applied_only' AND EXISTS (
    SELECT 1 FROM applications a JOIN jobs j ON j.id = a.job_id
    WHERE a.candidate_id = ${c}.id AND j.organization_id = ${organizationId})))`;
}

/**
 * Display data of the given candidates; with `visibleTo`, only of those the organization may see (the consent
 * contract of `visibleCandidateIds`), so a list re-checks consent and reads its cards in one statement.
 */
export async function candidateCards(
  db: DbOrTx,
  candidateIds: readonly string[],
  options: { visibleTo?: string } = {},
): Promise<Map<string, CandidateCard>> {
  if (candidateIds.length === 0) return new Map();
  const consent =
    options.visibleTo === undefined
      ? undefined
      : visibleToOrganization(sql`${candidates}`, sql`${options.visibleTo}`);
  const rows = await db
    .select({ id: candidates.id, displayName: candidates.displayName, headline: candidates.headline })
    .from(candidates)
    .where(and(inArray(candidates.id, [...candidateIds]), consent));
  return new Map(rows.map((r) => [r.id, { displayName: r.displayName, headline: r.headline }]));
}

export async function addToShortlist(
  tx: DbOrTx,
  jobId: string,
  candidateId: string,
  addedBy: string,
  note: string,
) {
  await tx
    .insert(shortlists)
    .values({ jobId, candidateId, addedBy, note })
    .onConflictDoUpdate({ target: [shortlists.jobId, shortlists.candidateId], set: { note } });
}

export async function removeFromShortlist(tx: DbOrTx, jobId: string, candidateId: string) {
  await tx
    .delete(shortlists)
    .where(and(eq(shortlists.jobId, jobId), eq(shortlists.candidateId, candidateId)));
}

export async function listShortlist(
  db: DbOrTx,
  jobId: string,
): Promise<{ candidateId: string; note: string; createdAt: Date }[]> {
  return db
    .select({ candidateId: shortlists.candidateId, note: shortlists.note, createdAt: shortlists.createdAt })
    .from(shortlists)
    .where(eq(shortlists.jobId, jobId))
    .orderBy(asc(shortlists.createdAt), asc(shortlists.candidateId));
}
