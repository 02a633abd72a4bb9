import type { Db } from '@/db/client';
import {
  addJobVersion,
  addToShortlist,
  candidateJobs,
  findJobVersion,
  insertApplication,
  insertJob,
  insertSavedJob,
  listOpenJobs,
  listOrganizationJobs,
  listShortlist,
  removeFromShortlist,
  setJobStatus,
  visibleCandidateIds,
  type JobSkillInput,
  type JobStatus,
  type JobVersionRecord,
} from '@/server/adapters/db/job.repo';
import { getSkills } from '@/server/adapters/db/taxonomy.repo';
import type { Actor } from '@/server/domain/auth/actor';
import { DomainError } from '@/server/domain/errors';
import { MAX_MUST_HAVES, MAX_REQUIREMENTS, type SkillLevel } from '@/server/domain/ranking';
import { enqueueCandidateChange } from '@/server/services/outbox';
import { extractJobSkillsFromText } from '@/server/services/taxonomy.service';

const LEVELS: readonly SkillLevel[] = ['basic', 'intermediate', 'advanced', 'expert'];

/**
 * Reads the extractor's free-text level ("advanced", "3+ years") as a job minimum level: years of experience map to
 * 1 → basic, 2–4 → intermediate, 5–7 → advanced, 8+ → expert.
 */
export function levelFromText(text: string | undefined): SkillLevel | null {
  if (!text) return null;
  const lower = text.toLowerCase();
  for (const level of LEVELS) if (lower.includes(level)) return level;
  if (/\b(senior|proficien|strong|deep)/.test(lower)) return 'advanced';
  if (/\b(junior|beginner|familiar)/.test(lower)) return 'basic';
  const years = /(\d+)\s*\+?\s*years?/.exec(lower);
  if (years) {
    const n = Number(years[1]);
    return n >= 8 ? 'expert' : n >= 5 ? 'advanced' : n >= 2 ? 'intermediate' : 'basic';
  }
  return null;
}

export interface JobInput {
  title: string;
  description: string;
  location: string;
  skills: JobSkillInput[];
}

function requireEmployer(actor: Actor): string {
  if (actor.role === 'candidate' || !actor.organizationId) {
    throw new DomainError('FORBIDDEN', 'Only members of an organization can manage jobs.');
  }
  return actor.organizationId;
}

function requireCandidate(actor: Actor): string {
  if (actor.role !== 'candidate' || !actor.candidateId)
    throw new DomainError('FORBIDDEN', 'Only candidates can do this.');
  return actor.candidateId;
}

