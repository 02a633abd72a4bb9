import type { Db, DbOrTx } from '@/db/client';
import {
  ancestorsOf,
  descendantsOf,
  getSkills,
  neighboursOf,
  occupationProfile,
  searchOccupations,
  searchSkills,
} from '@/server/adapters/db/taxonomy.repo';
import { getSkillIndex } from '@/server/adapters/taxonomy/skill-index.cache';
import type { Actor } from '@/server/domain/auth/actor';
import { DomainError } from '@/server/domain/errors';
import { extractJobSkills, type ProposedJobSkill } from '@/server/domain/skills/extract-job-skills';

const HIRING_ROLES = new Set(['recruiter', 'hiring_manager', 'org_admin']);

/** Maximum job description length accepted for extraction (characters). */
export const MAX_JOB_TEXT = 50_000;

/**
 * Proposes the required skills of a job description against the taxonomy in the database (starter
 * taxonomy, plus ESCO/O*NET when imported). For services that already hold a transaction.
 */
export async function extractJobSkillsFromText(db: DbOrTx, text: string): Promise<ProposedJobSkill[]> {
  if (text.length > MAX_JOB_TEXT)
    throw new DomainError('TOO_LARGE', `Job descriptions are limited to ${MAX_JOB_TEXT} characters.`);
  const index = await getSkillIndex(db);
  return extractJobSkills(text, index);
}

export function createTaxonomyService(db: Db) {
  return {
    /** Autocomplete over preferred and alternative labels (prefix first, then fuzzy). */
    searchSkills: (_actor: Actor, input: { query: string; limit?: number; frameworks?: string[] }) =>
      searchSkills(db, input.query, { limit: input.limit, frameworks: input.frameworks }),

    /** A skill with its ancestors, direct children and neighbours within `steps` hops. */
    async skillDetail(_actor: Actor, input: { skillId: string; steps?: number }) {
      const [skill] = await getSkills(db, [input.skillId]);
      if (!skill) throw new DomainError('NOT_FOUND', 'Unknown skill.');
      const [ancestors, children, neighbours] = await Promise.all([
        ancestorsOf(db, input.skillId),
        descendantsOf(db, input.skillId, 1, 200),
        neighboursOf(db, input.skillId, Math.min(input.steps ?? 1, 3), 100),
      ]);
      return { ...skill, ancestors, children, neighbours };
    },

    searchOccupations: (_actor: Actor, input: { query: string; limit?: number }) =>
      searchOccupations(db, input.query, input.limit ?? 10),

    async occupationProfile(_actor: Actor, input: { occupationId: string }) {
      const p = await occupationProfile(db, input.occupationId);
      if (!p) throw new DomainError('NOT_FOUND', 'Unknown occupation.');
      return p;
    },

    /** Hiring roles paste a job description and get a proposed skill list to edit. */
    async extractJobSkills(actor: Actor, input: { text: string }): Promise<ProposedJobSkill[]> {
      if (!HIRING_ROLES.has(actor.role))
        throw new DomainError('FORBIDDEN', 'Only hiring roles can extract job skills.');
      return extractJobSkillsFromText(db, input.text);
    },
  };
}

export type TaxonomyService = ReturnType<typeof createTaxonomyService>;
