import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestDb, type TestDb } from '@/tests/helpers/db';
import { callerAs, createActor } from '@/tests/helpers/actors';
import { candidateSkillEvidence, credentials, outbox } from '@/db/schema';
import { seedStarterTaxonomy } from '@/db/seed/starter-taxonomy';
import type { AchievementData } from '@/server/domain/credentials/model';
import type { Actor } from '@/server/domain/auth/actor';
import { mapCredentialSkills } from '@/server/services/skill-mapping.service';
import type { Db } from '@/db/client';

async function insertCredential(db: Db, candidateId: string, achievement: AchievementData): Promise<string> {
  const [row] = await db
    .insert(credentials)
    .values({
      candidateId,
      contentHash: randomUUID(),
      raw: '{}',
      mediaType: 'application/json',
      format: 'ob3',
      status: 'verified',
      keyBinding: 'none',
      revocation: 'none',
      achievementName: achievement.name,
      achievement,
      normalized: {} as never,
      checks: [],
      sourceFile: 'test.json',
      sourcePath: 'test.json',
      uploadId: randomUUID(),
    })
    .returning({ id: credentials.id });
  return row.id;
}

const ACHIEVEMENT: AchievementData = {
  name: 'Full-Stack Development Certificate',
  description: 'Built REST APIs in Node.js and TypeScript with a PostgreSQL database, deployed with Docker.',
  criteriaNarrative: 'Passed a capstone project reviewed by mentors; demonstrated unit testing.',
  tags: ['React', 'teamwork'],
  alignments: [{ targetName: 'Kubernetes', targetFramework: 'Skillgraph starter', targetCode: 'kubernetes' }],
  resultDescriptions: [{ name: 'Final project', description: 'Graded on accessibility and performance.' }],
};

