/**
 * The candidate search document: what every search engine indexes about one discoverable candidate.
 * Built purely from the candidate's profile, credentials, skill evidence and the taxonomy's ancestors, so
 * both engines index exactly the same facts and the sync worker can rebuild it idempotently at any time.
 */

export type Availability = 'immediately' | 'within_month' | 'within_quarter' | 'not_looking';
export const AVAILABILITIES: readonly Availability[] = [
  'immediately',
  'within_month',
  'within_quarter',
  'not_looking',
];

export type CandidateVisibility = 'public' | 'applied_only' | 'hidden';
/** Hidden candidates have no document, so an indexed document is only ever one of these two. */
export type IndexedVisibility = Exclude<CandidateVisibility, 'hidden'>;

export type CredentialStatus =
  'verified' | 'invalid' | 'expired' | 'not_yet_valid' | 'revoked' | 'unverifiable';
export const CREDENTIAL_STATUSES: readonly CredentialStatus[] = [
  'verified',
  'invalid',
  'expired',
  'not_yet_valid',
  'revoked',
  'unverifiable',
];

export type EvidenceState = 'proposed' | 'confirmed' | 'rejected';

export interface SearchDocumentSkill {
  id: string;
  /** Preferred label. */
  label: string;
  altLabels: string[];
  /** All transitive broader skill ids, sorted. */
  ancestorIds: string[];
  /** Evidence strength in [0, 1] (see {@link skillEvidenceStrength}), rounded to 3 decimals. */
  strength: number;
  /** True when at least one verified credential supports the skill. */
  verified: boolean;
}

export interface CandidateSearchDocument {
  /** The candidate id. */
  id: string;
  displayName: string;
  headline: string;
  location: string;
  availability: Availability;
  visibility: IndexedVisibility;
  /** Organizations the candidate applied to: they may see an 'applied_only' candidate. */
  appliedOrganizationIds: string[];
  /** Skills with evidence, strongest first. */
  skills: SearchDocumentSkill[];
  /** Ids of the skills themselves. */
  skillIds: string[];
  /** Skill ids plus all their taxonomy ancestors: a filter on a broad skill matches its descendants. */
  skillAncestorIds: string[];
  /** The same, for verified skills only. */
  verifiedSkillAncestorIds: string[];
  /** Preferred and alternative labels of the skills, searchable as text. */
  skillLabels: string[];
  verifiedSkillCount: number;
  verifiedCredentialCount: number;
  unverifiedCredentialCount: number;
  /** Distinct verification statuses of the candidate's credentials. */
  credentialStatuses: CredentialStatus[];
  /** Distinct issuer names. */
  issuers: string[];
  achievementNames: string[];
  /** Last change of the candidate or any of their credentials, epoch milliseconds. */
  updatedAt: number;
}

export interface SearchSourceCandidate {
  id: string;
  displayName: string;
  headline: string;
  location: string;
  availability: Availability;
  visibility: CandidateVisibility;
  updatedAt: Date;
}

export interface SearchSourceCredential {
  id: string;
  status: CredentialStatus;
  issuerName: string | null;
  achievementName: string | null;
  updatedAt: Date | null;
}

export interface SearchSourceEvidence {
  skillId: string;
  /** Null for a skill declared without a credential. */
  credentialId: string | null;
  confidence: number;
  state: EvidenceState;
}

export interface SearchSourceSkill {
  label: string;
  altLabels: string[];
  /** All transitive broader skills (not including the skill itself). */
  ancestorIds: string[];
}

/** Everything the builder needs about one candidate, as loaded by the repository. */
export interface SearchDocumentSource {
  candidate: SearchSourceCandidate;
  appliedOrganizationIds: string[];
  credentials: SearchSourceCredential[];
  evidence: SearchSourceEvidence[];
  /** Taxonomy entries for every skill id referenced by `evidence`. */
  skills: ReadonlyMap<string, SearchSourceSkill>;
}

/**
 * How much one credential status counts as evidence. Invalid, revoked or not-yet-valid credentials prove
 * nothing; an expired one once proved the skill; an unverifiable one is a claim we could not check.
 */
export const EVIDENCE_STATUS_WEIGHT: Readonly<Record<CredentialStatus, number>> = {
  verified: 1,
  expired: 0.5,
  unverifiable: 0.4,
  not_yet_valid: 0,
  invalid: 0,
  revoked: 0,
};
/** A skill declared without any credential. */
export const SELF_DECLARED_EVIDENCE_WEIGHT = 0.1;
/** A mapping the candidate has not confirmed counts with its confidence, at most this much. */
export const PROPOSED_EVIDENCE_CAP = 0.9;

/**
 * Evidence strength of one skill in [0, 1]: independent pieces of evidence combine as 1 − Π(1 − wᵢ), so
 * more evidence always helps but never exceeds 1, and one strong verified credential outweighs several
 * weak claims. Rejected mappings count for nothing.
 */
