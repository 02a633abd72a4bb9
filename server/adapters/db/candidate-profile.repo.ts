import { and, asc, desc, eq, ne } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { candidateSkillEvidence, candidates, skills } from '@/db/schema';

/** The header of a candidate profile as employers see it (no contact data, no visibility setting). */
export interface CandidateProfileHeader {
  id: string;
  displayName: string;
  headline: string;
  location: string;
  availability: 'immediately' | 'within_month' | 'within_quarter' | 'not_looking';
  updatedAt: Date;
}

export async function findCandidateProfileHeader(
  db: DbOrTx,
  candidateId: string,
): Promise<CandidateProfileHeader | null> {
  const [row] = await db
    .select({
      id: candidates.id,
      displayName: candidates.displayName,
      headline: candidates.headline,
      location: candidates.location,
      availability: candidates.availability,
      updatedAt: candidates.updatedAt,
    })
    .from(candidates)
    .where(eq(candidates.id, candidateId));
  return row ?? null;
}

/** One row of skill evidence with its skill's label (rejected skills are never returned). */
export interface SkillEvidenceRow {
  skillId: string;
  label: string;
  frameworkId: string;
  state: 'proposed' | 'confirmed';
  credentialId: string | null;
  field: string;
  span: string;
  method: string;
  confidence: number;
}

/**
 * The candidate's skill evidence, strongest first, without the skills the candidate rejected. The evidence
 * `state` mirrors the candidate's decision (skill mapping and the decision writes keep it in step).
 */
export async function listVisibleSkillEvidence(db: DbOrTx, candidateId: string): Promise<SkillEvidenceRow[]> {
  const rows = await db
    .select({
      skillId: candidateSkillEvidence.skillId,
      label: skills.preferredLabel,
      frameworkId: skills.frameworkId,
      state: candidateSkillEvidence.state,
      credentialId: candidateSkillEvidence.credentialId,
      field: candidateSkillEvidence.field,
      span: candidateSkillEvidence.span,
      method: candidateSkillEvidence.method,
      confidence: candidateSkillEvidence.confidence,
    })
    .from(candidateSkillEvidence)
    .innerJoin(skills, eq(skills.id, candidateSkillEvidence.skillId))
    .where(
      and(eq(candidateSkillEvidence.candidateId, candidateId), ne(candidateSkillEvidence.state, 'rejected')),
    )
    .orderBy(
      desc(candidateSkillEvidence.confidence),
      asc(skills.preferredLabel),
      asc(candidateSkillEvidence.field),
    );
  return rows.map((r) => ({ ...r, state: r.state === 'confirmed' ? 'confirmed' : 'proposed' }));
}