export function createJobsService(db: Db) {
  /** The job (a version of it) when it belongs to the actor's organization; NOT_FOUND otherwise, so ids do not leak. */
  async function ownJob(actor: Actor, jobId: string, version?: number): Promise<JobVersionRecord> {
    const organizationId = requireEmployer(actor);
    const job = await findJobVersion(db, jobId, version);
    if (!job || job.organizationId !== organizationId) throw new DomainError('NOT_FOUND', 'Job not found.');
    return job;
  }

  async function validateSkills(skills: JobSkillInput[]): Promise<JobSkillInput[]> {
    if (skills.length > MAX_REQUIREMENTS) {
      throw new DomainError('BAD_INPUT', `A job can require at most ${MAX_REQUIREMENTS} skills.`);
    }
    if (skills.filter((s) => s.mustHave).length > MAX_MUST_HAVES) {
      throw new DomainError('BAD_INPUT', `A job can have at most ${MAX_MUST_HAVES} must-have skills.`);
    }
    const ids = skills.map((s) => s.skillId);
    if (new Set(ids).size !== ids.length) throw new DomainError('BAD_INPUT', 'A skill is listed twice.');
    const known = new Map((await getSkills(db, ids)).map((s) => [s.id, s.label]));
    const unknown = ids.filter((id) => !known.has(id));
    if (unknown.length > 0)
      throw new DomainError('BAD_INPUT', `Unknown skill ids: ${unknown.slice(0, 5).join(', ')}.`);
    return skills.map((s) => ({ ...s, label: s.label.trim() || known.get(s.skillId)! }));
  }

  async function proposeSkills(actor: Actor, description: string): Promise<JobSkillInput[]> {
    requireEmployer(actor);
    const proposals = await extractJobSkillsFromText(db, description);
    return proposals.slice(0, MAX_REQUIREMENTS).reduce<JobSkillInput[]>((acc, p) => {
      const mustHave = p.mustHave && acc.filter((s) => s.mustHave).length < MAX_MUST_HAVES;
      acc.push({
        skillId: p.skillId,
        label: p.label,
        importance: Math.max(1, Math.min(10, Math.round(p.importance * 10))),
        mustHave,
        minLevel: levelFromText(p.minLevel),
        recencyMonths: null,
        evidence: p.evidence,
      });
      return acc;
    }, []);
  }

  return {
    /** Required skills proposed from a pasted description, for the hiring manager to edit. */
    proposeSkills,

    /** Creates a job; without `skills`, they are extracted from the description. */
    async create(
      actor: Actor,
      input: Omit<JobInput, 'skills'> & { skills?: JobSkillInput[]; status?: JobStatus },
    ): Promise<JobVersionRecord> {
      const organizationId = requireEmployer(actor);
      const skills = await validateSkills(input.skills ?? (await proposeSkills(actor, input.description)));
      const jobId = await db.transaction((tx) =>
        insertJob(tx, {
          organizationId,
          createdBy: actor.userId,
          title: input.title,
          description: input.description,
          location: input.location,
          status: input.status ?? 'open',
          skills,
        }),
      );
      return (await findJobVersion(db, jobId))!;
    },

    /** Saves an edit as a new version; earlier versions stay for reproducing past rankings. */
    async update(actor: Actor, jobId: string, input: JobInput): Promise<JobVersionRecord> {
      await ownJob(actor, jobId);
      const skills = await validateSkills(input.skills);
      await db.transaction((tx) => addJobVersion(tx, jobId, { createdBy: actor.userId, ...input, skills }));
      return (await findJobVersion(db, jobId))!;
    },

    async setStatus(actor: Actor, jobId: string, status: JobStatus): Promise<void> {
      await ownJob(actor, jobId);
      await setJobStatus(db, jobId, status);
    },

    /** A job version for its organization, or for a candidate who applied to or saved it (or may see it open). */
    async get(actor: Actor, jobId: string, version?: number): Promise<JobVersionRecord> {
      if (actor.role !== 'candidate') return ownJob(actor, jobId, version);
      const job = await findJobVersion(db, jobId, version);
      if (!job) throw new DomainError('NOT_FOUND', 'Job not found.');
      if (job.status !== 'open') {
        const mine = await candidateJobs(db, requireCandidate(actor));
        if (!mine.some((j) => j.jobId === jobId)) throw new DomainError('NOT_FOUND', 'Job not found.');
      }
      return job;
    },

    ownJob,

    async list(actor: Actor) {
      return listOrganizationJobs(db, requireEmployer(actor));
    },

    async listOpen(actor: Actor, limit = 50) {
      requireCandidate(actor);
      return listOpenJobs(db, limit);
    },

    /** Applies to an open job; this makes an 'applied_only' candidate visible to the job's organization. */
    async apply(actor: Actor, jobId: string): Promise<{ applied: boolean }> {
      const candidateId = requireCandidate(actor);
      const job = await findJobVersion(db, jobId);
      if (!job || job.status !== 'open') throw new DomainError('NOT_FOUND', 'Job not found or not open.');
      const created = await db.transaction(async (tx) => {
        const inserted = await insertApplication(tx, candidateId, jobId);
        if (inserted) await enqueueCandidateChange(tx, candidateId, 'application');
        return inserted;
      });
      return { applied: created };
    },

    async save(actor: Actor, jobId: string): Promise<void> {
      const candidateId = requireCandidate(actor);
      const job = await findJobVersion(db, jobId);
      if (!job || job.status !== 'open') throw new DomainError('NOT_FOUND', 'Job not found or not open.');
      await insertSavedJob(db, candidateId, jobId);
    },

    async myJobs(actor: Actor) {
      return candidateJobs(db, requireCandidate(actor));
    },

    async shortlistAdd(actor: Actor, jobId: string, candidateId: string, note = ''): Promise<void> {
      const job = await ownJob(actor, jobId);
      const visible = await visibleCandidateIds(db, job.organizationId, [candidateId]);
      if (!visible.has(candidateId)) throw new DomainError('NOT_FOUND', 'Candidate not found.');
      await addToShortlist(db, jobId, candidateId, actor.userId, note);
    },

    async shortlistRemove(actor: Actor, jobId: string, candidateId: string): Promise<void> {
      await ownJob(actor, jobId);
      await removeFromShortlist(db, jobId, candidateId);
    },

    /** The shortlist, limited to candidates still visible to the organization. */
    async shortlist(actor: Actor, jobId: string) {
      const job = await ownJob(actor, jobId);
      const rows = await listShortlist(db, jobId);
      const visible = await visibleCandidateIds(
        db,
        job.organizationId,
        rows.map((r) => r.candidateId),
      );
      return rows.filter((r) => visible.has(r.candidateId));
    },
  };
}

export type JobsService = ReturnType<typeof createJobsService>;