export function skillEvidenceStrength(
  evidence: readonly Pick<SearchSourceEvidence, 'credentialId' | 'confidence' | 'state'>[],
  statusOf: (credentialId: string) => CredentialStatus | undefined,
): { strength: number; verified: boolean } {
  let remaining = 1;
  let verified = false;
  for (const item of evidence) {
    if (item.state === 'rejected') continue;
    const mappingWeight =
      item.state === 'confirmed' ? 1 : Math.min(PROPOSED_EVIDENCE_CAP, Math.max(0, item.confidence));
    let weight: number;
    if (item.credentialId === null) {
      weight = SELF_DECLARED_EVIDENCE_WEIGHT * mappingWeight;
    } else {
      const status = statusOf(item.credentialId) ?? 'unverifiable';
      weight = EVIDENCE_STATUS_WEIGHT[status] * mappingWeight;
      if (status === 'verified' && weight > 0) verified = true;
    }
    remaining *= 1 - Math.min(1, Math.max(0, weight));
  }
  return { strength: Math.round((1 - remaining) * 1000) / 1000, verified };
}

function distinct(values: Iterable<string>): string[] {
  const seen = new Set<string>();
  for (const value of values) {
    const trimmed = value.trim();
    if (trimmed) seen.add(trimmed);
  }
  return [...seen];
}

/**
 * Builds the search document of one candidate, or null when the candidate must not be discoverable
 * (hidden). Skills whose evidence is worth nothing (only rejected mappings or invalid/revoked credentials)
 * are left out, so a revoked badge never makes a candidate match a skill filter. Output is deterministic
 * (sorted), so rebuilding an unchanged candidate yields an identical document.
 */
export function buildSearchDocument(source: SearchDocumentSource): CandidateSearchDocument | null {
  const { candidate } = source;
  if (candidate.visibility === 'hidden') return null;

  const statusById = new Map(source.credentials.map((credential) => [credential.id, credential.status]));
  const evidenceBySkill = new Map<string, SearchSourceEvidence[]>();
  for (const item of source.evidence) {
    const list = evidenceBySkill.get(item.skillId) ?? [];
    list.push(item);
    evidenceBySkill.set(item.skillId, list);
  }

  const skills: SearchDocumentSkill[] = [];
  for (const [skillId, items] of evidenceBySkill) {
    const taxonomy = source.skills.get(skillId);
    if (!taxonomy) continue;
    const { strength, verified } = skillEvidenceStrength(items, (id) => statusById.get(id));
    if (strength <= 0) continue;
    skills.push({
      id: skillId,
      label: taxonomy.label,
      altLabels: distinct(taxonomy.altLabels).sort(),
      ancestorIds: distinct(taxonomy.ancestorIds.filter((id) => id !== skillId)).sort(),
      strength,
      verified,
    });
  }
  skills.sort(
    (a, b) => b.strength - a.strength || a.label.localeCompare(b.label) || a.id.localeCompare(b.id),
  );

  const ancestorsOf = (skill: SearchDocumentSkill) => [skill.id, ...skill.ancestorIds];
  const skillAncestorIds = distinct(skills.flatMap(ancestorsOf)).sort();
  const verifiedSkillAncestorIds = distinct(
    skills.filter((skill) => skill.verified).flatMap(ancestorsOf),
  ).sort();

  const verifiedCredentialCount = source.credentials.filter(
    (credential) => credential.status === 'verified',
  ).length;
  const credentialStatuses = distinct(
    source.credentials.map((credential) => credential.status),
  ).sort() as CredentialStatus[];

  let updatedAt = candidate.updatedAt.getTime();
  for (const credential of source.credentials) {
    if (credential.updatedAt && credential.updatedAt.getTime() > updatedAt)
      updatedAt = credential.updatedAt.getTime();
  }

  return {
    id: candidate.id,
    displayName: candidate.displayName,
    headline: candidate.headline,
    location: candidate.location.trim(),
    availability: candidate.availability,
    visibility: candidate.visibility,
    appliedOrganizationIds: distinct(source.appliedOrganizationIds).sort(),
    skills,
    skillIds: skills.map((skill) => skill.id),
    skillAncestorIds,
    verifiedSkillAncestorIds,
    skillLabels: distinct(skills.flatMap((skill) => [skill.label, ...skill.altLabels])),
    verifiedSkillCount: skills.filter((skill) => skill.verified).length,
    verifiedCredentialCount,
    unverifiedCredentialCount: source.credentials.length - verifiedCredentialCount,
    credentialStatuses,
    issuers: distinct(source.credentials.map((credential) => credential.issuerName ?? '')).sort(),
    achievementNames: distinct(
      source.credentials.map((credential) => credential.achievementName ?? ''),
    ).sort(),
    updatedAt,
  };
}

/**
 * The visibility rule of the contract: an organization sees a public candidate, or an 'applied_only'
 * candidate who applied to one of its jobs; nobody sees a hidden one (hidden candidates are never indexed).
 */
export function isVisibleToOrganization(
  document: Pick<CandidateSearchDocument, 'visibility' | 'appliedOrganizationIds'>,
  organizationId: string,
): boolean {
  return document.visibility === 'public' || document.appliedOrganizationIds.includes(organizationId);
}
