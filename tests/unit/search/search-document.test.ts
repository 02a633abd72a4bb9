import { describe, expect, it } from 'vitest';
import {
  buildSearchDocument,
  isVisibleToOrganization,
  skillEvidenceStrength,
  type SearchDocumentSource,
  type SearchSourceSkill,
} from '@/server/domain/search/search-document';

const skills = new Map<string, SearchSourceSkill>([
  [
    's:python',
    { label: 'Python', altLabels: ['Python 3', 'Python 3'], ancestorIds: ['s:languages', 's:software'] },
  ],
  ['s:sql', { label: 'SQL', altLabels: [], ancestorIds: ['s:data'] }],
  ['s:go', { label: 'Go', altLabels: ['Golang'], ancestorIds: ['s:languages', 's:software'] }],
]);

function source(overrides: Partial<SearchDocumentSource> = {}): SearchDocumentSource {
  return {
    candidate: {
      id: 'cand-1',
      displayName: 'Ada',
      headline: 'Engineer',
      location: ' Berlin ',
      availability: 'immediately',
      visibility: 'public',
      updatedAt: new Date('2026-01-01T00:00:00Z'),
    },
    appliedOrganizationIds: ['org-b', 'org-a', 'org-a'],
    credentials: [
      {
        id: 'c1',
        status: 'verified',
        issuerName: 'PSF',
        achievementName: 'Python Cert',
        updatedAt: new Date('2026-02-01T00:00:00Z'),
      },
      { id: 'c2', status: 'revoked', issuerName: 'Data Co', achievementName: 'SQL Cert', updatedAt: null },
      { id: 'c3', status: 'unverifiable', issuerName: null, achievementName: 'Go Course', updatedAt: null },
    ],
    evidence: [
      { skillId: 's:python', credentialId: 'c1', confidence: 0.9, state: 'confirmed' },
      { skillId: 's:sql', credentialId: 'c2', confidence: 1, state: 'confirmed' },
      { skillId: 's:go', credentialId: 'c3', confidence: 0.8, state: 'proposed' },
    ],
    skills,
    ...overrides,
  };
}

describe('buildSearchDocument', () => {
  it('leaves hidden candidates out of the index entirely', () => {
    const hidden = source();
    hidden.candidate = { ...hidden.candidate, visibility: 'hidden' };
    expect(buildSearchDocument(hidden)).toBeNull();
  });

  it('stores each skill with its ancestors so broad filters match descendants', () => {
    const document = buildSearchDocument(source())!;
    expect(document.skillIds).toEqual(['s:python', 's:go']);
    expect(document.skillAncestorIds).toEqual(['s:go', 's:languages', 's:python', 's:software']);
    expect(document.verifiedSkillAncestorIds).toEqual(['s:languages', 's:python', 's:software']);
    expect(document.skills[0]).toMatchObject({
      id: 's:python',
      verified: true,
      ancestorIds: ['s:languages', 's:software'],
    });
  });

  it('does not credit a skill proven only by a revoked credential', () => {
    const document = buildSearchDocument(source())!;
    expect(document.skillIds).not.toContain('s:sql');
    expect(document.skillAncestorIds).not.toContain('s:data');
  });

  it('counts verified and unverified credentials, statuses, issuers and labels', () => {
    const document = buildSearchDocument(source())!;
    expect(document.verifiedCredentialCount).toBe(1);
    expect(document.unverifiedCredentialCount).toBe(2);
    expect(document.verifiedSkillCount).toBe(1);
    expect(document.credentialStatuses).toEqual(['revoked', 'unverifiable', 'verified']);
    expect(document.issuers).toEqual(['Data Co', 'PSF']);
    expect(document.skillLabels).toEqual(['Python', 'Python 3', 'Go', 'Golang']);
    expect(document.appliedOrganizationIds).toEqual(['org-a', 'org-b']);
    expect(document.location).toBe('Berlin');
  });

  it('dates the document by its newest change, profile or credential', () => {
    expect(buildSearchDocument(source())!.updatedAt).toBe(Date.parse('2026-02-01T00:00:00Z'));
  });

  it('honours a rejection even when other evidence exists', () => {
    const document = buildSearchDocument(
      source({
        evidence: [
          { skillId: 's:python', credentialId: 'c1', confidence: 0.9, state: 'rejected' },
          { skillId: 's:go', credentialId: 'c3', confidence: 0.8, state: 'proposed' },
        ],
      }),
    )!;
    expect(document.skillIds).toEqual(['s:go']);
    expect(document.verifiedSkillCount).toBe(0);
  });

  it('is deterministic: rebuilding the same source gives an identical document', () => {
    expect(buildSearchDocument(source())).toEqual(buildSearchDocument(source()));
  });
});

describe('skillEvidenceStrength', () => {
  const statusOf = (id: string) => ({ v: 'verified', e: 'expired', u: 'unverifiable' })[id as 'v'] as never;

  it('combines independent evidence without exceeding 1', () => {
    const one = skillEvidenceStrength([{ credentialId: 'u', confidence: 1, state: 'confirmed' }], statusOf);
    const two = skillEvidenceStrength(
      [
        { credentialId: 'u', confidence: 1, state: 'confirmed' },
        { credentialId: 'e', confidence: 1, state: 'confirmed' },
      ],
      statusOf,
    );
    expect(one.strength).toBe(0.4);
    expect(two.strength).toBe(0.7);
    expect(two.verified).toBe(false);
  });

  it('gives a verified confirmed credential full strength', () => {
    expect(
      skillEvidenceStrength([{ credentialId: 'v', confidence: 0.2, state: 'confirmed' }], statusOf),
    ).toEqual({
      strength: 1,
      verified: true,
    });
  });

  it('caps unconfirmed mappings below certainty and weighs self-declared skills lightly', () => {
    expect(
      skillEvidenceStrength([{ credentialId: 'v', confidence: 1, state: 'proposed' }], statusOf).strength,
    ).toBe(0.9);
    expect(
      skillEvidenceStrength([{ credentialId: null, confidence: 1, state: 'confirmed' }], statusOf).strength,
    ).toBe(0.1);
  });
});

describe('isVisibleToOrganization', () => {
  it('shows public candidates to everyone and applied-only ones to the organizations applied to', () => {
    expect(isVisibleToOrganization({ visibility: 'public', appliedOrganizationIds: [] }, 'x')).toBe(true);
    expect(isVisibleToOrganization({ visibility: 'applied_only', appliedOrganizationIds: ['a'] }, 'a')).toBe(
      true,
    );
    expect(isVisibleToOrganization({ visibility: 'applied_only', appliedOrganizationIds: ['a'] }, 'b')).toBe(
      false,
    );
  });
});
