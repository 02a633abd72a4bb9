import type { Db } from '@/db/client';
import type { Actor } from '@/server/domain/auth/actor';
import { isIssuerTrusted } from '@/server/domain/credentials/issuer-trust';
import { DomainError } from '@/server/domain/errors';
import { listCandidateCredentials, listTrustedIssuers } from '@/server/adapters/db/credential.repo';
import { visibleCandidateIds } from '@/server/adapters/db/job.repo';
import {
  findCandidateProfileHeader,
  listVisibleSkillEvidence,
  type CandidateProfileHeader,
} from '@/server/adapters/db/candidate-profile.repo';

/** A credential as an employer sees it: verification facts, never the raw bytes or the recipient identity. */
export interface ProfileCredential {
  id: string;
  format: string;
  status: string;
  keyBinding: string;
  revocation: string;
  issuerId: string | null;
  issuerName: string | null;
  /** The issuer is on the viewing organization's trusted-issuer list (evaluated now, per organization). */
  issuerTrustedByYourOrganization: boolean;
  achievementName: string;
  issuedAt: Date | null;
  validUntil: Date | null;
  verifiedAt: Date;
  /** Set for a credential found inside another one (a CLR's achievements). */
  parentCredentialId: string | null;
}

export interface ProfileSkillEvidence {
  /** The credential the evidence comes from; null for a skill the candidate declared by hand. */
  credential: { id: string; achievementName: string; status: string } | null;
  field: string;
  span: string;
  method: string;
  confidence: number;
}

export interface ProfileSkill {
  skillId: string;
  label: string;
  frameworkId: string;
  /** 'confirmed' when the candidate confirmed the mapping; rejected skills are never shown. */
  state: 'proposed' | 'confirmed';
  /** Highest confidence over the evidence. */
  confidence: number;
  /** At least one piece of evidence comes from a credential whose verification status is 'verified'. */
  verified: boolean;
  evidence: ProfileSkillEvidence[];
}

export interface CandidateProfile extends CandidateProfileHeader {
  credentials: ProfileCredential[];
  skills: ProfileSkill[];
}

function employerOrganization(actor: Actor): string {
  if (actor.role === 'candidate' || !actor.organizationId)
    throw new DomainError('FORBIDDEN', 'Only members of an organization view candidate profiles.');
  return actor.organizationId;
}

export function createCandidateProfileService(db: Db) {
  return {
    /**
     * A candidate's profile for an employer: header, credentials (with trust against the viewer's own
     * organization list) and skills with their evidence. A candidate the organization may not see (hidden,
     * or applied-only without an application to one of its jobs) is NOT_FOUND, exactly like an unknown id.
     * The caller records the view in the audit log.
     */
    async profile(actor: Actor, candidateId: string): Promise<CandidateProfile> {
      const organizationId = employerOrganization(actor);
      const visible = await visibleCandidateIds(db, organizationId, [candidateId]);
      const header = visible.has(candidateId) ? await findCandidateProfileHeader(db, candidateId) : null;
      if (!header) throw new DomainError('NOT_FOUND', 'This candidate is not available.');

      const [credentialRows, trustList, evidenceRows] = await Promise.all([
        listCandidateCredentials(db, candidateId),
        listTrustedIssuers(db, organizationId),
        listVisibleSkillEvidence(db, candidateId),
      ]);
      const credentials: ProfileCredential[] = credentialRows.map((c) => ({
        id: c.id,
        format: c.format,
        status: c.status,
        keyBinding: c.keyBinding,
        revocation: c.revocation,
        issuerId: c.issuerId,
        issuerName: c.issuerName,
        issuerTrustedByYourOrganization: isIssuerTrusted(c.issuerId, trustList),
        achievementName: c.achievementName,
        issuedAt: c.issuedAt,
        validUntil: c.validUntil,
        verifiedAt: c.verifiedAt,
        parentCredentialId: c.parentCredentialId,
      }));
      const credentialById = new Map(credentials.map((c) => [c.id, c]));

      const bySkill = new Map<string, ProfileSkill>();
      for (const row of evidenceRows) {
        const source = row.credentialId ? credentialById.get(row.credentialId) : undefined;
        // Evidence whose credential is gone (deleted concurrently) proves nothing: leave it out.
        if (row.credentialId && !source) continue;
        let skill = bySkill.get(row.skillId);
        if (!skill) {
          skill = {
            skillId: row.skillId,
            label: row.label,
            frameworkId: row.frameworkId,
            state: row.state,
            confidence: 0,
            verified: false,
            evidence: [],
          };
          bySkill.set(row.skillId, skill);
        }
        if (row.state === 'confirmed') skill.state = 'confirmed';
        skill.confidence = Math.max(skill.confidence, row.confidence);
        skill.verified ||= source?.status === 'verified';
        skill.evidence.push({
          credential: source
            ? { id: source.id, achievementName: source.achievementName, status: source.status }
            : null,
          field: row.field,
          span: row.span,
          method: row.method,
          confidence: row.confidence,
        });
      }
      const skills = [...bySkill.values()].sort(
        (a, b) =>
          Number(b.verified) - Number(a.verified) ||
          Number(b.state === 'confirmed') - Number(a.state === 'confirmed') ||
          b.confidence - a.confidence ||
          a.label.localeCompare(b.label),
      );
      return { ...header, credentials, skills };
    },
  };
}

export type CandidateProfileService = ReturnType<typeof createCandidateProfileService>;
