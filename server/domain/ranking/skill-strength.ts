import type {
  CandidateProfile,
  CandidateSkillEvidence,
  CredentialStatus,
  EvidenceCredential,
  SkillStrength,
  StrengthEvidence,
} from './types';

/** Strength is stored as an integer 0..STRENGTH_SCALE so every score is exact integer arithmetic. */
export const STRENGTH_SCALE = 1000;

/** Base value of one credential by verification status. verified ≫ unverifiable ≫ self-declared. */
export const STATUS_WEIGHT: Readonly<Record<CredentialStatus, number>> = {
  verified: 1,
  unverifiable: 0.4,
  not_yet_valid: 0,
  expired: 0,
  revoked: 0,
  invalid: 0,
};
/** Value of a skill declared by the candidate without a credential. */
export const SELF_DECLARED_WEIGHT = 0.1;
/** Multiplier by holder key binding: a credential proven to be the holder's counts fully. */
export const KEY_BINDING_WEIGHT = {
  confirmed: 1,
  unconfirmed: 0.9,
  none: 0.85,
} as const;
/** Multiplier when the issuer is not on a trusted list. */
export const UNTRUSTED_ISSUER_WEIGHT = 0.7;
/** Assessment evidence: a credential with results counts fully; criteria or a certification type a bit less. */
export const ASSESSMENT_BASE = 0.75;
export const ASSESSMENT_RESULTS_BONUS = 0.15;
export const ASSESSMENT_CRITERIA_BONUS = 0.05;
export const ASSESSMENT_TYPE_BONUS = 0.05;
/** achievementType values that imply an assessment. */
export const ASSESSED_ACHIEVEMENT_TYPES: ReadonlySet<string> = new Set([
  'Assessment',
  'Certificate',
  'Certification',
  'License',
  'Degree',
  'Diploma',
  'ApprenticeshipCertificate',
  'JourneymanCertificate',
  'MasterCertificate',
  'MicroCredential',
]);
/** Recency: value halves every RECENCY_HALF_LIFE_DAYS of age, never below RECENCY_FLOOR. */
export const RECENCY_HALF_LIFE_DAYS = 4 * 365;
export const RECENCY_FLOOR = 0.5;
/** Recency multiplier when the issue date is unknown. */
export const UNKNOWN_DATE_WEIGHT = 0.8;
/** A proposed (not confirmed by the candidate) mapping counts with its confidence, never more than this. */
export const PROPOSED_MAPPING_CAP = 0.9;

const DAY_MS = 86_400_000;

/** Whole UTC days since 1970-01-01. */
export function dayNumber(date: Date): number {
  return Math.floor(date.getTime() / DAY_MS);
}

/**
 * The value in [0, 1] of one credential as evidence for one skill, with the reasons it counts less.
 * Invalid, revoked, expired or not-yet-valid credentials are worth 0 and flagged — they are shown, never counted.
 */
export function credentialEvidenceValue(
  credential: EvidenceCredential | null,
  mapping: { state: CandidateSkillEvidence['state']; confidence: number },
  asOfDay: number,
): { value: number; flags: string[] } {
  const flags: string[] = [];
  if (mapping.state === 'rejected') return { value: 0, flags: ['rejected_mapping'] };
  const mappingWeight =
    mapping.state === 'confirmed' ? 1 : Math.min(PROPOSED_MAPPING_CAP, Math.max(0, mapping.confidence));
  if (mapping.state === 'proposed') flags.push('proposed_mapping');
  if (!credential)
    return {
      value: SELF_DECLARED_WEIGHT * mappingWeight,
      flags: ['self_declared', ...flags],
    };

  let status = credential.status;
  if (status === 'verified' && credential.validUntil && dayNumber(credential.validUntil) < asOfDay) {
    status = 'expired';
  }
  const base = STATUS_WEIGHT[status];
  if (status !== 'verified') flags.push(status);
  if (base === 0) return { value: 0, flags };

  const binding = KEY_BINDING_WEIGHT[credential.keyBinding];
  if (credential.keyBinding !== 'confirmed') flags.push(`key_binding_${credential.keyBinding}`);
  const trust = credential.issuerTrusted ? 1 : UNTRUSTED_ISSUER_WEIGHT;
  if (!credential.issuerTrusted) flags.push('untrusted_issuer');
  const assessment = Math.min(
    1,
    ASSESSMENT_BASE +
      (credential.hasResults ? ASSESSMENT_RESULTS_BONUS : 0) +
      (credential.hasCriteria ? ASSESSMENT_CRITERIA_BONUS : 0) +
      (credential.achievementType && ASSESSED_ACHIEVEMENT_TYPES.has(credential.achievementType)
        ? ASSESSMENT_TYPE_BONUS
        : 0),
  );
  if (!credential.hasResults && !credential.hasCriteria) flags.push('no_assessment_evidence');
  let recency = UNKNOWN_DATE_WEIGHT;
  if (credential.issuedAt) {
    const ageDays = Math.max(0, asOfDay - dayNumber(credential.issuedAt));
    recency = Math.max(RECENCY_FLOOR, Math.pow(0.5, ageDays / RECENCY_HALF_LIFE_DAYS));
  } else {
    flags.push('unknown_issue_date');
  }
  return {
    value: base * binding * trust * assessment * recency * mappingWeight,
    flags,
  };
}

