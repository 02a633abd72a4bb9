/**
 * Domain types for ranking candidates against a job. Pure data: the adapters map database rows to these,
 * and nothing here knows where they came from.
 */

export type CredentialStatus =
  'verified' | 'invalid' | 'expired' | 'not_yet_valid' | 'revoked' | 'unverifiable';
export type KeyBinding = 'confirmed' | 'unconfirmed' | 'none';
export type EvidenceState = 'proposed' | 'confirmed' | 'rejected';

/** What the ranking needs to know about the credential behind a piece of skill evidence. */
export interface EvidenceCredential {
  id: string;
  status: CredentialStatus;
  keyBinding: KeyBinding;
  issuerTrusted: boolean;
  issuerId: string | null;
  issuerName: string | null;
  achievementName: string | null;
  issuedAt: Date | null;
  validUntil: Date | null;
  /** The credential carries assessment results (OB3 `result`/`resultDescription`). */
  hasResults: boolean;
  /** The credential states its criteria (narrative or id). */
  hasCriteria: boolean;
  /** OB3 achievementType, e.g. 'Certification', 'Badge', 'Course'. */
  achievementType: string | null;
}

/**
 * One row of `candidate_skill_evidence` joined with its credential. `credential === null` is a
 * self-declared skill (no credential backs it).
 */
export interface CandidateSkillEvidence {
  candidateId: string;
  skillId: string;
  state: EvidenceState;
  /** Mapping confidence in [0, 1] from the skill mapper. */
  confidence: number;
  method: string;
  credential: EvidenceCredential | null;
}

/** A read-only view of the skills taxonomy, restricted to what matching needs. */
export interface TaxonomyView {
  /** Direct broader (parent) skill ids. */
  broaderOf(skillId: string): readonly string[];
  /** Direct narrower (child) skill ids. */
  narrowerOf(skillId: string): readonly string[];
  /** Related skills in either direction with the ESCO relation type. */
  relatedOf(skillId: string): readonly { id: string; relation: 'essential' | 'optional' }[];
  /** Human label for explanations; falls back to the id. */
  labelOf(skillId: string): string;
}

export type SkillLevel = 'basic' | 'intermediate' | 'advanced' | 'expert';

/** One required skill of a job version. */
export interface JobRequirement {
  skillId: string;
  label: string;
  /** Integer importance weight 1..10. */
  importance: number;
  mustHave: boolean;
  minLevel: SkillLevel | null;
  /** Only evidence issued within this many months counts; null = any age. */
  recencyMonths: number | null;
}

export interface JobSpec {
  jobId: string;
  version: number;
  requirements: JobRequirement[];
}

/** A summary of one credential's contribution to a skill's strength, kept for explanations. */
export interface StrengthEvidence {
  credentialId: string | null;
  achievementName: string | null;
  issuerName: string | null;
  status: CredentialStatus | 'self_declared';
  issuedAt: Date | null;
  /** This credential's own value in [0, 1] before combination. */
  value: number;
  /** Why it counts less or nothing (e.g. 'revoked', 'expired', 'untrusted_issuer'). */
  flags: string[];
}

/** A candidate's derived strength for one skill. Strength units: integer 0..STRENGTH_SCALE. */
export interface SkillStrength {
  skillId: string;
  strength: number;
  /** Strength counting verified credentials only. */
  verifiedStrength: number;
  /** Day number (days since 1970-01-01 UTC) of the newest contributing credential, or null. */
  lastEvidenceDay: number | null;
  /** Same for verified credentials only. */
  lastVerifiedDay: number | null;
  evidence: StrengthEvidence[];
}

export interface CandidateProfile {
  candidateId: string;
  skills: Map<string, SkillStrength>;
}

export type MatchKind =
  'exact' | 'narrower' | 'broader' | 'sibling' | 'related_essential' | 'related_optional';

/** One way a candidate skill can answer a requirement. */
export interface MatchRoute {
  skillId: string;
  kind: MatchKind;
  /** Credit factor in percent (integer). */
  factor: number;
  /** Skill ids from the required skill to `skillId`, both ends included. */
  path: string[];
}

export interface RankOptions {
  /** Give partial credit for broader/sibling/related skills. */
  partialCredit: boolean;
  /** Count only verified credentials. */
  verifiedOnly: boolean;
  /** Evaluation day (days since epoch, UTC) — recency windows are measured from it. */
  asOfDay: number;
}

export type ContributionStatus = 'matched' | 'partial' | 'missing';

/** One required skill's share of a candidate's score. */
export interface SkillContribution {
  skillId: string;
  label: string;
  importance: number;
  mustHave: boolean;
  status: ContributionStatus;
  /** Integer points this requirement contributed; the points of all contributions sum to the score's points. */
  points: number;
  /** Points it could contribute at most (importance × 100 × STRENGTH_SCALE). */
  maxPoints: number;
  /** The candidate skill used, with its route, or null when missing. */
  via: (MatchRoute & { label: string; strength: number }) | null;
  evidence: StrengthEvidence[];
  /** Set when the skill is held but below the job's minimum level. */
  belowMinLevel: boolean;
  /** Set when the exact skill is held only through evidence older than the recency window. */
  outsideRecencyWindow: boolean;
}

export interface CandidateScore {
  candidateId: string;
  points: number;
  maxPoints: number;
  /** points / maxPoints in [0, 1]. */
  score: number;
  mustHavesMet: boolean;
  missingMustHaves: string[];
  contributions: SkillContribution[];
}

/** One missing or partial requirement, described for a person. */
export interface GapItem {
  skillId: string;
  label: string;
  status: 'partial' | 'missing';
  mustHave: boolean;
  /** What the candidate has instead and how it relates, or null. */
  instead: {
    skillId: string;
    label: string;
    kind: MatchKind;
    path: { id: string; label: string }[];
  } | null;
  /** Credentials that evidence `instead`. */
  evidence: {
    credentialId: string | null;
    achievementName: string | null;
    issuerName: string | null;
  }[];
  reason: string;
  /** Achievements known to the system that certify the required skill. */
  closingTheGap: KnownAchievement[];
}

/** An achievement seen in ingested credentials, that certifies a skill. */
export interface KnownAchievement {
  skillId: string;
  achievementName: string;
  issuerName: string | null;
  /** How many verified credentials of this achievement are held on the platform. */
  holders: number;
}
