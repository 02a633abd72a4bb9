import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentials } from '@/db/schema';
import { seedStarterTaxonomy } from '@/db/seed/starter-taxonomy';
import type { Actor } from '@/server/domain/auth/actor';
import type { AchievementData } from '@/server/domain/credentials/model';
import { buildServices } from '@/server/container';
import { mapCredentialSkills } from '@/server/services/skill-mapping.service';
import { callerAs, createActor, createOrganization } from '@/tests/helpers/actors';
import { createTestDb, type TestDb } from '@/tests/helpers/db';

const KUBERNETES: AchievementData = {
  name: 'Certified Kubernetes Administrator',
  tags: [],
  alignments: [{ targetName: 'Kubernetes', targetFramework: 'Skillgraph starter', targetCode: 'kubernetes' }],
  resultDescriptions: [],
};

describe('search.candidates through the API, fed by the outbox', () => {
  let t: TestDb;
  let services: ReturnType<typeof buildServices>;
  let recruiter: Actor;
  let visible: Actor;
  let hidden: Actor;

  async function withKubernetes(candidate: Actor) {
    await t.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(credentials)
        .values({
          candidateId: candidate.candidateId!,
          contentHash: randomUUID(),
          raw: '{}',
          mediaType: 'application/json',
          format: 'ob3',
          status: 'verified',
          keyBinding: 'none',
          revocation: 'none',
          issuerName: 'CNCF',
          achievementName: KUBERNETES.name,
          achievement: KUBERNETES,
          normalized: {} as never,
          checks: [],
          sourceFile: 'a.json',
          sourcePath: 'a.json',
          uploadId: randomUUID(),
        })
        .returning({ id: credentials.id });
      await mapCredentialSkills(tx, {
        candidateId: candidate.candidateId!,
        credentialId: row.id,
        achievement: KUBERNETES,
      });
    });
  }

  beforeAll(async () => {
    t = await createTestDb();
    await seedStarterTaxonomy(t.db);
    services = buildServices({ db: t.db });
    const org = await createOrganization(t.db);
    recruiter = await createActor(t.db, 'recruiter', { organizationId: org });
    visible = await createActor(t.db, 'candidate', { name: 'Visible Vera', visibility: 'public' });
    hidden = await createActor(t.db, 'candidate', { name: 'Hidden Hugo', visibility: 'hidden' });
    await withKubernetes(visible);
    await withKubernetes(hidden);
    await services.searchSync.drain();
  });
  afterAll(async () => t.close());

  it('returns visible candidates with highlighted matched skills and facet labels, never hidden ones', async () => {
    const result = await callerAs(t.db, recruiter, services).search.candidates({
      text: 'kubernets',
      facets: ['skills', 'issuers'],
    });
    expect(result.engine).toBe('postgres');
    expect(result.hits.map((hit) => hit.candidateId)).toEqual([visible.candidateId]);
    const [hit] = result.hits;
    expect(hit.matchedSkills.find((skill) => skill.id === 'starter:kubernetes')?.highlight).toContainEqual({
      text: 'Kubernetes',
      match: true,
    });
    expect(hit).not.toHaveProperty('appliedOrganizationIds');
    expect(result.facets.skills).toContainEqual({
      value: 'starter:kubernetes',
      count: 1,
      label: 'Kubernetes',
    });
    expect(result.facets.issuers).toEqual([{ value: 'CNCF', count: 1 }]);
  });

  it('filters on a broad skill and its descendants', async () => {
    const result = await callerAs(t.db, recruiter, services).search.candidates({
      filters: { skillsAll: ['starter:containers'], verifiedSkillsOnly: true },
    });
    expect(result.hits.map((hit) => hit.candidateId)).toEqual([visible.candidateId]);
  });

  it('refuses candidates and unbounded input', async () => {
    await expect(callerAs(t.db, visible, services).search.candidates({ text: 'x' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(callerAs(t.db, null, services).search.candidates({})).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
    const caller = callerAs(t.db, recruiter, services);
    await expect(caller.search.candidates({ text: 'x'.repeat(201) })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(caller.search.candidates({ pageSize: 1000 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      caller.search.candidates({ filters: { skillsAny: Array.from({ length: 51 }, (_, i) => `s:${i}`) } }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(caller.search.candidates({ organizationId: 'other' } as never)).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });
});