/**
 * Combines per-credential values into one strength: credentials from the same issuer are not independent,
 * so each issuer counts with its best credential; independent issuers combine as a noisy-or
 * (1 − Π(1 − v)), so two good independent credentials beat one, and the result never exceeds 1.
 */
export function combineValues(values: { value: number; issuerKey: string }[]): number {
  const bestByIssuer = new Map<string, number>();
  for (const { value, issuerKey } of values) {
    if (value > (bestByIssuer.get(issuerKey) ?? 0)) bestByIssuer.set(issuerKey, value);
  }
  const keys = [...bestByIssuer.keys()].sort();
  let miss = 1;
  for (const key of keys) miss *= 1 - (bestByIssuer.get(key) ?? 0);
  return 1 - miss;
}

function quantize(x: number): number {
  return Math.max(0, Math.min(STRENGTH_SCALE, Math.round(x * STRENGTH_SCALE)));
}

/**
 * The candidate's strength for one skill from all its evidence rows (one per credential × field).
 * Pure and deterministic for a given `asOfDay`; returns integers 0..STRENGTH_SCALE.
 *
 * strength = noisy-or over issuers of max over that issuer's credentials of
 *   STATUS_WEIGHT × KEY_BINDING_WEIGHT × trust × assessment × recency × mapping
 */
export function skillStrength(rows: readonly CandidateSkillEvidence[], asOfDay: number): SkillStrength {
  if (rows.length === 0) throw new Error('skillStrength needs at least one evidence row');
  const skillId = rows[0].skillId;
  // One value per credential: several fields of the same credential can map the same skill.
  const perCredential = new Map<string, { row: CandidateSkillEvidence; value: number; flags: string[] }>();
  for (const row of rows) {
    const key = row.credential ? `c:${row.credential.id}` : `self:${row.method}`;
    const { value, flags } = credentialEvidenceValue(row.credential, row, asOfDay);
    const prev = perCredential.get(key);
    if (!prev || value > prev.value) perCredential.set(key, { row, value, flags });
  }
  const all: { value: number; issuerKey: string }[] = [];
  const verified: { value: number; issuerKey: string }[] = [];
  const evidence: StrengthEvidence[] = [];
  let lastDay: number | null = null;
  let lastVerifiedDay: number | null = null;
  for (const key of [...perCredential.keys()].sort()) {
    const { row, value, flags } = perCredential.get(key)!;
    const c = row.credential;
    const issuerKey = c ? `i:${c.issuerId ?? c.issuerName ?? c.id}` : 'self';
    all.push({ value, issuerKey });
    const isVerified = !!c && value > 0 && c.status === 'verified';
    if (isVerified) verified.push({ value, issuerKey });
    const day = c?.issuedAt ? dayNumber(c.issuedAt) : null;
    if (value > 0 && day !== null) {
      if (lastDay === null || day > lastDay) lastDay = day;
      if (isVerified && (lastVerifiedDay === null || day > lastVerifiedDay)) lastVerifiedDay = day;
    }
    evidence.push({
      credentialId: c?.id ?? null,
      achievementName: c?.achievementName ?? null,
      issuerName: c?.issuerName ?? null,
      status: c ? c.status : 'self_declared',
      issuedAt: c?.issuedAt ?? null,
      value,
      flags,
    });
  }
  evidence.sort((a, b) => b.value - a.value || String(a.credentialId).localeCompare(String(b.credentialId)));
  return {
    skillId,
    strength: quantize(combineValues(all)),
    verifiedStrength: quantize(combineValues(verified)),
    lastEvidenceDay: lastDay,
    lastVerifiedDay,
    evidence,
  };
}

/** Builds candidate profiles (skill → strength) from evidence rows of any number of candidates. */
export function buildProfiles(
  rows: readonly CandidateSkillEvidence[],
  asOfDay: number,
): Map<string, CandidateProfile> {
  const grouped = new Map<string, Map<string, CandidateSkillEvidence[]>>();
  for (const row of rows) {
    let bySkill = grouped.get(row.candidateId);
    if (!bySkill) grouped.set(row.candidateId, (bySkill = new Map()));
    let list = bySkill.get(row.skillId);
    if (!list) bySkill.set(row.skillId, (list = []));
    list.push(row);
  }
  const profiles = new Map<string, CandidateProfile>();
  for (const candidateId of [...grouped.keys()].sort()) {
    const skills = new Map<string, SkillStrength>();
    for (const [skillId, list] of grouped.get(candidateId)!)
      skills.set(skillId, skillStrength(list, asOfDay));
    profiles.set(candidateId, { candidateId, skills });
  }
  return profiles;
}
