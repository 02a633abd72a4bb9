import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { seedStarterTaxonomy } from '@/db/seed/starter-taxonomy';
import { buildServices } from '@/server/container';
import type { Actor } from '@/server/domain/auth/actor';
import { decodeRankingList } from '@/server/domain/ranking/ranking-list';
import { createRankingService } from '@/server/services/ranking.service';
import { loadSkillEvidence, loadVisibleRankingCandidates } from '@/server/adapters/db/ranking.repo';
import { callerAs, createActor } from '@/tests/helpers/actors';
import { createTestDb } from '@/tests/helpers/db';
import { storeSkillEvidence, type SkillEvidenceOptions } from '@/tests/helpers/skill-evidence';
import { requirement } from '@/tests/unit/ranking/builders';

let db: Db;
let close: () => Promise<void>;
let manager: Actor;
let jobId: string;
const people: Record<string, Actor> = {};
const credentialIds: Record<string, string> = {};

/** Stores a credential and its skill evidence for one of the people above. */
async function holdSkill(who: string, skillId: string, opts: SkillEvidenceOptions = {}) {
  credentialIds[`${who}:${skillId}`] = await storeSkillEvidence(db, people[who].candidateId!, skillId, {
    ...opts,
    contentHash: `${who}-${skillId}-${Math.random()}`,
  });
}

beforeAll(async () => {
  ({ db, close } = await createTestDb());
  await seedStarterTaxonomy(db);
  manager = await createActor(db, 'hiring_manager');
  for (const [name, visibility] of [
    ['ada', 'public'],
    ['bob', 'public'],
    ['cyd', 'applied_only'],
    ['dee', 'applied_only'],
    ['eve', 'hidden'],
    ['fay', 'public'],
    ['gus', 'public'],
  ] as const) {
    people[name] = await createActor(db, 'candidate', { name, visibility });
  }
  // ada: both skills; bob: only JavaScript (related to TypeScript) and Python from an unverifiable credential;
  // cyd and dee: both skills but applied_only (only dee applies); eve: hidden; fay: revoked Python only;
  // gus: Python only, from an older credential.
  await holdSkill('ada', 'starter:python');
  await holdSkill('ada', 'starter:typescript');
  await holdSkill('bob', 'starter:javascript');
  await holdSkill('bob', 'starter:python', { status: 'unverifiable', issuer: 'Bootcamp' });
  await holdSkill('cyd', 'starter:python');
  await holdSkill('cyd', 'starter:typescript');
  await holdSkill('dee', 'starter:python');
  await holdSkill('dee', 'starter:typescript', { years: 3 });
  await holdSkill('eve', 'starter:python');
  await holdSkill('eve', 'starter:typescript');
  await holdSkill('fay', 'starter:python', { status: 'revoked' });
  await holdSkill('gus', 'starter:python', {
    years: 6,
    achievement: 'Python Professional',
    issuer: 'PSF Academy',
  });

  const job = await callerAs(db, manager).jobs.create({
    title: 'Backend engineer',
    description: 'Python services with some TypeScript.',
    location: 'Remote',
    skills: [
      requirement('starter:python', { label: '', importance: 5, mustHave: true }),
      requirement('starter:typescript', { label: '', importance: 3 }),
    ],
  });
  jobId = job.jobId;
  await callerAs(db, people.dee).jobs.applyTo({ jobId });
}, 120_000);

afterAll(async () => {
  await close?.();
});

const name = (id: string) => Object.entries(people).find(([, a]) => a.candidateId === id)?.[0];

