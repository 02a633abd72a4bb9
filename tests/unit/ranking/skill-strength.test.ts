import { describe, expect, it } from 'vitest';
import {
  SELF_DECLARED_WEIGHT,
  STRENGTH_SCALE,
  UNTRUSTED_ISSUER_WEIGHT,
  buildProfiles,
  credentialEvidenceValue,
  skillStrength,
} from '@/server/domain/ranking';
import { AS_OF, AS_OF_DAY, credential, evidence } from './builders';

const years = (n: number) => new Date(AS_OF.getTime() - n * 365 * 86_400_000);

describe('skillStrength', () => {
  it('ranks verified above unverifiable above self-declared', () => {
    const verified = skillStrength([evidence('python')], AS_OF_DAY).strength;
    const unverifiable = skillStrength(
      [evidence('python', credential({ status: 'unverifiable' }))],
      AS_OF_DAY,
    ).strength;
    const self = skillStrength([evidence('python', null)], AS_OF_DAY).strength;
    expect(verified).toBe(STRENGTH_SCALE);
    expect(unverifiable).toBeLessThan(verified / 2);
    expect(self).toBeLessThan(unverifiable);
    expect(self).toBe(Math.round(SELF_DECLARED_WEIGHT * STRENGTH_SCALE));
  });

  it('counts revoked, invalid and expired credentials as nothing, and flags them', () => {
    for (const status of ['revoked', 'invalid', 'expired', 'not_yet_valid'] as const) {
      const s = skillStrength([evidence('python', credential({ status }))], AS_OF_DAY);
      expect(s.strength).toBe(0);
      expect(s.evidence[0].flags).toContain(status);
    }
    const lapsed = skillStrength([evidence('python', credential({ validUntil: years(1) }))], AS_OF_DAY);
    expect(lapsed.strength).toBe(0);
    expect(lapsed.evidence[0].flags).toContain('expired');
  });

  it('discounts untrusted issuers, missing assessment and unconfirmed key binding', () => {
    const base = credentialEvidenceValue(
      credential(),
      { state: 'confirmed', confidence: 1 },
      AS_OF_DAY,
    ).value;
    const untrusted = credentialEvidenceValue(
      credential({ issuerTrusted: false }),
      { state: 'confirmed', confidence: 1 },
      AS_OF_DAY,
    );
    expect(untrusted.value).toBeCloseTo(base * UNTRUSTED_ISSUER_WEIGHT, 10);
    expect(untrusted.flags).toContain('untrusted_issuer');
    const bare = credentialEvidenceValue(
      credential({
        hasResults: false,
        hasCriteria: false,
        achievementType: 'Badge',
      }),
      { state: 'confirmed', confidence: 1 },
      AS_OF_DAY,
    );
    expect(bare.value).toBeLessThan(base);
    expect(bare.flags).toContain('no_assessment_evidence');
    const unbound = credentialEvidenceValue(
      credential({ keyBinding: 'none' }),
      { state: 'confirmed', confidence: 1 },
      AS_OF_DAY,
    );
    expect(unbound.value).toBeLessThan(base);
  });

  it('decays with age down to a floor', () => {
    const at = (y: number) =>
      skillStrength([evidence('python', credential({ issuedAt: years(y) }))], AS_OF_DAY).strength;
    expect(at(0)).toBeGreaterThan(at(2));
    expect(at(2)).toBeGreaterThan(at(4));
    expect(at(4)).toBe(500);
    expect(at(20)).toBe(at(40));
    expect(at(40)).toBe(500);
  });

  it('grows with independent issuers but not with repeats from the same issuer', () => {
    const weak = {
      hasResults: false,
      hasCriteria: false,
      achievementType: null,
      issuerTrusted: false,
    };
    const one = skillStrength([evidence('python', credential({ ...weak, id: 'a' }))], AS_OF_DAY).strength;
    const sameIssuer = skillStrength(
      [
        evidence('python', credential({ ...weak, id: 'a' })),
        evidence('python', credential({ ...weak, id: 'b' })),
      ],
      AS_OF_DAY,
    ).strength;
    const twoIssuers = skillStrength(
      [
        evidence('python', credential({ ...weak, id: 'a' })),
        evidence('python', credential({ ...weak, id: 'b', issuerId: 'did:web:other.example' })),
      ],
      AS_OF_DAY,
    ).strength;
    expect(sameIssuer).toBe(one);
    expect(twoIssuers).toBeGreaterThan(one);
    expect(twoIssuers).toBeLessThanOrEqual(STRENGTH_SCALE);
  });

  it('ignores rejected mappings and weighs proposed ones by confidence', () => {
    expect(skillStrength([evidence('python', credential(), { state: 'rejected' })], AS_OF_DAY).strength).toBe(
      0,
    );
    const proposed = skillStrength(
      [
        evidence('python', credential(), {
          state: 'proposed',
          confidence: 0.5,
        }),
      ],
      AS_OF_DAY,
    );
    expect(proposed.strength).toBe(500);
  });

  it('keeps a verified-only strength and the newest evidence day', () => {
    const s = skillStrength(
      [
        evidence('python', credential({ id: 'a', issuedAt: years(3) })),
        evidence(
          'python',
          credential({
            id: 'b',
            status: 'unverifiable',
            issuerId: 'x',
            issuedAt: years(1),
          }),
        ),
      ],
      AS_OF_DAY,
    );
    expect(s.verifiedStrength).toBeLessThan(s.strength);
    expect(s.lastEvidenceDay).toBeGreaterThan(s.lastVerifiedDay!);
  });

  it('builds one profile per candidate from mixed rows', () => {
    const rows = [
      evidence('python', credential(), { candidateId: 'b' }),
      evidence('java', credential(), { candidateId: 'a' }),
      evidence('python', credential({ id: 'x' }), { candidateId: 'a' }),
    ];
    const profiles = buildProfiles(rows, AS_OF_DAY);
    expect([...profiles.keys()]).toEqual(['a', 'b']);
    expect([...profiles.get('a')!.skills.keys()].sort()).toEqual(['java', 'python']);
  });
});