describe('skill mapping of credentials', () => {
  let t: TestDb;
  let cand: Actor;
  let credentialId: string;
  beforeAll(async () => {
    t = await createTestDb();
    await seedStarterTaxonomy(t.db);
    cand = await createActor(t.db, 'candidate');
    credentialId = await insertCredential(t.db, cand.candidateId!, ACHIEVEMENT);
  });
  afterAll(async () => t.close());

  const evidence = () =>
    t.db.select().from(candidateSkillEvidence).where(eq(candidateSkillEvidence.credentialId, credentialId));

  it('maps alignments first (confidence 1) and then text fields, with spans and an outbox row', async () => {
    await t.db.transaction((tx) =>
      mapCredentialSkills(tx, { candidateId: cand.candidateId!, credentialId, achievement: ACHIEVEMENT }),
    );
    const rows = await evidence();
    const by = (skill: string, field?: string) =>
      rows.filter((r) => r.skillId === skill && (!field || r.field === field));
    expect(by('starter:kubernetes', 'alignment')[0]).toMatchObject({ method: 'alignment', confidence: 1 });
    const node = by('starter:nodejs', 'description')[0];
    expect(node).toMatchObject({ method: 'label', span: 'Node.js' });
    expect(ACHIEVEMENT.description!.slice(node.spanStart!, node.spanEnd!)).toBe('Node.js');
    expect(by('starter:typescript')).toHaveLength(1);
    expect(by('starter:postgresql')).toHaveLength(1);
    expect(by('starter:docker')).toHaveLength(1);
    expect(by('starter:react', 'tags')[0].confidence).toBeGreaterThanOrEqual(0.9);
    expect(by('starter:teamwork', 'tags')).toHaveLength(1);
    expect(by('starter:unit-testing', 'criteria')).toHaveLength(1);
    expect(by('starter:web-accessibility', 'results')).toHaveLength(1);
    expect(by('starter:fullstack', 'name')).toHaveLength(1);
    expect(rows.every((r) => r.state === 'proposed')).toBe(true);
    const queued = await t.db.select().from(outbox).where(eq(outbox.candidateId, cand.candidateId!));
    expect(queued.some((q) => q.reason === 'skills_mapped')).toBe(true);
  });

  it('lists my skills grouped by taxonomy branch with their evidence', async () => {
    const branches = await callerAs(t.db, cand).skills.listMine();
    const labels = branches.map((b) => b.branchLabel);
    expect(labels).toContain('software development');
    expect(labels).toContain('soft skills');
    const sw = branches.find((b) => b.branchLabel === 'software development')!;
    const ts = sw.skills.find((s) => s.skillId === 'starter:typescript')!;
    expect(ts.evidence[0]).toMatchObject({
      credentialId,
      field: 'description',
      span: 'TypeScript',
      method: 'label',
    });
  });

  it('never brings a rejected skill back on re-mapping, and keeps confirmations', async () => {
    const caller = callerAs(t.db, cand);
    await caller.skills.reject({ skillId: 'starter:docker' });
    await caller.skills.confirm({ skillId: 'starter:typescript' });
    await t.db.transaction((tx) =>
      mapCredentialSkills(tx, { candidateId: cand.candidateId!, credentialId, achievement: ACHIEVEMENT }),
    );
    const rows = await evidence();
    expect(rows.find((r) => r.skillId === 'starter:docker')?.state).toBe('rejected');
    expect(rows.find((r) => r.skillId === 'starter:typescript')?.state).toBe('confirmed');
    const listed = (await caller.skills.listMine()).flatMap((b) => b.skills.map((s) => s.skillId));
    expect(listed).not.toContain('starter:docker');
    expect(listed).toContain('starter:typescript');
    const withRejected = (await caller.skills.listMine({ includeRejected: true })).flatMap((b) => b.skills);
    expect(withRejected.find((s) => s.skillId === 'starter:docker')?.state).toBe('rejected');
    await caller.skills.clearDecision({ skillId: 'starter:docker' });
    const [docker] = await t.db
      .select()
      .from(candidateSkillEvidence)
      .where(
        and(
          eq(candidateSkillEvidence.credentialId, credentialId),
          eq(candidateSkillEvidence.skillId, 'starter:docker'),
        ),
      );
    expect(docker.state).toBe('proposed');
  });

  it('refuses decisions on skills that are not on the profile and callers who are not candidates', async () => {
    await expect(
      callerAs(t.db, cand).skills.confirm({ skillId: 'starter:cobol-nope' }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const recruiter = await createActor(t.db, 'recruiter');
    await expect(callerAs(t.db, recruiter).skills.listMine()).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('deleting a credential deletes its evidence', async () => {
    const other = await insertCredential(t.db, cand.candidateId!, { ...ACHIEVEMENT, alignments: [] });
    await t.db.transaction((tx) =>
      mapCredentialSkills(tx, {
        candidateId: cand.candidateId!,
        credentialId: other,
        achievement: ACHIEVEMENT,
      }),
    );
    await t.db.delete(credentials).where(eq(credentials.id, other));
    const left = await t.db
      .select()
      .from(candidateSkillEvidence)
      .where(eq(candidateSkillEvidence.credentialId, other));
    expect(left).toEqual([]);
  });
});

describe('taxonomy router', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
    await seedStarterTaxonomy(t.db);
  });
  afterAll(async () => t.close());

  it('autocompletes skills for anyone signed in and refuses signed-out callers', async () => {
    const cand = await createActor(t.db, 'candidate');
    const hits = await callerAs(t.db, cand).taxonomy.searchSkills({ query: 'kube' });
    expect(hits[0]).toMatchObject({ id: 'starter:kubernetes', label: 'Kubernetes' });
    const byAlt = await callerAs(t.db, cand).taxonomy.searchSkills({ query: 'k8s' });
    expect(byAlt[0].id).toBe('starter:kubernetes');
    await expect(callerAs(t.db, null).taxonomy.searchSkills({ query: 'kube' })).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
  });

  it('shows a skill with ancestors and neighbours', async () => {
    const cand = await createActor(t.db, 'candidate');
    const d = await callerAs(t.db, cand).taxonomy.skillDetail({ skillId: 'starter:react' });
    expect(d.ancestors.map((a) => a.id)).toEqual(['starter:web-development', 'starter:software-development']);
    expect(d.neighbours.map((n) => n.id)).toContain('starter:javascript');
    await expect(
      callerAs(t.db, cand).taxonomy.skillDetail({ skillId: 'starter:nope' }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('extracts a proposed skill list from a pasted job description for hiring roles only', async () => {
    const hm = await createActor(t.db, 'hiring_manager');
    const jd =
      'Requirements:\n- 3+ years of Python and SQL\n- Experience with Apache Spark\nNice to have: Kubernetes, Terraform';
    const skills = await callerAs(t.db, hm).taxonomy.extractJobSkills({ text: jd });
    const by = Object.fromEntries(skills.map((s) => [s.skillId, s]));
    expect(by['starter:python']).toMatchObject({ mustHave: true, minLevel: '3+ years' });
    expect(by['starter:sql'].mustHave).toBe(true);
    expect(by['starter:spark'].mustHave).toBe(true);
    expect(by['starter:kubernetes'].mustHave).toBe(false);
    expect(by['starter:terraform'].mustHave).toBe(false);
    const cand = await createActor(t.db, 'candidate');
    await expect(callerAs(t.db, cand).taxonomy.extractJobSkills({ text: jd })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});

describe('label index cache', () => {
  it('sees new labels right after an import that changed them', async () => {
    const t = await createTestDb();
    try {
      await seedStarterTaxonomy(t.db);
      const { extractJobSkillsFromText } = await import('@/server/services/taxonomy.service');
      const { loadBundle } = await import('@/server/adapters/taxonomy/framework-loader');
      expect(await extractJobSkillsFromText(t.db, 'We use Quarkuslang daily')).toEqual([]);
      await t.db.transaction((tx) =>
        loadBundle(tx, {
          framework: { id: 'org:test', name: 'Test org skills', version: null, uri: null },
          skills: [
            {
              id: 'org:quarkus',
              uri: null,
              code: null,
              concept: 'skill',
              skillType: null,
              reuseLevel: null,
              preferredLabel: 'Quarkuslang',
              description: null,
            },
          ],
          labels: [],
          broader: [],
          relations: [],
          collections: [],
          occupations: [],
          occupationSkills: [],
        }),
      );
      const found = await extractJobSkillsFromText(t.db, 'We use Quarkuslang daily');
      expect(found.map((s) => s.skillId)).toEqual(['org:quarkus']);
    } finally {
      await t.close();
    }
  });
});
