import {
  dayNumber,
  taxonomyFromMaps,
  type CandidateProfile,
  type CandidateSkillEvidence,
  type EvidenceCredential,
  type JobRequirement,
  type SkillStrength,
} from '@/server/domain/ranking';

export const AS_OF = new Date('2026-01-01T00:00:00Z');
export const AS_OF_DAY = dayNumber(AS_OF);

export function credential(overrides: Partial<EvidenceCredential> = {}): EvidenceCredential {
  return {
    id: 'cred-1',
    status: 'verified',
    keyBinding: 'confirmed',
    issuerTrusted: true,
    issuerId: 'did:web:issuer.example',
    issuerName: 'Issuer',
    achievementName: 'Achievement',
    issuedAt: AS_OF,
    validUntil: null,
    hasResults: true,
    hasCriteria: true,
    achievementType: 'Certification',
    ...overrides,
  };
}

export function evidence(
  skillId: string,
  cred: EvidenceCredential | null = credential(),
  overrides: Partial<CandidateSkillEvidence> = {},
): CandidateSkillEvidence {
  return {
    candidateId: '00000000-0000-4000-8000-000000000001',
    skillId,
    state: 'confirmed',
    confidence: 1,
    method: 'alignment',
    credential: cred,
    ...overrides,
  };
}

/** A profile with given skill strengths (0..1000), each evidenced by one credential named after the skill. */
export function profile(
  candidateId: string,
  skills: Record<string, number>,
  lastDay: number | null = AS_OF_DAY,
): CandidateProfile {
  const map = new Map<string, SkillStrength>();
  for (const [skillId, strength] of Object.entries(skills)) {
    map.set(skillId, {
      skillId,
      strength,
      verifiedStrength: strength,
      lastEvidenceDay: lastDay,
      lastVerifiedDay: lastDay,
      evidence: [
        {
          credentialId: `cred-${candidateId}-${skillId}`,
          achievementName: `${skillId} badge`,
          issuerName: 'Academy',
          status: 'verified',
          issuedAt: null,
          value: strength / 1000,
          flags: [],
        },
      ],
    });
  }
  return { candidateId, skills: map };
}

export function requirement(skillId: string, overrides: Partial<JobRequirement> = {}): JobRequirement {
  return {
    skillId,
    label: skillId,
    importance: 1,
    mustHave: false,
    minLevel: null,
    recencyMonths: null,
    ...overrides,
  };
}

/**
 * programming ─┬─ python ── django
 *              └─ java
 * python ~ data-analysis (essential), java ~ kotlin (optional)
 */
export const taxonomy = taxonomyFromMaps({
  broader: new Map([
    ['python', ['programming']],
    ['java', ['programming']],
    ['django', ['python']],
  ]),
  related: new Map([
    ['python', [{ id: 'data-analysis', relation: 'essential' as const }]],
    ['java', [{ id: 'kotlin', relation: 'optional' as const }]],
  ]),
  labels: new Map([
    ['programming', 'Programming'],
    ['python', 'Python'],
    ['java', 'Java'],
    ['django', 'Django'],
    ['data-analysis', 'Data analysis'],
    ['kotlin', 'Kotlin'],
  ]),
});

export const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
