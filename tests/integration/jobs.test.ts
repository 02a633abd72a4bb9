import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { outbox } from '@/db/schema';
import { seedStarterTaxonomy } from '@/db/seed/starter-taxonomy';
import type { Actor } from '@/server/domain/auth/actor';
import { levelFromText } from '@/server/services/jobs.service';
import { callerAs, createActor } from '@/tests/helpers/actors';
import { createTestDb } from '@/tests/helpers/db';
import { eq } from 'drizzle-orm';

let db: Db;
let close: () => Promise<void>;
let manager: Actor;

beforeAll(async () => {
  ({ db, close } = await createTestDb());
  await seedStarterTaxonomy(db);
  manager = await createActor(db, 'hiring_manager');
}, 120_000);

afterAll(async () => {
  await close?.();
});

const description = `Senior backend engineer
Requirements:
- Must have 5+ years of Python.
- Experience with SQL databases.
Nice to have: TypeScript.`;

describe('jobs', () => {
  it('proposes required skills from a pasted description and creates the job from them', async () => {
    const caller = callerAs(db, manager);
    const proposed = await caller.jobs.proposeSkills({ description });
    const python = proposed.find((s) => s.skillId === 'starter:python');
    expect(python).toMatchObject({ mustHave: true });
    expect(python!.importance).toBeGreaterThanOrEqual(1);
    expect(python!.importance).toBeLessThanOrEqual(10);
    const job = await caller.jobs.create({ title: 'Backend engineer', description, location: 'Remote' });
    expect(job.version).toBe(1);
    expect(job.requirements.map((r) => r.skillId)).toEqual(proposed.map((p) => p.skillId));
    expect((await caller.jobs.list()).map((j) => j.jobId)).toContain(job.jobId);
  });

  it('keeps every version so a past ranking can be reproduced', async () => {
    const caller = callerAs(db, manager);
    const job = await caller.jobs.create({
      title: 'Data analyst',
      description: '',
      location: '',
      skills: [
        {
          skillId: 'starter:sql',
          label: '',
          importance: 4,
          mustHave: true,
          minLevel: null,
          recencyMonths: null,
        },
      ],
    });
    expect(job.requirements[0].label).toBe('SQL');
    const v2 = await caller.jobs.update({
      jobId: job.jobId,
      title: 'Data analyst (Python)',
      description: '',
      location: '',
      skills: [
        {
          skillId: 'starter:sql',
          label: 'SQL',
          importance: 4,
          mustHave: true,
          minLevel: 'advanced',
          recencyMonths: 24,
        },
        {
          skillId: 'starter:python',
          label: 'Python',
          importance: 2,
          mustHave: false,
          minLevel: null,
          recencyMonths: null,
        },
      ],
    });
    expect(v2).toMatchObject({ version: 2, currentVersion: 2, title: 'Data analyst (Python)' });
    const v1 = await caller.jobs.byId({ jobId: job.jobId, version: 1 });
    expect(v1).toMatchObject({ version: 1, currentVersion: 2, title: 'Data analyst' });
    expect(v1.requirements.map((r) => r.skillId)).toEqual(['starter:sql']);
    expect(v2.requirements[0]).toMatchObject({ minLevel: 'advanced', recencyMonths: 24 });
  });

  it('rejects unknown or duplicated skills', async () => {
    const caller = callerAs(db, manager);
    const base = { title: 'X', description: '', location: '' };
    const skill = (skillId: string, mustHave = false) => ({
      skillId,
      label: '',
      importance: 1,
      mustHave,
      minLevel: null,
      recencyMonths: null,
    });
    await expect(caller.jobs.create({ ...base, skills: [skill('starter:nope')] })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(
      caller.jobs.create({ ...base, skills: [skill('starter:python'), skill('starter:python')] }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('keeps jobs inside their organization', async () => {
    const job = await callerAs(db, manager).jobs.create({
      title: 'Private',
      description: '',
      location: '',
      skills: [],
    });
    const other = await createActor(db, 'hiring_manager');
    await expect(callerAs(db, other).jobs.byId({ jobId: job.jobId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      callerAs(db, other).jobs.update({
        jobId: job.jobId,
        title: 'Mine',
        description: '',
        location: '',
        skills: [],
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await callerAs(db, other).jobs.list()).map((j) => j.jobId)).not.toContain(job.jobId);
  });

  it('lets candidates apply to open jobs (recorded in the outbox) and not to closed ones', async () => {
    const caller = callerAs(db, manager);
    const job = await caller.jobs.create({ title: 'Open role', description: '', location: '', skills: [] });
    const candidate = await createActor(db, 'candidate', { visibility: 'applied_only' });
    const asCandidate = callerAs(db, candidate);
    expect((await asCandidate.jobs.listOpen()).map((j) => j.jobId)).toContain(job.jobId);
    expect(await asCandidate.jobs.applyTo({ jobId: job.jobId })).toEqual({ applied: true });
    expect(await asCandidate.jobs.applyTo({ jobId: job.jobId })).toEqual({ applied: false });
    const rows = await db.select().from(outbox).where(eq(outbox.candidateId, candidate.candidateId!));
    expect(rows.map((r) => r.reason)).toContain('application');
    expect((await asCandidate.jobs.mine()).find((j) => j.jobId === job.jobId)).toMatchObject({
      applied: true,
    });
    await caller.jobs.setStatus({ jobId: job.jobId, status: 'closed' });
    const other = await createActor(db, 'candidate');
    await expect(callerAs(db, other).jobs.applyTo({ jobId: job.jobId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('reads minimum levels from the extractor’s wording', () => {
    expect(levelFromText('5+ years')).toBe('advanced');
    expect(levelFromText('2+ years')).toBe('intermediate');
    expect(levelFromText('expert')).toBe('expert');
    expect(levelFromText(undefined)).toBeNull();
  });
});