describe('ranking.forJob', () => {
  it('ranks only candidates visible to the organization, best first, with exact explanations', async () => {
    const result = await callerAs(db, manager).ranking.forJob({ jobId });
    expect(result.job).toMatchObject({ jobId, version: 1, title: 'Backend engineer' });
    // Sent without superjson's walk (plainJson): nothing in it needs superjson's annotations.
    expect(superjson.serialize(result).meta).toBeUndefined();
    // The list is compact on the wire; decoded, it is the exact score and gap list of each candidate.
    const ranked = decodeRankingList(result);
    const order = ranked.map((c) => name(c.candidateId));
    // ada (fresh, both) > dee (TypeScript 3 years old) > gus (Python only) / bob (partial); cyd, eve, fay never.
    expect(order.slice(0, 2)).toEqual(['ada', 'dee']);
    expect(order).not.toContain('cyd');
    expect(order).not.toContain('eve');
    expect(order).not.toContain('fay');
    expect(new Set(order)).toEqual(new Set(['ada', 'dee', 'gus', 'bob']));
    for (const c of ranked) {
      expect(c.score.contributions.reduce((a, x) => a + x.points, 0)).toBe(c.score.points);
      expect(c.score.score).toBe(c.score.points / c.score.maxPoints);
    }
    const bob = ranked.find((c) => name(c.candidateId) === 'bob')!;
    expect(bob.score.mustHavesMet).toBe(true); // unverifiable Python still counts (less)
    const ts = bob.gaps.find((g) => g.skillId === 'starter:typescript')!;
    expect(ts).toMatchObject({
      status: 'partial',
      instead: { skillId: 'starter:javascript', kind: 'related_essential' },
    });
    expect(ts.evidence[0].credentialId).toBe(credentialIds['bob:starter:javascript']);
    // Closing the gap: achievements other candidates hold for TypeScript, sent once per ranking.
    expect(result.closingTheGap['starter:typescript']!.map((a) => a.achievementName)).toContain(
      'typescript certificate',
    );
    expect(Object.keys(result.closingTheGap).sort()).toEqual(
      [...new Set(ranked.flatMap((c) => c.gaps.map((g) => g.skillId)))].sort(),
    );
    const gus = ranked.find((c) => name(c.candidateId) === 'gus')!;
    // Python is TypeScript's sibling (both programming languages): partial credit with the path recorded.
    expect(gus.gaps).toMatchObject([
      {
        skillId: 'starter:typescript',
        status: 'partial',
        instead: { skillId: 'starter:python', kind: 'sibling' },
        evidence: [
          { credentialId: credentialIds['gus:starter:python'], achievementName: 'Python Professional' },
        ],
      },
    ]);
    expect(gus.gaps[0].instead!.path.map((p) => p.id)).toEqual([
      'starter:typescript',
      'starter:programming-languages',
      'starter:python',
    ]);
  });

  it('filters by verified evidence and by must-haves', async () => {
    const verified = decodeRankingList(
      await callerAs(db, manager).ranking.forJob({ jobId, verifiedOnly: true }),
    );
    const bob = verified.find((c) => name(c.candidateId) === 'bob');
    expect(bob?.score.mustHavesMet).toBe(false);
    const strict = decodeRankingList(
      await callerAs(db, manager).ranking.forJob({
        jobId,
        verifiedOnly: true,
        mustHavesOnly: true,
      }),
    );
    expect(strict.map((c) => name(c.candidateId))).not.toContain('bob');
    expect(strict.every((c) => c.score.mustHavesMet)).toBe(true);
  });

  it('gives the same ranking through the in-memory index and the SQL path', async () => {
    const viaIndex = createRankingService(db, { useIndex: true });
    const viaSql = createRankingService(db, { useIndex: false });
    for (const opts of [
      { partialCredit: true, verifiedOnly: false, mustHavesOnly: false },
      { partialCredit: false, verifiedOnly: true, mustHavesOnly: false },
      { partialCredit: true, verifiedOnly: false, mustHavesOnly: true },
    ]) {
      const a = await viaIndex.forJob(manager, { jobId, limit: 50, ...opts });
      const b = await viaSql.forJob(manager, { jobId, limit: 50, ...opts });
      expect(a.engine).toBe('index');
      expect(b.engine).toBe('sql');
      expect(decodeRankingList(a).map((c) => [c.candidateId, c.score.points, c.gaps])).toEqual(
        decodeRankingList(b).map((c) => [c.candidateId, c.score.points, c.gaps]),
      );
    }
  });

  it('follows candidate changes incrementally', async () => {
    const services = buildServices({ db });
    const caller = callerAs(db, manager, services);
    const before = await caller.ranking.forJob({ jobId });
    expect(before.engine).toBe('index');
    await holdSkill('gus', 'starter:typescript');
    await services.ranking.applyCandidateChanges([people.gus.candidateId!]);
    const after = await caller.ranking.forJob({ jobId });
    const gusBefore = decodeRankingList(before).find((c) => name(c.candidateId) === 'gus')!;
    const gusAfter = decodeRankingList(after).find((c) => name(c.candidateId) === 'gus')!;
    expect(gusAfter.score.points).toBeGreaterThan(gusBefore.score.points);
    expect(gusAfter.gaps.find((g) => g.skillId === 'starter:typescript')).toBeUndefined();
  });

  it('refuses other organizations and candidates', async () => {
    const stranger = await createActor(db, 'hiring_manager');
    await expect(callerAs(db, stranger).ranking.forJob({ jobId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(callerAs(db, people.ada).ranking.forJob({ jobId })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});

describe('ranking.compare and myGap', () => {
  it('compares shortlisted candidates as a skills × candidates matrix and exports CSV', async () => {
    const caller = callerAs(db, manager);
    const ids = [people.ada.candidateId!, people.bob.candidateId!];
    await expect(caller.ranking.compare({ jobId, candidateIds: ids })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    for (const id of ids) await caller.jobs.shortlistAdd({ jobId, candidateId: id });
    await expect(
      caller.jobs.shortlistAdd({ jobId, candidateId: people.eve.candidateId! }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const { matrix, names } = await caller.ranking.compare({ jobId, candidateIds: ids });
    expect(names).toEqual(['ada', 'bob']);
    expect(matrix.skills.map((s) => s.skillId)).toEqual(['starter:python', 'starter:typescript']);
    expect(matrix.cells[0][0].status).toBe('matched');
    expect(matrix.cells[1][1]).toMatchObject({ status: 'partial', via: { skillId: 'starter:javascript' } });
    for (let j = 0; j < 2; j++) {
      expect(matrix.cells.reduce((a, row) => a + row[j].points, 0)).toBe(matrix.candidates[j].points);
    }
    const { csv, filename } = await caller.ranking.compareCsv({ jobId, candidateIds: ids });
    expect(filename).toBe('compare-backend-engineer-v1.csv');
    expect(csv.split('\r\n')[0]).toContain('ada coverage %');
    expect(csv).toContain('TOTAL SCORE');
  });

  it('shows a candidate their own gap for a job they applied to, and nothing for other jobs', async () => {
    const gap = await callerAs(db, people.dee).ranking.myGap({ jobId });
    expect(gap.score.mustHavesMet).toBe(true);
    expect(gap.score.contributions.map((c) => c.status)).toEqual(['matched', 'matched']);
    await expect(callerAs(db, people.ada).ranking.myGap({ jobId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await callerAs(db, people.ada).jobs.save({ jobId });
    const saved = await callerAs(db, people.ada).ranking.myGap({ jobId });
    expect(saved.gaps).toEqual([]);
  });
});

describe('consent', () => {
  it('never shows a candidate who turned hidden, even before the index hears about it', async () => {
    const { candidates } = await import('@/db/schema');
    const { eq } = await import('drizzle-orm');
    const services = buildServices({ db });
    const caller = callerAs(db, manager, services);
    const before = await caller.ranking.forJob({ jobId });
    expect(before.candidates.map((c) => name(c.candidateId))).toContain('ada');
    // The list is now cached; turning hidden must still take effect before the outbox reaches the index.
    await caller.ranking.forJob({ jobId });
    expect(services.ranking.status().listCache).toMatchObject({ hits: 1, computed: 1 });
    await db
      .update(candidates)
      .set({ visibility: 'hidden' })
      .where(eq(candidates.id, people.ada.candidateId!));
    const stale = await caller.ranking.forJob({ jobId });
    expect(stale.candidates.map((c) => name(c.candidateId))).not.toContain('ada');
    await services.ranking.applyCandidateChanges([people.ada.candidateId!]);
    const after = await caller.ranking.forJob({ jobId });
    expect(after.candidates.map((c) => name(c.candidateId))).not.toContain('ada');
  });
});

describe('loadVisibleRankingCandidates', () => {
  it('reads the visible candidates with exactly the evidence loadSkillEvidence reads, in one statement', async () => {
    const all = Object.values(people).map((p) => p.candidateId!);
    const { cards, evidence } = await loadVisibleRankingCandidates(db, manager.organizationId!, all);
    // Consent as in visibleCandidateIds: public, or applied_only and applied (dee); never hidden (eve) or cyd.
    const visible = await (
      await import('@/server/adapters/db/job.repo')
    ).visibleCandidateIds(db, manager.organizationId!, all);
    expect(new Set(cards.keys())).toEqual(visible);
    expect([...cards.keys()].map(name)).not.toContain('eve');
    expect(evidence).toEqual(await loadSkillEvidence(db, [...visible].sort()));
    expect(evidence.some((e) => e.credential?.issuedAt instanceof Date)).toBe(true);
  });

  it('reads a job with the cards its organization may see of given candidates, as candidateCards does', async () => {
    const { candidateCards, findJobVersion } = await import('@/server/adapters/db/job.repo');
    const all = Object.values(people).map((p) => p.candidateId!);
    const job = await findJobVersion(db, jobId, undefined, { appliedCandidates: true, cardsOf: all });
    expect(job!.cards).toEqual(await candidateCards(db, all, { visibleTo: manager.organizationId! }));
    expect([...job!.cards!.keys()].map(name)).not.toContain('eve');
    expect([...job!.cards!.keys()].map(name)).toContain('dee');
  });
});

describe('the ranking list cache', () => {
  const python = (importance: number) => requirement('starter:python', { label: '', importance });

  it('serves a repeated request from the cache and recomputes once a candidate change reaches the index', async () => {
    const services = buildServices({ db });
    const caller = callerAs(db, manager, services);
    const first = await caller.ranking.forJob({ jobId, limit: 50 });
    const again = await caller.ranking.forJob({ jobId, limit: 50 });
    expect(again).toEqual(first);
    expect(services.ranking.status().listCache).toMatchObject({ hits: 1, computed: 1 });
    // Other options are other lists.
    await caller.ranking.forJob({ jobId, limit: 50, partialCredit: false });
    expect(services.ranking.status().listCache).toMatchObject({ hits: 1, computed: 2 });

    people.hal = await createActor(db, 'candidate', { name: 'hal', visibility: 'public' });
    await holdSkill('hal', 'starter:python');
    await holdSkill('hal', 'starter:typescript');
    // The outbox tells the index (applyCandidateChanges); from then on no list computed before is served.
    await services.ranking.applyCandidateChanges([people.hal.candidateId!]);
    const after = await caller.ranking.forJob({ jobId, limit: 50 });
    expect(services.ranking.status().listCache).toMatchObject({ hits: 1, computed: 3 });
    expect(after.candidates.map((c) => name(c.candidateId))).toContain('hal');
    expect(after.candidates.map((c) => c.candidateId)).toEqual(
      (await callerAs(db, manager).ranking.forJob({ jobId, limit: 50 })).candidates.map((c) => c.candidateId),
    );
  });

  it('ranks a new job version by its own requirements', async () => {
    const services = buildServices({ db });
    const caller = callerAs(db, manager, services);
    const job = await caller.jobs.create({ title: 'Versioned', skills: [python(5)] });
    const v1 = await caller.ranking.forJob({ jobId: job.jobId });
    await caller.ranking.forJob({ jobId: job.jobId });
    expect(services.ranking.status().listCache.hits).toBe(1);
    await caller.jobs.update({
      jobId: job.jobId,
      title: 'Versioned',
      skills: [python(5), { ...python(2), skillId: 'starter:typescript' }],
    });
    const v2 = await caller.ranking.forJob({ jobId: job.jobId });
    expect([v1.job.version, v2.job.version]).toEqual([1, 2]);
    expect(v1.requirements.map((r) => r.skillId)).toEqual(['starter:python']);
    expect(v2.requirements.map((r) => r.skillId)).toEqual(['starter:python', 'starter:typescript']);
    expect(services.ranking.status().listCache.hits).toBe(1);
    // A past version asked for by number is still its own list.
    const again = await caller.ranking.forJob({ jobId: job.jobId, version: 1 });
    expect(again.requirements).toEqual(v1.requirements);
  });

  it('shows an applied-only candidate as soon as they apply, even with the list cached', async () => {
    const services = buildServices({ db });
    const caller = callerAs(db, manager, services);
    const before = await caller.ranking.forJob({ jobId, limit: 50 });
    await caller.ranking.forJob({ jobId, limit: 50 });
    expect(services.ranking.status().listCache.hits).toBe(1);
    expect(before.candidates.map((c) => name(c.candidateId))).not.toContain('cyd');
    await callerAs(db, people.cyd).jobs.applyTo({ jobId });
    const after = await caller.ranking.forJob({ jobId, limit: 50 });
    expect(after.candidates.map((c) => name(c.candidateId))).toContain('cyd');
    expect(services.ranking.status().listCache.hits).toBe(1);
  });

  it('keeps at most the configured number of candidates, dropping the least recently used list', async () => {
    const ranking = createRankingService(db, { listCacheMaxCandidates: 8 });
    const rank = (partialCredit: boolean) =>
      ranking.forJob(manager, { jobId, verifiedOnly: false, mustHavesOnly: false, partialCredit, limit: 20 });
    const first = await rank(true);
    const second = await rank(false);
    expect(first.candidates.length + second.candidates.length).toBeGreaterThan(8);
    expect(ranking.status().listCache).toMatchObject({ entries: 1, hits: 0, computed: 2 });
    await rank(false);
    await rank(true);
    expect(ranking.status().listCache).toMatchObject({ entries: 1, hits: 1, computed: 3 });
  });

  it('computes every list when the cache is off', async () => {
    const ranking = createRankingService(db, { listCache: false });
    const a = await ranking.forJob(manager, {
      jobId,
      verifiedOnly: false,
      mustHavesOnly: false,
      partialCredit: true,
      limit: 20,
    });
    const b = await ranking.forJob(manager, {
      jobId,
      verifiedOnly: false,
      mustHavesOnly: false,
      partialCredit: true,
      limit: 20,
    });
    expect(b).toEqual(a);
    expect(ranking.status().listCache).toMatchObject({ enabled: false, hits: 0, computed: 2 });
  });

  it('drops only the cached lists a candidate change can reach', async () => {
    const ranking = createRankingService(db);
    const options = { jobId, verifiedOnly: false, mustHavesOnly: false, partialCredit: true };
    const rank = (limit: number) => ranking.forJob(manager, { ...options, limit });
    const stats = () => ranking.status().listCache;
    const top2 = await rank(2);
    const everyone = await rank(50);
    expect(top2.candidates).toHaveLength(2);
    expect(everyone.candidates.length).toBeLessThan(50);

    // A skill no requirement routes to: neither list can change.
    people.ivy = await createActor(db, 'candidate', { name: 'ivy', visibility: 'public' });
    await holdSkill('ivy', 'starter:figma');
    await ranking.applyCandidateChanges([people.ivy.candidateId!]);
    await rank(2);
    await rank(50);
    expect(stats()).toMatchObject({ hits: 2, computed: 2, invalidated: 0 });

    // Weak Python (unverifiable, six years old): into the list that had room, not past the top two.
    await holdSkill('ivy', 'starter:python', { status: 'unverifiable', issuer: 'Night School', years: 6 });
    await ranking.applyCandidateChanges([people.ivy.candidateId!]);
    expect(stats().invalidated).toBe(1);
    const top2Kept = await rank(2);
    const everyoneNow = await rank(50);
    expect(stats()).toMatchObject({ hits: 3, computed: 3 });
    expect(everyoneNow.candidates.map((c) => name(c.candidateId))).toContain('ivy');
    const fresh = createRankingService(db, { listCache: false });
    expect(top2Kept).toEqual(await fresh.forJob(manager, { ...options, limit: 2 }));

    // A candidate in a list changes it whatever the change: the second of the top two is in both.
    await ranking.applyCandidateChanges([top2.candidates[1].candidateId]);
    expect(stats()).toMatchObject({ entries: 0, invalidated: 3 });
  });

  it('scores from the index, and keeps no list whose gap evidence shows the index behind it', async () => {
    const ranking = createRankingService(db);
    const rank = () =>
      ranking.forJob(manager, {
        jobId,
        verifiedOnly: false,
        mustHavesOnly: false,
        partialCredit: true,
        limit: 50,
      });
    const bobOf = async () => decodeRankingList(await rank()).find((c) => name(c.candidateId) === 'bob')!;
    await ranking.rebuild({ recompute: false });
    // A second, independent JavaScript credential: bob's JavaScript (his TypeScript gap's "instead") is stronger
    // in the evidence than in the index until the outbox applies the change.
    await holdSkill('bob', 'starter:javascript', { issuer: 'Second Academy' });
    const lagging = await bobOf();
    expect(lagging.gaps.find((g) => g.skillId === 'starter:typescript')!.evidence).toHaveLength(2);
    await bobOf();
    expect(ranking.status().listCache).toMatchObject({ hits: 0, computed: 2 });
    await ranking.applyCandidateChanges([people.bob.candidateId!]);
    const applied = await bobOf();
    // The list showed the index's points (the order it ranked by); the applied change raises them.
    expect(applied.score.points).toBeGreaterThan(lagging.score.points);
    await bobOf();
    expect(ranking.status().listCache).toMatchObject({ hits: 1, computed: 3 });
  });
});
